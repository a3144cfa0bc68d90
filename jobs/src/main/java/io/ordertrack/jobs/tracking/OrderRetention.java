package io.ordertrack.jobs.tracking;

import io.ordertrack.avro.OrderState;
import io.ordertrack.domain.lifecycle.OrderLifecycle;
import io.ordertrack.jobs.ingest.DeadLetter;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;

/**
 * How long the tracker keeps an order: a finished order is forgotten {@code finishedRetention}
 * after its last event, any other {@code retention} after it (event-time timers). One cleanup timer
 * per order: a later event that moves the cleanup on leaves the timer where it is, and when it
 * fires it moves itself to the new due time (a timer moved on every event was a tenth of the
 * tracker's time in a replay).
 *
 * <p>Once its state is cleared, an order's late events (a return asked for long after the delivery)
 * would start it afresh with a lower version than its document, which Elasticsearch keeps: instead
 * each goes to dead-letters with the reason, for {@code retention} after the order was forgotten.
 */
final class OrderRetention implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Duration retention;
    private final Duration finishedRetention;

    private transient ValueState<Long> cleanupAt;
    private transient ValueState<Long> forgottenAt;

    OrderRetention(Duration retention, Duration finishedRetention) {
        this.retention = retention;
        this.finishedRetention = finishedRetention;
    }

    /** From the tracker's {@code open}. */
    void open(RuntimeContext context) {
        cleanupAt = context.getState(new ValueStateDescriptor<>("cleanup-at", Types.LONG));
        forgottenAt = context.getState(new ValueStateDescriptor<>("forgotten-at", Types.LONG));
    }

    /**
     * The dead letter of a late record of an order already forgotten, or null if the order is not.
     *
     * @param orderId the tracker's current key
     * @param now the wall clock, the dead letter's time
     */
    DeadLetter lateRecord(
            String orderId, String topic, String key, Supplier<byte[]> value, long now)
            throws Exception {
        Long forgotten = forgottenAt.value();
        if (forgotten == null) {
            return null;
        }
        return new DeadLetter(
                topic,
                -1,
                -1,
                key.getBytes(StandardCharsets.UTF_8),
                value.get(),
                "order "
                        + orderId
                        + " was cleared at "
                        + Instant.ofEpochMilli(forgotten)
                        + " (state.retention.finished after it finished, or"
                        + " state.retention after its last event); this later event is not"
                        + " applied",
                now);
    }

    /** The order changed: its cleanup timer is set, or kept if due no later than needed. */
    void schedule(OrderState order, TimerService timers) throws Exception {
        Long registered = cleanupAt.value();
        long due = cleanupDue(order);
        if (registered != null && registered <= due) {
            return;
        }
        if (registered != null) {
            timers.deleteEventTimeTimer(registered);
        }
        timers.registerEventTimeTimer(due);
        cleanupAt.update(due);
    }

    /**
     * An event-time timer fired at {@code timestamp}: whether the order is to be forgotten now. A
     * cleanup timer that later events moved on moves itself; the timer that ends the forgotten
     * order's dead letters ends them.
     *
     * @param order the order kept, or null
     */
    boolean forgetNow(long timestamp, OrderState order, TimerService timers) throws Exception {
        Long forgotten = forgottenAt.value();
        if (forgotten != null && timestamp == forgotten + retention.toMillis()) {
            forgottenAt.clear();
            return false;
        }
        Long cleanup = cleanupAt.value();
        if (cleanup == null || cleanup != timestamp) {
            return false;
        }
        long due = order == null ? timestamp : cleanupDue(order);
        if (due <= timestamp) {
            return true;
        }
        // Events since the timer was set moved the cleanup on.
        timers.registerEventTimeTimer(due);
        cleanupAt.update(due);
        return false;
    }

    /** The order was forgotten at {@code timestamp}: its late records get a reason for a while. */
    void forgotten(long timestamp, TimerService timers) throws Exception {
        cleanupAt.clear();
        forgottenAt.update(timestamp);
        timers.registerEventTimeTimer(timestamp + retention.toMillis());
    }

    private long cleanupDue(OrderState order) {
        return order.getLastEventAt().toEpochMilli()
                + (OrderLifecycle.isFinished(order) ? finishedRetention : retention).toMillis();
    }
}
