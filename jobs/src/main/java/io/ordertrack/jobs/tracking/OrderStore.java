package io.ordertrack.jobs.tracking;

import io.ordertrack.avro.Alert;
import io.ordertrack.avro.AlertReview;
import io.ordertrack.avro.OrderState;
import io.ordertrack.avro.TrackedOrder;
import io.ordertrack.jobs.state.QuietFeeds;
import io.ordertrack.jobs.state.StateRetention;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * The tracker's keyed state of the current order: everything it keeps for the order (the order, its
 * alerts and their reviews, its pending document write, its cleanup, the records held for the
 * watermark) in one value, {@link TrackedOrder}, read once and written once per record or timer and
 * changed in place in between. One lookup instead of eleven is what a heap backend spends least on,
 * and RocksDB decodes and encodes one value instead of several. Times are epoch milliseconds,
 * {@link #NONE} for none.
 *
 * <p>Builds before this one kept the same in eleven states of their own ({@link EarlierStates}); a
 * savepoint of such a build restores into them, and an order's are moved into its one value, and
 * cleared, the first time the order is read. The builds in between kept the value but the records
 * held for the watermark apart: their values say so ({@link TrackedOrder#getHeldMovedIn}), and
 * those records are moved in likewise.
 */
final class OrderStore implements Serializable {
    private static final long serialVersionUID = 1L;

    /** No time set. */
    static final long NONE = Long.MIN_VALUE;

    private final Duration retention;
    private transient ValueState<TrackedOrder> state;
    private transient EarlierStates earlier;

    /**
     * @param retention how long an order nothing has written is kept (state time-to-live)
     */
    OrderStore(Duration retention) {
        this.retention = retention;
    }

    /** From the tracker's {@code open}. */
    void open(RuntimeContext context) {
        state = context.getState(descriptor(retention));
        earlier = new EarlierStates(context, retention);
    }

    /** The one state, by its name, type and time-to-live. */
    static ValueStateDescriptor<TrackedOrder> descriptor(Duration retention) {
        ValueStateDescriptor<TrackedOrder> descriptor =
                new ValueStateDescriptor<>("tracked-order", TypeInformation.of(TrackedOrder.class));
        descriptor.enableTimeToLive(StateRetention.after(retention));
        return descriptor;
    }

    /** What is kept of the current order: nothing yet is an empty value, never null. */
    TrackedOrder read() throws Exception {
        TrackedOrder tracked = state.value();
        if (tracked == null) {
            tracked = empty();
            earlier.moveInto(tracked);
        } else if (!tracked.getHeldMovedIn()) {
            // Written by a build that kept this value but its held records apart.
            earlier.moveHeldInto(tracked);
            tracked.setHeldMovedIn(true);
        }
        return tracked;
    }

    /** Keeps the current order's value as changed; one that holds nothing is cleared. */
    void write(TrackedOrder tracked) throws Exception {
        if (isEmpty(tracked)) {
            state.clear();
        } else {
            state.update(tracked);
        }
    }

    /** The earlier of two times, either of which may be {@link #NONE}; none if both are. */
    static long earliest(long a, long b) {
        if (a == NONE) {
            return b;
        }
        return b == NONE ? a : Math.min(a, b);
    }

    static TrackedOrder empty() {
        return new TrackedOrder(
                null,
                new HashMap<>(),
                new ArrayList<>(),
                NONE,
                NONE,
                NONE,
                NONE,
                NONE,
                NONE,
                NONE,
                new ArrayList<>(),
                NONE,
                NONE,
                true);
    }

    private static boolean isEmpty(TrackedOrder tracked) {
        return tracked.getOrder() == null
                && tracked.getAlerts().isEmpty()
                && tracked.getReviews().isEmpty()
                && tracked.getWriteAt() == NONE
                && tracked.getCleanupAt() == NONE
                && tracked.getForgottenAt() == NONE
                && tracked.getTimerAt() == NONE
                && tracked.getHeld().isEmpty()
                && tracked.getQuietCheckAt() == NONE;
    }

    /**
     * The states of builds before {@link TrackedOrder}, by their names, types and time-to-live as
     * those builds declared them, so that their savepoints restore. Empty once every order of such
     * a savepoint has been read; an order is theirs if they hold its order, its cleanup timer or
     * the time it was forgotten (every other piece is set only with its cleanup timer), or records
     * held for the watermark (with their quiet check).
     */
    private static final class EarlierStates {
        private final ValueState<OrderState> order;
        private final MapState<String, Alert> alerts;
        private final MapState<Long, Boolean> reviews;
        private final ValueState<Long> checkedUntil;
        private final ValueState<Long> decidedBefore;
        private final ValueState<Long> writeAt;
        private final ValueState<Long> cleanupAt;
        private final ValueState<Long> forgottenAt;
        private final MapState<Long, List<TrackerInput>> held;
        private final QuietFeeds.Check quietCheck;

        EarlierStates(RuntimeContext context, Duration retention) {
            ValueStateDescriptor<OrderState> orderDescriptor =
                    new ValueStateDescriptor<>("order", TypeInformation.of(OrderState.class));
            orderDescriptor.enableTimeToLive(StateRetention.after(retention));
            order = context.getState(orderDescriptor);
            MapStateDescriptor<String, Alert> alertsDescriptor =
                    new MapStateDescriptor<>(
                            "alerts", Types.STRING, TypeInformation.of(Alert.class));
            alertsDescriptor.enableTimeToLive(StateRetention.after(retention));
            alerts = context.getMapState(alertsDescriptor);
            reviews =
                    context.getMapState(
                            new MapStateDescriptor<>("alert-timers", Types.LONG, Types.BOOLEAN));
            checkedUntil = time(context, "alerts-checked-until");
            decidedBefore = time(context, "alerts-decided-until");
            writeAt = time(context, "document-write-at");
            cleanupAt = time(context, "cleanup-at");
            forgottenAt = time(context, "forgotten-at");
            held =
                    context.getMapState(
                            new MapStateDescriptor<>(
                                    "records-waiting-for-watermark",
                                    Types.LONG,
                                    Types.LIST(TypeInformation.of(TrackerInput.class))));
            quietCheck = new QuietFeeds.KeyedCheck(context);
        }

        private static ValueState<Long> time(RuntimeContext context, String name) {
            return context.getState(new ValueStateDescriptor<>(name, Types.LONG));
        }

        void moveInto(TrackedOrder tracked) throws Exception {
            moveOrderInto(tracked);
            moveHeldInto(tracked);
        }

        private void moveOrderInto(TrackedOrder tracked) throws Exception {
            OrderState kept = order.value();
            Long cleanup = cleanupAt.value();
            Long forgotten = forgottenAt.value();
            if (kept == null && cleanup == null && forgotten == null) {
                return;
            }
            tracked.setOrder(kept);
            tracked.setCleanupAt(orNone(cleanup));
            tracked.setForgottenAt(orNone(forgotten));
            tracked.setCheckedUntil(orNone(checkedUntil.value()));
            tracked.setDecidedBefore(orNone(decidedBefore.value()));
            tracked.setWriteAt(orNone(writeAt.value()));
            for (Map.Entry<String, Alert> alert : alerts.entries()) {
                tracked.getAlerts().put(alert.getKey(), alert.getValue());
            }
            for (Map.Entry<Long, Boolean> review : reviews.entries()) {
                tracked.getReviews().add(new AlertReview(review.getKey(), review.getValue()));
            }
            order.clear();
            alerts.clear();
            reviews.clear();
            checkedUntil.clear();
            decidedBefore.clear();
            writeAt.clear();
            cleanupAt.clear();
            forgottenAt.clear();
        }

        /** By arrival, the records of one instant in the order they were read. */
        void moveHeldInto(TrackedOrder tracked) throws Exception {
            if (held.isEmpty()) {
                return;
            }
            List<Long> arrivals = new ArrayList<>();
            held.keys().forEach(arrivals::add);
            arrivals.sort(null);
            for (Long arrivedAt : arrivals) {
                for (TrackerInput input : held.get(arrivedAt)) {
                    tracked.getHeld().add(HeldRecords.held(input, arrivedAt));
                }
            }
            if (quietCheck.at() != NONE) {
                tracked.setQuietCheckAt(quietCheck.at());
                tracked.setWatermarkAtQuietCheck(quietCheck.watermark());
            }
            held.clear();
            quietCheck.clear();
        }

        private static long orNone(Long time) {
            return time == null ? NONE : time;
        }
    }
}
