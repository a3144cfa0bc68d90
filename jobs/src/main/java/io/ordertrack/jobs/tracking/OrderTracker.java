package io.ordertrack.jobs.tracking;

import io.ordertrack.avro.Alert;
import io.ordertrack.avro.AlertState;
import io.ordertrack.avro.AlertType;
import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.OrderState;
import io.ordertrack.avro.OutcomeReport;
import io.ordertrack.avro.ShipmentFacts;
import io.ordertrack.avro.StatusReport;
import io.ordertrack.avro.StockChange;
import io.ordertrack.avro.TrackingScan;
import io.ordertrack.domain.AlertBook;
import io.ordertrack.domain.AlertCondition;
import io.ordertrack.domain.AlertThresholds;
import io.ordertrack.domain.CourierCodes;
import io.ordertrack.domain.FeedClock;
import io.ordertrack.domain.FeedWaits;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
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
 *
 * <p>Every record comes with its arrival time on the feeds' clock (its Flink timestamp, see {@link
 * FeedClocks#arrivalOf}), and the courier feed clocks come as broadcast state ({@link FeedClocks}).
 * The alerts a scan raises follow the order's whole history at once. The SLA alerts are decided at
 * review times, event-time timers on the arrival clock: once the watermark passes a review time
 * every record that arrived by then has been applied, and the review asks {@link OrderAlerts} what
 * held by the reports that had arrived by then, as of the time {@link FeedWaits} allows. What a
 * review decides therefore depends on the feeds alone, never on how fast the job read them: a
 * replay gives the same alerts.
 */
