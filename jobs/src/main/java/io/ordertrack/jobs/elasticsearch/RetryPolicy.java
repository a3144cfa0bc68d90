package io.ordertrack.jobs.elasticsearch;

import java.io.Serializable;
import java.time.Duration;

/**
 * How long a writer keeps retrying writes the cluster cannot take now ({@link WhoseFault#CLUSTER}:
 * unreachable, 429, 5xx, a write block, a missing index, …), with exponential backoff. After the
 * last attempt the writer fails, Flink restarts the job from its last checkpoint, and no document
 * is lost: it never retries forever, never drops silently, never dead-letters such writes.
 *
 * @param maxAttempts attempts per batch, the first one included
 * @param initialBackoff wait before the second attempt; doubled each time up to maxBackoff
 * @param maxBackoff longest single wait
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff)
        implements Serializable {
    /** About 50 s of backoff in all (0.1 s doubling), plus the attempts' own time. */
    public static final RetryPolicy DEFAULT =
            new RetryPolicy(10, Duration.ofMillis(100), Duration.ofSeconds(30));

    /** The wait before attempt number {@code attempt} (2 for the first retry). */
    Duration backoffBefore(int attempt) {
        long millis = initialBackoff.toMillis() << Math.min(attempt - 2, 20);
        return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }
}
