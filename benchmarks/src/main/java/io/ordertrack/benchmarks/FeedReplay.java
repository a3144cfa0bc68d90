package io.ordertrack.benchmarks;

import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.OrderEventType;
import io.ordertrack.avro.OrderState;
import io.ordertrack.avro.TrackingScan;
import io.ordertrack.domain.lifecycle.CourierCodes;
import io.ordertrack.domain.lifecycle.OrderLifecycle;
import io.ordertrack.schemas.AvroCodec;
import io.ordertrack.schemas.RecordKeys;
import io.ordertrack.schemas.UndecodableRecordException;
import io.ordertrack.simulator.SimulatedRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A simulated feed replayed in arrival order through the job's lifecycle code in one thread, for
 * reports and benchmarks: order events apply to their order, scans to the order their manifest
 * names (held until it comes), and every change is handed to a listener. Bad records are skipped,
 * as the job sends them to dead letters.
 */
public final class FeedReplay {
    private static final AvroCodec<OrderEvent> ORDER_EVENTS = AvroCodec.of(OrderEvent.class);
    private static final AvroCodec<TrackingScan> SCANS = AvroCodec.of(TrackingScan.class);

    private final OrderLifecycle lifecycle = new OrderLifecycle(CourierCodes.bundled());
    private final Map<String, OrderState> orders = new HashMap<>();
    private final Map<String, String> orderOfShipment = new HashMap<>();
    private final Map<String, List<TrackingScan>> heldScans = new HashMap<>();
    private final Set<String> forgotten = new HashSet<>();
    private final Consumer<OrderState> listener;

    /**
     * @param listener told of every order an event changed, right after the change
     */
    public FeedReplay(Consumer<OrderState> listener) {
        this.listener = listener;
    }

    /** Applies one record of the feed; a record that does not decode changes nothing. */
    public void replay(SimulatedRecord record) {
        try {
            switch (record.topic()) {
                case ORDERS -> apply(ORDER_EVENTS.decode(record.value()));
                case TRACKING -> route(SCANS.decode(record.value()));
                case INVENTORY, REMITTANCES -> {}
            }
        } catch (UndecodableRecordException e) {
            // The job sends it to dead letters; it changes no order.
        }
    }

    /** Stops tracking an order: its later events are ignored, its state is let go. */
    public void forget(String orderId) {
        forgotten.add(orderId);
        orders.remove(orderId);
    }

    /** The orders still tracked. */
    public Collection<OrderState> tracked() {
        return orders.values();
    }

    private void apply(OrderEvent event) {
        String orderId = RecordKeys.of(event);
        if (forgotten.contains(orderId)) {
            return;
        }
        OrderState order =
                orders.computeIfAbsent(
                        orderId,
                        id ->
                                OrderLifecycle.newOrder(
                                        id,
                                        event.getTenantId(),
                                        event.getChannel(),
                                        event.getClientOrderId()));
        lifecycle.apply(order, event);
        if (event.getType() == OrderEventType.MANIFESTED) {
            String shipment = RecordKeys.shipmentOf(event);
            orderOfShipment.put(shipment, orderId);
            for (TrackingScan held : heldScans.getOrDefault(shipment, List.of())) {
                lifecycle.apply(order, held);
            }
            heldScans.remove(shipment);
        }
        listener.accept(order);
    }

    private void route(TrackingScan scan) {
        String orderId = orderOfShipment.get(RecordKeys.of(scan));
        if (orderId == null) {
            heldScans.computeIfAbsent(RecordKeys.of(scan), s -> new ArrayList<>()).add(scan);
            return;
        }
        OrderState order = orders.get(orderId);
        if (order == null) {
            return;
        }
        lifecycle.apply(order, scan);
        listener.accept(order);
    }
}
