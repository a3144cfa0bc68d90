package io.ordertrack.testkit;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker (KRaft, broker and controller in one node) inside the test JVM, started once
 * and shared by every test of the JVM. Tests keep apart by using topics of their own.
 */
public final class KafkaServer {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaServer.class);

    private static KafkaServer shared;

    private final KafkaClusterTestKit cluster;

    private KafkaServer(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    /** The broker of this JVM, started on first use and stopped when the JVM exits. */
    public static synchronized KafkaServer shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "kafka-server-stop"));
        }
        return shared;
    }

    private static KafkaServer start() {
        keepTheJvmAlive();
        try {
            KafkaClusterTestKit cluster =
                    new KafkaClusterTestKit.Builder(
                                    new TestKitNodes.Builder()
                                            .setCombined(true)
                                            .setNumBrokerNodes(1)
                                            .setNumControllerNodes(1)
                                            .setBootstrapMetadataVersion(
                                                    MetadataVersion.latestProduction())
                                            .build())
                            .setConfigProp("group.initial.rebalance.delay.ms", "0")
                            .setConfigProp("offsets.topic.replication.factor", "1")
                            .setConfigProp("offsets.topic.num.partitions", "4")
                            .setConfigProp("transaction.state.log.replication.factor", "1")
                            .setConfigProp("transaction.state.log.min.isr", "1")
                            .setConfigProp("auto.create.topics.enable", "false")
                            .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new KafkaServer(cluster);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka broker did not start", e);
        }
    }

    /** Where clients connect. */
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /**
     * Creates topics with the given number of partitions, waiting until they are listed and every
     * partition's leader answers.
     */
    public void createTopics(int partitions, String... topics) {
        try (Admin admin = Admin.create(adminProperties())) {
            List<NewTopic> newTopics =
                    java.util.Arrays.stream(topics)
                            .map(topic -> new NewTopic(topic, partitions, (short) 1))
                            .toList();
            admin.createTopics(newTopics).all().get();
            awaitListed(admin, List.of(topics));
            awaitLeaders(admin, List.of(topics));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not create topics", e.getCause());
        }
    }

    /**
     * Waits until the topics are listed: a topic just created can be missing from the broker's
     * metadata for a moment, and a test listing topics at once would find it missing.
     */
    private static void awaitListed(Admin admin, List<String> topics)
            throws InterruptedException, ExecutionException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!admin.listTopics().names().get().containsAll(topics)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("created topics not listed after 30 s: " + topics);
            }
            Thread.sleep(50);
        }
    }

    /**
     * Waits until every partition of the topics has a leader that answers for it: a created topic's
     * partitions can be without a ready leader for a moment, and records sent then may wait in the
     * producer until its delivery timeout.
     */
    private static void awaitLeaders(Admin admin, List<String> topics)
            throws InterruptedException, ExecutionException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            boolean led = true;
            for (TopicDescription topic :
                    admin.describeTopics(topics).allTopicNames().get().values()) {
                for (TopicPartitionInfo partition : topic.partitions()) {
                    led &= partition.leader() != null && !partition.leader().isEmpty();
                    latest.put(
                            new TopicPartition(topic.name(), partition.partition()),
                            OffsetSpec.latest());
                }
            }
            if (led && answers(admin, latest)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "created topics without leaders after 30 s: " + topics);
            }
            Thread.sleep(50);
        }
    }

    private static boolean answers(Admin admin, Map<TopicPartition, OffsetSpec> partitions)
            throws InterruptedException {
        try {
            admin.listOffsets(partitions).all().get();
            return true;
        } catch (ExecutionException notYet) {
            return false;
        }
    }

    private Properties adminProperties() {
        Properties properties = new Properties();
        properties.putAll(
                Map.of(
                        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers(),
                        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                        (int) Duration.ofSeconds(30).toMillis()));
        return properties;
    }

    /**
     * The broker must never end the test JVM itself. At exit it shuts down while Kafka's own exit
     * hooks delete its temporary log folders; it then reports the log folders failed and would halt
     * the JVM with a non-zero code, which fails the build after every test passed.
     */
    private static void keepTheJvmAlive() {
        Exit.Procedure report =
                (code, message) ->
                        LOG.warn("Kafka asked to end the JVM ({}): {}; ignored", code, message);
        Exit.setExitProcedure(report);
        Exit.setHaltProcedure(report);
    }

    private void stop() {
        try {
            cluster.close();
        } catch (Exception e) {
            // The JVM is exiting; the broker's files are in a temporary folder.
        }
    }
}
