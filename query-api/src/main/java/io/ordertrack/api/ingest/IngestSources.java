package io.ordertrack.api.ingest;

import io.ordertrack.api.http.RateLimits;
import io.ordertrack.api.ingest.PushFormat.SourceKind;
import io.ordertrack.api.security.WebhookSignature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The sources allowed to push webhooks, one per line of the configuration:
 *
 * <pre>
 * # kind    name       format      tenant  secret                 [warehouse]
 * courier   delhivery  delhivery   acme    whsec_...
 * courier   shiprocket scan-list   acme    whsec_...
 * channel   shopify    shopify     acme    whsec_...              WH-BLR-1
 * channel   woocommerce ordertrack acme    whsec_...
 * </pre>
 *
 * Several tenants may have an account with one source: each signs with its own secret, and the
 * secret that verifies a webhook names its tenant. A source with no line answers 404. Each account
 * may push at most {@link #perAccount()} webhooks a second: a runaway source cannot flood the job's
 * topics and take the gateway from the others.
 */
public final class IngestSources {
    /** No source: every push answers 404. */
    public static final IngestSources NONE = new IngestSources(Map.of(), null);

    /** Each account's rate unless configured: 500 webhooks a second, 1,000 at once. */
    public static final RateLimits.Limit DEFAULT_RATE = new RateLimits.Limit(500, 1_000);

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private final Map<String, List<IngestSource>> byPath;
    private final RateLimits.Limit perAccount;

    private IngestSources(Map<String, List<IngestSource>> byPath, RateLimits.Limit perAccount) {
        this.byPath = byPath;
        this.perAccount = perAccount;
    }

    /** These sources, each account limited to {@code rate} (null: unlimited). */
    public IngestSources withRate(RateLimits.Limit rate) {
        return new IngestSources(byPath, rate);
    }

    /** How many webhooks a second each account may push; null when unlimited. */
    public RateLimits.Limit perAccount() {
        return perAccount;
    }

    /**
     * Reads the configuration's lines; blank lines and {@code #} comments are skipped.
     *
     * @throws IllegalArgumentException naming the line of the first problem (never its secret)
     */
    public static IngestSources parse(String text) {
        List<IngestSource> sources = new ArrayList<>();
        String[] lines = text.split("\\R|;");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                sources.add(sourceOf(line.split("\\s+")));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "ingest source " + (i + 1) + ": " + e.getMessage());
            }
        }
        return new IngestSources(
                sources.stream()
                        .collect(
                                Collectors.groupingBy(
                                        source -> path(source.format().kind(), source.name()))),
                DEFAULT_RATE);
    }

    private static IngestSource sourceOf(String[] fields) {
        if (fields.length < 5 || fields.length > 6) {
            throw new IllegalArgumentException(
                    "expected: courier|channel <name> <format> <tenant> <whsec_ secret>"
                            + " [warehouse], got "
                            + fields.length
                            + " fields");
        }
        SourceKind kind =
                switch (fields[0]) {
                    case "courier" -> SourceKind.COURIER;
                    case "channel" -> SourceKind.CHANNEL;
                    default ->
                            throw new IllegalArgumentException(
                                    "the kind is courier or channel, got '" + fields[0] + "'");
                };
        if (!NAME.matcher(fields[1]).matches()) {
            throw new IllegalArgumentException(
                    "a source's name is 1-32 lowercase letters, digits, '_' or '-', got '"
                            + fields[1]
                            + "'");
        }
        PushFormat format =
                PushFormat.named(fields[2])
                        .filter(named -> named.kind() == kind)
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "a "
                                                        + kind.word()
                                                        + "'s format is one of "
                                                        + formatsOf(kind)
                                                        + ", got '"
                                                        + fields[2]
                                                        + "'"));
        if (!IDENTIFIER.matcher(fields[3]).matches()) {
            throw new IllegalArgumentException(
                    "a tenant is 1-64 letters, digits, '_', '.' or '-', got '" + fields[3] + "'");
        }
        String warehouse = fields.length == 6 ? fields[5] : null;
        if (warehouse != null && kind == SourceKind.COURIER) {
            throw new IllegalArgumentException("a courier's line names no warehouse");
        }
        if (warehouse != null && !IDENTIFIER.matcher(warehouse).matches()) {
            throw new IllegalArgumentException(
                    "a warehouse is 1-64 letters, digits, '_', '.' or '-', got '"
                            + warehouse
                            + "'");
        }
        if (format == PushFormat.SHOPIFY && warehouse == null) {
            throw new IllegalArgumentException(
                    "a Shopify source names the warehouse its orders ship from");
        }
        return new IngestSource(
                fields[1], format, fields[3], WebhookSignature.ofSecret(fields[4]), warehouse);
    }

    private static String formatsOf(SourceKind kind) {
        return Arrays.stream(PushFormat.values())
                .filter(format -> format.kind() == kind)
                .map(PushFormat::word)
                .collect(Collectors.joining(", "));
    }

    /** The accounts of the source pushing to {@code /ingest/<kind>s/<name>}; empty when none. */
    public List<IngestSource> of(SourceKind kind, String name) {
        return byPath.getOrDefault(path(kind, name), List.of());
    }

    /** How many accounts are configured. */
    public int size() {
        return byPath.values().stream().mapToInt(List::size).sum();
    }

    private static String path(SourceKind kind, String name) {
        return kind.word() + "/" + name;
    }
}
