package io.ordertrack.api.monitoring;

import io.ordertrack.api.health.HealthReport;
import io.ordertrack.api.health.JobStatus;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;
import java.util.function.Supplier;

/**
 * The health of the live view as Prometheus gauges, checked at each scrape: the status (one series
 * per possible value, 1 for the current one), and, once the job has written a heartbeat, its age,
 * restarts and the consumer lag of each input topic.
 */
public final class HealthGauges implements MultiCollector {
    private static final List<String> STATUSES = List.of("UP", "DEGRADED", "DOWN");

    private final Supplier<HealthReport> health;

    /** {@code health} is asked at each scrape (e.g. {@code HealthCheck::check}). */
    public HealthGauges(Supplier<HealthReport> health) {
        this.health = health;
    }

    @Override
    public MetricSnapshots collect() {
        HealthReport report = health.get();
        MetricSnapshots.Builder gauges = MetricSnapshots.builder().metricSnapshot(status(report));
        HealthReport.Job job = report.job();
        if (job != null) {
            gauges.metricSnapshot(
                            gauge(
                                    "ordertrack_job_heartbeat_age_seconds",
                                    "Seconds since the job last completed a checkpoint.",
                                    job.heartbeatAgeSeconds()))
                    .metricSnapshot(
                            gauge(
                                    "ordertrack_job_restarts",
                                    "Job restarts since it was deployed.",
                                    job.restarts()))
                    .metricSnapshot(consumerLag(job));
        }
        return gauges.build();
    }

    private static GaugeSnapshot status(HealthReport report) {
        GaugeSnapshot.Builder gauge =
                GaugeSnapshot.builder()
                        .name("ordertrack_health_status")
                        .help("1 for the current /health status, else 0.");
        for (String status : STATUSES) {
            gauge.dataPoint(
                    GaugeDataPointSnapshot.builder()
                            .labels(Labels.of("status", status))
                            .value(status.equals(report.status()) ? 1 : 0)
                            .build());
        }
        return gauge.build();
    }

    private static GaugeSnapshot consumerLag(HealthReport.Job job) {
        GaugeSnapshot.Builder gauge =
                GaugeSnapshot.builder()
                        .name("ordertrack_job_consumer_lag_records")
                        .help(
                                "Records of an input topic the job has not consumed and committed"
                                        + " yet.");
        for (JobStatus.Input input : job.inputs()) {
            if (input.lag() != null) {
                gauge.dataPoint(
                        GaugeDataPointSnapshot.builder()
                                .labels(Labels.of("topic", input.topic()))
                                .value(input.lag())
                                .build());
            }
        }
        return gauge.build();
    }

    private static GaugeSnapshot gauge(String name, String help, double value) {
        return GaugeSnapshot.builder()
                .name(name)
                .help(help)
                .dataPoint(GaugeDataPointSnapshot.builder().value(value).build())
                .build();
    }
}
