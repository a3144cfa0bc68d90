package io.ordertrack.api.metrics;

import io.ordertrack.api.health.HealthReport;
import io.ordertrack.api.health.JobStatus;
import java.util.List;

/**
 * The health of the live view as Prometheus gauges: the status (one series per possible value, 1
 * for the current one), and, once the job has written a heartbeat, its age, restarts and the
 * consumer lag of each input topic.
 */
final class HealthGauges {
    private static final List<String> STATUSES = List.of("UP", "DEGRADED", "DOWN");

    private HealthGauges() {}

    static String text(HealthReport report) {
        StringBuilder out = new StringBuilder();
        gauge(out, "ordertrack_health_status", "1 for the current /health status, else 0.");
        for (String status : STATUSES) {
            out.append("ordertrack_health_status{status=\"")
                    .append(status)
                    .append("\"} ")
                    .append(status.equals(report.status()) ? 1 : 0)
                    .append('\n');
        }
        HealthReport.Job job = report.job();
        if (job == null) {
            return out.toString();
        }
        gauge(
                out,
                "ordertrack_job_heartbeat_age_seconds",
                "Seconds since the job last completed a checkpoint.");
        out.append("ordertrack_job_heartbeat_age_seconds ")
                .append(job.heartbeatAgeSeconds())
                .append('\n');
        gauge(out, "ordertrack_job_restarts", "Job restarts since it was deployed.");
        out.append("ordertrack_job_restarts ").append(job.restarts()).append('\n');
        gauge(
                out,
                "ordertrack_job_consumer_lag_records",
                "Records of an input topic the job has not consumed and committed yet.");
        for (JobStatus.Input input : job.inputs()) {
            if (input.lag() != null) {
                out.append("ordertrack_job_consumer_lag_records{topic=\"")
                        .append(input.topic().replace("\\", "\\\\").replace("\"", "\\\""))
                        .append("\"} ")
                        .append(input.lag())
                        .append('\n');
            }
        }
        return out.toString();
    }

    private static void gauge(StringBuilder out, String name, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" gauge\n");
    }
}
