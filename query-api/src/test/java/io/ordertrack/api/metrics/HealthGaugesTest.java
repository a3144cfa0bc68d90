package io.ordertrack.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrack.api.health.HealthReport;
import io.ordertrack.api.health.JobStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthGaugesTest {
    @Test
    void theStatusHeartbeatAgeRestartsAndLagPerTopicAreGauges() {
        HealthReport report =
                new HealthReport(
                        "DEGRADED",
                        "UP",
                        "lag of topic orders is 20000 records",
                        new HealthReport.Job(
                                4,
                                12L,
                                null,
                                2,
                                List.of(
                                        new JobStatus.Input("orders", null, 20_000L),
                                        new JobStatus.Input("tracking", null, null))));

        assertThat(HealthGauges.text(report))
                .contains("ordertrack_health_status{status=\"UP\"} 0\n")
                .contains("ordertrack_health_status{status=\"DEGRADED\"} 1\n")
                .contains("ordertrack_job_heartbeat_age_seconds 4\n")
                .contains("ordertrack_job_restarts 2\n")
                .contains("ordertrack_job_consumer_lag_records{topic=\"orders\"} 20000\n")
                .doesNotContain("topic=\"tracking\"");
    }

    @Test
    void withoutAHeartbeatOnlyTheStatusIsReported() {
        String text = HealthGauges.text(new HealthReport("DOWN", "UP", "no heartbeat", null));

        assertThat(text).contains("ordertrack_health_status{status=\"DOWN\"} 1\n");
        assertThat(text).doesNotContain("ordertrack_job_");
    }
}
