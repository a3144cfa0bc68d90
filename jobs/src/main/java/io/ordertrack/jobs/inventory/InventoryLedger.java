package io.ordertrack.jobs.inventory;

import io.ordertrack.avro.Alert;
import io.ordertrack.avro.AlertType;
import io.ordertrack.avro.StockChange;
import io.ordertrack.avro.StockState;
import io.ordertrack.domain.alerts.AlertBook;
import io.ordertrack.domain.stock.StockKeeping;
import io.ordertrack.jobs.state.QuietFeeds;
import io.ordertrack.jobs.state.StateRetention;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keeps the stock of each SKU at each warehouse (keyed by tenant, warehouse and SKU) from the
 * changes the warehouses report and the changes orders imply, emits its stock on every change, and
 * keeps its LOW_STOCK alert in step.
 *
 * <p>The warehouse feed and the order streams progress independently, so a change waits until the
 * watermark passes its arrival on the feeds' clock (as the order tracker stamps it, or its Flink
 * timestamp): by then every change that had arrived by that time is here, and they are applied in
 * event-time order (increases first at equal times). Which changes are applied together, and so
 * every stock level and alert on the way, is therefore a function of the feeds alone: a replay
 * gives the same. A change days late is applied when it arrives, after changes of later times that
 * arrived before it. When the feeds go quiet the watermark stops, so changes still waiting after
 * {@code quietAfter} of processing time without the watermark moving are applied then, in the same
 * order. A change already applied (a redelivered inventory event) is ignored for {@code
 * dedupWindow}.
 *
 * <p>The day each order's units left is kept until the sales window passes it, so that a return can
 * take its units back out of that day's sales.
 */
public final class InventoryLedger extends KeyedProcessFunction<String, StockChange, StockState> {
    private static final long serialVersionUID = 1L;

    /** LOW_STOCK alerts opened, updated and resolved. */
    public static final OutputTag<Alert> ALERTS =
            new OutputTag<>("stock-alerts", TypeInformation.of(Alert.class));

    /**
     * Each change once, as soon as it is accepted: what routing is judged on, in event-time order.
     */
    public static final OutputTag<StockChange> ACCEPTED_CHANGES =
            new OutputTag<>("accepted-stock-changes", TypeInformation.of(StockChange.class));

    private static final Set<AlertType> TYPES = EnumSet.of(AlertType.LOW_STOCK);

    private final StockKeeping.Rules rules;
    private final Duration dedupWindow;
    private final QuietFeeds quietFeeds;

    private transient ValueState<StockState> stock;
    private transient ValueState<Alert> alert;
    private transient MapState<String, StockChange> pending;

    private transient MapState<String, Boolean> applied;
    private transient StockKeeping.Departures departures;

    public InventoryLedger(StockKeeping.Rules rules, Duration dedupWindow, Duration quietAfter) {
        this.rules = rules;
        this.dedupWindow = dedupWindow;
        this.quietFeeds = new QuietFeeds(quietAfter);
    }

