package io.ordertrack.jobs.publish;

import io.ordertrack.jobs.ingest.DeadLetter;
import io.ordertrack.schemas.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Writes a dead letter with the original key and bytes, and where it came from and why in the
 * {@link DeadLetterHeaders}.
 */
public final class DeadLetterSerializer implements KafkaRecordSerializationSchema<DeadLetter> {
    private static final long serialVersionUID = 1L;

    private final String topic;

    public DeadLetterSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            DeadLetter letter, KafkaSinkContext context, Long timestamp) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetterHeaders.SOURCE_TOPIC, utf8(letter.getSourceTopic()));
        headers.add(
                DeadLetterHeaders.SOURCE_PARTITION,
                utf8(Integer.toString(letter.getSourcePartition())));
        headers.add(DeadLetterHeaders.SOURCE_OFFSET, utf8(Long.toString(letter.getSourceOffset())));
        headers.add(DeadLetterHeaders.REASON, utf8(letter.getReason()));
        return new ProducerRecord<>(
                topic, null, letter.getTimestamp(), letter.getKey(), letter.getValue(), headers);
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
