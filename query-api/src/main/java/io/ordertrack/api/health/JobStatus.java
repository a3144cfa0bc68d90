package io.ordertrack.api.health;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * The order tracking job's heartbeat as it last wrote it to the job-status index ({@link
 * io.ordertrack.documents.Index#JOB_STATUS}): one document per deployment (consumer group),
 * rewritten when a task attempt starts and on every completed checkpoint.
 *
 * @param writtenAt when the job last wrote it
 * @param restarts how often the job restarted since it was deployed
 * @param attemptStartedAt when the running attempt started
 * @param lastCheckpointId the last completed checkpoint, null before the first
 * @param lastCheckpointAt when it completed
 * @param inputs per input topic: event time reached and consumer lag, each null when unknown
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record JobStatus(
        Instant writtenAt,
        int restarts,
        Instant attemptStartedAt,
        Long lastCheckpointId,
        Instant lastCheckpointAt,
        List<Input> inputs) {

    /** One input topic of the job. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Input(String topic, Instant watermark, Long lag) {}

    public JobStatus {
        inputs = inputs == null ? List.of() : List.copyOf(inputs);
    }

    /**
     * When the job last showed progress: its last completed checkpoint, or, before its first, when
     * it started.
     */
    Instant progressAt() {
        return lastCheckpointAt != null ? lastCheckpointAt : attemptStartedAt;
    }
}
