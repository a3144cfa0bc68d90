package io.ordertrack.jobs.analytics;

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
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keeps, per order, the shipment facts last counted in the analytics ({@link ShipmentMetrics}), and
 * whenever the order or its stuck alert changes them, sends the retraction of the old facts and the
 * new facts to the cohorts' rollup. Both come from the order tracker's shipment side output ({@link
 * ShipmentUpdate}), in the order the tracker told them: keyed by order id as the tracker is, it
 * runs in the tracker's task, with no shuffle between them.
 */
public final class ShipmentAnalytics
        extends KeyedProcessFunction<String, ShipmentUpdate, MetricChange> {
    private static final long serialVersionUID = 1L;

    private final Duration retention;

    private transient ValueState<ShipmentFacts> counted;
    private transient ValueState<Boolean> stuck;

    public ShipmentAnalytics(Duration retention) {
        this.retention = retention;
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
    public void processElement(ShipmentUpdate update, Context ctx, Collector<MetricChange> out)
            throws Exception {
        if (update.isStuck()) {
            markStuck(out);
            return;
        }
        ShipmentFacts facts = update.getFacts();
        recount(Boolean.TRUE.equals(stuck.value()) ? ShipmentMetrics.stuck(facts) : facts, out);
    }

    /** The shipment got stuck: counted as stuck from now on, the facts counted so far included. */
    private void markStuck(Collector<MetricChange> out) throws Exception {
        if (Boolean.TRUE.equals(stuck.value())) {
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
