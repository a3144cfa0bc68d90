package io.ordertrack.api.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrack.api.health.HealthReport;
import io.ordertrack.api.health.JobStatus;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthGaugesTest {
    @Test
    void theStatusHeartbeatAgeRestartsAndLagPerTopicAreGauges() throws IOException {
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

        assertThat(scrape(report))
                .contains("ordertrack_health_status{status=\"UP\"} 0.0\n")
                .contains("ordertrack_health_status{status=\"DEGRADED\"} 1.0\n")
                .contains("ordertrack_job_heartbeat_age_seconds 4.0\n")
                .contains("ordertrack_job_restarts 2.0\n")
                .contains("ordertrack_job_consumer_lag_records{topic=\"orders\"} 20000.0\n")
                .doesNotContain("topic=\"tracking\"");
    }

    @Test
    void withoutAHeartbeatOnlyTheStatusIsReported() throws IOException {
        String text = scrape(new HealthReport("DOWN", "UP", "no heartbeat", null));

        assertThat(text).contains("ordertrack_health_status{status=\"DOWN\"} 1.0\n");
        assertThat(text).doesNotContain("ordertrack_job_");
    }

    /** The gauges as {@code /metrics} shows them: the client writes every gauge as a double. */
    private static String scrape(HealthReport report) throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new HealthGauges(() -> report));
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(text, registry.scrape());
        return text.toString(StandardCharsets.UTF_8);
    }
}
