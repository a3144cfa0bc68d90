package io.ordertrack.api.security;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a webhook by the Standard Webhooks 1.0 specification: HMAC-SHA256, keyed by the
 * bytes of a {@code whsec_<base64>} secret, over {@code <webhook-id>.<webhook-timestamp>.<body>};
 * sent as {@code webhook-signature: v1,<base64>} (several space-separated when a secret is being
 * rotated). Any of the specification's receiver libraries verifies what {@link #sign} makes, and
 * {@link #matches} accepts what they send.
 */
public final class WebhookSignature {
    public static final String ID_HEADER = "webhook-id";
    public static final String TIMESTAMP_HEADER = "webhook-timestamp";
    public static final String SIGNATURE_HEADER = "webhook-signature";

    private static final String SECRET_PREFIX = "whsec_";
    private static final String VERSION_PREFIX = "v1,";
    private static final String ALGORITHM = "HmacSHA256";

    /** The specification's own bounds on a secret's key: 24 to 64 bytes. */
    private static final int MIN_KEY_BYTES = 24;

    private static final int MAX_KEY_BYTES = 64;

    private final SecretKeySpec key;

    private WebhookSignature(byte[] key) {
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    /**
     * The signature of a {@code whsec_<base64>} secret.
     *
     * @throws IllegalArgumentException when it is not one (the message never repeats the secret)
     */
    public static WebhookSignature ofSecret(String secret) {
        if (secret == null || !secret.startsWith(SECRET_PREFIX)) {
            throw new IllegalArgumentException("a webhook secret starts with " + SECRET_PREFIX);
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "a webhook secret is " + SECRET_PREFIX + " and base64");
        }
        if (key.length < MIN_KEY_BYTES || key.length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException(
                    "a webhook secret's key is "
                            + MIN_KEY_BYTES
                            + " to "
                            + MAX_KEY_BYTES
                            + " bytes, got "
                            + key.length);
        }
        return new WebhookSignature(key);
    }

    /** A new random secret, {@code whsec_} and 32 bytes in base64. */
    public static String newSecret(SecureRandom random) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** The {@code webhook-signature} header of a webhook: {@code v1,<base64>}. */
    public String sign(String id, long timestampSeconds, byte[] body) {
        return VERSION_PREFIX + Base64.getEncoder().encodeToString(mac(id, timestampSeconds, body));
    }

    /**
     * Whether one of the header's space-separated {@code v1,} signatures is this secret's for the
     * webhook. Every candidate is compared in constant time, whatever matched before it.
     */
    public boolean matches(String id, long timestampSeconds, byte[] body, String header) {
        byte[] expected = sign(id, timestampSeconds, body).getBytes(StandardCharsets.US_ASCII);
        boolean matched = false;
        for (String candidate : header.split(" ")) {
            matched |=
                    MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.US_ASCII));
        }
        return matched;
    }

    private byte[] mac(String id, long timestampSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update((id + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
