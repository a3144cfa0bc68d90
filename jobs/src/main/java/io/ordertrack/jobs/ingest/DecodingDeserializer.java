package io.ordertrack.jobs.ingest;

import io.ordertrack.schemas.AvroCodec;
import io.ordertrack.schemas.UndecodableRecordException;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decodes and validates the Avro events of one topic. Never throws for bad input: an unreadable or
 * invalid record becomes a dead letter naming the reason, and the job keeps running.
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

    private final Class<T> type;
    private final AvroCodec<T> codec;
    private final Validation<T> validation;
    private final EventTime<T> eventTime;

    public DecodingDeserializer(Class<T> type, Validation<T> validation, EventTime<T> eventTime) {
        this.type = type;
        this.codec = AvroCodec.of(type);
        this.validation = validation;
        this.eventTime = eventTime;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Decoded<T>> out) {
        T event;
        try {
            event = codec.decode(record.value());
        } catch (UndecodableRecordException e) {
            out.collect(Decoded.rejected(deadLetter(record, e.getMessage())));
            return;
        }
        Optional<String> problem = validation.apply(event);
        out.collect(
                problem.isPresent()
                        ? Decoded.rejected(deadLetter(record, "invalid: " + problem.get()))
                        : Decoded.valid(event, eventTime.apply(event).toEpochMilli()));
    }

    private static DeadLetter deadLetter(ConsumerRecord<byte[], byte[]> record, String reason) {
        return new DeadLetter(
                record.topic(),
                record.partition(),
                record.offset(),
                record.key(),
                record.value(),
                reason,
                record.timestamp());
    }

    @Override
    public TypeInformation<Decoded<T>> getProducedType() {
        return Decoded.typeOf(type);
    }
}
