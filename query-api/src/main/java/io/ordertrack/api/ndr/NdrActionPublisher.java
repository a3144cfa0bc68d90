package io.ordertrack.api.ndr;

import io.ordertrack.api.ApiConfig;
import io.ordertrack.api.kafka.AcknowledgedSends;
import io.ordertrack.avro.OrderEvent;
import io.ordertrack.schemas.AvroCodec;
import io.ordertrack.schemas.RecordKeys;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes NDR action events, Avro single-object encoded and keyed by their order id as every
 * producer of the orders topic does, to the job's orders topic (the order's timeline) and to the
 * NDR actions topic (the courier integration).
 *
 * <p>{@link #publish} returns only once both topics acknowledged the event. A failed publish may
 * still have reached one topic, or reach it later: the caller is told to try again, and the same
 * request makes the same event (its id is derived), which consumers take once.
 */
public final class NdrActionPublisher {
    private static final AvroCodec<OrderEvent> ORDER_EVENTS = AvroCodec.of(OrderEvent.class);

    private final AcknowledgedSends kafka;
    private final List<String> topics;

    /** Publishing with {@code kafka} to the configured topics. */
    public NdrActionPublisher(AcknowledgedSends kafka, ApiConfig.Kafka config) {
        this.kafka = kafka;
        this.topics = List.of(config.ordersTopic(), config.ndrActionsTopic());
    }

    /**
     * Sends the event to both topics and waits until both acknowledged it.
     *
     * @throws AcknowledgedSends.NotAcknowledged when either did not within the send timeout, or
     *     refused it
     */
    public void publish(OrderEvent event) {
        byte[] key = RecordKeys.of(event).getBytes(StandardCharsets.UTF_8);
        byte[] value = ORDER_EVENTS.encode(event);
        kafka.send(topics.stream().map(topic -> new ProducerRecord<>(topic, key, value)).toList());
    }
}
