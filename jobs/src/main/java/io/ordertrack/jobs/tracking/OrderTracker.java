package io.ordertrack.jobs.tracking;

import io.ordertrack.avro.Alert;
import io.ordertrack.avro.AlertType;
import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.OrderState;
import io.ordertrack.avro.OutcomeReport;
import io.ordertrack.avro.ShipmentFacts;
import io.ordertrack.avro.StockChange;
import io.ordertrack.avro.TrackingScan;
import io.ordertrack.domain.AlertBook;
import io.ordertrack.domain.AlertCondition;
import io.ordertrack.domain.AlertThresholds;
import io.ordertrack.domain.CourierCodes;
import io.ordertrack.domain.OrderAlerts;
import io.ordertrack.domain.OrderLifecycle;
import io.ordertrack.domain.OrderStock;
import io.ordertrack.domain.RtoRisk;
import io.ordertrack.domain.ShipmentMetrics;
import io.ordertrack.jobs.StateRetention;
import io.ordertrack.jobs.analytics.ShipmentUpdate;
import io.ordertrack.jobs.ingest.DeadLetter;
import io.ordertrack.jobs.ingest.DeadLetterSplitter;
import io.ordertrack.jobs.risk.OrderChange;
import io.ordertrack.schemas.AvroCodec;
import io.ordertrack.schemas.RecordKeys;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keeps the state of each order (keyed by order id), sends it to the RTO risk scorer whenever an
 * order event or a routed courier scan changes it, saying when its live view is due to be written
 * ({@link OrderChange}: at once for a live order, coalesced for one caught up), keeps its alerts in
 * step with its conditions, sends the stock changes it implies ({@link OrderStock}) to the
 * inventory ledger and its outcome, once known, to the RTO risk model. The decisions are {@link
 * OrderLifecycle}'s and {@link OrderAlerts}'. A finished order is forgotten {@code
 * finishedRetention} after its last event, any other {@code retention} after it (event-time
 * timers); TTL also forgets an order nothing has written for {@code retention} of processing time.
 */
