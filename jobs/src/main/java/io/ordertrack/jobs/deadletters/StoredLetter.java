package io.ordertrack.jobs.deadletters;

import io.ordertrack.jobs.publish.DeadLetterSerializer;
import io.ordertrack.schemas.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * A dead letter as the dead-letters topic holds it: where it is there, and what {@link
 * DeadLetterSerializer} wrote — the time of the record, where it came from, why it was refused, and
 * the record's key and value.
 *
 * @param id where the letter is in the dead-letters topic
 * @param time the letter's record time: the input record's own time for an unreadable or invalid
 *     record, the time it was refused for the others
 * @param sourceTopic the input topic, or {@code elasticsearch/<index>} for a document Elasticsearch
 *     refused; null when the letter names none
 * @param sourcePartition the input record's partition, -1 when unknown
 * @param sourceOffset the input record's offset, -1 when unknown (a record the job re-encoded)
 * @param reason why it was refused
 * @param key the record's key bytes, or null
 * @param value the record's value bytes, or null
 */
public record StoredLetter(
        LetterId id,
        Instant time,
        String sourceTopic,
        int sourcePartition,
        long sourceOffset,
        String reason,
        byte[] key,
        byte[] value) {

    /** What the job's dead letters name as the source of a document Elasticsearch refused. */
    static final String ELASTICSEARCH_SOURCE = "elasticsearch/";

    /** The letter a record of the dead-letters topic holds. */
    public static StoredLetter of(ConsumerRecord<byte[], byte[]> record) {
        return new StoredLetter(
                new LetterId(record.partition(), record.offset()),
                Instant.ofEpochMilli(record.timestamp()),
                header(record, DeadLetterHeaders.SOURCE_TOPIC),
                (int) number(record, DeadLetterHeaders.SOURCE_PARTITION),
                number(record, DeadLetterHeaders.SOURCE_OFFSET),
                header(record, DeadLetterHeaders.REASON),
                record.key(),
                record.value());
    }

    /** Whether it is a document Elasticsearch refused rather than a record read from Kafka. */
    public boolean fromElasticsearch() {
        return sourceTopic != null && sourceTopic.startsWith(ELASTICSEARCH_SOURCE);
    }

    /** Where it came from: {@code orders/1@42}, or the topic alone when its offset is unknown. */
    public String source() {
        if (sourceTopic == null) {
            return "(no source)";
        }
        return sourcePartition < 0 || sourceOffset < 0
                ? sourceTopic
                : sourceTopic + "/" + sourcePartition + "@" + sourceOffset;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null
                ? null
                : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static long number(ConsumerRecord<byte[], byte[]> record, String name) {
        String text = header(record, name);
        try {
            return text == null ? -1 : Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
