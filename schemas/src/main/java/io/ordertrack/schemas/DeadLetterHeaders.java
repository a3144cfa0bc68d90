package io.ordertrack.schemas;

/**
 * The headers of a record in the {@code dead-letters} topic, whoever refused it (the job, or the
 * API's ingest gateway): where it came from and why. The record keeps the original key and bytes.
 */
public final class DeadLetterHeaders {
    /**
     * The input topic; {@code elasticsearch/<index>} or {@code ingest/<kind>s/<name>} otherwise.
     */
    public static final String SOURCE_TOPIC = "source.topic";

    /** The input record's partition, {@code -1} when it had none. */
    public static final String SOURCE_PARTITION = "source.partition";

    /** The input record's offset, {@code -1} when it had none. */
    public static final String SOURCE_OFFSET = "source.offset";

    /** Why it was refused. */
    public static final String REASON = "reason";

    private DeadLetterHeaders() {}
}
