package io.ordertrack.jobs.state;

import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;

/**
 * Notices, for a keyed operator that holds records until the watermark passes their time, when the
 * watermark has stopped: the feeds went quiet, and what is held would otherwise wait for the next
 * event. A processing-time check {@code quietAfter} after something is held compares the watermark
 * with the one it saw; the operator takes what it holds when they are equal.
 */
public final class QuietFeeds implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Duration quietAfter;
    private transient ValueState<Long> watermarkAtCheck;

    public QuietFeeds(Duration quietAfter) {
        this.quietAfter = quietAfter;
    }

    /** From the operator's {@code open}. */
    public void open(RuntimeContext context) {
        watermarkAtCheck =
                context.getState(
                        new ValueStateDescriptor<>("watermark-at-quiet-check", Types.LONG));
    }

    /** Something is now held: a check comes {@code quietAfter} later, unless one is due. */
    public void holding(TimerService timers) throws Exception {
        if (watermarkAtCheck.value() == null) {
            schedule(timers);
        }
    }

    /**
     * A processing-time timer fired: whether the watermark stood still since the check was
     * scheduled (take what is held); otherwise, while something is still held, another check.
     */
    public boolean stalled(TimerService timers, boolean stillHolding) throws Exception {
        Long before = watermarkAtCheck.value();
        watermarkAtCheck.clear();
        if (before != null && before == timers.currentWatermark()) {
            return true;
        }
        if (stillHolding) {
            schedule(timers);
        }
        return false;
    }

    private void schedule(TimerService timers) throws Exception {
        watermarkAtCheck.update(timers.currentWatermark());
        timers.registerProcessingTimeTimer(timers.currentProcessingTime() + quietAfter.toMillis());
    }
}
