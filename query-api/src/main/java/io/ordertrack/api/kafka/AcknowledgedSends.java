package io.ordertrack.api.kafka;

import io.ordertrack.api.ApiConfig;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The API's one Kafka producer, idempotent and waiting for every in-sync replica: what the API
 * writes (sellers' NDR actions, webhooks pushed to the ingest gateway) is answered 202 only once
 * Kafka has it.
 *
 * <p>{@link #send} returns once every record was acknowledged, and gives up after the configured
 * send timeout. Records not acknowledged may still reach their topic later: the caller asks its
 * client to try again, and what the API writes carries ids its consumers take once.
 */
public final class AcknowledgedSends implements AutoCloseable {
    /** Records not all acknowledged in time. */
    public static final class NotAcknowledged extends RuntimeException {
        NotAcknowledged(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final KafkaProducer<byte[], byte[]> producer;
    private final Duration timeout;

    private AcknowledgedSends(KafkaProducer<byte[], byte[]> producer, Duration timeout) {
        this.producer = producer;
        this.timeout = timeout;
    }

    /** A producer to the configured Kafka, which must be {@link ApiConfig.Kafka#configured()}. */
    public static AcknowledgedSends connect(ApiConfig.Kafka kafka) {
        return new AcknowledgedSends(
                new KafkaProducer<>(
                        producerProperties(kafka),
                        new ByteArraySerializer(),
                        new ByteArraySerializer()),
                kafka.sendTimeout());
    }

    private static Properties producerProperties(ApiConfig.Kafka kafka) {
        long timeoutMs = kafka.sendTimeout().toMillis();
        Properties properties = kafka.security().clientProperties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, "ordertrack-query-api");
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        // One answer may send to two topics; each send may wait for its topic's metadata.
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.max(1, timeoutMs / 2));
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeoutMs);
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeoutMs);
        return properties;
    }

    /**
     * Sends the records and waits until every one was acknowledged.
     *
     * @throws NotAcknowledged when one was not within the send timeout, or was refused
     */
    public void send(List<ProducerRecord<byte[], byte[]>> records) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            List<Future<RecordMetadata>> sends = records.stream().map(producer::send).toList();
            for (Future<RecordMetadata> send : sends) {
                send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (TimeoutException e) {
            throw new NotAcknowledged("not acknowledged within " + timeout.toMillis() + " ms", e);
        } catch (ExecutionException e) {
            throw new NotAcknowledged("failed", e.getCause());
        } catch (KafkaException e) {
            throw new NotAcknowledged("not sent", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotAcknowledged("interrupted", e);
        }
    }

    @Override
    public void close() {
        producer.close(CLOSE_TIMEOUT);
    }
}
