package io.ordertrack.api.ingest;

import io.ordertrack.api.security.WebhookSignature;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which account of a source signed a webhook, by the Standard Webhooks headers: its id, its
 * timestamp (whole seconds since the epoch, refused more than {@link #TOLERANCE} from now, so that
 * a captured webhook cannot be replayed later) and its signatures.
 */
final class PushSignatures {
    /** How far a webhook's timestamp may be from now: the specification's suggestion. */
    static final Duration TOLERANCE = Duration.ofMinutes(5);

    /** A webhook id: it becomes the event id, so it is bounded and has no spaces. */
    private static final Pattern WEBHOOK_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");

    private static final Pattern SECONDS = Pattern.compile("\\d{1,12}");

    /** A webhook whose signature does not say which account sent it. */
    static final class NotSigned extends Exception {
        NotSigned(String reason) {
            super(reason, null, false, false);
        }
    }

    /** A webhook id that cannot be an event id. */
    static final class BadWebhookId extends Exception {
        BadWebhookId(String reason) {
            super(reason, null, false, false);
        }
    }

    private PushSignatures() {}

    /**
     * The account whose secret signed the webhook.
     *
     * @param id the {@code webhook-id} header, or null
     * @param timestamp the {@code webhook-timestamp} header, or null
     * @param signatures the {@code webhook-signature} header, or null
     * @throws NotSigned when a header is missing, the timestamp is too far from {@code now}, or no
     *     account's secret made any of the signatures
     * @throws BadWebhookId when the id is not 1-128 letters, digits, '_', '.', ':' or '-'
     */
    static IngestSource signerOf(
            List<IngestSource> accounts,
            String id,
            String timestamp,
            String signatures,
            byte[] body,
            Instant now)
            throws NotSigned, BadWebhookId {
        if (id == null || timestamp == null || signatures == null) {
            throw new NotSigned(
                    "A webhook is signed by the Standard Webhooks headers "
                            + WebhookSignature.ID_HEADER
                            + ", "
                            + WebhookSignature.TIMESTAMP_HEADER
                            + " and "
                            + WebhookSignature.SIGNATURE_HEADER);
        }
        if (!SECONDS.matcher(timestamp).matches()) {
            throw new NotSigned(
                    WebhookSignature.TIMESTAMP_HEADER + " is whole seconds since 1970-01-01 UTC");
        }
        long seconds = Long.parseLong(timestamp);
        if (Math.abs(seconds - now.getEpochSecond()) > TOLERANCE.toSeconds()) {
            throw new NotSigned(
                    WebhookSignature.TIMESTAMP_HEADER
                            + " is more than "
                            + TOLERANCE.toMinutes()
                            + " minutes from now: refused as a possible replay");
        }
        if (!WEBHOOK_ID.matcher(id).matches()) {
            throw new BadWebhookId(
                    WebhookSignature.ID_HEADER
                            + " must be 1-128 letters, digits, '_', '.', ':' or '-'");
        }
        IngestSource signer = null;
        for (IngestSource account : accounts) {
            // Every account is tried: how long it takes does not tell which one matched.
            if (account.signature().matches(id, seconds, body, signatures) && signer == null) {
                signer = account;
            }
        }
        if (signer == null) {
            throw new NotSigned("The signature is not this source's");
        }
        return signer;
    }
}
