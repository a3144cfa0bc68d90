package io.ordertrack.api.http;

/**
 * A token bucket: holds up to {@code burst} tokens, refilled at {@code perSecond}; each request
 * takes one. Times are {@link System#nanoTime()} readings, given by the caller.
 */
public final class TokenBucket {
    private static final double NANOS_PER_SECOND = 1e9;

    private final double perSecond;
    private final double burst;
    private double tokens;
    private long refilledAt;

    public TokenBucket(double perSecond, int burst, long now) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("a rate must be > 0 and a burst ≥ 1");
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.tokens = burst;
        this.refilledAt = now;
    }

    /** Takes a token: 0 when one was there, else the nanoseconds until one will be. */
    public synchronized long take(long now) {
        refill(now);
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) / perSecond * NANOS_PER_SECOND);
    }

    /** The nanoseconds until a token will be there, without taking one: 0 when one is. */
    public synchronized long waitFor(long now) {
        refill(now);
        return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / perSecond * NANOS_PER_SECOND);
    }

    private void refill(long now) {
        if (now > refilledAt) {
            tokens = Math.min(burst, tokens + (now - refilledAt) / NANOS_PER_SECOND * perSecond);
            refilledAt = now;
        }
    }
}