public final class OrderTracker
        extends KeyedCoProcessFunction<String, OrderEvent, RoutedScan, OrderChange> {
    private static final long serialVersionUID = 1L;

    /**
     * When order documents are written.
     *
     * @param liveLag an order whose latest event is at most this old is written at once
     * @param catchUpDelay older orders are written at most this often, with their latest state
     */
    public record Writes(Duration liveLag, Duration catchUpDelay) implements Serializable {
        public static final Writes DEFAULT =
                new Writes(Duration.ofMinutes(1), Duration.ofSeconds(10));
    }

    /** Alerts opened, updated and resolved. */
    public static final OutputTag<Alert> ALERTS =
            new OutputTag<>("alerts", TypeInformation.of(Alert.class));

    /** Orders that ended delivered or returned to origin, for the RTO risk model. */
    public static final OutputTag<OutcomeReport> OUTCOMES =
            new OutputTag<>("outcomes", TypeInformation.of(OutcomeReport.class));

    /**
     * The shipment facts of every order that has left the warehouse, on each of its events, for the
     * delivery analytics.
     */
    public static final OutputTag<ShipmentUpdate> SHIPMENTS =
            new OutputTag<>("shipments", TypeInformation.of(ShipmentUpdate.class));

    /** The stock changes orders imply, for the inventory ledger. */
    public static final OutputTag<StockChange> STOCK_CHANGES =
            new OutputTag<>("stock-changes", TypeInformation.of(StockChange.class));

    private static final AvroCodec<OrderEvent> ORDER_EVENTS = AvroCodec.of(OrderEvent.class);
    private static final AvroCodec<TrackingScan> SCANS = AvroCodec.of(TrackingScan.class);

    private final Duration retention;
    private final Duration finishedRetention;
    private final AlertThresholds thresholds;
    private final Writes writes;
    private final String ordersTopic;
    private final String trackingTopic;

    private transient ValueState<OrderState> orderState;
    private transient ValueState<Long> cleanupAt;
    private transient ValueState<Long> forgottenAt;
    private transient ValueState<Long> checkedUntil;
    private transient ValueState<Long> writeAt;
    private transient MapState<Long, Boolean> alertTimers;
    private transient MapState<String, Alert> alerts;
    private transient OrderLifecycle lifecycle;
    private transient OrderAlerts rules;
    private transient Counter unmappedScans;

    /**
     * @param ordersTopic where order events come from, named in the dead letters of forgotten
     *     orders
     * @param trackingTopic where courier scans come from, likewise
     */
    public OrderTracker(
            Duration retention,
            Duration finishedRetention,
            AlertThresholds thresholds,
            Writes writes,
            String ordersTopic,
            String trackingTopic) {
        this.retention = retention;
        this.finishedRetention = finishedRetention;
        this.thresholds = thresholds;
        this.writes = writes;
        this.ordersTopic = ordersTopic;
        this.trackingTopic = trackingTopic;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<OrderState> descriptor =
                new ValueStateDescriptor<>("order", TypeInformation.of(OrderState.class));
        descriptor.enableTimeToLive(StateRetention.after(retention));
        orderState = getRuntimeContext().getState(descriptor);
        cleanupAt =
                getRuntimeContext().getState(new ValueStateDescriptor<>("cleanup-at", Types.LONG));
        forgottenAt =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("forgotten-at", Types.LONG));
        checkedUntil =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("alerts-checked-until", Types.LONG));
        writeAt =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("document-write-at", Types.LONG));
        alertTimers =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "alert-timers", Types.LONG, Types.BOOLEAN));
        MapStateDescriptor<String, Alert> alertDescriptor =
                new MapStateDescriptor<>("alerts", Types.STRING, TypeInformation.of(Alert.class));
        alertDescriptor.enableTimeToLive(StateRetention.after(retention));
        alerts = getRuntimeContext().getMapState(alertDescriptor);
        lifecycle = new OrderLifecycle(CourierCodes.bundled());
        rules = new OrderAlerts(thresholds);
        unmappedScans = getRuntimeContext().getMetricGroup().counter("unmappedScans");
    }

    @Override
    public void processElement1(OrderEvent event, Context ctx, Collector<OrderChange> out)
            throws Exception {
        OrderState order = orderState.value();
        if (order == null) {
            if (forgotten(
                    ctx, ordersTopic, RecordKeys.of(event), () -> ORDER_EVENTS.encode(event))) {
                return;
            }
            order =
                    OrderLifecycle.newOrder(
                            RecordKeys.of(event),
                            event.getTenantId(),
                            event.getChannel(),
                            event.getClientOrderId());
        }
        if (lifecycle.apply(order, event)) {
            publish(order, new AlertsOfOrder(), ctx, out);
        }
    }

    @Override
    public void processElement2(RoutedScan routed, Context ctx, Collector<OrderChange> out)
            throws Exception {
        OrderState order = orderState.value();
        if (order == null) {
            TrackingScan scan = routed.getScan();
            if (forgotten(ctx, trackingTopic, RecordKeys.of(scan), () -> SCANS.encode(scan))) {
                return;
            }
            order =
                    OrderLifecycle.newOrder(
                            routed.getOrderId(),
                            routed.getTenantId(),
                            routed.getChannel(),
                            routed.getClientOrderId());
        }
        int unmappedBefore = order.getUnmappedScans();
        if (lifecycle.apply(order, routed.getScan())) {
            unmappedScans.inc(order.getUnmappedScans() - unmappedBefore);
            AlertsOfOrder orderAlerts = new AlertsOfOrder();
            checkScanAlerts(order, routed.getScan().getEventTime(), orderAlerts, ctx);
            publish(order, orderAlerts, ctx, out);
        }
    }

    /**
     * The document of an order being caught up is due; or an SLA fell due, or the order has been
     * finished, or quiet, for its retention period, or the late events of a forgotten order no
     * longer need a reason.
     */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<OrderChange> out)
            throws Exception {
        if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
            writeDue(out);
            return;
        }
        Long forgotten = forgottenAt.value();
        if (forgotten != null && timestamp == forgotten + remembered()) {
            forgottenAt.clear();
            return;
        }
        Long cleanup = cleanupAt.value();
        OrderState order = orderState.value();
        if (cleanup != null && cleanup == timestamp) {
            long due = order == null ? timestamp : cleanupDue(order);
            if (due <= timestamp) {
                forget(timestamp, ctx, out);
                return;
            }
            // Events since the timer was set moved the cleanup on.
            ctx.timerService().registerEventTimeTimer(due);
            cleanupAt.update(due);
        }
        alertTimers.remove(timestamp);
        if (order != null && checkTimedAlerts(order, false, new AlertsOfOrder(), ctx)) {
            orderState.update(order);
            send(order, ctx, out);
        }
    }

    /**
     * Clears every piece of the order's state, and remembers when; a document still waiting to be
     * written is written first (a replay can reach the end of an order's retention, in event time,
     * within the catch-up delay).
     */
    private void forget(long timestamp, OnTimerContext ctx, Collector<OrderChange> out)
            throws Exception {
        Long pendingWrite = writeAt.value();
        if (pendingWrite != null) {
            ctx.timerService().deleteProcessingTimeTimer(pendingWrite);
            writeDue(out);
        }
        for (Long due : alertTimers.keys()) {
            ctx.timerService().deleteEventTimeTimer(due);
        }
        orderState.clear();
        cleanupAt.clear();
        checkedUntil.clear();
        alerts.clear();
        alertTimers.clear();
        forgottenAt.update(timestamp);
        ctx.timerService().registerEventTimeTimer(timestamp + remembered());
    }

    /**
     * Once its state is cleared, an order's late events (a return asked for long after the
     * delivery) would start it afresh with a lower version than its document, which Elasticsearch
     * keeps: instead each goes to dead-letters with the reason, for {@code retention} after the
     * order was forgotten.
     */
    private boolean forgotten(Context ctx, String topic, String key, Supplier<byte[]> value)
            throws Exception {
        Long forgotten = forgottenAt.value();
        if (forgotten == null) {
            return false;
        }
        ctx.output(
                DeadLetterSplitter.DEAD_LETTERS,
                new DeadLetter(
                        topic,
                        -1,
                        -1,
                        key.getBytes(StandardCharsets.UTF_8),
                        value.get(),
                        "order "
                                + ctx.getCurrentKey()
                                + " was cleared at "
                                + Instant.ofEpochMilli(forgotten)
                                + " (state.retention.finished after it finished, or"
                                + " state.retention after its last event); this later event is not"
                                + " applied",
                        ctx.timerService().currentProcessingTime()));
        return true;
    }

    /** How long a forgotten order's late events still get a dead letter saying why. */
    private long remembered() {
        return retention.toMillis();
    }

    private void publish(
            OrderState order, AlertsOfOrder orderAlerts, Context ctx, Collector<OrderChange> out)
            throws Exception {
        OrderStock.newChanges(order).forEach(change -> ctx.output(STOCK_CHANGES, change));
        reportOutcome(order, ctx);
        reportShipment(order, ctx);
        scheduleCleanup(order, ctx.timerService());
        checkTimedAlerts(order, true, orderAlerts, ctx);
        orderState.update(order);
        send(order, ctx, out);
    }

    /**
     * Sends a changed order to be scored. A live order (latest event within {@link
     * Writes#liveLag()} of the wall clock) goes whole, to be written at once. An order caught up
     * from old events (a replay, a backlog, a courier's late batch) goes as what the risk model
     * reads, and whole at most once per {@link Writes#catchUpDelay()}, with its latest state, to be
     * written: a replay writes each order a few times instead of on every event. The pending write
     * is keyed state with a processing-time timer, so a restore loses none.
     */
    private void send(OrderState order, Context ctx, Collector<OrderChange> out) throws Exception {
        TimerService timers = ctx.timerService();
        long now = timers.currentProcessingTime();
        Long pendingWrite = writeAt.value();
        if (order.getLastEventAt().toEpochMilli() >= now - writes.liveLag().toMillis()) {
            if (pendingWrite != null) {
                timers.deleteProcessingTimeTimer(pendingWrite);
                writeAt.clear();
            }
            out.collect(OrderChange.live(order));
            return;
        }
        out.collect(OrderChange.caughtUp(order));
        if (pendingWrite == null) {
            long at = now + writes.catchUpDelay().toMillis();
            timers.registerProcessingTimeTimer(at);
            writeAt.update(at);
        }
    }

    /** Sends the order whose write was held back, as it is now, to be written. */
    private void writeDue(Collector<OrderChange> out) throws Exception {
        writeAt.clear();
        OrderState order = orderState.value();
        if (order != null) {
            out.collect(OrderChange.due(order));
        }
    }

    /** The first time an order is known delivered or returned, the risk model learns from it. */
    private static void reportOutcome(OrderState order, Context ctx) {
        RtoRisk.Outcome outcome = RtoRisk.outcomeOf(order);
        if (order.getOutcomeReported()
                || (outcome != RtoRisk.Outcome.DELIVERED && outcome != RtoRisk.Outcome.RTO)) {
            return;
        }
        order.setOutcomeReported(true);
        ctx.output(
                OUTCOMES,
                new OutcomeReport(
                        order.getOrderId(),
                        outcome == RtoRisk.Outcome.RTO,
                        RtoRisk.signalsOf(order)));
    }

    /**
     * The analytics count an order once it has left the warehouse; whether it was ever stuck they
     * learn from its alerts. (The timed flags, the only change a timer makes, are not among the
     * facts.)
     */
    private static void reportShipment(OrderState order, Context ctx) {
        ShipmentFacts facts = ShipmentMetrics.factsOf(order, false);
        if (facts != null) {
            ctx.output(SHIPMENTS, new ShipmentUpdate(order.getOrderId(), facts));
        }
    }

    /**
     * A failed delivery or a courier error alerts at once: as of the scan's own time (so a late
     * scan still raises what it reports), then as of the latest report (which may settle it).
     */
    private void checkScanAlerts(
            OrderState order, Instant scannedAt, AlertsOfOrder orderAlerts, Context ctx)
            throws Exception {
        reconcile(
                order,
                OrderAlerts.EVENT_DRIVEN,
                rules.eventConditions(order, scannedAt),
                scannedAt,
                orderAlerts,
                ctx);
        Instant latest =
                order.getLastScanAt() != null && order.getLastScanAt().isAfter(scannedAt)
                        ? order.getLastScanAt()
                        : scannedAt;
        reconcile(
                order,
                OrderAlerts.EVENT_DRIVEN,
                rules.eventConditions(order, latest),
                latest,
                orderAlerts,
                ctx);
    }

    /**
     * The SLAs are checked as of each due time up to the watermark, in order, then as of the
     * watermark; never beyond it, since events of another topic may still be on their way. Due
     * times further on get a timer, and so does the latest event's time while anything timed holds
     * as of the watermark (the event may have cleared it; when nothing holds there is nothing to
     * clear, and a replay saves a timer per event). The order's timed flags are set as of the
     * watermark when they change, and on every event (whose document is written anyway): the answer
     * is whether they changed.
     */
    private boolean checkTimedAlerts(
            OrderState order, boolean onEvent, AlertsOfOrder orderAlerts, Context ctx)
            throws Exception {
        boolean flagsChanged = false;
        TimerService timers = ctx.timerService();
        long watermark = timers.currentWatermark();
        Long checked = checkedUntil.value();
        TreeSet<Instant> due = rules.dueTimes(order);
        TreeSet<Instant> checks = new TreeSet<>(due);
        checks.add(order.getLastEventAt());
        boolean anythingHolds = true;
        if (watermark != Long.MIN_VALUE) {
            for (Instant time : checks) {
                long at = time.toEpochMilli();
                if ((checked == null || at > checked) && at <= watermark) {
                    reconcile(
                            order,
                            OrderAlerts.TIMED,
                            rules.timedConditions(order, time),
                            time,
                            orderAlerts,
                            ctx);
                }
            }
            Instant now = Instant.ofEpochMilli(watermark);
            Map<AlertType, AlertCondition> holding = rules.timedConditions(order, now);
            reconcile(order, OrderAlerts.TIMED, holding, now, orderAlerts, ctx);
            checked = checked == null ? watermark : Math.max(checked, watermark);
            checkedUntil.update(checked);
            List<String> flags = rules.timedFlags(order, now, holding);
            flagsChanged = !flags.equals(order.getTimedFlags());
            if (flagsChanged || onEvent) {
                order.setTimedFlags(flags);
                order.setFlagsAsOf(now);
            }
            anythingHolds = !holding.isEmpty() || !flags.isEmpty();
        }
        if (anythingHolds) {
            // Once the watermark passes the latest event, what it may have cleared is checked.
            due.add(order.getLastEventAt());
        }
        scheduleAlertTimers(due, checked, timers);
        return flagsChanged;
    }

    private void reconcile(
            OrderState order,
            Set<AlertType> types,
            Map<AlertType, AlertCondition> holding,
            Instant at,
            AlertsOfOrder orderAlerts,
            Context ctx)
            throws Exception {
        AlertBook.reconcile(AlertBook.Subject.of(order), types, holding, at, orderAlerts)
                .forEach(alert -> ctx.output(ALERTS, alert));
    }

    /**
     * The alerts of the current order, read from state once per event or timer (an event checks
     * several alert types several times), each change written through.
     */
    private final class AlertsOfOrder implements AlertBook.Alerts {
        private Map<AlertType, Alert> read;

        @Override
        public Alert get(AlertType type) throws Exception {
            if (read == null) {
                read = new EnumMap<>(AlertType.class);
                for (Map.Entry<String, Alert> alert : alerts.entries()) {
                    read.put(AlertType.valueOf(alert.getKey()), alert.getValue());
                }
            }
            return read.get(type);
        }

        @Override
        public void put(AlertType type, Alert alert) throws Exception {
            get(type);
            read.put(type, alert);
            alerts.put(type.name(), alert);
        }
    }

    /** One event-time timer per SLA due time not yet checked; the others are deleted. */
    private void scheduleAlertTimers(TreeSet<Instant> due, Long checked, TimerService timers)
            throws Exception {
        List<Long> registered = new ArrayList<>();
        alertTimers.keys().forEach(registered::add);
        for (Long time : registered) {
            boolean stillDue =
                    due.contains(Instant.ofEpochMilli(time)) && (checked == null || time > checked);
            if (!stillDue) {
                timers.deleteEventTimeTimer(time);
                alertTimers.remove(time);
            }
        }
        for (Instant time : due) {
            long at = time.toEpochMilli();
            if ((checked == null || at > checked) && !alertTimers.contains(at)) {
                timers.registerEventTimeTimer(at);
                alertTimers.put(at, true);
            }
        }
    }

    /**
     * Keeps one cleanup timer per order, due {@code finishedRetention} after the last event of a
     * finished order and {@code retention} after the last event of any other (an abandoned order),
     * so that every piece of its state goes, the timers' bookkeeping included. A later event that
     * moves the cleanup on leaves the timer where it is: when it fires, it moves itself to the new
     * due time (a timer moved on every event was a tenth of the tracker's time in a replay).
     */
    private void scheduleCleanup(OrderState order, TimerService timers) throws Exception {
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

    private long cleanupDue(OrderState order) {
        return order.getLastEventAt().toEpochMilli()
                + (OrderLifecycle.isFinished(order) ? finishedRetention : retention).toMillis();
    }
}
