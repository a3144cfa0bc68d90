package io.ordertrack.api.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.Header;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.ordertrack.api.security.ApiKeyAuthentication;
import io.ordertrack.api.security.Caller;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Per-key rate limits: each key draws from a token bucket of its role's {@link RateLimits}; a
 * request past it answers 429 with {@code Retry-After} (whole seconds), so one key flooding the API
 * leaves the others their share. Public routes are not limited.
 */
public final class RateLimiting implements Handler {
    private final RateLimits limits;
    private final LongSupplier nanoClock;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    public RateLimiting(RateLimits limits, LongSupplier nanoClock) {
        this.limits = limits;
        this.nanoClock = nanoClock;
    }

    @Override
    public void handle(Context ctx) {
        Caller caller = ApiKeyAuthentication.callerIfAuthenticated(ctx).orElse(null);
        if (caller == null) {
            return;
        }
        limits.of(caller.role())
                .ifPresent(
                        limit -> {
                            long now = nanoClock.getAsLong();
                            long wait =
                                    buckets.computeIfAbsent(
                                                    caller.keyId(),
                                                    key ->
                                                            new TokenBucket(
                                                                    limit.perSecond(),
                                                                    limit.burst(),
                                                                    now))
                                            .take(now);
                            if (wait > 0) {
                                ctx.header(
                                        Header.RETRY_AFTER,
                                        String.valueOf(
                                                Math.max(
                                                        1,
                                                        (wait + TimeUnit.SECONDS.toNanos(1) - 1)
                                                                / TimeUnit.SECONDS.toNanos(1))));
                                throw new HttpResponseException(
                                        HttpStatus.TOO_MANY_REQUESTS.getCode(),
                                        "This key made more requests than its limit ("
                                                + limit
                                                + "); retry after the seconds Retry-After says");
                            }
                        });
    }
}
