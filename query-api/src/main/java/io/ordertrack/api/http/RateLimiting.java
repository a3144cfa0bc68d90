package io.ordertrack.api.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.Header;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.ordertrack.api.security.ApiKeyAuthentication;
import io.ordertrack.api.security.Caller;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Per-key rate limits: each key draws from a token bucket of its role's {@link RateLimits}; a
 * request past it answers 429 with {@code Retry-After} (whole seconds), so one key flooding the API
 * leaves the others their share. Public routes are not limited.
 *
 * <p>A refusal is answered after about {@link #REFUSAL_HOLD} (0.5 to 1.5 times it), not at once,
 * without holding a thread: a client that asks again as soon as it is refused (a loop on N
 * connections) would otherwise get thousands of cheap refusals a second that together take the CPU
 * the other keys' requests need (deploy/local/rate-limit-benchmark.sh measured over 10,000 429s a
 * second taking a core). Held, it makes about one request a second on each connection. The hold
 * varies so that refusals given at once are not answered at once: the connections would otherwise
 * come back together every second, as one burst. A client that honours Retry-After loses nothing:
 * it would not have asked again sooner.
 */
public final class RateLimiting implements Handler {
    /** How long a refusal is held before it is answered. */
    static final Duration REFUSAL_HOLD = Duration.ofSeconds(1);

    private final RateLimits limits;
    private final LongSupplier nanoClock;
    private final KeyBuckets buckets = new KeyBuckets();

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
                            long wait = buckets.take(caller, limit, now);
                            if (wait > 0) {
                                ctx.header(
                                        Header.RETRY_AFTER,
                                        String.valueOf(
                                                Math.max(
                                                        1,
                                                        (wait + TimeUnit.SECONDS.toNanos(1) - 1)
                                                                / TimeUnit.SECONDS.toNanos(1))));
                                HttpResponseException refusal =
                                        new HttpResponseException(
                                                HttpStatus.TOO_MANY_REQUESTS.getCode(),
                                                "This key made more requests than its limit ("
                                                        + limit
                                                        + "); retry after the seconds"
                                                        + " Retry-After says");
                                ctx.future(
                                        () ->
                                                CompletableFuture.runAsync(
                                                        () -> {
                                                            throw refusal;
                                                        },
                                                        CompletableFuture.delayedExecutor(
                                                                heldFor(), TimeUnit.NANOSECONDS)));
                            }
                        });
    }

    private static long heldFor() {
        return (long) (REFUSAL_HOLD.toNanos() * ThreadLocalRandom.current().nextDouble(0.5, 1.5));
    }
}