public final class OrderTracker
        extends KeyedBroadcastProcessFunction<String, TrackerInput, FeedClockReading, OrderChange> {
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

    /** The courier feed clocks by feed ({@link FeedClock}), as broadcast state. */
    public static final MapStateDescriptor<String, long[]> FEED_CLOCKS =
            new MapStateDescriptor<>(
                    "feed-clocks",
                    Types.STRING,
                    PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO);

    /** How far behind the watermark the feed clocks are kept, for reviews that fire late. */
    private static final Duration FEED_CLOCKS_KEPT = Duration.ofDays(1);

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
    private final FeedWaits waits;
    private final Writes writes;
    private final String ordersTopic;
    private final String trackingTopic;

    private transient ValueState<OrderState> orderState;
    private transient ValueState<Long> cleanupAt;
    private transient ValueState<Long> forgottenAt;
    private transient ValueState<Long> checkedUntil;
    private transient ValueState<Long> decidedBefore;
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
            FeedWaits waits,
            Writes writes,
            String ordersTopic,
            String trackingTopic) {
        this.retention = retention;
        this.finishedRetention = finishedRetention;
        this.thresholds = thresholds;
        this.waits = waits;
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
        decidedBefore =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("alerts-decided-until", Types.LONG));
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
    public void processElement(TrackerInput input, ReadOnlyContext ctx, Collector<OrderChange> out)
            throws Exception {
        if (input.getEvent() != null) {
            applyOrderEvent(input.getEvent(), ctx, out);
        } else {
            applyScan(input.getScan(), ctx, out);
        }
    }

    private void applyOrderEvent(OrderEvent event, ReadOnlyContext ctx, Collector<OrderChange> out)
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
        long arrivedAt = FeedClocks.arrivalOf(ctx.timestamp(), event.getEventTime().toEpochMilli());
        if (lifecycle.apply(order, event, Instant.ofEpochMilli(arrivedAt))) {
            publish(order, arrivedAt, ctx, out);
        }
    }

    private void applyScan(RoutedScan routed, ReadOnlyContext ctx, Collector<OrderChange> out)
            throws Exception {
        TrackingScan scan = routed.getScan();
        OrderState order = orderState.value();
        if (order == null) {
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
        long arrivedAt = FeedClocks.arrivalOf(routed, ctx.timestamp());
        int unmappedBefore = order.getUnmappedScans();
        if (lifecycle.apply(order, scan, Instant.ofEpochMilli(arrivedAt))) {
            unmappedScans.inc(order.getUnmappedScans() - unmappedBefore);
            AlertsOfOrder orderAlerts = new AlertsOfOrder();
            // The scan names the shipment even when the manifest has not reached this order yet.
            AlertBook.Subject subject =
                    order.getCourier() != null
                            ? AlertBook.Subject.of(order)
                            : new AlertBook.Subject(
                                    order.getTenantId(),
                                    order.getOrderId(),
                                    scan.getCourier(),
                                    scan.getAwb(),
                                    null,
                                    null);
            AlertBook.reconcile(
                            subject,
                            OrderAlerts.EVENT_DRIVEN,
                            rules.eventConditions(order),
                            Instant.ofEpochMilli(arrivedAt),
                            orderAlerts)
                    .forEach(alert -> ctx.output(ALERTS, alert));
            publish(order, arrivedAt, ctx, out);
        }
    }

    /** A courier feed's clock moved on: kept, as far back as reviews may still ask. */
    @Override
    public void processBroadcastElement(
            FeedClockReading reading, Context ctx, Collector<OrderChange> out) throws Exception {
        BroadcastState<String, long[]> clocks = ctx.getBroadcastState(FEED_CLOCKS);
        long[] steps = clocks.get(reading.getFeed());
        long[] added =
                FeedClock.add(
                        steps == null ? FeedClock.empty() : steps,
                        reading.getArrivedAt(),
                        reading.getClock());
        long watermark = ctx.currentWatermark();
        if (watermark != Long.MIN_VALUE) {
            added = FeedClock.forgetBefore(added, watermark - FEED_CLOCKS_KEPT.toMillis());
        }
        if (added != steps) {
            clocks.put(reading.getFeed(), added);
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
        if (order == null || !alertTimers.contains(timestamp)) {
            return;
        }
        alertTimers.remove(timestamp);
        Long checked = checkedUntil.value();
        if (checked != null && timestamp <= checked) {
            return;
        }
        AlertsOfOrder orderAlerts = new AlertsOfOrder();
        boolean flagsChanged = review(order, timestamp, orderAlerts, ctx);
        if (flagsChanged) {
            orderState.update(order);
            send(order, false, ctx, out);
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
        decidedBefore.clear();
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
    private boolean forgotten(ReadOnlyContext ctx, String topic, String key, Supplier<byte[]> value)
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
            OrderState order, long arrivedAt, ReadOnlyContext ctx, Collector<OrderChange> out)
            throws Exception {
        Instant arrived = Instant.ofEpochMilli(arrivedAt);
        for (StockChange change : OrderStock.newChanges(order)) {
            change.setArrivedAt(arrived);
            ctx.output(STOCK_CHANGES, change);
        }
        reportOutcome(order, ctx);
        reportShipment(order, ctx);
        scheduleCleanup(order, ctx.timerService());
        scheduleReviews(order, arrivedAt, ctx.timerService());
        orderState.update(order);
        if (!OrderLifecycle.awaitsManifest(order)) {
            // Else scored and written once its manifest, a moment behind, is applied: what the
            // scorer sees does not depend on which of the two the tracker read first.
            send(order, true, ctx, out);
        }
    }

    /**
     * Sends a changed order to be scored. A live order (latest event within {@link
     * Writes#liveLag()} of the wall clock) goes whole, to be written at once. An order caught up
     * from old events (a replay, a backlog, a courier's late batch) goes as what the risk model
     * reads, and whole at most once per {@link Writes#catchUpDelay()}, with its latest state, to be
     * written: a replay writes each order a few times instead of on every event. The pending write
     * is keyed state with a processing-time timer, so a restore loses none.
     *
     * @param rescore false when only a timer changed the order (its timed flags, which the risk
     *     model does not read): rescored that late, as of its latest event, it would count the
     *     outcomes learned meanwhile in one run and not in another
     */
    private void send(
            OrderState order, boolean rescore, ReadOnlyContext ctx, Collector<OrderChange> out)
            throws Exception {
        TimerService timers = ctx.timerService();
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

    /** Sends the order whose write was held back, as it is now, to be written. */
    private void writeDue(Collector<OrderChange> out) throws Exception {
        writeAt.clear();
        OrderState order = orderState.value();
        if (order != null) {
            out.collect(OrderChange.due(order));
        }
    }

    /**
     * The first time an order is known delivered or returned, the risk model learns from it, as of
     * when the job knew it ({@link RtoRisk#knownAt}). An order finished by scans read before its
     * manifest waits for the manifest, whose courier is one of the signals it teaches: what it
     * teaches does not depend on which of the two the job read first.
     */
    private static void reportOutcome(OrderState order, ReadOnlyContext ctx) {
        RtoRisk.Outcome outcome = RtoRisk.outcomeOf(order);
        if (order.getOutcomeReported()
                || OrderLifecycle.awaitsManifest(order)
                || (outcome != RtoRisk.Outcome.DELIVERED && outcome != RtoRisk.Outcome.RTO)) {
            return;
        }
        order.setOutcomeReported(true);
        ctx.output(
                OUTCOMES,
                new OutcomeReport(
                        order.getOrderId(),
                        outcome == RtoRisk.Outcome.RTO,
                        RtoRisk.signalsOf(order),
                        RtoRisk.knownAt(order)));
    }

    /**
     * The analytics count an order once it has left the warehouse; whether it was ever stuck they
     * learn from its alerts. (The timed flags, the only change a timer makes, are not among the
     * facts.)
     */
    private static void reportShipment(OrderState order, ReadOnlyContext ctx) {
        ShipmentFacts facts = ShipmentMetrics.factsOf(order, false);
        if (facts != null) {
            ctx.output(SHIPMENTS, new ShipmentUpdate(order.getOrderId(), facts));
        }
    }

    /**
     * Decides the SLA alerts at review time {@code reviewAt} (every record that arrived by then has
     * been applied): each type as of the time {@link FeedWaits#decidedUntil} allows, by the reports
     * that had arrived by the review. An alert decided without its courier's feed having passed its
     * due time says so. The order's timed flags follow, as of that time. While the courier's feed
     * keeps the review from deciding up to its own time, and something falls due or is dated in
     * between ({@link OrderAlerts#mayChangeBetween}), or an alert was decided without the feed,
     * another is set a poll interval later: an order whose SLAs have nothing pending is not polled.
     *
     * @return whether the order's timed flags changed
     */
    private boolean review(
            OrderState order, long reviewAt, AlertsOfOrder orderAlerts, ReadOnlyContext ctx)
            throws Exception {
        Instant review = Instant.ofEpochMilli(reviewAt);
        Instant feedClock = feedClockOf(order, reviewAt, ctx);
        Long before = decidedBefore.value();
        TreeSet<Instant> dueTimes = rules.dueTimes(order);
        Map<Instant, Map<AlertType, AlertCondition>> asOf = new HashMap<>();
        Map<AlertType, AlertCondition> holding = new EnumMap<>(AlertType.class);
        Instant decidedUntil = review;
        boolean decidedWithoutFeed = false;
        for (AlertType type : OrderAlerts.TIMED) {
            Instant until = waits.decidedUntil(type, review, feedClock);
            decidedUntil = until.isBefore(decidedUntil) ? until : decidedUntil;
            AlertCondition condition =
                    asOf.computeIfAbsent(until, at -> rules.timedConditions(order, at, review))
                            .get(type);
            Alert current = orderAlerts.get(type);
            if (condition == null && !isOpen(current)) {
                // Held at a due time since the last review (or ever, if a late report shows an
                // alert never raised), over by now: kept as resolved.
                Instant from =
                        before == null || current == null
                                ? Instant.MIN
                                : Instant.ofEpochMilli(before);
                for (Instant due : dueTimes.subSet(from, false, until, true)) {
                    AlertCondition then =
                            asOf.computeIfAbsent(
                                            due, at -> rules.timedConditions(order, at, review))
                                    .get(type);
                    if (then != null) {
                        condition = then.endedAt(review);
                        break;
                    }
                }
            }
            if (condition != null && feedClock.isBefore(condition.since())) {
                decidedWithoutFeed = true;
                condition =
                        condition.because(
                                order.getCourier()
                                        + " had sent no scan after the due time for "
                                        + waits.maxFeedWait().toHours()
                                        + " h: decided without its feed");
            }
            if (condition != null) {
                holding.put(type, condition);
            }
        }
        AlertBook.Subject subject =
                OrderAlerts.courierKnownBy(order, review) == null
                        ? AlertBook.Subject.of(order).withoutShipment()
                        : AlertBook.Subject.of(order);
        AlertBook.reconcile(subject, OrderAlerts.TIMED, holding, review, orderAlerts)
                .forEach(alert -> ctx.output(ALERTS, alert));
        AlertBook.nameShipment(subject, OrderAlerts.TIMED, review, orderAlerts)
                .forEach(alert -> ctx.output(ALERTS, alert));
        checkedUntil.update(reviewAt);
        decidedBefore.update(decidedUntil.toEpochMilli());
        List<String> flags = rules.timedFlags(order, decidedUntil, review, holding);
        boolean flagsChanged = !flags.equals(order.getTimedFlags());
        if (flagsChanged) {
            order.setTimedFlags(flags);
            order.setFlagsAsOf(decidedUntil);
        }
        if (decidedUntil.isBefore(review)
                && (rules.mayChangeBetween(order, decidedUntil, review, review)
                        || decidedWithoutFeed)) {
            // The courier's feed is behind: what fell due, or what the reports it has not passed
            // yet show, is decided later; so is an alert decided without it.
            addReview(reviewAt + waits.feedPoll().toMillis(), false, ctx.timerService());
        }
        return flagsChanged;
    }

    /**
     * The clock of the order's courier feed by {@code arrivedBy}: the review time itself for an
     * order with no courier yet (no feed to wait for), {@link Instant#MIN} for a courier that has
     * sent nothing for the seller yet.
     */
    private static Instant feedClockOf(OrderState order, long arrivedBy, ReadOnlyContext ctx)
            throws Exception {
        String courier = OrderAlerts.courierKnownBy(order, Instant.ofEpochMilli(arrivedBy));
        if (courier == null) {
            return Instant.ofEpochMilli(arrivedBy);
        }
        long[] steps =
                ctx.getBroadcastState(FEED_CLOCKS)
                        .get(FeedClock.feedOf(order.getTenantId(), courier));
        long clock = steps == null ? Long.MIN_VALUE : FeedClock.clockAt(steps, arrivedBy);
        return clock == Long.MIN_VALUE ? Instant.MIN : Instant.ofEpochMilli(clock);
    }

    private static boolean isOpen(Alert alert) {
        return alert != null && alert.getState() == AlertState.OPEN;
    }

    /**
     * Sets the reviews the order needs, as a function of what it holds (so a replay sets the same,
     * whatever order the records were read in): one for each SLA due time and grace, once what
     * defines it has arrived; and, from the first of those on, one at each arrival of a report or
     * of the order event that arrived at {@code arrivedAt}, which may clear what holds. Reviews of
     * due times that no longer apply are deleted, unless they come before this arrival: those still
     * decide on what had arrived by their time. A review that finds nothing to change publishes
     * nothing.
     */
    private void scheduleReviews(OrderState order, long arrivedAt, TimerService timers)
            throws Exception {
        Long checked = checkedUntil.value();
        TreeSet<Instant> reviewTimes = rules.reviewTimes(order, waits);
        TreeSet<Long> due = new TreeSet<>();
        for (Instant time : reviewTimes) {
            long at = time.toEpochMilli();
            if (checked == null || at > checked) {
                due.add(at);
            }
        }
        List<Long> obsolete = new ArrayList<>();
        for (Map.Entry<Long, Boolean> review : alertTimers.entries()) {
            // A review before this arrival still decides on what had arrived by then.
            if (review.getValue()
                    && !due.contains(review.getKey())
                    && review.getKey() >= arrivedAt) {
                obsolete.add(review.getKey());
            }
        }
        for (Long time : obsolete) {
            timers.deleteEventTimeTimer(time);
            alertTimers.remove(time);
        }
        for (Long time : due) {
            addReview(time, true, timers);
        }
        if (reviewTimes.isEmpty()) {
            return;
        }
        long evidenceFrom =
                Math.max(reviewTimes.first().toEpochMilli(), checked == null ? 0 : checked + 1);
        for (StatusReport report : order.getStatusHistory()) {
            Instant arrived =
                    report.getArrivedAt() == null ? report.getAt() : report.getArrivedAt();
            if (arrived.toEpochMilli() >= evidenceFrom) {
                addReview(arrived.toEpochMilli(), false, timers);
            }
        }
        if (arrivedAt >= evidenceFrom) {
            addReview(arrivedAt, false, timers);
        }
    }

    private void addReview(long at, boolean ofDueTime, TimerService timers) throws Exception {
        Boolean registered = alertTimers.get(at);
        if (registered == null) {
            timers.registerEventTimeTimer(at);
            alertTimers.put(at, ofDueTime);
        } else if (!ofDueTime && registered) {
            alertTimers.put(at, false); // kept even if the due time goes
        }
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
