package io.ordertrack.domain.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrack.avro.AlertType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A courier feed's clock by arrival time, and how long the SLA alerts wait for it. */
class FeedClockTest {
    private static final Instant NOON = Instant.parse("2026-11-20T06:30:00Z");

    @Test
    void theClockByAnArrivalTimeIsTheLatestScanTimeArrivedByThen() {
        long[] steps = FeedClock.empty();
        steps = FeedClock.add(steps, 100, 90);
        steps = FeedClock.add(steps, 200, 150);
        steps = FeedClock.add(steps, 300, 120); // a late scan moves nothing

        assertThat(FeedClock.clockAt(steps, 99)).isEqualTo(Long.MIN_VALUE);
        assertThat(FeedClock.clockAt(steps, 100)).isEqualTo(90);
        assertThat(FeedClock.clockAt(steps, 250)).isEqualTo(150);
        assertThat(FeedClock.clockAt(steps, 300)).isEqualTo(150);
    }

    @Test
    void readingsGiveTheSameClockWhateverOrderTheyComeIn() {
        Random random = new Random(7);
        List<long[]> readings = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            long arrivedAt = random.nextInt(10_000);
            readings.add(new long[] {arrivedAt, arrivedAt - random.nextInt(3_000)});
        }
        long[] inOrder = addAll(readings);
        for (int shuffle = 0; shuffle < 20; shuffle++) {
            Collections.shuffle(readings, random);
            assertThat(addAll(readings)).containsExactly(inOrder);
        }
        for (long at = 0; at < 10_000; at += 37) {
            long expected = Long.MIN_VALUE;
            for (long[] reading : readings) {
                if (reading[0] <= at) {
                    expected = Math.max(expected, reading[1]);
                }
            }
            assertThat(FeedClock.clockAt(inOrder, at)).as("clock at %d", at).isEqualTo(expected);
        }
    }

    @Test
    void forgettingOldStepsKeepsTheClockAtTheCutOff() {
        long[] steps = FeedClock.empty();
        for (long at = 1; at <= 10; at++) {
            steps = FeedClock.add(steps, at * 100, at * 100 - 5);
        }

        long[] kept = FeedClock.forgetBefore(steps, 550);

        assertThat(kept).hasSize(12);
        assertThat(FeedClock.clockAt(kept, 560)).isEqualTo(495);
        assertThat(FeedClock.clockAt(kept, 1_000)).isEqualTo(995);
    }

    @Test
    void anSlaIsDecidedUpToTheCourierFeedButNeverWaitsLongerThanTheMaximum() {
        FeedWaits waits = FeedWaits.DEFAULT;
        Instant batchedUpTo = NOON.minus(Duration.ofHours(5));

        assertThat(waits.decidedUntil(AlertType.STUCK_IN_TRANSIT, NOON, NOON.plusSeconds(60)))
                .as("a live feed")
                .isEqualTo(NOON);
        assertThat(waits.decidedUntil(AlertType.STUCK_IN_TRANSIT, NOON, batchedUpTo))
                .as("a feed 5 h behind")
                .isEqualTo(batchedUpTo);
        assertThat(waits.decidedUntil(AlertType.STUCK_IN_TRANSIT, NOON, Instant.MIN))
                .as("a courier that never sent anything")
                .isEqualTo(NOON.minus(Duration.ofHours(12)));
    }

    @Test
    void aGraceWaitsForScansLateOnTheirOwnEvenFromALiveFeed() {
        FeedWaits waits =
                FeedWaits.DEFAULT.withGrace(AlertType.STUCK_IN_TRANSIT, Duration.ofHours(6));

        assertThat(waits.decidedUntil(AlertType.STUCK_IN_TRANSIT, NOON, NOON))
                .isEqualTo(NOON.minus(Duration.ofHours(6)));
        assertThat(waits.decidedUntil(AlertType.NOT_PICKED, NOON, NOON)).isEqualTo(NOON);
        assertThat(waits.graces())
                .isEqualTo(Map.of(AlertType.STUCK_IN_TRANSIT, Duration.ofHours(6)));
    }

    private static long[] addAll(List<long[]> readings) {
        long[] steps = FeedClock.empty();
        for (long[] reading : readings) {
            steps = FeedClock.add(steps, reading[0], reading[1]);
        }
        return steps;
    }
}
