package io.ordertrack.jobs.analytics;

import io.ordertrack.avro.CohortMetrics;
import io.ordertrack.avro.MetricChange;
import io.ordertrack.domain.analytics.ShipmentMetrics;
import io.ordertrack.jobs.state.StateRetention;
import io.ordertrack.jobs.tracking.CatchUpWatch;
import io.ordertrack.jobs.tracking.OrderTracker;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keeps the metrics of each cohort of shipments (keyed by cohort id) and has the cohort written (a
 * {@link CohortWrite}) at most once per {@code flushInterval} of wall-clock time however many
 * shipments change in it; changes caught up from old events (a replay, a backlog: their event time
 * more than {@link OrderTracker.Writes#liveLag()} behind the wall clock) at most once per {@link
 * OrderTracker.Writes#catchUpDelay()}, and while the job is still catching up ({@link
 * CatchUpWatch}) once it has caught up, within {@link OrderTracker.Writes#longestHold()}, as order
 * documents are, since a replay moves a cohort's shipments many times within seconds. A live change
 * brings a cohort's pending write forward, never back. The document's version is the wall-clock
 * time of the write, so the latest write wins, also over writes made before a restore from an older
 * checkpoint; and a cohort whose shipments all moved out is written with zero counts, then
 * forgotten.
 */
public final class MetricsRollup extends KeyedProcessFunction<String, MetricChange, CohortWrite> {
    private static final long serialVersionUID = 1L;
    private static final long NONE = Long.MIN_VALUE;

    private final Duration flushInterval;
    private final OrderTracker.Writes writes;
    private final Duration retention;

    private transient ValueState<CohortMetrics> metrics;
    private transient ValueState<Long> flushAt;

    /** Since when a caught-up change's write has waited; none for a live one's. */
    private transient ValueState<Long> heldSince;

    private transient CatchUpWatch catchUp;

    public MetricsRollup(Duration flushInterval, OrderTracker.Writes writes, Duration retention) {
        this.flushInterval = flushInterval;
        this.writes = writes;
        this.retention = retention;
    }

    /** The key of a change: the id of its cohort. */
    public static String keyOf(MetricChange change) {
        return ShipmentMetrics.cohortId(change.getFacts().getCohort());
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<CohortMetrics> descriptor =
                new ValueStateDescriptor<>(
                        "cohort-metrics", TypeInformation.of(CohortMetrics.class));
        descriptor.enableTimeToLive(StateRetention.after(retention));
        metrics = getRuntimeContext().getState(descriptor);
        flushAt = getRuntimeContext().getState(new ValueStateDescriptor<>("flush-at", Types.LONG));
        heldSince =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("flush-held-since", Types.LONG));
        catchUp = new CatchUpWatch(writes.liveLag());
    }

    @Override
    public void processElement(MetricChange change, Context ctx, Collector<CohortWrite> out)
            throws Exception {
        CohortMetrics cohort = metrics.value();
        if (cohort == null) {
            cohort = ShipmentMetrics.emptyMetrics(change.getFacts().getCohort());
        }
        ShipmentMetrics.count(cohort, change.getFacts(), change.getSign());
        metrics.update(cohort);
        TimerService timers = ctx.timerService();
        long now = timers.currentProcessingTime();
        catchUp.watch(now, timers.currentWatermark());
        Long eventTime = ctx.timestamp();
        boolean live = eventTime == null || eventTime >= now - writes.liveLag().toMillis();
        long due = now + (live ? flushInterval : writes.catchUpDelay()).toMillis();
        if (live) {
            // Never held: a write due sooner stays due, and goes even while catching up.
            heldSince.clear();
        }
        Long pending = flushAt.value();
        if (pending == null || due < pending) {
            if (pending != null) {
                timers.deleteProcessingTimeTimer(pending);
            }
            timers.registerProcessingTimeTimer(due);
            flushAt.update(due);
            if (!live) {
                heldSince.update(now);
            }
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<CohortWrite> out)
            throws Exception {
        Long held = heldSince.value();
        long waitsUntil = held == null ? NONE : writes.waitOn(held, catchUp, ctx.timerService());
        if (waitsUntil != NONE) {
            flushAt.update(waitsUntil);
            return;
        }
        flushAt.clear();
        heldSince.clear();
        CohortMetrics cohort = metrics.value();
        if (cohort == null) {
            return;
        }
        out.collect(
                new CohortWrite(
                        ctx.getCurrentKey(), ctx.timerService().currentProcessingTime(), cohort));
        if (ShipmentMetrics.isEmpty(cohort)) {
            metrics.clear();
        }
    }
}
