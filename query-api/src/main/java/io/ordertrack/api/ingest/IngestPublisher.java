package io.ordertrack.api.ingest;

import io.ordertrack.api.ApiConfig;
import io.ordertrack.api.kafka.AcknowledgedSends;
import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.TrackingScan;
import io.ordertrack.schemas.AvroCodec;
import io.ordertrack.schemas.DeadLetterHeaders;
import io.ordertrack.schemas.RecordKeys;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Writes what webhooks said: scans to the tracking topic keyed by their shipment, order events to
 * the orders topic keyed by their order (Avro single-object encoded, as every producer does), and a
 * webhook that says nothing mappable to the dead-letters topic, with its body, the webhook id as
 * key and the {@link DeadLetterHeaders} (its source {@code ingest/<kind>s/<name>}).
 */
final class IngestPublisher {
    private static final AvroCodec<TrackingScan> SCANS = AvroCodec.of(TrackingScan.class);
    private static final AvroCodec<OrderEvent> ORDER_EVENTS = AvroCodec.of(OrderEvent.class);

    private final AcknowledgedSends kafka;
    private final ApiConfig.Kafka topics;

    IngestPublisher(AcknowledgedSends kafka, ApiConfig.Kafka topics) {
        this.kafka = kafka;
        this.topics = topics;
    }

    /** Sends the scans; returns once Kafka acknowledged every one. */
    void publishScans(List<TrackingScan> scans) {
        kafka.send(
                scans.stream()
                        .map(
                                scan ->
                                        new ProducerRecord<>(
                                                topics.trackingTopic(),
                                                utf8(RecordKeys.of(scan)),
                                                SCANS.encode(scan)))
                        .toList());
    }

    /** Sends the order event; returns once Kafka acknowledged it. */
    void publishOrderEvent(OrderEvent event) {
        kafka.send(
                List.of(
                        new ProducerRecord<>(
                                topics.ordersTopic(),
                                utf8(RecordKeys.of(event)),
                                ORDER_EVENTS.encode(event))));
    }

    /** Keeps an unmappable webhook in the dead-letters topic; returns once Kafka has it. */
    void deadLetter(String source, String webhookId, byte[] body, String reason, Instant now) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetterHeaders.SOURCE_TOPIC, utf8(source));
        headers.add(DeadLetterHeaders.SOURCE_PARTITION, utf8("-1"));
        headers.add(DeadLetterHeaders.SOURCE_OFFSET, utf8("-1"));
        headers.add(DeadLetterHeaders.REASON, utf8(reason));
        kafka.send(
                List.of(
                        new ProducerRecord<>(
                                topics.deadLettersTopic(),
                                null,
                                now.toEpochMilli(),
                                utf8(webhookId),
                                body,
                                headers)));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
