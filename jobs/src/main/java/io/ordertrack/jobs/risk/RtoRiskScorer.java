package io.ordertrack.jobs.risk;

import io.ordertrack.avro.Alert;
import io.ordertrack.avro.AlertState;
import io.ordertrack.avro.AlertType;
import io.ordertrack.avro.CustomerHistory;
import io.ordertrack.avro.DeliveryPrediction;
import io.ordertrack.avro.OrderRisk;
import io.ordertrack.avro.OrderState;
import io.ordertrack.avro.OutcomeReport;
import io.ordertrack.domain.alerts.AlertBook;
import io.ordertrack.domain.delivery.ExpectedDelivery;
import io.ordertrack.domain.delivery.RecentDeliveries;
import io.ordertrack.domain.delivery.TransitLearning;
import io.ordertrack.domain.documents.OrderDocument;
import io.ordertrack.domain.risk.RecentOutcomes;
import io.ordertrack.domain.risk.RtoLearning;
import io.ordertrack.domain.risk.RtoRisk;
import io.ordertrack.jobs.state.QuietFeeds;
import io.ordertrack.jobs.state.StateRetention;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Scores the RTO risk of every order on every event of it and emits the order with its score when
 * the order tracker says its document is due ({@link OrderChange}). Keyed by customer (tenant and
 * phone), so each customer's own history is at hand; the RTO rates per signal, learned from every
 * finished order, reach every instance as broadcast state.
 *
 * <p>What a score learned from is decided by event time ({@link RtoLearning}), never by which of an
 * outcome and an order reached this instance first: a change far enough ahead of the watermark for
 * an outcome it must count to be still on its way waits here (keyed state, an event-time timer)
 * until the watermark catches up, or until the feeds go quiet.
 */
