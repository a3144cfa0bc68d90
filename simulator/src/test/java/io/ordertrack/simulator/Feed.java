package io.ordertrack.simulator;

import io.ordertrack.avro.InventoryEvent;
import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.Remittance;
import io.ordertrack.avro.TrackingScan;
import io.ordertrack.schemas.AvroCodec;
import io.ordertrack.schemas.RecordKeys;
import io.ordertrack.schemas.UndecodableRecordException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole simulated feed read back as ordertrack would see it: decoded events by order, in the
 * order they arrived, and the records that could not be decoded.
 */
final class Feed {
    /** A scan as the feed sent it. */
    record SentScan(TrackingScan scan, long sentAt) {
        long eventAt() {
            return scan.getEventTime().toEpochMilli();
        }

        /** The seller's account with the courier: "tenant/courier". */
        String account() {
            return scan.getTenantId() + "/" + scan.getCourier();
        }
    }

    private static final AvroCodec<OrderEvent> ORDER_EVENTS = AvroCodec.of(OrderEvent.class);
    private static final AvroCodec<TrackingScan> SCANS = AvroCodec.of(TrackingScan.class);
    private static final AvroCodec<InventoryEvent> INVENTORY = AvroCodec.of(InventoryEvent.class);
    private static final AvroCodec<Remittance> REMITTANCES = AvroCodec.of(Remittance.class);

    final List<SimulatedRecord> records = new ArrayList<>();
    final Map<String, List<OrderEvent>> orderEvents = new LinkedHashMap<>();
    final Map<String, List<TrackingScan>> scansByShipment = new LinkedHashMap<>();
    final List<InventoryEvent> inventory = new ArrayList<>();
    final List<Remittance> remittances = new ArrayList<>();

    /** Every readable scan with the time it was sent, in the order they were sent. */
    final List<SentScan> sentScans = new ArrayList<>();

    /** Position in the stream where each event id first arrived. */
    final Map<String, Integer> arrival = new java.util.HashMap<>();

    int undecodable;
    Oracle oracle;

    static Feed of(SimulationOptions options) {
        Feed feed = new Feed();
        Simulation simulation = Simulation.of(options);
        while (simulation.hasNext()) {
            feed.add(simulation.next());
        }
        feed.oracle = simulation.oracle();
        return feed;
    }

    private void add(SimulatedRecord record) {
        records.add(record);
        try {
            switch (record.topic()) {
                case ORDERS -> {
                    OrderEvent event = ORDER_EVENTS.decode(record.value());
                    arrival.putIfAbsent(event.getEventId(), records.size());
                    orderEvents
                            .computeIfAbsent(RecordKeys.of(event), k -> new ArrayList<>())
                            .add(event);
                }
                case TRACKING -> {
                    TrackingScan scan = SCANS.decode(record.value());
                    sentScans.add(new SentScan(scan, record.timestamp()));
                    arrival.putIfAbsent(scan.getEventId(), records.size());
                    scansByShipment
                            .computeIfAbsent(RecordKeys.of(scan), k -> new ArrayList<>())
                            .add(scan);
                }
                case INVENTORY -> inventory.add(INVENTORY.decode(record.value()));
                case REMITTANCES -> remittances.add(REMITTANCES.decode(record.value()));
            }
        } catch (UndecodableRecordException e) {
            undecodable++;
        }
    }

    /** When the first copy of an event was sent: its record's timestamp. */
    long sentAt(String eventId) {
        return records.get(arrival.get(eventId) - 1).timestamp();
    }

    /** The scans of an order's shipment, as they arrived. */
    List<TrackingScan> scansOf(Oracle.OrderTruth order) {
        if (order.awb() == null) {
            return List.of();
        }
        return scansByShipment.getOrDefault(
                RecordKeys.shipment(order.tenantId(), order.courier(), order.awb()), List.of());
    }
}
