package io.ordertrack.api.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.Header;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.ordertrack.api.security.ApiKeyAuthentication;
import io.ordertrack.api.security.Caller;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
    private static final Logger LOG = LoggerFactory.getLogger(RateLimiting.class);

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
                                ctx.future(() -> held(ctx, refusal));
                            }
                        });
    }

    /**
     * The refusal, answered when the hold ends, unless the exchange ended first. A server stopping
     * with refusals held (as at the end of a load run) completes and recycles their requests, and
     * answering one then threw from a response that no longer exists: two WARN stack traces each.
     * Such an answer is left unsent, noted at DEBUG: nobody is there to read it. (A client that
     * only closes its connection is noticed when the answer is written, which Javalin logs at DEBUG
     * as a client abort.)
     */
    private static CompletableFuture<Void> held(Context ctx, HttpResponseException refusal) {
        String requestId = RequestIds.of(ctx);
        CompletableFuture<Void> answer = new CompletableFuture<>();
        AtomicBoolean ended = new AtomicBoolean();
        ctx.req().getAsyncContext().addListener(new ExchangeEnd(ended));
        CompletableFuture.delayedExecutor(heldFor(), TimeUnit.NANOSECONDS)
                .execute(
                        () -> {
                            if (ended.get()) {
                                LOG.debug(
                                        "A held refusal's exchange ended before its answer"
                                                + " (request {})",
                                        requestId);
                            } else {
                                answer.completeExceptionally(refusal);
                            }
                        });
        return answer;
    }

    /** Notes that the container ended a held exchange (completed it, or failed it). */
    private record ExchangeEnd(AtomicBoolean ended) implements AsyncListener {
        @Override
        public void onComplete(AsyncEvent event) {
            ended.set(true);
        }

        @Override
        public void onError(AsyncEvent event) {
            ended.set(true);
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            // Javalin's own listener answers a timed-out request.
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // Holds never restart.
        }
    }

    private static long heldFor() {
        return (long) (REFUSAL_HOLD.toNanos() * ThreadLocalRandom.current().nextDouble(0.5, 1.5));
    }
}
