package io.ordertrack.jobs.ingest;

import java.time.Duration;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * What a source read from one Kafka record: the decoded, valid event, or the dead letter that says
 * why there is none. A deserializer cannot emit to a side output, so both travel together until
 * {@link DeadLetterSplitter} separates them.
 *
 * @param <T> the event type
 */
public class Decoded<T> {
    private T value;
    private DeadLetter deadLetter;
    private long timestamp;
    private long arrivedAt;
    private String partition;

    public Decoded() {}

    private Decoded(T value, DeadLetter deadLetter, long timestamp) {
        this.value = value;
        this.deadLetter = deadLetter;
        this.timestamp = timestamp;
        this.arrivedAt = timestamp;
    }

    static <T> Decoded<T> valid(T value, long eventTime) {
        return new Decoded<>(value, null, eventTime);
    }

    static <T> Decoded<T> rejected(DeadLetter deadLetter) {
        return new Decoded<>(null, deadLetter, deadLetter.getTimestamp());
    }

    /**
     * The event time of a valid record, {@link Long#MIN_VALUE} for a dead letter (whose timestamp
     * is Kafka's, not the feed's).
     */
    public static long eventTimeOf(Decoded<?> decoded) {
        return decoded.deadLetter == null ? decoded.timestamp : Long.MIN_VALUE;
    }

    /**
     * Watermarks of decoded records: each partition's clock, the latest event time of its valid
     * events ({@link EventTimeWatermarks}), dead letters ignored; partitions idle for {@code
     * idleness} do not hold the watermark back. Each record's Flink timestamp is its arrival on the
     * feeds' clock ({@link #getArrivedAt}, stamped by {@link PartitionClocks}), which the watermark
     * never passes before the record is read.
     */
    public static <T> WatermarkStrategy<Decoded<T>> watermarks(Duration idleness) {
        return WatermarkStrategy.<Decoded<T>>forGenerator(context -> new EventTimeWatermarks<>())
                .withTimestampAssigner((decoded, recordTime) -> decoded.getArrivedAt())
                .withIdleness(idleness);
    }

    /** Flink type information of decoded records of one event type. */
    public static <T> TypeInformation<Decoded<T>> typeOf(Class<T> eventType) {
        @SuppressWarnings("unchecked")
        Class<Decoded<T>> type = (Class<Decoded<T>>) (Class<?>) Decoded.class;
        return Types.POJO(
                type,
                Map.of(
                        "value",
                        TypeInformation.of(eventType),
                        "deadLetter",
                        TypeInformation.of(DeadLetter.class),
                        "timestamp",
                        Types.LONG,
                        "arrivedAt",
                        Types.LONG,
                        "partition",
                        Types.STRING));
    }

    public T getValue() {
        return value;
    }

    public void setValue(T value) {
        this.value = value;
    }

    public DeadLetter getDeadLetter() {
        return deadLetter;
    }

    public void setDeadLetter(DeadLetter deadLetter) {
        this.deadLetter = deadLetter;
    }

    /** Event time of a valid event; the Kafka record time of a dead letter. */
    public long getTimestamp() {
        return timestamp;
    }

    public void setTimestamp(long timestamp) {
        this.timestamp = timestamp;
    }

    /**
     * When a valid event arrived, on the feeds' clock: the latest event time its Kafka partition
     * had shown when it was read (never before its own; {@link PartitionClocks}); the Kafka record
     * time of a dead letter.
     */
    public long getArrivedAt() {
        return arrivedAt;
    }

    public void setArrivedAt(long arrivedAt) {
        this.arrivedAt = arrivedAt;
    }

    /** The Kafka topic and partition a valid event was read from, {@code topic/partition}. */
    public String getPartition() {
        return partition;
    }

    public void setPartition(String partition) {
        this.partition = partition;
    }
}
