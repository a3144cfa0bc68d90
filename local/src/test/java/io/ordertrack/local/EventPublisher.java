package io.ordertrack.local;

import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.Remittance;
import io.ordertrack.avro.TrackingScan;
import io.ordertrack.schemas.AvroCodec;
import io.ordertrack.schemas.RecordKeys;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes events to the ordertrack topics as a channel integration or courier feed would: Avro
 * single-object encoding, keyed by order or by shipment.
 */
public final class EventPublisher implements AutoCloseable {
    private static final AvroCodec<OrderEvent> ORDER_EVENTS = AvroCodec.of(OrderEvent.class);
    private static final AvroCodec<TrackingScan> SCANS = AvroCodec.of(TrackingScan.class);
    private static final AvroCodec<Remittance> REMITTANCES = AvroCodec.of(Remittance.class);

    private final KafkaProducer<byte[], byte[]> producer;
    private final String ordersTopic;
    private final String trackingTopic;

    public EventPublisher(String bootstrapServers, String ordersTopic, String trackingTopic) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        this.producer = new KafkaProducer<>(properties);
        this.ordersTopic = ordersTopic;
        this.trackingTopic = trackingTopic;
    }

    /** Sends an order event; the future completes when the broker has it. */
    public Future<RecordMetadata> publish(OrderEvent event) {
        return send(ordersTopic, RecordKeys.of(event), ORDER_EVENTS.encode(event));
    }

    /** Sends a courier scan; the future completes when the broker has it. */
    public Future<RecordMetadata> publish(TrackingScan scan) {
        return send(trackingTopic, RecordKeys.of(scan), SCANS.encode(scan));
    }

    /** Sends a courier's COD remittance to the remittances topic. */
    public Future<RecordMetadata> publish(Remittance remittance, String remittancesTopic) {
        return send(remittancesTopic, RecordKeys.of(remittance), REMITTANCES.encode(remittance));
    }

    /** Sends bytes as they are: how a broken integration's records reach the topics. */
    public Future<RecordMetadata> publishRaw(String topic, String key, byte[] value) {
        return send(topic, key, value);
    }

    private Future<RecordMetadata> send(String topic, String key, byte[] value) {
        return producer.send(
                new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value));
    }

    /** Waits until everything sent so far is acknowledged. */
    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}
