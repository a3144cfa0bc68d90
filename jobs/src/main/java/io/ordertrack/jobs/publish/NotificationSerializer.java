package io.ordertrack.jobs.publish;

import io.ordertrack.avro.CustomerNotification;
import io.ordertrack.schemas.AvroCodec;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Customer notifications to the {@code notifications} topic for the senders of SMS, WhatsApp and
 * e-mail: key = order id (an order's moments in order on one partition), Avro value.
 */
public final class NotificationSerializer
        implements KafkaRecordSerializationSchema<CustomerNotification> {
    private static final long serialVersionUID = 1L;
    private static final AvroCodec<CustomerNotification> NOTIFICATIONS =
            AvroCodec.of(CustomerNotification.class);

    private final String topic;

    public NotificationSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            CustomerNotification notification, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(
                topic,
                notification.getOrderId().getBytes(StandardCharsets.UTF_8),
                NOTIFICATIONS.encode(notification));
    }
}
