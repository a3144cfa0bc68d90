package io.ordertrack.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrack.testkit.KafkaServer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

/** The dead-letters topic's retention on a real broker, as the job's start sets it. */
class DeadLetterRetentionIT {
    private static final long SEVEN_DAYS_MS = 7L * 24 * 60 * 60 * 1000;

    /** The broker's own default is seven days too: the letters' retention is the topic's own. */
    @Test
    void theDeadLettersTopicIsCreatedKeepingLettersSevenDaysByItsOwnSetting() throws Exception {
        String run = "retention-" + System.nanoTime();

        KafkaTopics.ensureExist(TestTopics.config(run, "--topics.create", "true"));

        ConfigEntry letters = retention("dead-letters-" + run);
        assertThat(letters.value()).isEqualTo(Long.toString(SEVEN_DAYS_MS));
        assertThat(letters.source()).isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
        assertThat(retention("orders-" + run).source())
                .isNotEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
    }

    @Test
    void anExistingDeadLettersTopicIsGivenTheConfiguredRetentionEachTimeTheJobStarts()
            throws Exception {
        String run = "retention-" + System.nanoTime();
        List<String> topics =
                List.of(
                        "orders-" + run,
                        "tracking-" + run,
                        "inventory-" + run,
                        "remittances-" + run,
                        "alerts-" + run,
                        "notifications-" + run,
                        "dead-letters-" + run);
        KafkaServer.shared().createTopics(1, topics.toArray(String[]::new));

        KafkaTopics.ensureExist(TestTopics.config(run));

        assertThat(retention("dead-letters-" + run).source())
                .isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);

        KafkaTopics.ensureExist(TestTopics.config(run, "--topic.dead-letters.retention", "36h"));

        assertThat(retentionMs("dead-letters-" + run)).isEqualTo("129600000");

        KafkaTopics.ensureExist(TestTopics.config(run));

        assertThat(retentionMs("dead-letters-" + run)).isEqualTo(Long.toString(SEVEN_DAYS_MS));
    }

    private static String retentionMs(String topic) throws Exception {
        return retention(topic).value();
    }

    private static ConfigEntry retention(String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try (Admin admin = TestTopics.admin()) {
            return admin.describeConfigs(List.of(resource))
                    .all()
                    .get(30, TimeUnit.SECONDS)
                    .get(resource)
                    .get(TopicConfig.RETENTION_MS_CONFIG);
        }
    }
}
