package io.ordertrack.api.ndr;

import io.ordertrack.api.ApiConfig;
import io.ordertrack.avro.OrderEvent;
import io.ordertrack.schemas.AvroCodec;
import io.ordertrack.schemas.RecordKeys;
import java.nio.charset.StandardCharsets;
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
 * Publishes NDR action events, Avro single-object encoded and keyed by their order id as every
 * producer of the orders topic does, to the job's orders topic (the order's timeline) and to the
 * NDR actions topic (the courier integration), with an idempotent producer that waits for every
 * in-sync replica.
 *
 * <p>{@link #publish} returns only once both topics acknowledged the event, and gives up after the
 * configured send timeout. A failed publish may still have reached one topic, or reach it later:
 * the caller is told to try again, and the same request makes the same event (its id is derived),
 * which consumers take once.
 */
public final class NdrActionPublisher implements AutoCloseable {
    /** An event not acknowledged by both topics in time. */
    public static final class NotPublished extends RuntimeException {
        NotPublished(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final AvroCodec<OrderEvent> ORDER_EVENTS = AvroCodec.of(OrderEvent.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final KafkaProducer<byte[], byte[]> producer;
    private final List<String> topics;
    private final Duration timeout;

    private NdrActionPublisher(
            KafkaProducer<byte[], byte[]> producer, List<String> topics, Duration timeout) {
        this.producer = producer;
        this.topics = topics;
        this.timeout = timeout;
    }

    /** A publisher to the configured Kafka, which must be {@link ApiConfig.Kafka#configured()}. */
    public static NdrActionPublisher connect(ApiConfig.Kafka kafka) {
        return new NdrActionPublisher(
                new KafkaProducer<>(
                        producerProperties(kafka),
                        new ByteArraySerializer(),
                        new ByteArraySerializer()),
                List.of(kafka.ordersTopic(), kafka.ndrActionsTopic()),
                kafka.sendTimeout());
    }

    private static Properties producerProperties(ApiConfig.Kafka kafka) {
        long timeoutMs = kafka.sendTimeout().toMillis();
        Properties properties = kafka.security().clientProperties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, "ordertrack-query-api-ndr-actions");
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        // One action sends to two topics; each send may wait for its topic's metadata.
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.max(1, timeoutMs / 2));
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeoutMs);
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeoutMs);
        return properties;
    }

    /**
     * Sends the event to both topics and waits until both acknowledged it.
     *
     * @throws NotPublished when either did not within the send timeout, or refused it
     */
    public void publish(OrderEvent event) {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] key = RecordKeys.of(event).getBytes(StandardCharsets.UTF_8);
        byte[] value = ORDER_EVENTS.encode(event);
        try {
            List<Future<RecordMetadata>> sends =
                    topics.stream()
                            .map(topic -> producer.send(new ProducerRecord<>(topic, key, value)))
                            .toList();
            for (Future<RecordMetadata> send : sends) {
                send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (TimeoutException e) {
            throw new NotPublished("not acknowledged within " + timeout.toMillis() + " ms", e);
        } catch (ExecutionException e) {
            throw new NotPublished("failed", e.getCause());
        } catch (KafkaException e) {
            throw new NotPublished("not sent", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotPublished("interrupted", e);
        }
    }

    @Override
    public void close() {
        producer.close(CLOSE_TIMEOUT);
    }
}
