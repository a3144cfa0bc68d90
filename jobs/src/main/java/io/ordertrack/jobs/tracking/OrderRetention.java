package io.ordertrack.jobs.tracking;

import io.ordertrack.avro.OrderState;
import io.ordertrack.avro.TrackedOrder;
import io.ordertrack.domain.lifecycle.OrderLifecycle;
import io.ordertrack.jobs.ingest.DeadLetter;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * How long the tracker keeps an order: a finished order is forgotten {@code finishedRetention}
 * after its last event, any other {@code retention} after it, in event time (the order's one timer
 * comes at the cleanup if nothing falls due before it). A later event that moves the cleanup on
 * leaves it where it is, and when it comes it moves itself to the new due time (a timer moved on
 * every event was a tenth of the tracker's time in a replay).
 *
 * <p>Once its state is cleared, an order's late events (a return asked for long after the delivery)
 * would start it afresh with a lower version than its document, which Elasticsearch keeps: instead
 * each goes to dead-letters with the reason, for {@code retention} after the order was forgotten.
 */
final class OrderRetention implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Duration retention;
    private final Duration finishedRetention;

    OrderRetention(Duration retention, Duration finishedRetention) {
        this.retention = retention;
        this.finishedRetention = finishedRetention;
    }

    /**
     * The dead letter of a late record of an order already forgotten, or null if the order is not.
     *
     * @param orderId the tracker's current key
     * @param now the wall clock, the dead letter's time
     */
    DeadLetter lateRecord(
            TrackedOrder tracked,
            String orderId,
            String topic,
            String key,
            Supplier<byte[]> value,
            long now) {
        if (tracked.getForgottenAt() == OrderStore.NONE) {
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
                        + Instant.ofEpochMilli(tracked.getForgottenAt())
                        + " (state.retention.finished after it finished, or"
                        + " state.retention after its last event); this later event is not"
                        + " applied",
                now);
    }

    /** The order changed: its cleanup is set, or kept if due no later than needed. */
    void schedule(TrackedOrder tracked) {
        long registered = tracked.getCleanupAt();
        long due = cleanupDue(tracked.getOrder());
        if (registered == OrderStore.NONE || registered > due) {
            tracked.setCleanupAt(due);
        }
    }

    /**
     * The order's timer fired at {@code timestamp}: whether the order is to be forgotten now. A
     * cleanup that later events moved on moves itself; the end of the forgotten order's dead
     * letters ends them.
     */
    boolean forgetNow(long timestamp, TrackedOrder tracked) {
        long forgotten = tracked.getForgottenAt();
        if (forgotten != OrderStore.NONE && timestamp == forgottenUntil(tracked)) {
            tracked.setForgottenAt(OrderStore.NONE);
            return false;
        }
        if (tracked.getCleanupAt() != timestamp) {
            return false;
        }
        long due = tracked.getOrder() == null ? timestamp : cleanupDue(tracked.getOrder());
        if (due <= timestamp) {
            return true;
        }
        // Events since it was set moved the cleanup on.
        tracked.setCleanupAt(due);
        return false;
    }

    /** The order was forgotten at {@code timestamp}: its late records get a reason for a while. */
    void forgotten(TrackedOrder tracked, long timestamp) {
        tracked.setCleanupAt(OrderStore.NONE);
        tracked.setForgottenAt(timestamp);
    }

    /** When the order is next due for its cleanup or the end of its dead letters, or none. */
    long nextDue(TrackedOrder tracked) {
        return OrderStore.earliest(tracked.getCleanupAt(), forgottenUntil(tracked));
    }

    private long forgottenUntil(TrackedOrder tracked) {
        long forgotten = tracked.getForgottenAt();
        return forgotten == OrderStore.NONE ? OrderStore.NONE : forgotten + retention.toMillis();
    }

    private long cleanupDue(OrderState order) {
        return order.getLastEventAt().toEpochMilli()
                + (OrderLifecycle.isFinished(order) ? finishedRetention : retention).toMillis();
    }
}
