package io.ordertrack.jobs;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The topics the job reads and writes, checked before it is built: against a fresh broker the job
 * would otherwise start and wait for topics that never come (the Kafka source) or fail deep in a
 * transaction (the sinks). Missing topics are created when {@code topics.create} is on, with {@code
 * topics.partitions} partitions and the broker's default replication factor; else the job does not
 * start and says which are missing. The dead-letters topic's retention is set to {@code
 * topic.dead-letters.retention} ({@link DeadLetterRetention}).
 *
 * <p>Created topics are returned only once every partition's leader answers: records produced to a
 * partition whose creation the broker has not applied yet can be refused while later ones are
 * taken, and an idempotent producer then retries the refused ones until they expire (KAFKA-15591).
 */
public final class KafkaTopics {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaTopics.class);
    private static final long TIMEOUT_SECONDS = 30;

    private KafkaTopics() {}

    /** Every topic of the job: its four inputs, then its three outputs. */
    public static List<String> of(OrderTrackingConfig config) {
        return List.of(
                config.topics().orders(),
                config.topics().tracking(),
                config.topics().inventory(),
                config.topics().remittances(),
                config.topics().alerts(),
                config.topics().notifications(),
                config.topics().deadLetters());
    }

    /**
     * Creates the missing topics, or fails naming them.
     *
     * @throws IllegalStateException when topics are missing and {@code topics.create} is off
     */
    public static void ensureExist(OrderTrackingConfig config) throws Exception {
        Properties properties = config.kafka().security().clientProperties();
        properties.putAll(
                Map.of(
                        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                        config.kafka().bootstrapServers(),
                        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                        (int) Duration.ofSeconds(TIMEOUT_SECONDS).toMillis()));
        try (Admin admin = Admin.create(properties)) {
            Set<String> existing =
                    admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<String> missing = missing(of(config), existing);
            if (!missing.isEmpty()) {
                if (!config.kafka().createTopics()) {
                    throw new IllegalStateException(missingMessage(missing, config));
                }
                create(admin, missing, config);
            }
            if (!missing.contains(config.topics().deadLetters())) {
                DeadLetterRetention.apply(admin, config);
            }
        }
    }

    static List<String> missing(List<String> required, Set<String> existing) {
        return required.stream().filter(topic -> !existing.contains(topic)).toList();
    }

    static String missingMessage(List<String> missing, OrderTrackingConfig config) {
        return "Kafka topics missing on "
                + config.kafka().bootstrapServers()
                + ": "
                + String.join(", ", missing)
                + ". Create them, or start the job with --topics.create true"
                + " (and --topics.partitions N) to have it create them.";
    }

    private static void create(Admin admin, List<String> topics, OrderTrackingConfig config)
            throws Exception {
        int partitions = config.kafka().topicPartitions();
        List<NewTopic> newTopics =
                topics.stream()
                        .map(
                                topic ->
                                        new NewTopic(
                                                        topic,
                                                        Optional.of(partitions),
                                                        Optional.empty())
                                                .configs(
                                                        DeadLetterRetention.topicConfig(
                                                                topic, config)))
                        .toList();
        try {
            admin.createTopics(newTopics).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            // Another instance created one of them meanwhile: what matters is that they exist.
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        awaitLeaders(admin, topics);
        LOG.info("Created Kafka topics {} with {} partitions each", topics, partitions);
    }

    /** Waits until every partition of the topics has a leader that answers a ListOffsets. */
    public static void awaitLeaders(Admin admin, List<String> topics) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(TIMEOUT_SECONDS).toNanos();
        while (!leadersAnswer(admin, topics)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "created topics without answering leaders after "
                                + TIMEOUT_SECONDS
                                + " s: "
                                + topics);
            }
            Thread.sleep(50);
        }
    }

    private static boolean leadersAnswer(Admin admin, List<String> topics)
            throws InterruptedException {
        try {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (TopicDescription topic :
                    admin.describeTopics(topics)
                            .allTopicNames()
                            .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                            .values()) {
                for (TopicPartitionInfo partition : topic.partitions()) {
                    if (partition.leader() == null || partition.leader().isEmpty()) {
                        return false;
                    }
                    latest.put(
                            new TopicPartition(topic.name(), partition.partition()),
                            OffsetSpec.latest());
                }
            }
            admin.listOffsets(latest).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException | TimeoutException notYet) {
            return false;
        }
    }
}
