package io.ordertrack.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrack.avro.TrackingScan;
import io.ordertrack.domain.input.RecordLimits;
import io.ordertrack.schemas.AvroCodec;
import io.ordertrack.schemas.EventValidation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class DecodingDeserializerTest {
    private static final Instant NOW = Instant.parse("2026-12-03T08:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final RecordLimits LIMITS =
            new RecordLimits(512, Duration.ofMinutes(15), Instant.parse("2000-01-01T00:00:00Z"));
    private static final DecodingDeserializer<TrackingScan> SCANS =
            new DecodingDeserializer<>(
                    TrackingScan.class,
                    EventValidation::problemOf,
                    TrackingScan::getEventTime,
                    LIMITS,
                    CLOCK);

    @Test
    void aValidScanIsReadWithItsEventTime() {
        Decoded<TrackingScan> decoded = SCANS.read(record(scanAt(NOW.minusSeconds(60))));

        assertThat(decoded.getDeadLetter()).isNull();
        assertThat(decoded.getValue().getAwb()).isEqualTo("1490211234567");
        assertThat(decoded.getTimestamp()).isEqualTo(NOW.minusSeconds(60).toEpochMilli());
    }

    @Test
    void aScanFromTheFutureIsADeadLetterAndNeverAnEventTime() {
        Instant future = Instant.ofEpochMilli(NOW.minusSeconds(60).toEpochMilli() * 1000);
        byte[] value = scanAt(future);

        Decoded<TrackingScan> decoded = SCANS.read(record(value));

        assertThat(decoded.getValue()).isNull();
        assertThat(decoded.getDeadLetter().getReason())
                .startsWith("invalid: event time")
                .contains("ahead of the clock");
        assertThat(decoded.getDeadLetter().getValue()).isEqualTo(value);
        assertThat(decoded.getDeadLetter().getSourceOffset()).isEqualTo(42);
    }

    @Test
    void aRecordAboveTheSizeLimitIsRefusedUnread() {
        byte[] value = Arrays.copyOf(scanAt(NOW), 513);

        Decoded<TrackingScan> decoded = SCANS.read(record(value));

        assertThat(decoded.getDeadLetter().getReason())
                .isEqualTo("record of 513 bytes is larger than record.max-bytes 512");
    }

    @Test
    void aHugeRecordsDeadLetterKeepsOnlyItsFirstBytesSoTheDeadLettersTopicTakesIt() {
        byte[] value = new byte[3 * 1024 * 1024];
        value[0] = 42;

        Decoded<TrackingScan> decoded = SCANS.read(record(value));

        assertThat(decoded.getDeadLetter().getValue())
                .hasSize(DecodingDeserializer.DEAD_LETTER_BYTES)
                .startsWith((byte) 42);
        assertThat(decoded.getDeadLetter().getReason())
                .isEqualTo(
                        "record of 3145728 bytes is larger than record.max-bytes 512 (the letter"
                                + " keeps the first 262144 of its 3145728 bytes)");
        assertThat(decoded.getDeadLetter().getSourceOffset()).isEqualTo(42);
    }

    @Test
    void whateverAValidationThrowsBecomesTheReason() {
        DecodingDeserializer<TrackingScan> broken =
                new DecodingDeserializer<>(
                        TrackingScan.class,
                        scan -> Optional.of(scan.getRawText().trim()),
                        TrackingScan::getEventTime,
                        LIMITS,
                        CLOCK);

        Decoded<TrackingScan> decoded = broken.read(record(scanAt(NOW)));

        assertThat(decoded.getDeadLetter().getReason())
                .startsWith("invalid: java.lang.NullPointerException");
    }

    private static byte[] scanAt(Instant time) {
        return AvroCodec.of(TrackingScan.class)
                .encode(
                        TrackingScan.newBuilder()
                                .setEventId("scan-1")
                                .setEventTime(time)
                                .setTenantId("acme")
                                .setCourier("DELHIVERY")
                                .setAwb("1490211234567")
                                .setRawCode("UD")
                                .build());
    }

    private static ConsumerRecord<byte[], byte[]> record(byte[] value) {
        return new ConsumerRecord<>("tracking", 3, 42L, null, value);
    }
}
