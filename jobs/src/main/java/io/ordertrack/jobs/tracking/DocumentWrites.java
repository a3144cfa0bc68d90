package io.ordertrack.jobs.tracking;

import io.ordertrack.avro.OrderState;
import io.ordertrack.jobs.risk.OrderChange;
import java.io.Serializable;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.util.Collector;

/**
 * When the tracker sends a changed order on, to be scored and written. A live order (latest event
 * within {@link OrderTracker.Writes#liveLag()} of the wall clock) goes whole, to be written at
 * once. An order caught up from old events (a replay, a backlog, a courier's late batch) goes as
 * what the risk model reads, and whole at most once per {@link OrderTracker.Writes#catchUpDelay()},
 * with its latest state, to be written: a replay writes each order a few times instead of on every
 * event. The pending write is keyed state with a processing-time timer, so a restore loses none;
 * the timer is told from the tracker's other one, the quiet check, by its time.
 */
final class DocumentWrites implements Serializable {
    private static final long serialVersionUID = 1L;

    private final OrderTracker.Writes writes;
    private transient ValueState<Long> writeAt;

    DocumentWrites(OrderTracker.Writes writes) {
        this.writes = writes;
    }

    /** From the tracker's {@code open}. */
    void open(RuntimeContext context) {
        writeAt = context.getState(new ValueStateDescriptor<>("document-write-at", Types.LONG));
    }

    /**
     * Sends a changed order on.
     *
     * @param rescore false when only a timer changed the order (its timed flags, which the risk
     *     model does not read), or when its outcome was known already: rescored that late, it would
     *     count the outcomes learned meanwhile in one run and not in another
     */
    void send(OrderState order, boolean rescore, TimerService timers, Collector<OrderChange> out)
            throws Exception {
        long now = timers.currentProcessingTime();
        Long pendingWrite = writeAt.value();
        if (order.getLastEventAt().toEpochMilli() >= now - writes.liveLag().toMillis()) {
            if (pendingWrite != null) {
                timers.deleteProcessingTimeTimer(pendingWrite);
                writeAt.clear();
            }
            out.collect(rescore ? OrderChange.live(order) : OrderChange.due(order));
            return;
        }
        if (rescore) {
            out.collect(OrderChange.caughtUp(order));
        }
        if (pendingWrite == null) {
            long at = now + writes.catchUpDelay().toMillis();
            timers.registerProcessingTimeTimer(at);
            writeAt.update(at);
        }
    }

    /** Whether the processing-time timer at {@code timestamp} is the held-back write's. */
    boolean isDue(long timestamp) throws Exception {
        return Long.valueOf(timestamp).equals(writeAt.value());
    }

    /** The held-back write fell due: the order, as it is now (if still kept), is written. */
    void writeDue(OrderState order, Collector<OrderChange> out) throws Exception {
        writeAt.clear();
        if (order != null) {
            out.collect(OrderChange.due(order));
        }
    }

    /** The order is about to be forgotten: a write still held back goes now. */
    void writePending(OrderState order, TimerService timers, Collector<OrderChange> out)
            throws Exception {
        Long pendingWrite = writeAt.value();
        if (pendingWrite != null) {
            timers.deleteProcessingTimeTimer(pendingWrite);
            writeDue(order, out);
        }
    }
}
