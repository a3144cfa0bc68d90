package io.ordertrack.jobs.publish;

import io.ordertrack.connections.KafkaSecurity;
import io.ordertrack.jobs.elasticsearch.IndexedDocument;
import io.ordertrack.jobs.elasticsearch.RejectedDocuments;
import io.ordertrack.jobs.ingest.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends documents Elasticsearch refused to the {@code dead-letters} topic, with the document as
 * value, its id as key, {@code source.topic} = {@code elasticsearch/<index>} and the reason.
 *
 * <p>At least once, not in the job's Kafka transactions: a letter is visible as soon as it is sent
 * and durable once {@link #flush()} returns, before the checkpoint completes; when the job restores
 * from an earlier checkpoint, the replayed document is refused and sent again.
 */
public final class KafkaDeadLetters implements RejectedDocuments {
    private static final long serialVersionUID = 1L;

    private final String bootstrapServers;
    private final KafkaSecurity security;
    private final String index;
    private final DeadLetterSerializer serializer;
    private transient KafkaProducer<byte[], byte[]> producer;
    private transient List<Future<RecordMetadata>> pending;

    public KafkaDeadLetters(
            String bootstrapServers, KafkaSecurity security, String topic, String index) {
        this.bootstrapServers = bootstrapServers;
        this.security = security;
        this.index = index;
        this.serializer = new DeadLetterSerializer(topic);
    }

    @Override
    public void reject(IndexedDocument document, String reason) {
        DeadLetter letter =
                new DeadLetter(
                        "elasticsearch/" + index,
                        -1,
                        -1,
                        document.getId().getBytes(StandardCharsets.UTF_8),
                        document.getJson(),
                        reason,
                        System.currentTimeMillis());
        if (producer == null) {
            producer = new KafkaProducer<>(properties());
            pending = new ArrayList<>();
        }
        pending.add(producer.send(serializer.serialize(letter, null, null)));
    }

    @Override
    public void flush() throws java.io.IOException {
        if (producer == null) {
            return;
        }
        producer.flush();
        try {
            for (Future<RecordMetadata> sent : pending) {
                sent.get();
            }
        } catch (ExecutionException e) {
            throw new java.io.IOException("dead letter not accepted by Kafka", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.IOException("interrupted while sending dead letters", e);
        }
        pending.clear();
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close();
        }
    }

    private Properties properties() {
        Properties properties = security.clientProperties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return properties;
    }
}
