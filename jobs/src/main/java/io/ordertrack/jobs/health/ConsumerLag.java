package io.ordertrack.jobs.health;

import io.ordertrack.connections.KafkaSecurity;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How many records of each input topic a consumer group has not committed yet: the partitions' end
 * offsets less the group's committed ones (a partition the group never committed counts from its
 * earliest offset, where the job starts reading it). The Kafka source commits with each completed
 * checkpoint, so this is the backlog since the last checkpoint whose commit has landed.
 */
final class ConsumerLag implements AutoCloseable {
    private static final long TIMEOUT_SECONDS = 10;

    private final Admin admin;
    private final String group;
    private final Collection<String> topics;

    ConsumerLag(
            String bootstrapServers,
            KafkaSecurity security,
            String group,
            Collection<String> topics) {
        Properties properties = security.clientProperties();
        properties.putAll(
                Map.of(
                        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                        (int) Duration.ofSeconds(TIMEOUT_SECONDS).toMillis(),
                        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                        (int) Duration.ofSeconds(TIMEOUT_SECONDS).toMillis()));
        this.admin = Admin.create(properties);
        this.group = group;
        this.topics = topics;
    }

    /** Records not yet committed per topic, in the order the topics were given. */
    Map<String, Long> perTopic() throws Exception {
        Set<TopicPartition> partitions =
                admin
                        .describeTopics(topics)
                        .allTopicNames()
                        .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                        .values()
                        .stream()
                        .flatMap(
                                topic ->
                                        topic.partitions().stream()
                                                .map(
                                                        p ->
                                                                new TopicPartition(
                                                                        topic.name(),
                                                                        p.partition())))
                        .collect(Collectors.toSet());
        Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata()
                        .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return lag(
                topics,
                offsets(partitions, OffsetSpec.earliest()),
                offsets(partitions, OffsetSpec.latest()),
                committed);
    }

    static Map<String, Long> lag(
            Collection<String> topics,
            Map<TopicPartition, Long> earliest,
            Map<TopicPartition, Long> ends,
            Map<TopicPartition, OffsetAndMetadata> committed) {
        Map<String, Long> lag = new LinkedHashMap<>();
        topics.forEach(topic -> lag.put(topic, 0L));
        ends.forEach(
                (partition, end) -> {
                    OffsetAndMetadata done = committed.get(partition);
                    long from = done != null ? done.offset() : earliest.getOrDefault(partition, 0L);
                    lag.merge(partition.topic(), Math.max(0, end - from), Long::sum);
                });
        return lag;
    }

    private Map<TopicPartition, Long> offsets(Set<TopicPartition> partitions, OffsetSpec spec)
            throws Exception {
        Map<TopicPartition, ListOffsetsResultInfo> found =
                admin.listOffsets(
                                partitions.stream()
                                        .collect(Collectors.toMap(Function.identity(), p -> spec)))
                        .all()
                        .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        found.forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(TIMEOUT_SECONDS));
    }
}
