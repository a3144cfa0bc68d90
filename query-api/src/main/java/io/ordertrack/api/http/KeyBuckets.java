package io.ordertrack.api.http;

import io.ordertrack.api.security.Caller;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The token bucket of every key, kept by the key's whole hash: two keys never share a bucket, even
 * when the short ids the logs show for them are equal.
 */
final class KeyBuckets {
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    /**
     * Takes a token from the caller's bucket (filled to {@code limit}'s burst on its first
     * request): 0 when one was there, else the nanoseconds until one will be.
     */
    long take(Caller caller, RateLimits.Limit limit, long now) {
        return buckets.computeIfAbsent(
                        caller.keyHash(),
                        hash -> new TokenBucket(limit.perSecond(), limit.burst(), now))
                .take(now);
    }
}
