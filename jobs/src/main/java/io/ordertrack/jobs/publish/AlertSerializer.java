package io.ordertrack.jobs.publish;

import io.ordertrack.avro.Alert;
import io.ordertrack.schemas.AvroCodec;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Alerts to the {@code alerts} topic for notification systems: key = alert id, Avro value. */
public final class AlertSerializer implements KafkaRecordSerializationSchema<Alert> {
    private static final long serialVersionUID = 1L;
    private static final AvroCodec<Alert> ALERTS = AvroCodec.of(Alert.class);

    private final String topic;

    public AlertSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            Alert alert, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(
                topic, alert.getAlertId().getBytes(StandardCharsets.UTF_8), ALERTS.encode(alert));
    }
}
