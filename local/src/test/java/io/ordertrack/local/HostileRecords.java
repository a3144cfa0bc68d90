package io.ordertrack.local;

import io.ordertrack.avro.InventoryEvent;
import io.ordertrack.avro.OrderDetails;
import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.OrderEventType;
import io.ordertrack.avro.TrackingScan;
import io.ordertrack.schemas.AvroCodec;
import io.ordertrack.schemas.EventValidation;
import io.ordertrack.schemas.ReleasedSchemas;
import io.ordertrack.simulator.SimulatedRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * What a buggy or hostile producer sends, derived from a simulated feed's own records: length
 * bombs, event times in microseconds, foreign bytes and empty values, each on a partition and under
 * a key of its own, with the start of the reason its dead letter must give.
 */
final class HostileRecords {
    static final AvroCodec<OrderEvent> ORDERS = AvroCodec.of(OrderEvent.class);
    static final AvroCodec<TrackingScan> SCANS = AvroCodec.of(TrackingScan.class);
    static final AvroCodec<InventoryEvent> STOCK = AvroCodec.of(InventoryEvent.class);

    /** One record to send: its topic, partition, unique key, value and expected reason. */
    record Hostile(
            SimulatedRecord.Topic topic, int partition, String key, byte[] value, String reason) {}

    private final List<Hostile> records = new ArrayList<>();
    private final int partitions;

    private HostileRecords(int partitions) {
        this.partitions = partitions;
    }

    /** Every kind of hostile record, on every partition of every input topic. */
    static List<Hostile> against(List<SimulatedRecord> feed, int partitions) {
        HostileRecords hostile = new HostileRecords(partitions);
        OrderEvent placed =
                firstValid(
                        feed,
                        SimulatedRecord.Topic.ORDERS,
                        ORDERS::decode,
                        EventValidation::problemOf,
                        e -> e.getType() == OrderEventType.PLACED);
        TrackingScan scan =
                firstValid(
                        feed,
                        SimulatedRecord.Topic.TRACKING,
                        SCANS::decode,
                        EventValidation::problemOf,
                        e -> true);
        InventoryEvent stock =
                firstValid(
                        feed,
                        SimulatedRecord.Topic.INVENTORY,
                        STOCK::decode,
                        EventValidation::problemOf,
                        e -> true);
        hostile.everywhere(SimulatedRecord.Topic.ORDERS, ORDERS.encode(placed), "OrderEvent");
        hostile.everywhere(SimulatedRecord.Topic.TRACKING, SCANS.encode(scan), "TrackingScan");
        hostile.everywhere(SimulatedRecord.Topic.INVENTORY, STOCK.encode(stock), "InventoryEvent");
        hostile.orderBombs(ORDERS.encode(placed));
        hostile.fromTheFuture(placed, scan, stock);
        return List.copyOf(hostile.records);
    }

    /** The feed's first valid order placement. */
    static OrderEvent firstPlacedOrder(List<SimulatedRecord> feed) {
        return firstValid(
                feed,
                SimulatedRecord.Topic.ORDERS,
                ORDERS::decode,
                EventValidation::problemOf,
                e -> e.getType() == OrderEventType.PLACED);
    }

    /** Length bombs in the first string, truncations, foreign bytes and empty values. */
    private void everywhere(SimulatedRecord.Topic topic, byte[] valid, String type) {
        byte[] header = Arrays.copyOf(valid, 10);
        String unreadable = "unreadable " + type + " body: declares a string of ";
        for (int partition = 0; partition < partitions; partition++) {
            for (long length :
                    new long[] {2_000_000_000L, Integer.MAX_VALUE, 1L << 31, Long.MAX_VALUE}) {
                add(
                        topic,
                        partition,
                        concat(header, zigZag(length), new byte[] {1, 2, 3}),
                        unreadable + length);
            }
            add(topic, partition, concat(header, zigZag(-7)), unreadable + "-7");
            add(
                    topic,
                    partition,
                    Arrays.copyOf(valid, valid.length - 3),
                    "unreadable " + type + " body");
            add(
                    topic,
                    partition,
                    "{\"event\":\"delivered\"}".getBytes(StandardCharsets.UTF_8),
                    "not Avro single-object encoding");
            add(topic, partition, new byte[0], "empty record value");
        }
    }

