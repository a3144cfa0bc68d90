package io.ordertrack.domain.risk;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/**
 * When the learned models (the RTO risk, {@link RtoLearning}; the expected delivery, {@code
 * TransitLearning}) count what a finished order teaches, so that a prediction is a function of the
 * data alone: the same feed replayed, or restored from a savepoint, predicts the same, whatever
 * order the outcomes and the orders reach the model in.
 *
 * <p>The rule: a change of an order is predicted with the outcomes known before the start of the
 * hour that lies {@code lag} before the order's latest event. A change waits until the watermark
 * has passed its latest event less half the lag; by then every outcome it counts has arrived, since
 * each counts from no earlier than its arrival. What was learned is kept folded once no change
 * still to come can be predicted without it — a week and the lag behind the watermark, so a change
 * up to a week late is still predicted by the rule — and the recent outcomes by hour.
 */
public final class LearningClock implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * How late a change may reach the model and still be predicted by the rule: a courier's scans
     * come days late. Recent outcomes are kept this long (and the lag) by hour.
     */
    private static final Duration LATE_CHANGES = Duration.ofDays(7);

    private final long lagMillis;

    public LearningClock(Duration lag) {
        if (lag.isNegative() || lag.isZero()) {
            throw new IllegalArgumentException("the learning lag must be positive, got " + lag);
        }
        this.lagMillis = lag.toMillis();
    }

    /** The watermark a change of an order whose latest event is at {@code changeAt} waits for. */
    public long predictableAt(Instant changeAt) {
        return changeAt.toEpochMilli() - lagMillis / 2;
    }

    /**
     * The time (epoch ms) outcomes a change at {@code changeAt} counts are known before: each model
     * counts the whole slots (hours, days) that end by then.
     */
    public long countsBefore(Instant changeAt) {
        return changeAt.toEpochMilli() - lagMillis;
    }

    /**
     * The time (epoch ms) before which outcomes can be folded at this watermark, in whole slots: no
     * change still to come is predicted without them.
     */
    public long foldsBefore(long watermark) {
        long horizon = LATE_CHANGES.toMillis() + lagMillis;
        return watermark < Long.MIN_VALUE + horizon ? Long.MIN_VALUE : watermark - horizon;
    }
}
