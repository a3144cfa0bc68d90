package io.ordertrack.jobs.tracking;

import io.ordertrack.avro.OrderEvent;
import io.ordertrack.schemas.RecordKeys;

/**
 * What the order tracker reads of one order: one of its order events or one of its routed courier
 * scans. The two streams reach the tracker as one, keyed by order, so that the courier feed clocks
 * can reach it as broadcast state. A Flink POJO.
 */
public class TrackerInput {
    private OrderEvent event;
    private RoutedScan scan;

    public TrackerInput() {}

    public static TrackerInput of(OrderEvent event) {
        TrackerInput input = new TrackerInput();
        input.event = event;
        return input;
    }

    public static TrackerInput of(RoutedScan scan) {
        TrackerInput input = new TrackerInput();
        input.scan = scan;
        return input;
    }

    /** The key: the order. */
    public static String orderOf(TrackerInput input) {
        return input.event != null ? RecordKeys.of(input.event) : input.scan.getOrderId();
    }

    public OrderEvent getEvent() {
        return event;
    }

    public void setEvent(OrderEvent event) {
        this.event = event;
    }

    public RoutedScan getScan() {
        return scan;
    }

    public void setScan(RoutedScan scan) {
        this.scan = scan;
    }
}
