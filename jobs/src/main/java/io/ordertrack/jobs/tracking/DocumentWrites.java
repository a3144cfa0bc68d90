package io.ordertrack.jobs.tracking;

import io.ordertrack.avro.OrderState;
import io.ordertrack.avro.TrackedOrder;
import io.ordertrack.jobs.risk.OrderChange;
import java.io.Serializable;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.util.Collector;

/**
 * When the tracker sends a changed order on, to be scored and written. A live order (latest event
 * within {@link OrderTracker.Writes#liveLag()} of the wall clock) goes whole, to be written at
 * once. An order caught up from old events (a replay, a backlog, a courier's late batch) goes as
 * what the risk model and the expected delivery read, and whole once its write falls due, with its
 * latest state: {@link OrderTracker.Writes#catchUpDelay()} after its first caught-up change, or,
 * while the job is still catching up ({@link CatchUpWatch}), when the catch-up ends, within {@link
 * OrderTracker.Writes#longestHold()}: a replay writes each order about once instead of on every
 * event, and every order is current again within the delay once the backlog is drained. The pending
 * write is kept with the order ({@link TrackedOrder#getWriteAt}, {@link
 * TrackedOrder#getWriteHeldSince}) with a processing-time timer, so a restore loses none; the timer
 * is told from the tracker's other one, the quiet check, by its time.
 */
final class DocumentWrites implements Serializable {
    private static final long serialVersionUID = 1L;

    private final OrderTracker.Writes writes;
    private transient CatchUpWatch catchUp;

    DocumentWrites(OrderTracker.Writes writes) {
        this.writes = writes;
    }

    void open() {
        catchUp = new CatchUpWatch(writes.liveLag());
    }

    /** A record was read: the catch-up watch sees the watermark's progress. */
    void recordRead(TimerService timers) {
        catchUp.watch(timers.currentProcessingTime(), timers.currentWatermark());
    }

    /**
     * Sends a changed order on.
     *
     * @param rescore false when only a timer changed the order (its timed flags, which the risk
     *     model does not read), or when its outcome was known already: rescored that late, it would
     *     count the outcomes learned meanwhile in one run and not in another
     */
    void send(
            TrackedOrder tracked,
            boolean rescore,
            TimerService timers,
            Collector<OrderChange> out) {
        OrderState order = tracked.getOrder();
        long now = timers.currentProcessingTime();
        long pendingWrite = tracked.getWriteAt();
        if (order.getLastEventAt().toEpochMilli() >= now - writes.liveLag().toMillis()) {
            if (pendingWrite != OrderStore.NONE) {
                timers.deleteProcessingTimeTimer(pendingWrite);
                clear(tracked);
            }
            out.collect(rescore ? OrderChange.live(order) : OrderChange.due(order));
            return;
        }
        if (rescore) {
            out.collect(OrderChange.caughtUp(order));
        }
        if (pendingWrite == OrderStore.NONE) {
            long at = now + writes.catchUpDelay().toMillis();
            timers.registerProcessingTimeTimer(at);
            tracked.setWriteAt(at);
            tracked.setWriteHeldSince(now);
        }
    }

    private static void clear(TrackedOrder tracked) {
        tracked.setWriteAt(OrderStore.NONE);
        tracked.setWriteHeldSince(OrderStore.NONE);
    }

    /** Whether the processing-time timer at {@code timestamp} is the held-back write's. */
    boolean isDue(TrackedOrder tracked, long timestamp) {
        return tracked.getWriteAt() == timestamp;
    }

    /**
     * The held-back write's timer fired: while the job is catching up it waits on, at most the
     * longest hold in all; else the order, as it is now (if still kept), is written.
     */
    void writeDue(TrackedOrder tracked, TimerService timers, Collector<OrderChange> out) {
        long waitsUntil = writes.waitOn(tracked.getWriteHeldSince(), catchUp, timers);
        if (waitsUntil != OrderStore.NONE) {
            tracked.setWriteAt(waitsUntil);
        } else {
            write(tracked, out);
        }
    }

    private static void write(TrackedOrder tracked, Collector<OrderChange> out) {
        clear(tracked);
        if (tracked.getOrder() != null) {
            out.collect(OrderChange.due(tracked.getOrder()));
        }
    }

    /** The order is about to be forgotten: a write still held back goes now. */
    void writePending(TrackedOrder tracked, TimerService timers, Collector<OrderChange> out) {
        if (tracked.getWriteAt() != OrderStore.NONE) {
            timers.deleteProcessingTimeTimer(tracked.getWriteAt());
            write(tracked, out);
        }
    }
}
