package io.ordertrack.jobs.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrack.connections.KafkaSecurity;
import io.ordertrack.jobs.elasticsearch.IndexedDocument;
import io.ordertrack.schemas.DeadLetterHeaders;
import io.ordertrack.testkit.KafkaServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

class KafkaDeadLettersIT {
    @Test
    void aRejectedDocumentIsDurableInDeadLettersOnceFlushed() throws Exception {
        String topic = "dead-letters-" + System.nanoTime();
        KafkaServer.shared().createTopics(1, topic);
        KafkaDeadLetters deadLetters =
                new KafkaDeadLetters(
                        KafkaServer.shared().bootstrapServers(),
                        KafkaSecurity.PLAINTEXT,
                        topic,
                        "orders");
        byte[] json = "{\"orderId\":\"acme:SHOPIFY:1\"}".getBytes(StandardCharsets.UTF_8);

        deadLetters.reject(
                new IndexedDocument("acme:SHOPIFY:1", 3, json),
                "400 mapper_parsing_exception: bad date");
        deadLetters.flush();
        deadLetters.close();

        ConsumerRecord<byte[], byte[]> letter = readOne(topic);
        assertThat(new String(letter.key(), StandardCharsets.UTF_8)).isEqualTo("acme:SHOPIFY:1");
        assertThat(letter.value()).isEqualTo(json);
        assertThat(header(letter, DeadLetterHeaders.SOURCE_TOPIC))
                .isEqualTo("elasticsearch/orders");
        assertThat(header(letter, DeadLetterHeaders.REASON))
                .isEqualTo("400 mapper_parsing_exception: bad date");
    }

    private static ConsumerRecord<byte[], byte[]> readOne(String topic) {
        Map<String, Object> config =
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        KafkaServer.shared().bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "reader-" + topic,
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                        ByteArrayDeserializer.class,
                        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                        ByteArrayDeserializer.class);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 30_000;
            while (records.isEmpty() && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        assertThat(records).hasSize(1);
        return records.get(0);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
