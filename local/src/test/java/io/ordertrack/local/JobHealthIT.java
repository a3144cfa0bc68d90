package io.ordertrack.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ordertrack.api.health.HealthThresholds;
import io.ordertrack.api.security.ApiKeys;
import io.ordertrack.avro.PaymentMode;
import io.ordertrack.local.SampleOrders.Destination;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /health} and {@code /metrics} tell the truth about the job: the real Kafka and
 * Elasticsearch, the job on a MiniCluster writing its heartbeat, the API reading it. The job is
 * stopped, a burst of orders arrives while it is down, and it is started again from its checkpoint.
 */
class JobHealthIT {
    @RegisterExtension static final MiniClusterExtension FLINK = TestFlink.cluster();

    private static final String ACME = "acme-fashion";
    private static final String ACME_KEY = ApiKeys.newKey();
    private static final String SCRAPER_KEY = ApiKeys.newKey();
    private static final int BURST = 200;
    private static final HealthThresholds THRESHOLDS =
            new HealthThresholds(
                    Duration.ofSeconds(10), Duration.ofMinutes(2), 50, Duration.ofMinutes(1));
    private static final Destination MUMBAI =
            new Destination(
                    "Asha Rao", "9820012345", "12 Hill Road", "Mumbai", "Maharashtra", "400050");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static RunningSystem system;
    private static EventPublisher publisher;

    @BeforeAll
    static void startTheSystem() throws Exception {
        // Checkpoints every 3 s: the heartbeat a restarted job writes at start, with the backlog
        // it found, stays visible until its first checkpoint.
        system =
                RunningSystem.start(
                        "health-" + Long.toString(System.currentTimeMillis(), 36),
                        Map.of(ACME, ACME_KEY, ApiKeys.METRICS_MARKER, SCRAPER_KEY),
                        List.of(
                                "--checkpoint.interval",
                                "3s",
                                "--checkpoint.interval-while-catching-up",
                                "3s"),
                        THRESHOLDS);
        publisher =
                new EventPublisher(
                        RunningSystem.kafkaBootstrapServers(), system.orders, system.tracking);
    }

    @AfterAll
    static void stopTheSystem() throws Exception {
        publisher.close();
        system.close();
        system.discard();
    }

    @Test
    void healthFollowsTheJobThroughAStopABacklogAndARestart() throws Exception {
        publishOrders(0, 5);
        JsonNode up =
                awaitHealth(
                        Duration.ofSeconds(60),
                        h ->
                                h.path("status").asText().equals("UP")
                                        && h.path("job").has("lastCheckpointId"));
        assertThat(up.path("job").path("inputs").findValuesAsText("topic"))
                .containsExactly(
                        system.orders, system.tracking, system.inventory, system.remittances);
        system.awaitInputConsumed();

        system.cancelJob();
        Instant stopped = Instant.now();
        JsonNode stale =
                awaitHealth(Duration.ofSeconds(60), h -> !h.path("status").asText().equals("UP"));
        assertThat(Duration.between(stopped, Instant.now())).isLessThan(Duration.ofSeconds(60));
        assertThat(stale.path("status").asText()).isIn("DEGRADED", "DOWN");
        assertThat(stale.path("reason").asText()).startsWith("no progress for ");
        assertThat(system.getPublic("/health").statusCode()).isEqualTo(200);

        publishOrders(100, BURST);
        system.resumeFromLatestCheckpoint();
        String lagReason = "lag of topic " + system.orders + " is " + BURST + " records";
        String lagGauge =
                "ordertrack_job_consumer_lag_records{topic=\"" + system.orders + "\"} " + BURST;
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () ->
                                health().path("reason").asText().contains(lagReason)
                                        && metrics().contains(lagGauge));
        assertThat(metrics()).contains("ordertrack_health_status{status=\"UP\"} 0");

        JsonNode back =
                awaitHealth(Duration.ofSeconds(60), h -> h.path("status").asText().equals("UP"));
        assertThat(back.path("job").path("inputs").findValuesAsText("lag")).containsOnly("0");
        assertThat(metrics())
                .contains("ordertrack_health_status{status=\"UP\"} 1")
                .contains("ordertrack_job_consumer_lag_records{topic=\"" + system.orders + "\"} 0")
                .contains("ordertrack_job_restarts 0");
    }

    private static void publishOrders(int first, int count) throws Exception {
        Instant placedAt = Instant.now().minus(Duration.ofHours(1));
        for (int i = first; i < first + count; i++) {
            publisher.publish(
                    SampleOrders.order(ACME, "shopify", "H" + i)
                            .placed(
                                    placedAt,
                                    MUMBAI,
                                    "KURTA-M-BLUE",
                                    1,
                                    79_900,
                                    PaymentMode.PREPAID,
                                    "WH-BLR-1"));
        }
        publisher.flush();
    }

    private static JsonNode awaitHealth(
            Duration atMost, java.util.function.Predicate<JsonNode> condition) {
        JsonNode[] seen = new JsonNode[1];
        await().atMost(atMost)
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> {
                            seen[0] = health();
                            return condition.test(seen[0]);
                        });
        return seen[0];
    }

    private static JsonNode health() throws Exception {
        return JSON.readTree(system.getPublic("/health").body());
    }

    private static String metrics() throws Exception {
        HttpResponse<String> answer = system.get("/metrics", SCRAPER_KEY);
        assertThat(answer.statusCode()).isEqualTo(200);
        return answer.body();
    }
}
