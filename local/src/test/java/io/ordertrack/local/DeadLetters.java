package io.ordertrack.local;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads what the job published to a dead-letters topic. */
final class DeadLetters {
    /** One dead letter: its record key, source and reason headers. */
    record Letter(
            String key,
            String sourceTopic,
            String sourcePartition,
            String sourceOffset,
            String reason) {}

    private DeadLetters() {}

    /** Waits for at least {@code count} letters and returns all of them by record key. */
    static Map<String, Letter> awaitByKey(String bootstrapServers, String topic, int count) {
        Map<String, Letter> letters = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(properties(bootstrapServers))) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(60))
                    .until(
                            () -> {
                                for (ConsumerRecord<byte[], byte[]> record :
                                        consumer.poll(Duration.ofMillis(500))) {
                                    letters.put(text(record.key()), letterOf(record));
                                }
                                return letters.size() >= count;
                            });
        }
        return letters;
    }

    /**
     * Counts the letters of a topic: waits until at least {@code expected} arrived, then a few
     * seconds more for any extra one.
     */
    static int count(String bootstrapServers, String topic, int expected) {
        return all(bootstrapServers, topic, expected).size();
    }

    /**
     * Every letter of a topic, in the order they were published: waits until at least {@code
     * expected} arrived, then a few seconds more for any extra one.
     */
    static List<Letter> all(String bootstrapServers, String topic, int expected) {
        List<Letter> letters = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(properties(bootstrapServers))) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(60))
                    .until(
                            () -> {
                                consumer.poll(Duration.ofMillis(500))
                                        .forEach(record -> letters.add(letterOf(record)));
                                return letters.size() >= expected;
                            });
            long quietUntil = System.currentTimeMillis() + 3_000;
            while (System.currentTimeMillis() < quietUntil) {
                consumer.poll(Duration.ofMillis(500))
                        .forEach(record -> letters.add(letterOf(record)));
            }
        }
        return letters;
    }

    private static Letter letterOf(ConsumerRecord<byte[], byte[]> record) {
        return new Letter(
                text(record.key()),
                header(record, "source.topic"),
                header(record, "source.partition"),
                header(record, "source.offset"),
                header(record, "reason"));
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : text(header.value());
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private static Properties properties(String bootstrapServers) {
        return committedReader(bootstrapServers, "dead-letter-reader");
    }

    /**
     * A consumer of byte records in a group of its own, from the earliest offset, reading only what
     * the job's transactional sinks committed (its dead letters and alerts are written in Kafka
     * transactions, committed with each checkpoint).
     */
    static Properties committedReader(String bootstrapServers, String group) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, group + "-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return properties;
    }
}
