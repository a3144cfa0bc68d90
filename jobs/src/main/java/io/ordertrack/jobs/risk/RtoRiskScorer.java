package io.ordertrack.jobs.risk;

import io.ordertrack.avro.Alert;
import io.ordertrack.avro.AlertType;
import io.ordertrack.avro.CustomerHistory;
import io.ordertrack.avro.OrderRisk;
import io.ordertrack.avro.OrderState;
import io.ordertrack.avro.OutcomeReport;
import io.ordertrack.domain.AlertBook;
import io.ordertrack.domain.OrderDocument;
import io.ordertrack.domain.RtoRisk;
import io.ordertrack.jobs.StateRetention;
import io.ordertrack.jobs.elasticsearch.DocumentJson;
import io.ordertrack.jobs.elasticsearch.IndexedDocument;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Scores the RTO risk of every order on every event of it and writes its live view with the score
 * when the order tracker says its document is due ({@link OrderChange}). Keyed by customer (tenant
 * and phone), so each customer's own history is at hand; the RTO rates per signal, learned from
 * every finished order, reach every instance as broadcast state.
 */
public final class RtoRiskScorer
        extends KeyedBroadcastProcessFunction<String, OrderChange, OutcomeReport, IndexedDocument> {
    private static final long serialVersionUID = 1L;

    /** The learned RTO tallies by signal: {orders, rto}. */
    public static final MapStateDescriptor<String, long[]> TALLIES =
            new MapStateDescriptor<>(
                    "rto-tallies",
                    Types.STRING,
                    PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO);

    /** RTO_RISK alerts opened, updated and resolved. */
    public static final OutputTag<Alert> ALERTS =
            new OutputTag<>("risk-alerts", TypeInformation.of(Alert.class));

    private static final Set<AlertType> TYPES = EnumSet.of(AlertType.RTO_RISK);

    private final RtoRisk.Settings settings;
    private final Duration retention;

    private transient MapState<String, OrderRisk> orders;

    /** Orders a savepoint of an earlier build left waiting to be written, and their timer. */
    private transient MapState<String, OrderState> unwritten;

    private transient ValueState<Long> writeAt;
    private transient ValueState<CustomerHistory> history;
    private transient RtoRisk risk;
    private transient DocumentJson json;

    public RtoRiskScorer(RtoRisk.Settings settings, Duration retention) {
        this.settings = settings;
        this.retention = retention;
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
        unwritten =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "unwritten-orders",
                                        Types.STRING,
                                        TypeInformation.of(OrderState.class)));
        writeAt = getRuntimeContext().getState(new ValueStateDescriptor<>("write-at", Types.LONG));
        risk = new RtoRisk(settings);
        json = new DocumentJson();
    }

    @Override
    public void processElement(
            OrderChange change, ReadOnlyContext ctx, Collector<IndexedDocument> out)
            throws Exception {
        OrderState order = change.getOrder();
        OrderDocument.Risk assessed = null;
        if (order.getDetails() != null && change.isScoring()) {
            assessed = assess(order, ctx);
        } else if (order.getDetails() != null) {
            OrderRisk state = orders.get(order.getOrderId());
            assessed = state == null ? null : riskOf(state);
        }
        if (change.isWriting()) {
            out.collect(document(order, assessed));
        }
    }

    /**
     * Writes the orders a savepoint of an earlier build left waiting here, each with its latest
     * state (the order tracker now holds back the writes of orders being caught up itself).
     */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<IndexedDocument> out)
            throws Exception {
        writeAt.clear();
        for (OrderState order : unwritten.values()) {
            OrderRisk state = order.getDetails() == null ? null : orders.get(order.getOrderId());
            out.collect(document(order, state == null ? null : riskOf(state)));
        }
        unwritten.clear();
    }

    private IndexedDocument document(OrderState order, OrderDocument.Risk risk) throws Exception {
        return new IndexedDocument(
                order.getOrderId(),
                OrderDocument.indexVersion(order),
                json.encode(OrderDocument.of(order, risk)));
    }

    private OrderDocument.Risk riskOf(OrderRisk state) {
        return new OrderDocument.Risk(
                state.getScore(),
                List.copyOf(state.getReasons()),
                state.getScore() >= settings.alertThreshold());
    }

    /** Every instance learns from every finished order. */
    @Override
    public void processBroadcastElement(
            OutcomeReport report, Context ctx, Collector<IndexedDocument> out) throws Exception {
        BroadcastState<String, long[]> tallies = ctx.getBroadcastState(TALLIES);
        for (String signal : report.getSignals()) {
            long[] tally = tallies.get(signal);
            tallies.put(
                    signal,
                    tally == null
                            ? new long[] {1, report.getRto() ? 1 : 0}
                            : new long[] {tally[0] + 1, tally[1] + (report.getRto() ? 1 : 0)});
        }
    }

    private OrderDocument.Risk assess(OrderState order, ReadOnlyContext ctx) throws Exception {
        OrderRisk state = orders.get(order.getOrderId());
        if (state == null) {
            state = OrderRisk.newBuilder().setReasons(new ArrayList<>()).build();
        }
        RtoRisk.Outcome outcome = RtoRisk.outcomeOf(order);
        // An order first seen already finished (its scans read before its placement) is scored
        // once, from what it shows.
        if (outcome == RtoRisk.Outcome.OPEN || state.getScore() == null) {
            ReadOnlyBroadcastState<String, long[]> learned = ctx.getBroadcastState(TALLIES);
            RtoRisk.Assessment assessment =
                    risk.assess(order, signal -> tallyOf(learned.get(signal)), customerTally());
            state.setScore(assessment.score());
            state.setReasons(assessment.reasons());
        }
        if (!state.getOutcomeCounted()
                && (outcome == RtoRisk.Outcome.DELIVERED || outcome == RtoRisk.Outcome.RTO)) {
            countInHistory(outcome == RtoRisk.Outcome.RTO);
            state.setOutcomeCounted(true);
        }
        reconcileAlert(order, state, outcome, ctx);
        orders.put(order.getOrderId(), state);
        return riskOf(state);
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
                        new AlertBook.Alerts() {
                            @Override
                            public Alert get(AlertType type) {
                                return state.getAlert();
                            }

                            @Override
                            public void put(AlertType type, Alert alert) {
                                state.setAlert(alert);
                            }
                        })
                .forEach(alert -> ctx.output(ALERTS, alert));
    }

    private RtoRisk.Tally customerTally() throws Exception {
        CustomerHistory past = history.value();
        return past == null
                ? RtoRisk.Tally.NONE
                : new RtoRisk.Tally(past.getOrders(), past.getRto());
    }

    private void countInHistory(boolean wentRto) throws Exception {
        CustomerHistory past = history.value();
        if (past == null) {
            past = new CustomerHistory(0L, 0L);
        }
        past.setOrders(past.getOrders() + 1);
        past.setRto(past.getRto() + (wentRto ? 1 : 0));
        history.update(past);
    }

    private static RtoRisk.Tally tallyOf(long[] tally) {
        return tally == null ? RtoRisk.Tally.NONE : new RtoRisk.Tally(tally[0], tally[1]);
    }
}
