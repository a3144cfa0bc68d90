package io.ordertrack.jobs.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CatchUpWatchTest {
    private static final long NOW = 1_800_000_000_000L;
    private static final long HOUR = Duration.ofHours(1).toMillis();
    private static final long DAY = Duration.ofDays(1).toMillis();
    private final CatchUpWatch watch = new CatchUpWatch(Duration.ofMinutes(1));

    @Test
    void aWatermarkDaysBehindAndRacingAheadIsCatchingUpOnceWatchedForASecond() {
        assertThat(watch.catchingUp(NOW, NOW - 3 * DAY)).as("not yet watched").isFalse();
        assertThat(watch.catchingUp(NOW + 500, NOW - 2 * DAY)).as("half a second").isFalse();
        assertThat(watch.catchingUp(NOW + 1_000, NOW - 2 * DAY + HOUR)).isTrue();
        assertThat(watch.catchingUp(NOW + 1_500, NOW - 2 * DAY + 2 * HOUR)).isTrue();
    }

    @Test
    void aWatermarkStandingStillASecondBetweenStepsIsStillCatchingUp() {
        // Watermarks come in steps: a timer can fire a second after the last step.
        watch.watch(NOW, NOW - 3 * DAY);
        watch.watch(NOW + 1_000, NOW - 3 * DAY + HOUR);
        assertThat(watch.catchingUp(NOW + 2_000, NOW - 3 * DAY + HOUR)).isTrue();
    }

    @Test
    void aWatermarkStallingForTwoSecondsInABacklogIsStillCatchingUp() {
        watch.watch(NOW, NOW - 3 * DAY);
        watch.watch(NOW + 1_000, NOW - 3 * DAY + HOUR);
        watch.watch(NOW + 2_000, NOW - 3 * DAY + 2 * HOUR);
        long stalled = NOW - 3 * DAY + 2 * HOUR;
        assertThat(watch.catchingUp(NOW + 3_000, stalled)).isTrue();
        assertThat(watch.catchingUp(NOW + 4_000, stalled)).isTrue();
        assertThat(watch.catchingUp(NOW + 5_000, stalled + HOUR)).isTrue();
    }

    @Test
    void aDrainedBacklogEndsTheCatchUpOnceTheWindowHasPassedItsLastStep() {
        watch.watch(NOW, NOW - 3 * DAY);
        watch.watch(NOW + 1_000, NOW - 3 * DAY + HOUR);
        long drained = NOW - 3 * DAY + 2 * HOUR;
        assertThat(watch.catchingUp(NOW + 2_000, drained)).isTrue();

        for (long second = 3; second <= 6; second++) {
            assertThat(watch.catchingUp(NOW + second * 1_000, drained))
                    .as("%d s: a step within the window", second)
                    .isTrue();
        }
        assertThat(watch.catchingUp(NOW + 7_000, drained))
                .as("the watermark stood still for the whole window: nothing more to read")
                .isFalse();
    }

    @Test
    void samplesOlderThanTheWindowCountNoMore() {
        watch.watch(NOW, NOW - 3 * DAY);
        watch.watch(NOW + 1_000, NOW - 2 * DAY);
        assertThat(watch.catchingUp(NOW + 30_000, NOW - 2 * DAY))
                .as("measured from the newest sample, not from half a minute back")
                .isFalse();
    }

    @Test
    void aWatermarkMovingWithTheWallClockIsNotCatchingUpHoweverFarBehind() {
        long behind = 3 * DAY;
        watch.watch(NOW, NOW - behind);
        assertThat(watch.catchingUp(NOW + 1_000, NOW + 1_000 - behind)).isFalse();
        assertThat(watch.catchingUp(NOW + 5_000, NOW + 5_000 - behind + 3_000))
                .as("less than twice as fast")
                .isFalse();
    }

    @Test
    void aWatermarkWithinTheLiveLagIsLiveHoweverFastItMoved() {
        watch.watch(NOW, NOW - DAY);
        assertThat(watch.catchingUp(NOW + 1_000, NOW - 30_000)).isFalse();
        assertThat(watch.catchingUp(NOW + 2_000, NOW - 2 * DAY))
                .as("behind again: watched afresh")
                .isFalse();
        assertThat(watch.catchingUp(NOW + 3_000, NOW - DAY)).isTrue();
    }

    @Test
    void noWatermarkYetIsNotCatchingUp() {
        assertThat(watch.catchingUp(NOW, Long.MIN_VALUE)).isFalse();
        assertThat(watch.catchingUp(NOW + 5_000, Long.MIN_VALUE)).isFalse();
    }
}
