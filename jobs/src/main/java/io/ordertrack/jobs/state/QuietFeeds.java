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
 * with the one it saw; the operator takes what it holds when they are equal and it has read no
 * record for {@code quietAfter} either (or no watermark has come at all: a partition that never had
 * a record holds it back until it is taken for idle). A watermark that stands still while records
 * keep coming is a slow feed or a busy job, not a quiet one: taking what is held then would let the
 * speed of the machine decide what a replay shows.
 */
public final class QuietFeeds implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Duration quietAfter;
    private transient ValueState<Long> watermarkAtCheck;
    private transient ValueState<Long> checkAt;
    private transient long lastRecordAt;

    public QuietFeeds(Duration quietAfter) {
        this.quietAfter = quietAfter;
    }

    /** From the operator's {@code open}. */
    public void open(RuntimeContext context) {
        watermarkAtCheck =
                context.getState(
                        new ValueStateDescriptor<>("watermark-at-quiet-check", Types.LONG));
        checkAt = context.getState(new ValueStateDescriptor<>("quiet-check-at", Types.LONG));
    }

    /** The operator read a record (of any key, or broadcast) at processing time {@code now}. */
    public void recordRead(long now) {
        lastRecordAt = now;
    }

    /** Something is now held: a check comes {@code quietAfter} later, unless one is due. */
    public void holding(TimerService timers) throws Exception {
        if (watermarkAtCheck.value() == null) {
            schedule(timers);
        }
    }

    /**
     * Nothing is held any more: the check is called off, and its timer deleted unless {@code
     * sharedTimer} says another part of the operator has one at the same time (Flink keeps one
     * timer per key and time; when it fires, {@link #isCheck} says it is no check).
     */
    public void released(TimerService timers, SharedTimer sharedTimer) throws Exception {
        Long at = checkAt.value();
        if (at == null) {
            return;
        }
        checkAt.clear();
        watermarkAtCheck.clear();
        if (!sharedTimer.at(at)) {
            timers.deleteProcessingTimeTimer(at);
        }
    }

    /** Whether another part of the operator has a processing-time timer at a time. */
    public interface SharedTimer {
        boolean at(long time) throws Exception;
    }

    /** Whether the processing-time timer at {@code timestamp} is this key's check. */
    public boolean isCheck(long timestamp) throws Exception {
        return Long.valueOf(timestamp).equals(checkAt.value());
    }

    /**
     * A processing-time timer fired: whether the feeds have been quiet since the check was
     * scheduled (take what is held); otherwise, while something is still held, another check.
     */
    public boolean stalled(TimerService timers, boolean stillHolding) throws Exception {
        Long before = watermarkAtCheck.value();
        watermarkAtCheck.clear();
        checkAt.clear();
        long watermark = timers.currentWatermark();
        boolean readNothing =
                timers.currentProcessingTime() - lastRecordAt >= quietAfter.toMillis();
        if (before != null && before == watermark && (readNothing || watermark == Long.MIN_VALUE)) {
            return true;
        }
        if (stillHolding) {
            schedule(timers);
        }
        return false;
    }

    private void schedule(TimerService timers) throws Exception {
        long at = timers.currentProcessingTime() + quietAfter.toMillis();
        watermarkAtCheck.update(timers.currentWatermark());
        checkAt.update(at);
        timers.registerProcessingTimeTimer(at);
    }
}
