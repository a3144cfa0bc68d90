package io.ordertrack.benchmarks.pipeline;

import io.ordertrack.simulator.FeedProducer;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/** The input topics of a benchmark phase: named after it, created before anything is sent. */
final class KafkaTopics {
    static final int PARTITIONS = 2;

    private KafkaTopics() {}

    static FeedProducer.Topics named(String name) {
        return new FeedProducer.Topics(
                name + "-orders", name + "-tracking", name + "-inventory", name + "-remittances");
    }

    static void create(BenchmarkRun run, FeedProducer.Topics topics) throws Exception {
        Properties properties = run.kafkaSecurity().clientProperties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, run.kafka());
        try (Admin admin = Admin.create(properties)) {
            admin.createTopics(
                            Stream.of(
                                            topics.orders(),
                                            topics.tracking(),
                                            topics.inventory(),
                                            topics.remittances())
                                    .map(topic -> new NewTopic(topic, PARTITIONS, (short) 1))
                                    .toList())
                    .all()
                    .get(1, TimeUnit.MINUTES);
        }
    }
}
