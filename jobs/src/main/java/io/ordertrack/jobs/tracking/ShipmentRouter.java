package io.ordertrack.jobs.tracking;

import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.TrackingScan;
import io.ordertrack.schemas.RecordKeys;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Joins courier scans to orders, keyed by shipment (tenant, courier, AWB). The manifest event names
 * the AWB of an order; scans name only the AWB. Scans that arrive before their manifest are held
 * and released, in arrival order, when it comes.
 */
public final class ShipmentRouter
        extends KeyedCoProcessFunction<String, OrderEvent, TrackingScan, RoutedScan> {
    private static final long serialVersionUID = 1L;

    private final Duration retention;

    private transient ValueState<OrderEvent> manifest;
    private transient ListState<TrackingScan> heldScans;

    /**
     * @param retention how long the state of a quiet shipment is kept after its last change
     */
    public ShipmentRouter(Duration retention) {
        this.retention = retention;
    }

    @Override
    public void open(OpenContext openContext) {
        manifest =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "manifest", TypeInformation.of(OrderEvent.class)));
        heldScans =
                getRuntimeContext()
                        .getListState(
                                new ListStateDescriptor<>(
                                        "held-scans", TypeInformation.of(TrackingScan.class)));
    }

    /** A manifest: remembers which order the AWB belongs to and releases held scans. */
    @Override
    public void processElement1(OrderEvent manifested, Context ctx, Collector<RoutedScan> out)
            throws Exception {
        manifest.update(manifested);
        for (TrackingScan scan : heldScans.get()) {
            out.collect(route(manifested, scan));
        }
        heldScans.clear();
    }

    @Override
    public void processElement2(TrackingScan scan, Context ctx, Collector<RoutedScan> out)
            throws Exception {
        OrderEvent manifested = manifest.value();
        if (manifested == null) {
            heldScans.add(scan);
        } else {
            out.collect(route(manifested, scan));
        }
    }

    private static RoutedScan route(OrderEvent manifested, TrackingScan scan) {
        return new RoutedScan(
                RecordKeys.of(manifested),
                manifested.getTenantId(),
                manifested.getChannel(),
                manifested.getClientOrderId(),
                scan);
    }
}
