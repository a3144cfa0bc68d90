package io.ordertrack.jobs.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class HeartbeatTest {
    private static final Instant STARTED = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant NOW = Instant.parse("2026-12-01T10:05:00Z");

    @Test
    void aTopicsWatermarkIsTheLeastOfItsActiveSubtasks() {
        InputWatermarks watermarks = new InputWatermarks();
        watermarks.record(new InputWatermark("orders", 0, 5_000, false));
        watermarks.record(new InputWatermark("orders", 1, 3_000, false));
        watermarks.record(new InputWatermark("orders", 1, 4_000, false));

        assertThat(watermarks.of("orders")).isEqualTo(OptionalLong.of(4_000));
        assertThat(watermarks.of("tracking")).isEmpty();
    }

    @Test
    void anIdleSubtaskHoldsNoWatermarkBackAndAllIdleKeepsTheFurthestReached() {
        InputWatermarks watermarks = new InputWatermarks();
        watermarks.record(new InputWatermark("orders", 0, 5_000, false));
        watermarks.record(new InputWatermark("orders", 1, 1_000, true));
        assertThat(watermarks.of("orders")).isEqualTo(OptionalLong.of(5_000));

        watermarks.record(new InputWatermark("orders", 0, 5_000, true));
        assertThat(watermarks.of("orders")).isEqualTo(OptionalLong.of(5_000));

        watermarks.record(new InputWatermark("tracking", 0, Long.MIN_VALUE, true));
        assertThat(watermarks.of("tracking")).isEmpty();
    }

    @Test
    void lagIsEndLessCommittedPerTopicAndUncommittedPartitionsCountFromTheirEarliestOffset() {
        TopicPartition orders0 = new TopicPartition("orders", 0);
        TopicPartition orders1 = new TopicPartition("orders", 1);
        TopicPartition tracking0 = new TopicPartition("tracking", 0);

        Map<String, Long> lag =
                ConsumerLag.lag(
                        List.of("orders", "tracking", "inventory"),
                        Map.of(orders0, 0L, orders1, 0L, tracking0, 40L),
                        Map.of(orders0, 100L, orders1, 50L, tracking0, 70L),
                        Map.of(
                                orders0,
                                new OffsetAndMetadata(90),
                                orders1,
                                new OffsetAndMetadata(50)));

        assertThat(lag)
                .containsExactly(
                        Map.entry("orders", 10L),
                        Map.entry("tracking", 30L),
                        Map.entry("inventory", 0L));
    }

    @Test
    void aCheckpointHeartbeatCarriesTheCheckpointWatermarksAndLag() {
        Heartbeat heartbeat =
                new Heartbeat(
                        "group-1",
                        "job",
                        NOW,
                        2,
                        STARTED,
                        42L,
                        Map.of("orders", Instant.parse("2026-12-01T09:50:00Z").toEpochMilli()));

        Map<String, Object> document =
                heartbeat.document(
                        List.of("orders", "tracking"), Map.of("orders", 7L, "tracking", 0L));

        assertThat(document)
                .containsEntry("consumerGroup", "group-1")
                .containsEntry("restarts", 2)
                .containsEntry("attemptStartedAt", "2026-12-01T10:00:00Z")
                .containsEntry("lastCheckpointId", 42L)
                .containsEntry("lastCheckpointAt", "2026-12-01T10:05:00Z")
                .containsEntry(
                        "inputs",
                        List.of(
                                Map.of(
                                        "topic", "orders",
                                        "watermark", "2026-12-01T09:50:00Z",
                                        "lag", 7L),
                                Map.of("topic", "tracking", "lag", 0L)));
    }

    @Test
    void theHeartbeatAtStartLeavesTheLastCheckpointAsItWasAndUnknownLagOut() {
        Heartbeat heartbeat = new Heartbeat("group-1", "job", NOW, 3, NOW, null, Map.of());

        Map<String, Object> document = heartbeat.document(List.of("orders"), Map.of());

        assertThat(document).doesNotContainKeys("lastCheckpointId", "lastCheckpointAt");
        assertThat(document).containsEntry("inputs", List.of(Map.of("topic", "orders")));
    }
}
