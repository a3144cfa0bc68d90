package io.ordertrack.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ordertrack.testkit.KafkaServer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The cluster entry point's topic check against a real broker. */
class KafkaTopicsIT {
    @Test
    void onABrokerWithoutItsTopicsTheJobRefusesToStartNamingEveryMissingOne() throws Exception {
        String run = "topics-" + System.nanoTime();
        KafkaServer.shared().createTopics(1, "orders-" + run, "alerts-" + run);
        OrderTrackingConfig config = TestTopics.config(run);

        assertThatThrownBy(() -> KafkaTopics.ensureExist(config))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(
                        "tracking-"
                                + run
                                + ", inventory-"
                                + run
                                + ", remittances-"
                                + run
                                + ", notifications-"
                                + run
                                + ", dead-letters-"
                                + run
                                + ".")
                .hasMessageNotContaining("orders-" + run)
                .hasMessageContaining("--topics.create true");
    }

    @Test
    void withTopicsCreateOnTheMissingTopicsAreCreatedWithTheConfiguredPartitions()
            throws Exception {
        String run = "topics-" + System.nanoTime();
        KafkaServer.shared().createTopics(1, "orders-" + run);
        OrderTrackingConfig config =
                TestTopics.config(run, "--topics.create", "true", "--topics.partitions", "3");

        KafkaTopics.ensureExist(config);

        try (Admin admin = TestTopics.admin()) {
            Map<String, TopicDescription> topics =
                    admin.describeTopics(KafkaTopics.of(config))
                            .allTopicNames()
                            .get(30, TimeUnit.SECONDS);
            assertThat(topics.get("orders-" + run).partitions()).hasSize(1);
            assertThat(topics.get("dead-letters-" + run).partitions()).hasSize(3);
            assertThat(topics.get("tracking-" + run).partitions()).hasSize(3);
        }
    }

    @Test
    void recordsSentTheMomentTheTopicsAreCreatedAllLand() throws Exception {
        String run = "topics-" + System.nanoTime();
        OrderTrackingConfig config =
                TestTopics.config(run, "--topics.create", "true", "--topics.partitions", "4");
        int records = 4_000;

        KafkaTopics.ensureExist(config);

        // Small batches and five requests in flight per partition: the shape that lost records
        // when a partition's first request reached the broker before it had applied the creation.
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(
                        Map.<String, Object>of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                KafkaServer.shared().bootstrapServers(),
                                ProducerConfig.BATCH_SIZE_CONFIG,
                                512,
                                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                                10_000,
                                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                                30_000),
                        new StringSerializer(),
                        new StringSerializer())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (int i = 0; i < records; i++) {
                sent.add(
                        producer.send(
                                new ProducerRecord<>(
                                        config.topics().tracking(), "o" + i, "scan " + i)));
            }
            for (Future<RecordMetadata> acknowledged : sent) {
                acknowledged.get(60, TimeUnit.SECONDS);
            }
        }
        try (Admin admin = TestTopics.admin()) {
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            for (int partition = 0; partition < 4; partition++) {
                ends.put(
                        new TopicPartition(config.topics().tracking(), partition),
                        OffsetSpec.latest());
            }
            long stored =
                    admin.listOffsets(ends).all().get(30, TimeUnit.SECONDS).values().stream()
                            .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset)
                            .sum();
            assertThat(stored).isEqualTo(records);
        }
    }
}