    /** The order items' count and the customer's name (three records deep) as bombs. */
    private void orderBombs(byte[] placed) {
        OrderEvent order = ORDERS.decode(placed);
        OrderDetails details = (OrderDetails) order.getDetails();
        byte[] pincode =
                details.getCustomer().getAddress().getPincode().getBytes(StandardCharsets.UTF_8);
        int itemCount = indexAfter(placed, pincode);
        byte[] items =
                concat(
                        Arrays.copyOf(placed, itemCount),
                        zigZag(Integer.MAX_VALUE),
                        Arrays.copyOfRange(placed, itemCount + 1, placed.length));
        byte[] name = details.getCustomer().getName().getBytes(StandardCharsets.UTF_8);
        int nameLength = indexAfter(placed, name) - name.length - 1;
        byte[] nested =
                concat(
                        Arrays.copyOf(placed, nameLength),
                        zigZag(2_000_000_000L),
                        Arrays.copyOfRange(placed, nameLength + 1, placed.length));
        for (int partition = 0; partition < partitions; partition++) {
            add(
                    SimulatedRecord.Topic.ORDERS,
                    partition,
                    items,
                    "unreadable OrderEvent body: declares 2147483647 array items");
            add(
                    SimulatedRecord.Topic.ORDERS,
                    partition,
                    nested,
                    "unreadable OrderEvent body: declares a string of 2000000000");
        }
    }

    /** A producer sending microseconds as milliseconds: valid events a thousand times too late. */
    private void fromTheFuture(OrderEvent placed, TrackingScan scan, InventoryEvent stock) {
        for (int partition = 0; partition < partitions; partition++) {
            String id = "hostile-future-" + partition;
            add(
                    SimulatedRecord.Topic.ORDERS,
                    partition,
                    ORDERS.encode(
                            OrderEvent.newBuilder(placed)
                                    .setEventId(id)
                                    .setEventTime(micros(placed.getEventTime()))
                                    .build()),
                    "invalid: event time +");
            add(
                    SimulatedRecord.Topic.TRACKING,
                    partition,
                    SCANS.encode(
                            TrackingScan.newBuilder(scan)
                                    .setEventId(id)
                                    .setEventTime(micros(scan.getEventTime()))
                                    .build()),
                    "invalid: event time +");
            add(
                    SimulatedRecord.Topic.INVENTORY,
                    partition,
                    STOCK.encode(
                            InventoryEvent.newBuilder(stock)
                                    .setEventId(id)
                                    .setEventTime(micros(stock.getEventTime()))
                                    .build()),
                    "invalid: event time +");
        }
    }

    /**
     * The same inventory event as a producer still on the previous released schema sends it: a
     * valid record, read as the current schema with the fields it lacks at their defaults.
     */
    static byte[] asOlderRelease(InventoryEvent event) {
        Schema current = InventoryEvent.getClassSchema();
        List<Schema> released = ReleasedSchemas.releasedVersions(current);
        Schema older =
                released.stream()
                        .filter(s -> s.getField("warehousePincode") == null)
                        .findFirst()
                        .orElseThrow(
                                () ->
                                        new IllegalStateException(
                                                "no release of InventoryEvent before"
                                                        + " warehousePincode"));
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new SpecificDatumWriter<SpecificRecord>(current).write(event, encoder);
            encoder.flush();
            GenericRecord asOld =
                    new GenericDatumReader<GenericRecord>(current, older)
                            .read(
                                    null,
                                    DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
            return new BinaryMessageEncoder<GenericRecord>(GenericData.get(), older)
                    .encode(asOld)
                    .array();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Instant micros(Instant time) {
        return Instant.ofEpochMilli(time.toEpochMilli() * 1000);
    }

    private void add(SimulatedRecord.Topic topic, int partition, byte[] value, String reason) {
        records.add(new Hostile(topic, partition, "hostile-" + records.size(), value, reason));
    }

    private static <T> T firstValid(
            List<SimulatedRecord> feed,
            SimulatedRecord.Topic topic,
            Function<byte[], T> decode,
            Function<T, java.util.Optional<String>> validation,
            java.util.function.Predicate<T> wanted) {
        for (SimulatedRecord record : feed) {
            if (record.topic() == topic) {
                try {
                    T event = decode.apply(record.value());
                    if (validation.apply(event).isEmpty() && wanted.test(event)) {
                        return event;
                    }
                } catch (RuntimeException e) {
                    // one of the feed's own bad records
                }
            }
        }
        throw new IllegalStateException("no valid " + topic + " record in the feed");
    }

    private static int indexAfter(byte[] bytes, byte[] part) {
        for (int i = 0; i + part.length <= bytes.length; i++) {
            if (Arrays.equals(Arrays.copyOfRange(bytes, i, i + part.length), part)) {
                return i + part.length;
            }
        }
        throw new IllegalStateException("not found");
    }

    private static byte[] zigZag(long value) {
        long raw = (value << 1) ^ (value >> 63);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while ((raw & ~0x7FL) != 0) {
            out.write((int) ((raw & 0x7F) | 0x80));
            raw >>>= 7;
        }
        out.write((int) raw);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
