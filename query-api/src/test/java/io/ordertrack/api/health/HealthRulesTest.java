package io.ordertrack.api.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HealthRulesTest {
    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private static final Instant DEPLOYED = NOW.minus(Duration.ofHours(2));
    private static final HealthThresholds THRESHOLDS = HealthThresholds.DEFAULT;

    @Test
    void aJobThatCheckpointedSecondsAgoWithoutLagOrRestartsIsUp() {
        HealthReport report = judge(heartbeat(5, 0, DEPLOYED, lag("orders", 120)));

        assertThat(report.status()).isEqualTo("UP");
        assertThat(report.reason()).isNull();
        assertThat(report.job().heartbeatAgeSeconds()).isEqualTo(5);
        assertThat(report.job().lastCheckpointId()).isEqualTo(41);
    }

    @Test
    void noHeartbeatAtAllIsDown() {
        HealthReport report = HealthRules.judge(Optional.empty(), NOW, THRESHOLDS);

        assertThat(report.status()).isEqualTo("DOWN");
        assertThat(report.elasticsearch()).isEqualTo("UP");
        assertThat(report.reason()).contains("no heartbeat from the order tracking job");
    }

    @Test
    void noCheckpointForLongerThanTheStaleThresholdIsDegradedSayingForHowLong() {
        HealthReport report = judge(heartbeat(45, 0, DEPLOYED));

        assertThat(report.status()).isEqualTo("DEGRADED");
        assertThat(report.reason())
                .isEqualTo(
                        "no progress for 45 s (no checkpoint completed since"
                                + " 2026-12-03T09:59:15Z)");
    }

    @Test
    void aVeryOldHeartbeatIsDown() {
        HealthReport report = judge(heartbeat(301, 0, DEPLOYED));

        assertThat(report.status()).isEqualTo("DOWN");
        assertThat(report.reason()).isEqualTo("no heartbeat from the order tracking job for 301 s");
        assertThat(report.job().heartbeatAgeSeconds()).isEqualTo(301);
    }

    @Test
    void aTopicLaggingPastTheThresholdIsDegradedNamingTheTopicAndItsLag() {
        HealthReport report =
                judge(heartbeat(3, 0, DEPLOYED, lag("orders", 10_000), lag("tracking", 25_000)));

        assertThat(report.status()).isEqualTo("DEGRADED");
        assertThat(report.reason()).isEqualTo("lag of topic tracking is 25000 records");
    }

    @Test
    void aRecentRestartIsDegradedUntilTheRestartWindowHasPassed() {
        HealthReport recent = judge(heartbeat(2, 3, NOW.minus(Duration.ofSeconds(40))));
        HealthReport longAgo = judge(heartbeat(2, 3, NOW.minus(Duration.ofMinutes(11))));

        assertThat(recent.status()).isEqualTo("DEGRADED");
        assertThat(recent.reason())
                .isEqualTo("job restarted 3 times since it was deployed, the last 40 s ago");
        assertThat(recent.job().restarts()).isEqualTo(3);
        assertThat(longAgo.status()).isEqualTo("UP");
    }

    @Test
    void aJobRestartingInALoopNamesBothItsRestartsAndItsMissingProgress() {
        HealthReport report = judge(heartbeat(90, 1, NOW.minus(Duration.ofSeconds(5))));

        assertThat(report.status()).isEqualTo("DEGRADED");
        assertThat(report.reason())
                .startsWith("no progress for 90 s")
                .endsWith("; job restarted 1 time since it was deployed, the last 5 s ago");
    }

    @Test
    void beforeItsFirstCheckpointAJobCountsItsProgressFromItsStart() {
        JobStatus starting =
                new JobStatus(NOW, 0, NOW.minus(Duration.ofSeconds(8)), null, null, List.of());
        JobStatus stuckStarting =
                new JobStatus(NOW, 0, NOW.minus(Duration.ofSeconds(31)), null, null, List.of());

        assertThat(judge(starting).status()).isEqualTo("UP");
        assertThat(judge(stuckStarting).status()).isEqualTo("DEGRADED");
    }

    @Test
    void unknownLagIsNoReasonToDegrade() {
        HealthReport report =
                judge(heartbeat(3, 0, DEPLOYED, new JobStatus.Input("orders", null, null)));

        assertThat(report.status()).isEqualTo("UP");
    }

    private static HealthReport judge(JobStatus heartbeat) {
        return HealthRules.judge(Optional.of(heartbeat), NOW, THRESHOLDS);
    }

    private static JobStatus heartbeat(
            int secondsSinceCheckpoint,
            int restarts,
            Instant attemptStartedAt,
            JobStatus.Input... inputs) {
        Instant checkpointAt = NOW.minusSeconds(secondsSinceCheckpoint);
        return new JobStatus(
                checkpointAt, restarts, attemptStartedAt, 41L, checkpointAt, List.of(inputs));
    }

    private static JobStatus.Input lag(String topic, long records) {
        return new JobStatus.Input(topic, NOW.minus(Duration.ofMinutes(10)), records);
    }
}
