package io.ordertrack.jobs.tracking;

import io.ordertrack.avro.Alert;
import io.ordertrack.avro.CodDelivery;
import io.ordertrack.avro.CustomerNotification;
import io.ordertrack.avro.DeliveryLesson;
import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.OrderState;
import io.ordertrack.avro.OutcomeReport;
import io.ordertrack.avro.ShipmentFacts;
import io.ordertrack.avro.StockChange;
import io.ordertrack.avro.TrackedOrder;
import io.ordertrack.avro.TrackingScan;
import io.ordertrack.domain.alerts.AlertThresholds;
import io.ordertrack.domain.alerts.FeedClock;
import io.ordertrack.domain.alerts.FeedWaits;
import io.ordertrack.domain.alerts.OrderAlerts;
import io.ordertrack.domain.analytics.ShipmentMetrics;
import io.ordertrack.domain.cod.CodParcels;
import io.ordertrack.domain.delivery.ExpectedDelivery;
import io.ordertrack.domain.lifecycle.CourierCodes;
import io.ordertrack.domain.lifecycle.OrderLifecycle;
import io.ordertrack.domain.notifications.CustomerMoments;
import io.ordertrack.domain.risk.RtoRisk;
import io.ordertrack.domain.stock.OrderStock;
import io.ordertrack.jobs.ingest.DeadLetter;
import io.ordertrack.jobs.ingest.DeadLetterSplitter;
import io.ordertrack.jobs.risk.OrderChange;
import io.ordertrack.jobs.state.ArrivalOrder;
import io.ordertrack.schemas.AvroCodec;
import io.ordertrack.schemas.RecordKeys;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
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
 * OrderLifecycle}'s; the tracker applies them and hands the rest on: the order's alerts and their
 * review times to {@link AlertKeeper}, when its document is written to {@link DocumentWrites}, when
 * it is forgotten to {@link OrderRetention}. All of it is kept in one keyed state value per order
 * ({@link OrderStore}), read and written once per record or timer; TTL also forgets an order
 * nothing has written for {@code retention} of processing time. What falls due in event time (a
 * review, the cleanup, the end of a forgotten order's dead letters) comes with one timer per order,
 * at the first of them ({@link #keepTimer}): a review set for the arrival being applied is made at
 * once, not by a timer of its own, and the timer queue holds an entry per order rather than one per
 * review.
 *
 * <p>Every record comes with its arrival time on the feeds' clock (its Flink timestamp, see {@link
 * FeedClocks#arrivalOf}) and is applied in the order of arrivals ({@link HeldRecords}); the courier
 * feed clocks come as broadcast state ({@link FeedClocks}), which the SLA reviews read.
 */
public final class OrderTracker
        extends KeyedBroadcastProcessFunction<String, TrackerInput, FeedClockReading, OrderChange> {
    private static final long serialVersionUID = 1L;

    /**
     * When order documents (and cohorts, and alerts) are written.
     *
     * @param liveLag an order whose latest event is at most this old is written at once
     * @param catchUpDelay older orders are written at most this often, with their latest state
     * @param longestHold while the job catches up ({@link CatchUpWatch}) an older order's write
     *     waits on, once per {@code catchUpDelay}, until the catch-up ends or it has waited this
     *     long
     */
    public record Writes(Duration liveLag, Duration catchUpDelay, Duration longestHold)
            implements Serializable {
        public static final Writes DEFAULT =
                new Writes(Duration.ofMinutes(1), Duration.ofSeconds(10), Duration.ofMinutes(5));

        /**
         * A held write's timer fired: while the job is catching up and the write has not yet waited
         * the longest hold, it waits one catch-up delay more.
         *
         * @param heldSince when the write began to wait, or {@link Long#MIN_VALUE} if unknown (a
         *     value of an earlier build: it goes)
         * @return the time of the timer set for it, or {@link Long#MIN_VALUE} if it is to go now
         */
        public long waitOn(long heldSince, CatchUpWatch catchUp, TimerService timers) {
            long now = timers.currentProcessingTime();
            if (heldSince == Long.MIN_VALUE
                    || now - heldSince >= longestHold.toMillis()
                    || !catchUp.catchingUp(now, timers.currentWatermark())) {
                return Long.MIN_VALUE;
            }
            long at = now + catchUpDelay.toMillis();
            timers.registerProcessingTimeTimer(at);
            return at;
        }
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

    /** The moments its customer should hear about ({@link CustomerMoments}), told once each. */
    public static final OutputTag<CustomerNotification> NOTIFICATIONS =
            new OutputTag<>("notifications", TypeInformation.of(CustomerNotification.class));

    /**
     * The cash each delivered cash-on-delivery order's courier collected, once, for the COD ledger.
     */
    public static final OutputTag<CodDelivery> COD_DELIVERIES =
            new OutputTag<>("cod-deliveries", TypeInformation.of(CodDelivery.class));

    /** The stock changes orders imply, for the inventory ledger. */
    public static final OutputTag<StockChange> STOCK_CHANGES =
            new OutputTag<>("stock-changes", TypeInformation.of(StockChange.class));

    private static final AvroCodec<OrderEvent> ORDER_EVENTS = AvroCodec.of(OrderEvent.class);
    private static final AvroCodec<TrackingScan> SCANS = AvroCodec.of(TrackingScan.class);

    private final String ordersTopic;
    private final String trackingTopic;
    private final OrderStore store;
    private final AlertKeeper alerts;
    private final DocumentWrites documentWrites;
    private final OrderRetention orderRetention;
    private final HeldRecords held;

    private transient OrderLifecycle lifecycle;
    private transient Counter unmappedScans;

    /**
     * @param ordersTopic where order events come from, named in the dead letters of forgotten
     *     orders
     * @param trackingTopic where courier scans come from, likewise
     * @param quietAfter how long the watermark stands still, the feeds quiet, before the records
     *     waiting for it are applied
     */
    public OrderTracker(
            Duration retention,
            Duration finishedRetention,
            AlertThresholds thresholds,
            FeedWaits waits,
            Writes writes,
            String ordersTopic,
            String trackingTopic,
            Duration quietAfter) {
        this.store = new OrderStore(retention);
        this.ordersTopic = ordersTopic;
        this.trackingTopic = trackingTopic;
        this.alerts = new AlertKeeper(thresholds, waits);
        this.documentWrites = new DocumentWrites(writes);
        this.orderRetention = new OrderRetention(retention, finishedRetention);
        this.held = new HeldRecords(quietAfter);
    }

    @Override
    public void open(OpenContext openContext) {
        store.open(getRuntimeContext());
        alerts.open();
        documentWrites.open();
        lifecycle = new OrderLifecycle(CourierCodes.bundled());
        unmappedScans = getRuntimeContext().getMetricGroup().counter("unmappedScans");
    }

    @Override
    public void processElement(TrackerInput input, ReadOnlyContext ctx, Collector<OrderChange> out)
            throws Exception {
        long arrivedAt =
                input.getEvent() != null
                        ? FeedClocks.arrivalOf(
                                ctx.timestamp(), input.getEvent().getEventTime().toEpochMilli())
                        : FeedClocks.arrivalOf(input.getScan(), ctx.timestamp());
        documentWrites.recordRead(ctx.timerService());
        TrackedOrder tracked = store.read();
        List<ArrivalOrder.Arrived<TrackerInput>> records =
                held.read(input, arrivedAt, tracked, ctx.timerService());
        if (!records.isEmpty()) {
            apply(records, tracked, ctx, out);
            keepTimer(tracked, held.sharing(tracked, ctx.timerService()));
        }
        store.write(tracked);
    }

    private void apply(
            List<ArrivalOrder.Arrived<TrackerInput>> records,
            TrackedOrder tracked,
            ReadOnlyContext ctx,
            Collector<OrderChange> out)
            throws Exception {
        for (ArrivalOrder.Arrived<TrackerInput> record : records) {
            TrackerInput input = record.input();
            if (input.getEvent() != null) {
                applyOrderEvent(input.getEvent(), record.arrivedAt(), tracked, ctx, out);
            } else {
                applyScan(input.getScan(), record.arrivedAt(), tracked, ctx, out);
            }
        }
    }

    private void applyOrderEvent(
            OrderEvent event,
            long arrivedAt,
            TrackedOrder tracked,
            ReadOnlyContext ctx,
            Collector<OrderChange> out)
            throws Exception {
        OrderState order = tracked.getOrder();
        if (order == null) {
            if (forgotten(
                    tracked,
                    ctx,
                    ordersTopic,
                    RecordKeys.of(event),
                    () -> ORDER_EVENTS.encode(event))) {
                return;
            }
            order =
                    OrderLifecycle.newOrder(
                            RecordKeys.of(event),
                            event.getTenantId(),
                            event.getChannel(),
                            event.getClientOrderId());
        }
        if (lifecycle.apply(order, event, Instant.ofEpochMilli(arrivedAt))) {
            tracked.setOrder(order);
            publish(tracked, event, arrivedAt, ctx, out);
        }
    }

    private void applyScan(
            RoutedScan routed,
            long arrivedAt,
            TrackedOrder tracked,
            ReadOnlyContext ctx,
            Collector<OrderChange> out)
            throws Exception {
        TrackingScan scan = routed.getScan();
        OrderState order = tracked.getOrder();
        if (order == null) {
            if (forgotten(
                    tracked, ctx, trackingTopic, RecordKeys.of(scan), () -> SCANS.encode(scan))) {
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
        if (lifecycle.apply(order, scan, Instant.ofEpochMilli(arrivedAt))) {
            tracked.setOrder(order);
            unmappedScans.inc(order.getUnmappedScans() - unmappedBefore);
            alerts.scanApplied(
                    tracked,
                    scan,
                    Instant.ofEpochMilli(arrivedAt),
                    alert -> ctx.output(ALERTS, alert));
            publish(tracked, null, arrivedAt, ctx, out);
        }
    }

    /** Whether the order was forgotten: then the record goes to dead-letters, saying why. */
    private boolean forgotten(
            TrackedOrder tracked,
            ReadOnlyContext ctx,
            String topic,
            String key,
            Supplier<byte[]> value) {
        DeadLetter letter =
                orderRetention.lateRecord(
                        tracked,
                        ctx.getCurrentKey(),
                        topic,
                        key,
                        value,
                        ctx.timerService().currentProcessingTime());
        if (letter == null) {
            return false;
        }
        ctx.output(DeadLetterSplitter.DEAD_LETTERS, letter);
        return true;
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
     * In processing time: the feeds went quiet with records held, or the document of an order being
     * caught up is due. In event time: the watermark passed the arrival of held records, which are
     * applied first; and an SLA fell due, or the order has been finished, or quiet, for its
     * retention period, or the late events of a forgotten order no longer need a reason.
     */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<OrderChange> out)
            throws Exception {
        TrackedOrder tracked = store.read();
        TimerService timers = held.sharing(tracked, ctx.timerService());
        if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
            apply(held.quiet(timestamp, tracked, timers), tracked, ctx, out);
            if (documentWrites.isDue(tracked, timestamp)) {
                documentWrites.writeDue(tracked, timers, out);
            }
        } else {
            if (tracked.getTimerAt() == timestamp) {
                tracked.setTimerAt(OrderStore.NONE);
            }
            apply(held.arrivedBy(timestamp, tracked, timers), tracked, ctx, out);
            // What the records applied set for this very time (a review at their arrival) is
            // made now, with what was due already.
            if (orderRetention.forgetNow(timestamp, tracked)) {
                forget(tracked, timestamp, timers, out);
            } else if (tracked.getOrder() != null && alerts.reviewDue(tracked, timestamp)) {
                review(tracked, timestamp, timers, ctx, out);
            }
        }
        keepTimer(tracked, timers);
        store.write(tracked);
    }

    /**
     * Keeps the order's one event-time timer at the first of what falls due: its next review, its
     * cleanup, the end of its forgotten time. A time in the past (a review at a report's arrival,
     * set by a record read behind the watermark) fires with the next watermark, as its own timer
     * did.
     */
    private void keepTimer(TrackedOrder tracked, TimerService timers) {
        long due =
                OrderStore.earliest(
                        AlertKeeper.nextReview(tracked), orderRetention.nextDue(tracked));
        long registered = tracked.getTimerAt();
        if (due == registered) {
            return;
        }
        if (registered != OrderStore.NONE) {
            timers.deleteEventTimeTimer(registered);
        }
        if (due != OrderStore.NONE) {
            timers.registerEventTimeTimer(due);
        }
        tracked.setTimerAt(due);
    }

    private void review(
            TrackedOrder tracked,
            long timestamp,
            TimerService timers,
            OnTimerContext ctx,
            Collector<OrderChange> out)
            throws Exception {
        boolean flagsChanged =
                alerts.review(
                        tracked,
                        timestamp,
                        feedClockOf(tracked.getOrder(), timestamp, ctx),
                        alert -> ctx.output(ALERTS, alert));
        if (flagsChanged) {
            documentWrites.send(tracked, false, timers, out);
        }
    }

    /**
     * Clears every piece of the order's state, and remembers when; a document still waiting to be
     * written is written first (a replay can reach the end of an order's retention, in event time,
     * within the catch-up delay).
     */
    private void forget(
            TrackedOrder tracked, long timestamp, TimerService timers, Collector<OrderChange> out) {
        documentWrites.writePending(tracked, timers, out);
        alerts.forget(tracked);
        tracked.setOrder(null);
        orderRetention.forgotten(tracked, timestamp);
    }

    /** What follows from a record applied to the order: {@code applied} when an order event. */
    private void publish(
            TrackedOrder tracked,
            OrderEvent applied,
            long arrivedAt,
            ReadOnlyContext ctx,
            Collector<OrderChange> out) {
        OrderState order = tracked.getOrder();
        for (CustomerNotification notification : CustomerMoments.newlyReached(order, applied)) {
            ctx.output(NOTIFICATIONS, notification);
        }
        Instant arrived = Instant.ofEpochMilli(arrivedAt);
        for (StockChange change : OrderStock.newChanges(order)) {
            change.setArrivedAt(arrived);
            ctx.output(STOCK_CHANGES, change);
        }
        boolean scoredAtFinish = order.getOutcomeReported();
        reportFirstAttempt(order, ctx);
        reportOutcome(order, ctx);
        reportCodDelivery(order, ctx);
        reportShipment(order, ctx);
        TimerService timers = held.sharing(tracked, ctx.timerService());
        orderRetention.schedule(tracked);
        alerts.scheduleReviews(tracked, arrivedAt);
        if (!OrderLifecycle.awaitsManifest(order)) {
            // Else scored and written once its manifest, a moment behind, is applied: what the
            // scorer sees does not depend on which of the two the tracker read first. An order
            // keeps the score of its finish (a return, an RTO's way back or a late scan can come
            // weeks later, when the model no longer knows what it knew then).
            documentWrites.send(tracked, !scoredAtFinish, timers, out);
        }
    }

    /**
     * The first time an order is known delivered or returned, the risk model (and, delivered, the
     * expected delivery) learns from it, as of when the job knew it ({@link RtoRisk#knownAt}). An
     * order finished by scans read before its manifest waits for the manifest, whose courier is one
     * of the signals it teaches: what it teaches does not depend on which of the two the job read
     * first.
     */
    private static void reportOutcome(OrderState order, ReadOnlyContext ctx) {
        RtoRisk.Outcome outcome = RtoRisk.outcomeOf(order);
        if (order.getOutcomeReported()
                || OrderLifecycle.awaitsManifest(order)
                || !outcome.teaches()) {
            return;
        }
        order.setOutcomeReported(true);
        ctx.output(
                OUTCOMES,
                new OutcomeReport(
                        order.getOrderId(),
                        outcome == RtoRisk.Outcome.RTO,
                        RtoRisk.signalsOf(order),
                        RtoRisk.knownAt(order),
                        ExpectedDelivery.lessonsOf(order).stream()
                                .map(lesson -> new DeliveryLesson(lesson.key(), lesson.hours()))
                                .toList()));
    }

    /** A cash-on-delivery order first known delivered tells the COD ledger what it collected. */
    private static void reportCodDelivery(OrderState order, ReadOnlyContext ctx) {
        CodDelivery collected = CodParcels.collectedFrom(order);
        if (order.getCodDeliveryReported() == null) {
            // Kept by a build before the COD ledger: a delivery already known is taken as reported.
            order.setCodDeliveryReported(collected != null);
            return;
        }
        if (order.getCodDeliveryReported()) {
            return;
        }
        if (collected != null) {
            order.setCodDeliveryReported(true);
            ctx.output(COD_DELIVERIES, collected);
        }
    }

    /**
     * Once an order's first delivery attempt is known, the risk model learns whether it failed, as
     * of when the job knew it ({@link RtoRisk#firstAttemptOf}).
     */
    private static void reportFirstAttempt(OrderState order, ReadOnlyContext ctx) {
        RtoRisk.AttemptLesson attempt = RtoRisk.firstAttemptOf(order);
        if (attempt == null || order.getFirstAttemptReported()) {
            return;
        }
        order.setFirstAttemptReported(true);
        ctx.output(
                OUTCOMES,
                new OutcomeReport(
                        order.getOrderId(),
                        attempt.failed(),
                        RtoRisk.firstAttemptSignalsOf(order),
                        attempt.knownAt(),
                        List.of()));
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
}
