package io.ordertrack.api;

import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.TrackingScan;
import io.ordertrack.schemas.AvroCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** What a topic holds, read from its start to its end as a consumer of it would. */
final class TopicRecords {
    private static final AvroCodec<OrderEvent> ORDER_EVENTS = AvroCodec.of(OrderEvent.class);

    private static final AvroCodec<TrackingScan> SCANS = AvroCodec.of(TrackingScan.class);

    /** A record with its key read as UTF-8 and its value decoded as a tracking scan. */
    record KeyedScan(String key, TrackingScan scan) {}

    /** A record with its key read as UTF-8 and its value decoded as an order event. */
    record KeyedEvent(String key, OrderEvent event) {}

    private TopicRecords() {}

    /** Every order event of the topic, in order (one partition), with its key. */
    static List<KeyedEvent> orderEvents(String bootstrapServers, String topic) {
        List<KeyedEvent> events = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : all(bootstrapServers, topic)) {
            events.add(
                    new KeyedEvent(
                            new String(record.key(), StandardCharsets.UTF_8),
                            ORDER_EVENTS.decode(record.value())));
        }
        return events;
    }

    /** The events of the topic keyed by this order id. */
    static List<OrderEvent> orderEvents(String bootstrapServers, String topic, String orderId) {
        return orderEvents(bootstrapServers, topic).stream()
                .filter(keyed -> keyed.key().equals(orderId))
                .map(KeyedEvent::event)
                .toList();
    }

    /** Every tracking scan of the topic, in order (one partition), with its key. */
    static List<KeyedScan> scans(String bootstrapServers, String topic) {
        List<KeyedScan> scans = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : all(bootstrapServers, topic)) {
            scans.add(
                    new KeyedScan(
                            new String(record.key(), StandardCharsets.UTF_8),
                            SCANS.decode(record.value())));
        }
        return scans;
    }

    /** Every record of the topic, in order (one partition). */
    static List<ConsumerRecord<byte[], byte[]>> all(String bootstrapServers, String topic) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                        new ByteArrayDeserializer(),
                        new ByteArrayDeserializer())) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                            .map(info -> new TopicPartition(topic, info.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end in 30 s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
