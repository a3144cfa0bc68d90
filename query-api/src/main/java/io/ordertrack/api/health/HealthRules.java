package io.ordertrack.api.health;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether the live view is current, from the job's last heartbeat: UP when the job made progress
 * recently, no input lags and it has not restarted lately; DEGRADED naming each of those that
 * fails; DOWN when there is no heartbeat or the last progress is very old.
 */
public final class HealthRules {
    private HealthRules() {}

    /** The report for Elasticsearch up and the job's heartbeat, if any, as of {@code now}. */
    public static HealthReport judge(
            Optional<JobStatus> heartbeat, Instant now, HealthThresholds thresholds) {
        if (heartbeat.isEmpty()) {
            return new HealthReport(
                    HealthReport.DOWN,
                    HealthReport.UP,
                    "no heartbeat from the order tracking job: it has not run",
                    null);
        }
        JobStatus status = heartbeat.get();
        Duration sinceProgress = Duration.between(status.progressAt(), now);
        HealthReport.Job job =
                new HealthReport.Job(
                        Math.max(0, sinceProgress.toSeconds()),
                        status.lastCheckpointId(),
                        status.lastCheckpointAt(),
                        status.restarts(),
                        status.inputs());
        if (sinceProgress.compareTo(thresholds.downAfter()) >= 0) {
            return new HealthReport(
                    HealthReport.DOWN,
                    HealthReport.UP,
                    "no heartbeat from the order tracking job for "
                            + sinceProgress.toSeconds()
                            + " s",
                    job);
        }
        List<String> problems = problems(status, sinceProgress, now, thresholds);
        return problems.isEmpty()
                ? new HealthReport(HealthReport.UP, HealthReport.UP, null, job)
                : new HealthReport(
                        HealthReport.DEGRADED, HealthReport.UP, String.join("; ", problems), job);
    }

    private static List<String> problems(
            JobStatus status, Duration sinceProgress, Instant now, HealthThresholds thresholds) {
        List<String> problems = new ArrayList<>();
        if (sinceProgress.compareTo(thresholds.staleAfter()) >= 0) {
            problems.add(
                    "no progress for "
                            + sinceProgress.toSeconds()
                            + " s (no checkpoint completed since "
                            + status.progressAt()
                            + ")");
        }
        for (JobStatus.Input input : status.inputs()) {
            if (input.lag() != null && input.lag() > thresholds.maxLag()) {
                problems.add("lag of topic " + input.topic() + " is " + input.lag() + " records");
            }
        }
        Duration sinceRestart = Duration.between(status.attemptStartedAt(), now);
        if (status.restarts() > 0 && sinceRestart.compareTo(thresholds.restartWindow()) < 0) {
            problems.add(
                    "job restarted "
                            + status.restarts()
                            + (status.restarts() == 1 ? " time" : " times")
                            + " since it was deployed, the last "
                            + Math.max(0, sinceRestart.toSeconds())
                            + " s ago");
        }
        return problems;
    }
}