    @Override
    public void open(OpenContext openContext) {
        stock =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "stock", TypeInformation.of(StockState.class)));
        alert =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "low-stock-alert", TypeInformation.of(Alert.class)));
        pending =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "pending-changes",
                                        Types.STRING,
                                        TypeInformation.of(StockChange.class)));
        MapStateDescriptor<String, Boolean> appliedDescriptor =
                new MapStateDescriptor<>("applied-changes", Types.STRING, Types.BOOLEAN);
        appliedDescriptor.enableTimeToLive(StateRetention.after(dedupWindow));
        applied = getRuntimeContext().getMapState(appliedDescriptor);
        departures =
                new DepartureDays(
                        getRuntimeContext()
                                .getMapState(
                                        new MapStateDescriptor<>(
                                                "departure-days", Types.STRING, Types.INT)));
        quietFeeds.open(getRuntimeContext());
    }

    @Override
    public void processElement(StockChange change, Context ctx, Collector<StockState> out)
            throws Exception {
        quietFeeds.recordRead(ctx.timerService().currentProcessingTime());
        if (applied.contains(change.getChangeId()) || pending.contains(change.getChangeId())) {
            return;
        }
        ctx.output(ACCEPTED_CHANGES, change);
        long arrivedAt = arrivalOnFeeds(change, ctx.timestamp());
        if (arrivedAt <= ctx.timerService().currentWatermark()) {
            // Behind the watermark only when a partition came back from idleness.
            apply(List.of(change), ctx, out);
            return;
        }
        change.setArrivedAt(Instant.ofEpochMilli(arrivedAt));
        pending.put(change.getChangeId(), change);
        ctx.timerService().registerEventTimeTimer(arrivedAt);
        quietFeeds.holding(ctx.timerService());
    }

    /**
     * The watermark passed the arrival of changes, or it is time to check whether the feeds are
     * quiet.
     */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<StockState> out)
            throws Exception {
        if (ctx.timeDomain() == TimeDomain.EVENT_TIME) {
            applyPending(timestamp, ctx, out);
            return;
        }
        if (quietFeeds.stalled(ctx.timerService(), !pending.isEmpty())) {
            applyPending(Long.MAX_VALUE, ctx, out);
        }
    }

    private void applyPending(long upTo, Context ctx, Collector<StockState> out) throws Exception {
        List<StockChange> due = new ArrayList<>();
        for (StockChange change : pending.values()) {
            if (arrivalOf(change) <= upTo) {
                due.add(change);
            }
        }
        for (StockChange change : due) {
            // Applied early by a quiet flush, its timer has nothing left to do.
            ctx.timerService().deleteEventTimeTimer(arrivalOf(change));
            pending.remove(change.getChangeId());
        }
        due.sort(StockKeeping.APPLY_ORDER);
        apply(due, ctx, out);
    }

    private void apply(List<StockChange> changes, Context ctx, Collector<StockState> out)
            throws Exception {
        if (changes.isEmpty()) {
            return;
        }
        StockState current = stock.value();
        for (StockChange change : changes) {
            if (current == null) {
                current = StockKeeping.empty(change);
            }
            StockKeeping.apply(current, change, rules, departures);
            applied.put(change.getChangeId(), true);
            reconcileAlert(current, ctx);
        }
        stock.update(current);
        out.collect(current);
    }

    private void reconcileAlert(StockState current, Context ctx) throws Exception {
        AlertBook.Subject subject = AlertBook.Subject.of(current);
        AlertBook.reconcile(
                        subject,
                        TYPES,
                        StockKeeping.conditions(current, rules),
                        current.getUpdatedAt(),
                        new AlertBook.Alerts() {
                            @Override
                            public Alert get(AlertType type) throws Exception {
                                return alert.value();
                            }

                            @Override
                            public void put(AlertType type, Alert changed) throws Exception {
                                alert.update(changed);
                            }
                        })
                .forEach(changed -> ctx.output(ALERTS, changed));
    }

    /** By order id, the day its units left: the window passing a day forgets it. */
    private record DepartureDays(MapState<String, Integer> days)
            implements StockKeeping.Departures {
        @Override
        public void left(String orderId, int day) throws Exception {
            days.put(orderId, day);
        }

        @Override
        public Integer cameBack(String orderId) throws Exception {
            Integer day = days.get(orderId);
            days.remove(orderId);
            return day;
        }

        @Override
        public void forgetBefore(int firstDay) throws Exception {
            List<String> forgotten = new ArrayList<>();
            for (Map.Entry<String, Integer> departure : days.entries()) {
                if (departure.getValue() < firstDay) {
                    forgotten.add(departure.getKey());
                }
            }
            // Removed by key: the heap backend drops an emptied map only then.
            for (String orderId : forgotten) {
                days.remove(orderId);
            }
        }
    }

    /**
     * When a change reached the job: as the order tracker says for a change an order implies (its
     * record's timestamp depends on which input the shipment router read first), else its record's.
     */
    private static long arrivalOnFeeds(StockChange change, Long timestamp) {
        if (change.getArrivedAt() != null) {
            return change.getArrivedAt().toEpochMilli();
        }
        return timestamp == null ? change.getAt().toEpochMilli() : timestamp;
    }

    /** A change held by an earlier build, without its arrival, waited for its event time. */
    private static long arrivalOf(StockChange change) {
        return (change.getArrivedAt() == null ? change.getAt() : change.getArrivedAt())
                .toEpochMilli();
    }
}
