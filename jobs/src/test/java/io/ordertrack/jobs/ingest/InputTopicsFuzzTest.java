package io.ordertrack.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ordertrack.avro.InventoryEvent;
import io.ordertrack.avro.InventoryEventType;
import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.OrderEventType;
import io.ordertrack.avro.Remittance;
import io.ordertrack.avro.RemittanceLine;
import io.ordertrack.avro.TrackingScan;
import io.ordertrack.domain.input.RecordLimits;
import io.ordertrack.schemas.AvroCodec;
import io.ordertrack.schemas.EventValidation;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Coverage-guided fuzzing of what the job does first with every record of its four input topics:
 * decode and validate. Whatever the bytes, the outcome is a valid event or a dead letter with a
 * reason, and reading a record of N bytes allocates at most a small multiple of N.
 *
 * <p>An input's first byte picks the topic, the rest is the record's value. The seed corpus in
 * {@code InputTopicsFuzzTestInputs} holds a valid record of each topic, length bombs (a string
 * declaring 2·10⁹, 2³¹−1, 2³¹ and 2⁶³−1 bytes, a negative length, order items declaring 2³¹−1
 * entries, a customer name bomb nested three records deep, remittance lines declaring 2³¹−1
 * entries), truncations and a record of the previous released inventory schema. {@code mvn verify}
 * fuzzes from it for the test's maxDuration.
 */
class InputTopicsFuzzTest {
    private static final Clock CLOCK =
            Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);

    /** Per-record allocation besides the record's own size: decoder buffers, a dead letter. */
    private static final long FIXED_ALLOWANCE = 512 * 1024;

    private static final long ALLOWANCE_PER_BYTE = 64;

    private static final List<Topic> TOPICS =
            List.of(
                    new Topic(
                            "orders",
                            new DecodingDeserializer<>(
                                    OrderEvent.class,
                                    EventValidation::problemOf,
                                    OrderEvent::getEventTime,
                                    RecordLimits.DEFAULT,
                                    CLOCK)),
                    new Topic(
                            "tracking",
                            new DecodingDeserializer<>(
                                    TrackingScan.class,
                                    EventValidation::problemOf,
                                    TrackingScan::getEventTime,
                                    RecordLimits.DEFAULT,
                                    CLOCK)),
                    new Topic(
                            "inventory",
                            new DecodingDeserializer<>(
                                    InventoryEvent.class,
                                    EventValidation::problemOf,
                                    InventoryEvent::getEventTime,
                                    RecordLimits.DEFAULT,
                                    CLOCK)),
                    new Topic(
                            "remittances",
                            new DecodingDeserializer<>(
                                    Remittance.class,
                                    EventValidation::problemOf,
                                    Remittance::getEventTime,
                                    RecordLimits.DEFAULT,
                                    CLOCK)));

    private record Topic(String name, DecodingDeserializer<?> deserializer) {}

    static {
        // Each codec builds its decoders on first use: done here, not counted against an input.
        byte[][] firstRecords = {
            AvroCodec.of(OrderEvent.class)
                    .encode(
                            OrderEvent.newBuilder()
                                    .setEventId("e-1")
                                    .setEventTime(CLOCK.instant())
                                    .setTenantId("acme")
                                    .setChannel("SHOPIFY")
                                    .setClientOrderId("1001")
                                    .setType(OrderEventType.CONFIRMED)
                                    .build()),
            AvroCodec.of(TrackingScan.class)
                    .encode(
                            TrackingScan.newBuilder()
                                    .setEventId("s-1")
                                    .setEventTime(CLOCK.instant())
                                    .setTenantId("acme")
                                    .setCourier("DELHIVERY")
                                    .setAwb("1490211234567")
                                    .setRawCode("UD")
                                    .build()),
            AvroCodec.of(InventoryEvent.class)
                    .encode(
                            InventoryEvent.newBuilder()
                                    .setEventId("i-1")
                                    .setEventTime(CLOCK.instant())
                                    .setTenantId("acme")
                                    .setSku("TSHIRT-M")
                                    .setWarehouseId("BLR-1")
                                    .setType(InventoryEventType.RECEIVED)
                                    .setQuantity(1)
                                    .build()),
            AvroCodec.of(Remittance.class)
                    .encode(
                            new Remittance(
                                    "r-1",
                                    CLOCK.instant(),
                                    "acme",
                                    "DELHIVERY",
                                    "UTR1",
                                    List.of(new RemittanceLine("DL1", 79_900L))))
        };
        for (int i = 0; i < TOPICS.size(); i++) {
            Topic topic = TOPICS.get(i);
            assertThat(topic.deserializer().read(record(topic, firstRecords[i])).getValue())
                    .isNotNull();
        }
    }

    @FuzzTest(maxDuration = "60s")
    void everyRecordIsAnEventOrADeadLetterWithItsReason(byte[] input) {
        if (input.length == 0) {
            return;
        }
        Topic topic = TOPICS.get(Byte.toUnsignedInt(input[0]) % TOPICS.size());
        byte[] value = Arrays.copyOfRange(input, 1, input.length);
        ConsumerRecord<byte[], byte[]> record = record(topic, value);

        // The first read of a new path links its string concatenations and loads its classes;
        // what a record itself costs is what reading it once more allocates.
        topic.deserializer().read(record);
        long before = allocatedBytes();
        Decoded<?> decoded = topic.deserializer().read(record);
        long allocated = allocatedBytes() - before;

        if (decoded.getValue() == null) {
            assertThat(decoded.getDeadLetter()).isNotNull();
            assertThat(decoded.getDeadLetter().getReason()).isNotBlank();
            assertThat(decoded.getDeadLetter().getValue())
                    .isEqualTo(
                            Arrays.copyOf(
                                    value,
                                    Math.min(
                                            value.length, DecodingDeserializer.DEAD_LETTER_BYTES)));
        } else {
            assertThat(decoded.getDeadLetter()).isNull();
        }
        assertThat(allocated)
                .as("bytes allocated reading a record of %d bytes", value.length)
                .isLessThanOrEqualTo(FIXED_ALLOWANCE + ALLOWANCE_PER_BYTE * value.length);
    }

    private static ConsumerRecord<byte[], byte[]> record(Topic topic, byte[] value) {
        return new ConsumerRecord<>(topic.name(), 0, 7L, null, value);
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getCurrentThreadAllocatedBytes();
    }
}
