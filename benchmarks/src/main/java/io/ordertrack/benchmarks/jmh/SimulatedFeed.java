package io.ordertrack.benchmarks.jmh;

import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.OrderEventType;
import io.ordertrack.avro.TrackingScan;
import io.ordertrack.schemas.AvroCodec;
import io.ordertrack.schemas.EventValidation;
import io.ordertrack.schemas.RecordKeys;
import io.ordertrack.schemas.UndecodableRecordException;
import io.ordertrack.simulator.SimulatedRecord;
import io.ordertrack.simulator.SimulatedRecord.Topic;
import io.ordertrack.simulator.Simulation;
import io.ordertrack.simulator.SimulationOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One simulator run held in memory, in the shapes the benchmarks feed the hot paths: the readable
 * record values of a topic, and each order's events as the job's order tracker receives them. The
 * same seed and size always give the same inputs, so runs compare.
 */
final class SimulatedFeed {
    /** Seed of every benchmark's simulation. */
    static final long SEED = 20_261_101L;

    /** Orders simulated: enough for every order shape the simulator tells, a few MB in memory. */
    static final int ORDERS = 2_000;

    private static final AvroCodec<OrderEvent> ORDER_EVENTS = AvroCodec.of(OrderEvent.class);
    private static final AvroCodec<TrackingScan> SCANS = AvroCodec.of(TrackingScan.class);

    private final List<SimulatedRecord> records;

    private SimulatedFeed(List<SimulatedRecord> records) {
        this.records = records;
    }

    /** The feed of the benchmarks' default simulation (realistic mess, bad records included). */
    static SimulatedFeed generate() {
        Simulation simulation = Simulation.of(SimulationOptions.defaults(SEED, ORDERS));
        List<SimulatedRecord> records = new ArrayList<>();
        simulation.forEachRemaining(records::add);
        return new SimulatedFeed(List.copyOf(records));
    }

    /**
     * The values of a topic's records that decode, in arrival order. The unreadable ones
     * (truncated, foreign schema) take the dead-letter path, which is not the path measured.
     */
    List<byte[]> readableValues(Topic topic) {
        AvroCodec<?> codec = topic == Topic.ORDERS ? ORDER_EVENTS : SCANS;
        List<byte[]> values = new ArrayList<>();
        for (SimulatedRecord record : records) {
            if (record.topic() == topic && decode(codec, record.value()).isPresent()) {
                values.add(record.value());
            }
        }
        return values;
    }

    /**
     * Each order's valid events in arrival order, scans joined to the order their manifest names as
     * the job's shipment router does: a scan that arrives before its manifest is held and follows
     * the manifest; a scan whose manifest never comes reaches no order.
     */
    List<OrderStream> orderStreams() {
        Map<String, OrderStream.Builder> orders = new LinkedHashMap<>();
        Map<String, String> orderOfShipment = new HashMap<>();
        Map<String, List<TrackingScan>> heldScans = new HashMap<>();
        for (SimulatedRecord record : records) {
            if (record.topic() == Topic.ORDERS) {
                decode(ORDER_EVENTS, record.value())
                        .filter(event -> EventValidation.problemOf(event).isEmpty())
                        .ifPresent(event -> take(event, orders, orderOfShipment, heldScans));
            } else if (record.topic() == Topic.TRACKING) {
                decode(SCANS, record.value())
                        .filter(scan -> EventValidation.problemOf(scan).isEmpty())
                        .ifPresent(scan -> route(scan, orders, orderOfShipment, heldScans));
            }
        }
        return orders.values().stream().map(OrderStream.Builder::build).toList();
    }

    private static void take(
            OrderEvent event,
            Map<String, OrderStream.Builder> orders,
            Map<String, String> orderOfShipment,
            Map<String, List<TrackingScan>> heldScans) {
        String orderId = RecordKeys.of(event);
        OrderStream.Builder order =
                orders.computeIfAbsent(orderId, id -> OrderStream.builder(id, event));
        order.add(event);
        if (event.getType() == OrderEventType.MANIFESTED) {
            String shipment = RecordKeys.shipmentOf(event);
            orderOfShipment.put(shipment, orderId);
            heldScans.getOrDefault(shipment, List.of()).forEach(order::add);
            heldScans.remove(shipment);
        }
    }

    private static void route(
            TrackingScan scan,
            Map<String, OrderStream.Builder> orders,
            Map<String, String> orderOfShipment,
            Map<String, List<TrackingScan>> heldScans) {
        String shipment = RecordKeys.of(scan);
        String orderId = orderOfShipment.get(shipment);
        if (orderId == null) {
            heldScans.computeIfAbsent(shipment, s -> new ArrayList<>()).add(scan);
        } else {
            orders.get(orderId).add(scan);
        }
    }

    private static <T> Optional<T> decode(AvroCodec<? extends T> codec, byte[] value) {
        try {
            return Optional.of(codec.decode(value));
        } catch (UndecodableRecordException e) {
            return Optional.empty();
        }
    }
}
