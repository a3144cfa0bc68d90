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
 *
 * <p>The pending check of a key is kept in two keyed states of its own ({@link #open}), or, by an
 * operator that keeps everything of a key in one value, there ({@link Check}).
 */
public final class QuietFeeds implements Serializable {
    private static final long serialVersionUID = 1L;

    /** No check pending. */
    public static final long NONE = Long.MIN_VALUE;

    /** Where a key's pending check is kept: when it is due, and the watermark it saw. */
    public interface Check {
        /** When the check is due (processing time), or {@link #NONE}. */
        long at() throws Exception;

        /** The watermark when the check was set. */
        long watermark() throws Exception;

        void set(long at, long watermark) throws Exception;

        void clear() throws Exception;
    }

    private final Duration quietAfter;
    private transient Check keyedCheck;
    private transient long lastRecordAt;

    public QuietFeeds(Duration quietAfter) {
        this.quietAfter = quietAfter;
    }

    /** From the operator's {@code open}, for a check kept in keyed states of its own. */
    public void open(RuntimeContext context) {
        keyedCheck = new KeyedCheck(context);
    }

    /** The operator read a record (of any key, or broadcast) at processing time {@code now}. */
    public void recordRead(long now) {
        lastRecordAt = now;
    }

    /** Something is now held: a check comes {@code quietAfter} later, unless one is due. */
    public void holding(TimerService timers) throws Exception {
        holding(keyedCheck, timers);
    }

    /** {@link #holding(TimerService)}, the check kept in {@code check}. */
    public void holding(Check check, TimerService timers) throws Exception {
        if (check.at() == NONE) {
            schedule(check, timers);
        }
    }

    /**
     * Nothing is held any more: the check is called off, and its timer deleted unless {@code
     * sharedTimer} says another part of the operator has one at the same time (Flink keeps one
     * timer per key and time; when it fires, {@link #isCheck} says it is no check).
     */
    public void released(TimerService timers, SharedTimers.StillNeeded sharedTimer)
            throws Exception {
        released(keyedCheck, timers, sharedTimer);
    }

    /**
     * {@link #released(TimerService, SharedTimers.StillNeeded)}, the check kept in {@code check}.
     */
    public void released(Check check, TimerService timers, SharedTimers.StillNeeded sharedTimer)
            throws Exception {
        long at = check.at();
        if (at == NONE) {
            return;
        }
        check.clear();
        if (!sharedTimer.at(at)) {
            timers.deleteProcessingTimeTimer(at);
        }
    }

    /** Whether the processing-time timer at {@code timestamp} is this key's check. */
    public boolean isCheck(long timestamp) throws Exception {
        return isCheck(keyedCheck, timestamp);
    }

    /** {@link #isCheck(long)}, the check kept in {@code check}. */
    public boolean isCheck(Check check, long timestamp) throws Exception {
        return timestamp != NONE && timestamp == check.at();
    }

    /**
     * A processing-time timer fired: whether the feeds have been quiet since the check was
     * scheduled (take what is held); otherwise, while something is still held, another check.
     */
    public boolean stalled(TimerService timers, boolean stillHolding) throws Exception {
        return stalled(keyedCheck, timers, stillHolding);
    }

    /** {@link #stalled(TimerService, boolean)}, the check kept in {@code check}. */
    public boolean stalled(Check check, TimerService timers, boolean stillHolding)
            throws Exception {
        boolean pending = check.at() != NONE;
        long before = check.watermark();
        check.clear();
        long watermark = timers.currentWatermark();
        boolean readNothing =
                timers.currentProcessingTime() - lastRecordAt >= quietAfter.toMillis();
        if (pending && before == watermark && (readNothing || watermark == Long.MIN_VALUE)) {
            return true;
        }
        if (stillHolding) {
            schedule(check, timers);
        }
        return false;
    }

    private void schedule(Check check, TimerService timers) throws Exception {
        long at = timers.currentProcessingTime() + quietAfter.toMillis();
        check.set(at, timers.currentWatermark());
        timers.registerProcessingTimeTimer(at);
    }

    /**
     * The check in two keyed states of the operator's own, by the names builds before {@link Check}
     * gave them (so savepoints restore).
     */
    public static final class KeyedCheck implements Check {
        private final ValueState<Long> checkAt;
        private final ValueState<Long> watermarkAtCheck;

        public KeyedCheck(RuntimeContext context) {
            checkAt = context.getState(new ValueStateDescriptor<>("quiet-check-at", Types.LONG));
            watermarkAtCheck =
                    context.getState(
                            new ValueStateDescriptor<>("watermark-at-quiet-check", Types.LONG));
        }

        @Override
        public long at() throws Exception {
            Long at = checkAt.value();
            return at == null ? NONE : at;
        }

        @Override
        public long watermark() throws Exception {
            Long watermark = watermarkAtCheck.value();
            return watermark == null ? NONE : watermark;
        }

        @Override
        public void set(long at, long watermark) throws Exception {
            checkAt.update(at);
            watermarkAtCheck.update(watermark);
        }

        @Override
        public void clear() {
            checkAt.clear();
            watermarkAtCheck.clear();
        }
    }
}
