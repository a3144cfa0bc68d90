package io.ordertrack.api.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The API keys the API accepts, each stored only as its SHA-256 hash, with its {@link Role}: bound
 * to one tenant, or marked {@code *analyst} (aggregates across tenants), {@code *metrics} ({@code
 * /metrics} only) or {@code *all-tenants} (everything of every tenant).
 *
 * <p>Configuration is one key a line, {@code <sha256 hex> <tenantId|marker>}; lines are separated
 * by newlines or {@code ;}, blank lines and lines starting with {@code #} are ignored. Error
 * messages name the line number but never echo its content, in case someone pasted a raw key.
 */
public final class ApiKeys {
    /** The marker, in place of a tenant id, of a key that reads aggregates across tenants. */
    public static final String ANALYST_MARKER = Role.ANALYST.marker;

    /** The marker of a key that reads {@code /metrics} only. */
    public static final String METRICS_MARKER = Role.METRICS.marker;

    /** The marker of a key that reads everything of every tenant. */
    public static final String ALL_TENANTS_MARKER = Role.ALL_TENANTS.marker;

    private static final Pattern HASH = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern TENANT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Pattern LINE_SEPARATOR = Pattern.compile("\\R|;");
    private static final Pattern FIELD_SEPARATOR = Pattern.compile("\\s+");
    private static final HexFormat HEX = HexFormat.of();

    private final List<Entry> entries;

    private record Entry(byte[] hash, Caller caller) {}

    private ApiKeys(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * Parses key lines (see the class comment).
     *
     * @throws IllegalArgumentException naming the first malformed line, or when no key is given
     */
    public static ApiKeys parse(String text) {
        List<Entry> entries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String[] lines = LINE_SEPARATOR.split(text, -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Entry entry = parseLine(line, i + 1);
            if (!seen.add(HEX.formatHex(entry.hash()))) {
                throw new IllegalArgumentException(
                        "API keys line " + (i + 1) + ": the same key hash is listed twice");
            }
            entries.add(entry);
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("API keys: no key configured");
        }
        return new ApiKeys(entries);
    }

    /** Reads key lines from a file. */
    public static ApiKeys load(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the API keys file " + file, e);
        }
    }

    private static Entry parseLine(String line, int number) {
        String[] fields = FIELD_SEPARATOR.split(line);
        String where = "API keys line " + number + ": ";
        if (fields.length != 2) {
            throw new IllegalArgumentException(
                    where
                            + "expected '<sha256 hex> <tenantId>' or '<sha256 hex> <marker>', got "
                            + fields.length
                            + " fields");
        }
        if (!HASH.matcher(fields[0]).matches()) {
            throw new IllegalArgumentException(
                    where + "the key must be given as a SHA-256 hash of 64 hex characters");
        }
        String hash = fields[0].toLowerCase();
        return new Entry(HEX.parseHex(hash), callerOf(fields[1], hash, where));
    }

    private static Caller callerOf(String field, String keyHash, String where) {
        if (field.startsWith("*")) {
            return Caller.of(
                    Role.ofMarker(field)
                            .orElseThrow(
                                    () ->
                                            new IllegalArgumentException(
                                                    where
                                                            + "unknown role marker; one of "
                                                            + ANALYST_MARKER
                                                            + ", "
                                                            + METRICS_MARKER
                                                            + ", "
                                                            + ALL_TENANTS_MARKER)),
                    null,
                    keyHash);
        }
        if (!TENANT_ID.matcher(field).matches()) {
            throw new IllegalArgumentException(
                    where + "the tenant id must be 1-64 letters, digits, '_', '.' or '-'");
        }
        return Caller.of(Role.TENANT, field, keyHash);
    }

    /**
     * The caller a presented key stands for, or empty for an unknown key. Every configured hash is
     * compared in constant time, so the answer time does not depend on which key matched or how
     * much of it.
     */
    public Optional<Caller> authenticate(String presentedKey) {
        if (presentedKey == null || presentedKey.isEmpty()) {
            return Optional.empty();
        }
        byte[] presented = sha256(presentedKey);
        Caller match = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.hash(), presented)) {
                match = entry.caller();
            }
        }
        return Optional.ofNullable(match);
    }

    /** How many keys are configured. */
    public int size() {
        return entries.size();
    }

    @Override
    public String toString() {
        return "ApiKeys[" + entries.size() + " keys]";
    }

    /** The lowercase hex SHA-256 of a key, as written in the key configuration. */
    public static String hash(String key) {
        return HEX.formatHex(sha256(key));
    }

    /** A new random key (256 bits, URL-safe Base64), e.g. for a local demo tenant. */
    public static String newKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /**
     * Prints a configuration line for a key: {@code ApiKeys <tenantId|marker> [key]}; without a key
     * a new one is generated and printed on its own line first.
     */
    public static void main(String[] args) {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: ApiKeys <tenantId|*analyst|*metrics|*all-tenants> [key]");
            System.exit(2);
        }
        String key = args.length == 2 ? args[1] : newKey();
        if (args.length == 1) {
            System.out.println("key: " + key);
        }
        String line = hash(key) + " " + args[0];
        parse(line);
        System.out.println(line);
    }
}
