package io.ordertrack.jobs.indexing;

import io.ordertrack.avro.Alert;
import io.ordertrack.jobs.tracking.CatchUpWatch;
import io.ordertrack.jobs.tracking.OrderTracker;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Which alert changes the alerts index is sent, keyed by alert id. A live change (its record within
 * {@link OrderTracker.Writes#liveLag()} of the wall clock) goes at once, with any held before it. A
 * change caught up from old events is held, the alert's newest version kept, and goes once per
 * {@link OrderTracker.Writes#catchUpDelay()}, or, while the job is catching up ({@link
 * CatchUpWatch}), once it has caught up, within {@link OrderTracker.Writes#longestHold()}, as order
 * documents do: a replay writes an alert opened, updated and resolved within its backlog once. The
 * alerts topic is sent every change; only the index waits.
 */
public final class AlertWrites extends KeyedProcessFunction<String, Alert, Alert> {
    private static final long serialVersionUID = 1L;
    private static final long NONE = Long.MIN_VALUE;

    private final OrderTracker.Writes writes;

    private transient ValueState<Alert> held;
    private transient ValueState<Long> writeAt;
    private transient ValueState<Long> heldSince;
    private transient CatchUpWatch catchUp;

    public AlertWrites(OrderTracker.Writes writes) {
        this.writes = writes;
    }

    @Override
    public void open(OpenContext openContext) {
        held =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "held-alert", TypeInformation.of(Alert.class)));
        writeAt = getRuntimeContext().getState(new ValueStateDescriptor<>("write-at", Types.LONG));
        heldSince =
                getRuntimeContext().getState(new ValueStateDescriptor<>("held-since", Types.LONG));
        catchUp = new CatchUpWatch(writes.liveLag());
    }

    @Override
    public void processElement(Alert alert, Context ctx, Collector<Alert> out) throws Exception {
        TimerService timers = ctx.timerService();
        long now = timers.currentProcessingTime();
        catchUp.watch(now, timers.currentWatermark());
        Alert newest = newer(held.value(), alert);
        Long timestamp = ctx.timestamp();
        if (timestamp == null || timestamp >= now - writes.liveLag().toMillis()) {
            Long pending = writeAt.value();
            if (pending != null) {
                timers.deleteProcessingTimeTimer(pending);
            }
            clear();
            out.collect(newest);
            return;
        }
        held.update(newest);
        if (writeAt.value() == null) {
            long at = now + writes.catchUpDelay().toMillis();
            timers.registerProcessingTimeTimer(at);
            writeAt.update(at);
            heldSince.update(now);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        Long since = heldSince.value();
        long waitsUntil = since == null ? NONE : writes.waitOn(since, catchUp, ctx.timerService());
        if (waitsUntil != NONE) {
            writeAt.update(waitsUntil);
            return;
        }
        Alert alert = held.value();
        clear();
        if (alert != null) {
            out.collect(alert);
        }
    }

    private void clear() {
        held.clear();
        writeAt.clear();
        heldSince.clear();
    }

    private static Alert newer(Alert held, Alert next) {
        return held != null && held.getVersion() > next.getVersion() ? held : next;
    }
}
