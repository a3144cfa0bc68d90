package io.ordertrack.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ordertrack.testkit.KafkaServer;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
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
                        "tracking-" + run + ", inventory-" + run + ", dead-letters-" + run + ".")
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
}
