package io.ordertrack.api.tracking;

import io.ordertrack.api.http.TokenBucket;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the public tracking page lets anyone do, with no key to count by: each client address a few
 * lookups a minute, and each tracking number a few failed checks an hour, so that the four digits
 * of a phone cannot be guessed by trying them all (from one address or from many). Buckets are kept
 * for the most recent clients and numbers only; a forgotten one starts full again.
 */
final class TrackingLimits {
    /** Each client address: 10 lookups at once, then one every 2 seconds. */
    static final double CLIENT_PER_SECOND = 0.5;

    static final int CLIENT_BURST = 10;

    /** Each tracking number: 5 failed checks at once, then one every 12 minutes. */
    static final double FAILED_CHECKS_PER_SECOND = 1.0 / 720;

    static final int FAILED_CHECKS_BURST = 5;

    private static final int REMEMBERED = 100_000;

    private final Map<String, TokenBucket> clients = recent();
    private final Map<String, TokenBucket> failedChecks = recent();

    /** Takes a lookup of the client: 0 when allowed, else the nanoseconds to wait. */
    long lookup(String client, long now) {
        return bucket(clients, client, CLIENT_PER_SECOND, CLIENT_BURST, now).take(now);
    }

    /** The nanoseconds until the number may be checked again: 0 when it may be now. */
    long checksBlocked(String reference, long now) {
        return bucket(failedChecks, reference, FAILED_CHECKS_PER_SECOND, FAILED_CHECKS_BURST, now)
                .waitFor(now);
    }

    /** Counts a failed check of the number. */
    void failedCheck(String reference, long now) {
        bucket(failedChecks, reference, FAILED_CHECKS_PER_SECOND, FAILED_CHECKS_BURST, now)
                .take(now);
    }

    private static TokenBucket bucket(
            Map<String, TokenBucket> buckets, String key, double perSecond, int burst, long now) {
        synchronized (buckets) {
            return buckets.computeIfAbsent(key, k -> new TokenBucket(perSecond, burst, now));
        }
    }

    private static Map<String, TokenBucket> recent() {
        return new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, TokenBucket> eldest) {
                return size() > REMEMBERED;
            }
        };
    }
}
