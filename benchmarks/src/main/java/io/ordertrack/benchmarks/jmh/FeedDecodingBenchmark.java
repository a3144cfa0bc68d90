package io.ordertrack.benchmarks.jmh;

import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.TrackingScan;
import io.ordertrack.schemas.AvroCodec;
import io.ordertrack.simulator.SimulatedRecord.Topic;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * Decoding one Kafka record value of the {@code orders} or {@code tracking} feed, as the job's
 * deserializer does for every record. Each call decodes the next value of the simulated feed, so
 * the mix of event types, detail records and string lengths is the feed's.
 */
public class FeedDecodingBenchmark extends RunSettings {
    private final AvroCodec<OrderEvent> orderEvents = AvroCodec.of(OrderEvent.class);
    private final AvroCodec<TrackingScan> scans = AvroCodec.of(TrackingScan.class);

    private byte[][] orderEventValues;
    private byte[][] scanValues;
    private int nextOrderEvent;
    private int nextScan;

    @Setup
    public void simulateFeed() {
        SimulatedFeed feed = SimulatedFeed.generate();
        orderEventValues = feed.readableValues(Topic.ORDERS).toArray(byte[][]::new);
        scanValues = feed.readableValues(Topic.TRACKING).toArray(byte[][]::new);
    }

    /** One {@code orders} record value to an {@link OrderEvent}. */
    @Benchmark
    public OrderEvent decodeOrderEvent() {
        byte[] value = orderEventValues[nextOrderEvent];
        nextOrderEvent = (nextOrderEvent + 1) % orderEventValues.length;
        return orderEvents.decode(value);
    }

    /** One {@code tracking} record value to a {@link TrackingScan}. */
    @Benchmark
    public TrackingScan decodeTrackingScan() {
        byte[] value = scanValues[nextScan];
        nextScan = (nextScan + 1) % scanValues.length;
        return scans.decode(value);
    }
}
