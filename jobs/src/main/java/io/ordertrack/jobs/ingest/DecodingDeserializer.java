package io.ordertrack.jobs.ingest;

import io.ordertrack.domain.input.RecordLimits;
import io.ordertrack.schemas.AvroCodec;
import io.ordertrack.schemas.UndecodableRecordException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decodes and validates the Avro events of one topic. Never throws for bad input: a record too
 * large, unreadable, invalid or with an event time that cannot be true ({@link RecordLimits})
 * becomes a dead letter naming the reason, and the job keeps running. No record's content can make
 * it fail: whatever a decoder or a check throws is a reason too.
 *
 * @param <T> the event type
 */
public final class DecodingDeserializer<T extends SpecificRecord>
        implements KafkaRecordDeserializationSchema<Decoded<T>> {
    private static final long serialVersionUID = 1L;

    /** Checks a decoded event; the reason it is invalid, or empty. */
    public interface Validation<T> extends Function<T, Optional<String>>, java.io.Serializable {}

    /** Reads an event's time. */
    public interface EventTime<T> extends Function<T, Instant>, java.io.Serializable {}

    /** The most of a refused record's key or value a dead letter carries. */
    public static final int DEAD_LETTER_BYTES = 256 * 1024;

    private final Class<T> type;
    private final AvroCodec<T> codec;
    private final Validation<T> validation;
    private final EventTime<T> eventTime;
    private final RecordLimits limits;
    private final Clock clock;

    public DecodingDeserializer(
            Class<T> type,
            Validation<T> validation,
            EventTime<T> eventTime,
            RecordLimits limits,
            Clock clock) {
        this.type = type;
        this.codec = AvroCodec.of(type);
        this.validation = validation;
        this.eventTime = eventTime;
        this.limits = limits;
        this.clock = clock;
    }

    /**
     * Emits what a record holds: a valid event with the partition it came from, whose clock {@link
     * PartitionClocks} keeps, or a dead letter.
     */
    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Decoded<T>> out) {
        Decoded<T> decoded = read(record);
        if (decoded.getDeadLetter() == null) {
            decoded.setPartition(record.topic() + "/" + record.partition());
        }
        out.collect(decoded);
    }

    /** The valid event a record holds, or the dead letter saying why there is none. */
    Decoded<T> read(ConsumerRecord<byte[], byte[]> record) {
        byte[] value = record.value();
        Optional<String> tooLarge = limits.sizeProblem(value == null ? 0 : value.length);
        if (tooLarge.isPresent()) {
            return Decoded.rejected(deadLetter(record, tooLarge.get()));
        }
        T event;
        try {
            event = codec.decode(value);
        } catch (UndecodableRecordException e) {
            return Decoded.rejected(deadLetter(record, e.getMessage()));
        }
        try {
            Instant time = eventTime.apply(event);
            Optional<String> problem =
                    validation
                            .apply(event)
                            .or(() -> limits.eventTimeProblem(time, clock.instant()));
            return problem.isPresent()
                    ? Decoded.rejected(deadLetter(record, "invalid: " + problem.get()))
                    : Decoded.valid(event, time.toEpochMilli());
        } catch (RuntimeException e) {
            return Decoded.rejected(deadLetter(record, "invalid: " + e));
        }
    }

    /**
     * The dead letter of a record. It keeps the record's key and value up to {@link
     * #DEAD_LETTER_BYTES} each: a letter larger than the dead-letters topic takes (1 MiB by
     * default) would fail the job's transactional producer, and the job would restart on the same
     * record for ever. A longer value is cut, the reason says so, and the whole record stays at its
     * source offset.
     */
    private static DeadLetter deadLetter(ConsumerRecord<byte[], byte[]> record, String reason) {
        byte[] value = record.value();
        String kept = reason;
        if (value != null && value.length > DEAD_LETTER_BYTES) {
            kept +=
                    " (the letter keeps the first "
                            + DEAD_LETTER_BYTES
                            + " of its "
                            + value.length
                            + " bytes)";
            value = Arrays.copyOf(value, DEAD_LETTER_BYTES);
        }
        byte[] key = record.key();
        if (key != null && key.length > DEAD_LETTER_BYTES) {
            key = Arrays.copyOf(key, DEAD_LETTER_BYTES);
        }
        return new DeadLetter(
                record.topic(),
                record.partition(),
                record.offset(),
                key,
                value,
                kept,
                record.timestamp());
    }

    @Override
    public TypeInformation<Decoded<T>> getProducedType() {
        return Decoded.typeOf(type);
    }
}
