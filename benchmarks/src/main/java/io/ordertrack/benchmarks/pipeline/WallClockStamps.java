package io.ordertrack.benchmarks.pipeline;

import io.ordertrack.avro.InventoryEvent;
import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.Remittance;
import io.ordertrack.avro.TrackingScan;
import io.ordertrack.schemas.AvroCodec;
import io.ordertrack.simulator.SimulatedRecord;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * A simulation's records as a live feed at the wall clock: each record's event time moved by the
 * gap between the wall clock as it is sent and the simulated moment it was to be sent at, so it
 * keeps how late (a courier's batch) or how far ahead (a skewed clock) of its sending it was.
 *
 * <p>At a benchmark's rates the simulated clock runs hours ahead of the wall clock (its days of
 * orders pass in seconds). Unstamped, its events lag behind the probe orders, stamped now, until it
 * reaches the wall clock, and are refused as from the future (event.max-future) once it has passed
 * it. A record that does not decode (the feed's mess) goes as it is.
 */
final class WallClockStamps implements Iterator<SimulatedRecord> {
    private static final Map<SimulatedRecord.Topic, AvroCodec<? extends SpecificRecordBase>>
            CODECS = new EnumMap<>(SimulatedRecord.Topic.class);

    static {
        CODECS.put(SimulatedRecord.Topic.ORDERS, AvroCodec.of(OrderEvent.class));
        CODECS.put(SimulatedRecord.Topic.TRACKING, AvroCodec.of(TrackingScan.class));
        CODECS.put(SimulatedRecord.Topic.INVENTORY, AvroCodec.of(InventoryEvent.class));
        CODECS.put(SimulatedRecord.Topic.REMITTANCES, AvroCodec.of(Remittance.class));
    }

    private final Iterator<SimulatedRecord> records;

    /** Records handed out so far; read from other threads while the feed runs. */
    private final AtomicLong handedOut = new AtomicLong();

    WallClockStamps(Iterator<SimulatedRecord> records) {
        this.records = records;
    }

    @Override
    public boolean hasNext() {
        return records.hasNext();
    }

    @Override
    public SimulatedRecord next() {
        SimulatedRecord record = records.next();
        long now = System.currentTimeMillis();
        byte[] value =
                restamped(CODECS.get(record.topic()), record.value(), now - record.timestamp());
        handedOut.incrementAndGet();
        return new SimulatedRecord(record.topic(), record.key(), value, now);
    }

    /** Records handed out so far. */
    long handedOut() {
        return handedOut.get();
    }

    private static <T extends SpecificRecordBase> byte[] restamped(
            AvroCodec<T> codec, byte[] value, long shiftMillis) {
        T event;
        try {
            event = codec.decode(value);
        } catch (RuntimeException unreadable) {
            return value;
        }
        Instant eventTime = (Instant) event.get("eventTime");
        event.put("eventTime", eventTime.plusMillis(shiftMillis));
        return codec.encode(event);
    }
}