public final class RtoRiskScorer
        extends KeyedBroadcastProcessFunction<String, OrderChange, OutcomeReport, ScoredOrder> {
    private static final long serialVersionUID = 1L;

    /**
     * The learned RTO tallies by signal, {orders, rto}: outcomes old enough for every score still
     * to come to count them (all outcomes, in a savepoint of an earlier build).
     */
    public static final MapStateDescriptor<String, long[]> TALLIES =
            new MapStateDescriptor<>(
                    "rto-tallies",
                    Types.STRING,
                    PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO);

    /** The outcomes learned since, by signal: {@link RecentOutcomes#encoded()}. */
    public static final MapStateDescriptor<String, long[]> RECENT =
            new MapStateDescriptor<>(
                    "rto-recent-outcomes",
                    Types.STRING,
                    PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO);

    /**
     * What the expected delivery learned by key (tenant, lane, point of the way): the hours from
     * there to delivery ({@link io.ordertrack.domain.delivery.RemainingHours#encoded()}) of
     * deliveries old enough for every prediction still to come to count them.
     */
    public static final MapStateDescriptor<String, long[]> TRANSIT_HOURS =
            new MapStateDescriptor<>(
                    "transit-hours",
                    Types.STRING,
                    PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO);

    /** The deliveries learned since, by key: {@link RecentDeliveries#encoded()}. */
    public static final MapStateDescriptor<String, long[]> TRANSIT_RECENT =
            new MapStateDescriptor<>(
                    "transit-recent-deliveries",
                    Types.STRING,
                    PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO);

    /** RTO_RISK and EDD_BREACH_PREDICTED alerts opened, updated and resolved. */
    public static final OutputTag<Alert> ALERTS =
            new OutputTag<>("risk-alerts", TypeInformation.of(Alert.class));

    private static final Set<AlertType> TYPES = EnumSet.of(AlertType.RTO_RISK);

    private static final Set<AlertType> DELIVERY_TYPES = EnumSet.of(AlertType.EDD_BREACH_PREDICTED);

    /** The one key of a customer's own history: the keyed state is the customer's already. */
    private static final String CUSTOMER = "customer";

    private final RtoRisk.Settings settings;
    private final RtoLearning learning;
    private final TransitLearning transitLearning;
    private final ExpectedDelivery expectedDelivery;
    private final Duration retention;
    private final QuietFeeds quietFeeds;

    private transient MapState<String, OrderRisk> orders;

    /** Changes waiting for the watermark, by the watermark they wait for, in arrival order. */
    private transient MapState<Long, List<OrderChange>> waiting;

    /** Orders a savepoint of an earlier build left waiting to be written, and their timer. */
    private transient MapState<String, OrderState> unwritten;

    private transient ValueState<Long> writeAt;

    /** The customer's finished orders old enough for every score still to come to count them. */
    private transient ValueState<CustomerHistory> history;

    /** The customer's finished orders since, {@link RecentOutcomes#encoded()}. */
    private transient ValueState<long[]> recentHistory;

    private transient RtoLearning.Store customerHistory;
    private transient RtoRisk risk;

    /**
     * @param delivery how deliveries are predicted, learned by the same rule as the RTO risk; null:
     *     not predicted
     * @param retention how long a customer's history and an order's score are kept unused
     * @param quietAfter how long of wall-clock time the watermark stands still before waiting
     *     changes are scored with what has been learned
     */
    public RtoRiskScorer(
            RtoRisk.Settings settings,
            RtoLearning learning,
            ExpectedDelivery.Settings delivery,
            Duration retention,
            Duration quietAfter) {
        this.settings = settings;
        this.learning = learning;
        this.transitLearning = new TransitLearning(learning.clock());
        this.expectedDelivery = delivery == null ? null : new ExpectedDelivery(delivery);
        this.retention = retention;
        this.quietFeeds = new QuietFeeds(quietAfter);
    }

    /**
     * The key of a change: its order's customer, or the order itself until its details are known.
     */
    public static String keyOf(OrderChange change) {
        OrderState order = change.getOrder();
        String customer = RtoRisk.customerOf(order);
        return customer != null ? customer : "order:" + order.getOrderId();
    }

    @Override
    public void open(OpenContext openContext) {
        MapStateDescriptor<String, OrderRisk> ordersDescriptor =
                new MapStateDescriptor<>(
                        "order-risks", Types.STRING, TypeInformation.of(OrderRisk.class));
        ordersDescriptor.enableTimeToLive(StateRetention.after(retention));
        orders = getRuntimeContext().getMapState(ordersDescriptor);
        ValueStateDescriptor<CustomerHistory> historyDescriptor =
                new ValueStateDescriptor<>(
                        "customer-history", TypeInformation.of(CustomerHistory.class));
        historyDescriptor.enableTimeToLive(StateRetention.after(retention));
        history = getRuntimeContext().getState(historyDescriptor);
        ValueStateDescriptor<long[]> recentDescriptor =
                new ValueStateDescriptor<>(
                        "customer-recent-outcomes",
                        PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO);
        recentDescriptor.enableTimeToLive(StateRetention.after(retention));
        recentHistory = getRuntimeContext().getState(recentDescriptor);
        waiting =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "changes-waiting-for-watermark",
                                        Types.LONG,
                                        Types.LIST(TypeInformation.of(OrderChange.class))));
        quietFeeds.open(getRuntimeContext());
        customerHistory = LearnedOutcomes.ofCustomer(history, recentHistory);
        unwritten =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "unwritten-orders",
                                        Types.STRING,
                                        TypeInformation.of(OrderState.class)));
        writeAt = getRuntimeContext().getState(new ValueStateDescriptor<>("write-at", Types.LONG));
        risk = new RtoRisk(settings);
    }

    @Override
    public void processElement(OrderChange change, ReadOnlyContext ctx, Collector<ScoredOrder> out)
            throws Exception {
        quietFeeds.recordRead(ctx.timerService().currentProcessingTime());
        OrderState order = change.getOrder();
        if (order.getDetails() == null) {
            if (change.isWriting()) {
                out.collect(new ScoredOrder(order, null, null));
            }
            return;
        }
        long watermark = ctx.currentWatermark();
        learnCustomerOutcome(order, watermark);
        long scorableAt = learning.scorableAt(order.getLastEventAt());
        if (scorableAt > watermark) {
            List<OrderChange> changes = waiting.get(scorableAt);
            changes = changes == null ? new ArrayList<>() : changes;
            changes.add(change);
            waiting.put(scorableAt, changes);
            ctx.timerService().registerEventTimeTimer(scorableAt);
            quietFeeds.holding(ctx.timerService());
            return;
        }
        take(change, ctx, out);
    }

    /**
     * The watermark reached changes waiting for it; or it is time to check whether the feeds are
     * quiet; or, after a restore of an earlier build, to write the orders it left waiting.
     */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ScoredOrder> out)
            throws Exception {
        if (ctx.timeDomain() == TimeDomain.EVENT_TIME) {
            takeWaiting(timestamp, ctx, out);
        } else if (Long.valueOf(timestamp).equals(writeAt.value())) {
            writeUnwritten(out);
        } else if (quietFeeds.stalled(ctx.timerService(), !waiting.isEmpty())) {
            takeWaiting(Long.MAX_VALUE, ctx, out);
        }
    }

    /** Takes the changes waiting for a watermark up to {@code upTo}, the earliest first. */
    private void takeWaiting(long upTo, ReadOnlyContext ctx, Collector<ScoredOrder> out)
            throws Exception {
        List<Long> due = new ArrayList<>();
        for (Long at : waiting.keys()) {
            if (at <= upTo) {
                due.add(at);
            }
        }
        Collections.sort(due);
        for (Long at : due) {
            List<OrderChange> changes = waiting.get(at);
            waiting.remove(at);
            // Taken early by a quiet flush, its timer has nothing left to do.
            ctx.timerService().deleteEventTimeTimer(at);
            for (OrderChange change : changes) {
                take(change, ctx, out);
            }
        }
    }

    /**
     * Scores a change and predicts its delivery if it asks to be, and writes the order's document
     * if it is due.
     */
    private void take(OrderChange change, ReadOnlyContext ctx, Collector<ScoredOrder> out)
            throws Exception {
        OrderState order = change.getOrder();
        OrderRisk state = orders.get(order.getOrderId());
        boolean changed = change.isScoring();
        if (state == null) {
            state = newOrderRisk();
        }
        if (change.isScoring()) {
            assess(order, state, ctx);
            ExpectedDelivery.Estimate estimate =
                    expectedDelivery == null ? null : predictDelivery(order, ctx);
            state.setExpectedDelivery(predictionOf(estimate));
            reconcileDeliveryAlert(order, state, estimate, ctx);
        }
        if (changed) {
            orders.put(order.getOrderId(), state);
        }
        if (change.isWriting()) {
            out.collect(new ScoredOrder(order, riskOf(state), deliveryOf(order, state)));
        }
    }

    /**
     * When the order is expected to be delivered, as of its latest event, from the deliveries
     * learned by then ({@link TransitLearning}): the same in every replay.
     */
    private ExpectedDelivery.Estimate predictDelivery(OrderState order, ReadOnlyContext ctx)
            throws Exception {
        Instant at = order.getLastEventAt();
        TransitLearning.Memory learned =
                LearnedTransitTimes.of(
                        ctx.getBroadcastState(TRANSIT_HOURS),
                        ctx.getBroadcastState(TRANSIT_RECENT));
        return expectedDelivery.estimate(order, at, transitLearning.asOf(at, learned)).orElse(null);
    }

    /**
     * Opens, updates or resolves EDD_BREACH_PREDICTED; resolves it when predictions were turned off
     * since it opened.
     */
    private void reconcileDeliveryAlert(
            OrderState order,
            OrderRisk state,
            ExpectedDelivery.Estimate estimate,
            ReadOnlyContext ctx)
            throws Exception {
        Alert current = state.getEddAlert();
        boolean open = current != null && current.getState() == AlertState.OPEN;
        AlertBook.reconcile(
                        AlertBook.Subject.of(order),
                        DELIVERY_TYPES,
                        expectedDelivery == null
                                ? Map.of()
                                : expectedDelivery.conditions(
                                        order, estimate, order.getLastEventAt(), open),
                        order.getLastEventAt(),
                        alertsOf(state))
                .forEach(alert -> ctx.output(ALERTS, alert));
    }

    /** The prediction as the order's state keeps it; null for none. */
    private static DeliveryPrediction predictionOf(ExpectedDelivery.Estimate estimate) {
        return estimate == null
                ? null
                : new DeliveryPrediction(
                        estimate.expectedAt(),
                        estimate.earliest(),
                        estimate.latest(),
                        estimate.from().name(),
                        estimate.since(),
                        estimate.lane(),
                        estimate.sample());
    }

    /**
     * The order's expected delivery as last predicted, on its latest event: a document written
     * later (a timed flag, the end of a catch-up) shows what was predicted then, not what has been
     * learned since. None while predictions are off.
     */
    private OrderDocument.DeliveryEstimate deliveryOf(OrderState order, OrderRisk state) {
        DeliveryPrediction kept = state.getExpectedDelivery();
        if (expectedDelivery == null || kept == null || order.getDetails() == null) {
            return null;
        }
        return OrderDocument.DeliveryEstimate.of(
                new ExpectedDelivery.Estimate(
                        kept.getExpectedAt(),
                        kept.getEarliest(),
                        kept.getLatest(),
                        ExpectedDelivery.Progress.valueOf(kept.getFrom()),
                        kept.getSince(),
                        kept.getLane(),
                        kept.getSample()),
                order.getDetails().getPromisedDeliveryDate());
    }

    /**
     * Writes the orders a savepoint of an earlier build left waiting here, each with its latest
     * state (the order tracker now holds back the writes of orders being caught up itself).
     */
    private void writeUnwritten(Collector<ScoredOrder> out) throws Exception {
        writeAt.clear();
        for (OrderState order : unwritten.values()) {
            OrderRisk state = order.getDetails() == null ? null : orders.get(order.getOrderId());
            out.collect(
                    state == null
                            ? new ScoredOrder(order, null, null)
                            : new ScoredOrder(order, riskOf(state), deliveryOf(order, state)));
        }
        unwritten.clear();
    }

    /** The order's risk as last scored; null before it was. */
    private OrderDocument.Risk riskOf(OrderRisk state) {
        if (state.getScore() == null) {
            return null;
        }
        return new OrderDocument.Risk(
                state.getScore(),
                List.copyOf(state.getReasons()),
                state.getScore() >= settings.alertThreshold());
    }

    /**
     * Every instance learns from every finished order (the RTO risk; delivered, the transit times),
     * as of when the job knew its outcome ({@link RtoRisk#knownAt}, sent as the report's {@code
     * finishedAt}): a function of the feeds, where the report's own timestamp is that of whichever
     * record the tracker read last.
     */
    @Override
    public void processBroadcastElement(
            OutcomeReport report, Context ctx, Collector<ScoredOrder> out) throws Exception {
        quietFeeds.recordRead(ctx.currentProcessingTime());
        learning.learn(
                report.getSignals(),
                report.getFinishedAt(),
                report.getRto(),
                ctx.currentWatermark(),
                LearnedOutcomes.learnedBySignal(
                        ctx.getBroadcastState(TALLIES), ctx.getBroadcastState(RECENT)));
        if (report.getFinishedAt() != null && !report.getDeliveryLessons().isEmpty()) {
            transitLearning.learn(
                    report.getDeliveryLessons().stream()
                            .map(
                                    lesson ->
                                            new ExpectedDelivery.Lesson(
                                                    lesson.getKey(), lesson.getHours()))
                            .toList(),
                    report.getFinishedAt(),
                    ctx.currentWatermark(),
                    LearnedTransitTimes.learned(
                            ctx.getBroadcastState(TRANSIT_HOURS),
                            ctx.getBroadcastState(TRANSIT_RECENT)));
        }
    }

    private void assess(OrderState order, OrderRisk state, ReadOnlyContext ctx) throws Exception {
        RtoRisk.Outcome outcome = RtoRisk.outcomeOf(order);
        RtoLearning.Memory learned =
                LearnedOutcomes.bySignal(
                        ctx.getBroadcastState(TALLIES), ctx.getBroadcastState(RECENT));
        Instant at = scoredAsOf(order, outcome);
        RtoRisk.Assessment assessment =
                risk.assess(
                        order,
                        learning.asOf(at, learned),
                        learning.asOf(at, CUSTOMER, customerHistory));
        state.setScore(assessment.score());
        state.setReasons(assessment.reasons());
        reconcileAlert(order, state, outcome, ctx);
    }

    /**
     * An open order is scored as of its latest event; a delivered or returned one as of its finish,
     * from its whole history: which of its open states the scorer saw last depends on how the job's
     * inputs interleaved, its history does not, so every replay shows the same final score.
     */
    private static Instant scoredAsOf(OrderState order, RtoRisk.Outcome outcome) {
        Instant finishedAt = outcome == RtoRisk.Outcome.OPEN ? null : RtoRisk.finishedAt(order);
        return finishedAt == null ? order.getLastEventAt() : finishedAt;
    }

    private void reconcileAlert(
            OrderState order, OrderRisk state, RtoRisk.Outcome outcome, ReadOnlyContext ctx)
            throws Exception {
        RtoRisk.Assessment assessment =
                state.getScore() == null
                        ? null
                        : new RtoRisk.Assessment(state.getScore(), state.getReasons());
        AlertBook.Subject subject = AlertBook.Subject.of(order);
        AlertBook.reconcile(
                        subject,
                        TYPES,
                        risk.conditions(assessment, outcome),
                        order.getLastEventAt(),
                        alertsOf(state))
                .forEach(alert -> ctx.output(ALERTS, alert));
    }

    /** The order's alerts this scorer raises, as kept on its state. */
    private static AlertBook.Alerts alertsOf(OrderRisk state) {
        return new AlertBook.Alerts() {
            @Override
            public Alert get(AlertType type) {
                return type == AlertType.RTO_RISK ? state.getAlert() : state.getEddAlert();
            }

            @Override
            public void put(AlertType type, Alert alert) {
                if (type == AlertType.RTO_RISK) {
                    state.setAlert(alert);
                } else {
                    state.setEddAlert(alert);
                }
            }
        };
    }

    /**
     * The first time a change shows the order delivered or returned, the customer's history learns
     * it, as of when the job knew it ({@link RtoRisk#knownAt}): on arrival, even if the change
     * itself waits, since a later order of the customer may be scored first.
     */
    private void learnCustomerOutcome(OrderState order, long watermark) throws Exception {
        RtoRisk.Outcome outcome = RtoRisk.outcomeOf(order);
        if (!outcome.teaches()) {
            return;
        }
        OrderRisk state = orders.get(order.getOrderId());
        if (state == null) {
            state = newOrderRisk();
        } else if (state.getOutcomeCounted()) {
            return;
        }
        learning.learn(
                List.of(CUSTOMER),
                RtoRisk.knownAt(order),
                outcome == RtoRisk.Outcome.RTO,
                watermark,
                customerHistory);
        state.setOutcomeCounted(true);
        orders.put(order.getOrderId(), state);
    }

    private static OrderRisk newOrderRisk() {
        return OrderRisk.newBuilder().setReasons(new ArrayList<>()).build();
    }
}
