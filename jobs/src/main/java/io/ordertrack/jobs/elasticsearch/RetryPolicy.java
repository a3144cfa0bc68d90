package io.ordertrack.jobs.elasticsearch;

import java.io.Serializable;
import java.time.Duration;

/**
 * How long a writer keeps retrying Elasticsearch when it is unreachable or pushes back (429, 5xx),
 * with exponential backoff. After the last attempt the writer fails, Flink restarts the job from
 * its last checkpoint, and no document is lost: it never retries forever and never drops silently.
 *
 * @param maxAttempts attempts per bulk request, the first one included
 * @param initialBackoff wait before the second attempt; doubled each time up to maxBackoff
 * @param maxBackoff longest single wait
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff)
        implements Serializable {
    /** About two minutes of retries in all. */
    public static final RetryPolicy DEFAULT =
            new RetryPolicy(10, Duration.ofMillis(100), Duration.ofSeconds(30));

    /** The wait before attempt number {@code attempt} (2 for the first retry). */
    Duration backoffBefore(int attempt) {
        long millis = initialBackoff.toMillis() << Math.min(attempt - 2, 20);
        return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }
}
