package io.ordertrack.jobs.analytics;

import io.ordertrack.avro.Alert;
import io.ordertrack.avro.AlertState;
import io.ordertrack.avro.AlertType;
import io.ordertrack.avro.MetricChange;
import io.ordertrack.avro.ShipmentFacts;
import io.ordertrack.domain.analytics.ShipmentMetrics;
import io.ordertrack.jobs.state.StateRetention;
import io.ordertrack.jobs.tracking.ShipmentUpdate;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keeps, per order, the shipment facts last counted in the analytics ({@link ShipmentMetrics}), and
 * whenever the order or its stuck alert changes them, sends the retraction of the old facts and the
 * new facts to the cohorts' rollup. The order's facts come from the order tracker's shipment side
 * output, alerts from its alert side output; both keyed by order id.
 */
public final class ShipmentAnalytics
        extends KeyedCoProcessFunction<String, ShipmentUpdate, Alert, MetricChange> {
    private static final long serialVersionUID = 1L;

    private final Duration retention;

    private transient ValueState<ShipmentFacts> counted;
    private transient ValueState<Boolean> stuck;

    public ShipmentAnalytics(Duration retention) {
        this.retention = retention;
    }

    /** Whether an alert says an order's shipment got stuck in transit. */
    public static boolean isStuckAlert(Alert alert) {
        return alert.getType() == AlertType.STUCK_IN_TRANSIT
                && alert.getState() == AlertState.OPEN
                && alert.getOrderId() != null;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<ShipmentFacts> facts =
                new ValueStateDescriptor<>(
                        "counted-facts", TypeInformation.of(ShipmentFacts.class));
        facts.enableTimeToLive(StateRetention.after(retention));
        counted = getRuntimeContext().getState(facts);
        ValueStateDescriptor<Boolean> stuckDescriptor =
                new ValueStateDescriptor<>("stuck", Types.BOOLEAN);
        stuckDescriptor.enableTimeToLive(StateRetention.after(retention));
        stuck = getRuntimeContext().getState(stuckDescriptor);
    }

    @Override
    public void processElement1(ShipmentUpdate shipment, Context ctx, Collector<MetricChange> out)
            throws Exception {
        ShipmentFacts facts = shipment.getFacts();
        recount(Boolean.TRUE.equals(stuck.value()) ? ShipmentMetrics.stuck(facts) : facts, out);
    }

    @Override
    public void processElement2(Alert alert, Context ctx, Collector<MetricChange> out)
            throws Exception {
        if (!isStuckAlert(alert) || Boolean.TRUE.equals(stuck.value())) {
            return;
        }
        stuck.update(true);
        ShipmentFacts facts = counted.value();
        if (facts != null) {
            recount(ShipmentMetrics.stuck(facts), out);
        }
    }

    /** Counts the order's new facts in place of the old. */
    private void recount(ShipmentFacts facts, Collector<MetricChange> out) throws Exception {
        ShipmentFacts before = counted.value();
        if (facts.equals(before)) {
            return;
        }
        if (before != null) {
            out.collect(new MetricChange(-1, before));
        }
        out.collect(new MetricChange(1, facts));
        counted.update(facts);
    }
}
