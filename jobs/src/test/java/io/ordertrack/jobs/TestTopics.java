package io.ordertrack.jobs;

import io.ordertrack.testkit.KafkaServer;
import io.ordertrack.testkit.RunTopics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The Kafka topics of one test run on the shared broker ({@link RunTopics}), and an admin client to
 * ask the broker what it made of them.
 */
public final class TestTopics {
    private TestTopics() {}

    /** The job's Kafka arguments for the run's topics, then {@code more}. */
    private static String[] arguments(String run, String... more) {
        List<String> arguments =
                new ArrayList<>(RunTopics.arguments(run, KafkaServer.shared().bootstrapServers()));
        arguments.addAll(List.of(more));
        return arguments.toArray(String[]::new);
    }

    /** The job's configuration for the run's topics and {@code more} arguments. */
    public static OrderTrackingConfig config(String run, String... more) {
        return OrderTrackingConfig.from(arguments(run, more), Map.of());
    }

    /** An admin client of the shared broker; the caller closes it. */
    public static Admin admin() {
        return Admin.create(
                Map.<String, Object>of(
                        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                        KafkaServer.shared().bootstrapServers()));
    }
}
