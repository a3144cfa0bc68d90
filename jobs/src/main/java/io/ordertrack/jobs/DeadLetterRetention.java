package io.ordertrack.jobs;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.AuthorizationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How long the dead-letters topic keeps a letter ({@code topic.dead-letters.retention}, its {@code
 * retention.ms}). Dead letters hold whole input records, customers' names, phones and addresses
 * included, so they must not stay for ever: the topic is created with this retention, and an
 * existing topic whose retention differs, or follows the broker's default, is given it when the job
 * starts (a broker default changed later then leaves the letters' retention as configured).
 *
 * <p>When the broker refuses the change (the job's principal may create topics but not alter their
 * configuration), the job starts anyway and logs, as a warning, the retention the topic keeps and
 * the one configured: an operator sets it then.
 */
final class DeadLetterRetention {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterRetention.class);
    private static final long TIMEOUT_SECONDS = 30;

    private DeadLetterRetention() {}

    /**
     * The configuration a topic of the job is created with: the retention for the dead-letters
     * topic, the broker's defaults for the others.
     */
    static Map<String, String> topicConfig(String topic, OrderTrackingConfig config) {
        return topic.equals(config.topics().deadLetters())
                ? Map.of(TopicConfig.RETENTION_MS_CONFIG, retentionMs(config))
                : Map.of();
    }

    /**
     * Sets the configured retention on the existing dead-letters topic when it differs or is the
     * broker's default. A broker that refuses to show or change it is logged, not fatal.
     */
    static void apply(Admin admin, OrderTrackingConfig config) throws Exception {
        ConfigResource topic =
                new ConfigResource(ConfigResource.Type.TOPIC, config.topics().deadLetters());
        String wanted = retentionMs(config);
        String kept = null;
        try {
            ConfigEntry retention =
                    admin.describeConfigs(List.of(topic))
                            .all()
                            .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                            .get(topic)
                            .get(TopicConfig.RETENTION_MS_CONFIG);
            kept = retention == null ? null : retention.value();
            if (isTopicsOwn(retention) && wanted.equals(kept)) {
                return;
            }
            AlterConfigOp set =
                    new AlterConfigOp(
                            new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, wanted),
                            AlterConfigOp.OpType.SET);
            admin.incrementalAlterConfigs(Map.of(topic, List.of(set)))
                    .all()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            LOG.info(
                    "Set retention.ms of {} to {} (topic.dead-letters.retention), was {}",
                    config.topics().deadLetters(),
                    wanted,
                    kept);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof AuthorizationException)) {
                throw e;
            }
            LOG.warn(
                    "{} keeps dead letters for retention.ms {}, not the {} of"
                            + " topic.dead-letters.retention: the broker refused to show or change"
                            + " it ({}). Set it on the topic.",
                    config.topics().deadLetters(),
                    kept == null ? "(unknown)" : kept,
                    wanted,
                    e.getCause().getMessage());
        }
    }

    private static boolean isTopicsOwn(ConfigEntry retention) {
        return retention != null
                && retention.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG;
    }

    private static String retentionMs(OrderTrackingConfig config) {
        return Long.toString(config.topics().deadLetterRetention().toMillis());
    }
}
