package io.ordertrack.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaTopicsTest {
    private static final OrderTrackingConfig CONFIG =
            OrderTrackingConfig.from(new String[0], Map.of());

    @Test
    void theJobNeedsItsFourInputsAndThreeOutputs() {
        assertThat(KafkaTopics.of(CONFIG))
                .containsExactly(
                        "orders",
                        "tracking",
                        "inventory",
                        "remittances",
                        "alerts",
                        "notifications",
                        "dead-letters");
    }

    @Test
    void creatingTopicsIsOffByDefaultAndTakesAPartitionCount() {
        assertThat(CONFIG.kafka().createTopics()).isFalse();
        assertThat(CONFIG.kafka().topicPartitions()).isEqualTo(2);

        OrderTrackingConfig creating =
                OrderTrackingConfig.from(
                        new String[] {"--topics.create", "true"},
                        Map.of("ORDERTRACK_TOPICS_PARTITIONS", "6"));
        assertThat(creating.kafka().createTopics()).isTrue();
        assertThat(creating.kafka().topicPartitions()).isEqualTo(6);
    }
}
