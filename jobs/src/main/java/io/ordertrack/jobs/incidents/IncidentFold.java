package io.ordertrack.jobs.incidents;

import io.ordertrack.avro.Alert;
import io.ordertrack.domain.incidents.AlertFolding;
import io.ordertrack.domain.incidents.AlertFolding.Held;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The order tracker's alerts on their way out, keyed by courier, a thin shell over {@link
 * AlertFolding}: an alert that blames a parcel the courier's open incident explains goes out folded
 * into it; every other alert goes out as it came. The incidents come from {@link
 * IncidentWatch#HELD}.
 *
 * <p>State, per courier: {@code incident-folding}, the courier's open incidents with their parcels
 * and the alerts folded into them; cleared when neither is left. Alerts without a courier (an order
 * not yet manifested) share the key {@code ""} and hold no state.
 */
public final class IncidentFold extends KeyedCoProcessFunction<String, Alert, Held, Alert> {
    private static final long serialVersionUID = 1L;

    private transient ValueState<AlertFolding> folding;

    /** The key of an alert: its courier, or {@code ""} when it has none. */
    public static String courierOf(Alert alert) {
        return alert.getCourier() == null ? "" : alert.getCourier();
    }

    @Override
    public void open(OpenContext openContext) {
        folding =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "incident-folding",
                                        TypeInformation.of(AlertFolding.class)));
    }

    @Override
    public void processElement1(Alert alert, Context ctx, Collector<Alert> out) throws Exception {
        AlertFolding current = folding.value();
        if (current == null) {
            out.collect(alert);
            return;
        }
        out.collect(current.apply(alert));
        keep(current);
    }

    @Override
    public void processElement2(Held change, Context ctx, Collector<Alert> out) throws Exception {
        AlertFolding current = folding.value();
        if (current == null) {
            current = new AlertFolding();
        }
        current.record(change);
        keep(current);
    }

    private void keep(AlertFolding current) throws Exception {
        if (current.isEmpty()) {
            folding.clear();
        } else {
            folding.update(current);
        }
    }
}
