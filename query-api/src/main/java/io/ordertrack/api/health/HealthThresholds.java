package io.ordertrack.api.health;

import java.time.Duration;

/**
 * When {@code /health} stops saying UP.
 *
 * @param staleAfter no progress (completed checkpoint) for this long: DEGRADED. Keep it a few
 *     checkpoint intervals (10 s by default)
 * @param downAfter no progress for this long: DOWN
 * @param maxLag records an input topic may have waiting (end offsets less the job's committed
 *     offsets) before DEGRADED; the job commits with each checkpoint, so allow a few checkpoint
 *     intervals' worth of the input rate
 * @param restartWindow a job restart this recent: DEGRADED
 */
public record HealthThresholds(
        Duration staleAfter, Duration downAfter, long maxLag, Duration restartWindow) {

    public static final HealthThresholds DEFAULT =
            new HealthThresholds(
                    Duration.ofSeconds(30), Duration.ofMinutes(5), 10_000, Duration.ofMinutes(10));

    public HealthThresholds {
        if (staleAfter.isNegative() || staleAfter.isZero()) {
            throw new IllegalArgumentException("the stale threshold must be positive");
        }
        if (downAfter.compareTo(staleAfter) <= 0) {
            throw new IllegalArgumentException(
                    "the down threshold must be longer than the stale threshold");
        }
        if (maxLag < 0 || restartWindow.isNegative()) {
            throw new IllegalArgumentException("lag and restart thresholds must not be negative");
        }
    }
}
