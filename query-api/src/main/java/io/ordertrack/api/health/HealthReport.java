package io.ordertrack.api.health;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * The answer of {@code /health}: whether the live view is current. {@code status} is UP, DEGRADED
 * (readable but behind: lagging, stalled or restarting) or DOWN (Elasticsearch unreachable, or no
 * sign of the job); {@code reason} says why when not UP and names no host, port or internals;
 * {@code job} is what the job's last heartbeat said.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HealthReport(String status, String elasticsearch, String reason, Job job) {
    static final String UP = "UP";
    static final String DEGRADED = "DEGRADED";
    static final String DOWN = "DOWN";

    /**
     * The job as its heartbeat describes it.
     *
     * @param heartbeatAgeSeconds seconds since it last made progress (completed a checkpoint)
     * @param lastCheckpointId its last completed checkpoint, if any
     * @param restarts how often it restarted since it was deployed
     * @param inputs per input topic, event time reached and records not yet consumed
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Job(
            long heartbeatAgeSeconds,
            Long lastCheckpointId,
            Instant lastCheckpointAt,
            int restarts,
            List<JobStatus.Input> inputs) {}

    static HealthReport elasticsearchDown(String reason) {
        return new HealthReport(DOWN, DOWN, reason, null);
    }

    @JsonIgnore
    public boolean isUp() {
        return UP.equals(status);
    }

    @JsonIgnore
    public boolean isDown() {
        return DOWN.equals(status);
    }
}
