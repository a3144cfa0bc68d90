package io.ordertrack.domain.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrack.avro.AlertType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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
            long[] shuffled = addAll(readings);
            for (long at = -1; at < 10_001; at++) {
                assertThat(FeedClock.clockAt(shuffled, at))
                        .isEqualTo(FeedClock.clockAt(inOrder, at));
            }
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

        assertThat(FeedClock.clockAt(kept, 499)).as("forgotten").isEqualTo(Long.MIN_VALUE);
        assertThat(FeedClock.clockAt(kept, 500)).isEqualTo(495);
        assertThat(FeedClock.clockAt(kept, 560)).isEqualTo(495);
        assertThat(FeedClock.clockAt(kept, 1_000)).isEqualTo(995);
    }

    @Test
    void aReadingAtTheEndIsWrittenInPlaceOnceThereIsRoom() {
        long[] steps = FeedClock.add(FeedClock.empty(), 100, 90);

        assertThat(FeedClock.add(steps, 200, 150)).isSameAs(steps);
        assertThat(FeedClock.forgetBefore(steps, 250)).isSameAs(steps);
        assertThat(FeedClock.add(steps, 300, 280)).isSameAs(steps);
        assertThat(FeedClock.clockAt(steps, 199)).isEqualTo(Long.MIN_VALUE);
        assertThat(FeedClock.clockAt(steps, 299)).isEqualTo(150);
        assertThat(FeedClock.clockAt(steps, 300)).isEqualTo(280);
    }

    /**
     * A day of readings a minute apart, some late, with the oldest forgotten as they come: every
     * clock is that of the plain list of steps, copied on every change, kept as in earlier builds
     * (which is also how their arrays, restored from a savepoint, read).
     */
    @Test
    void clocksKeptInPlaceEqualThoseOfPlainCopiedSteps() {
        Random random = new Random(11);
        long[] steps = FeedClock.empty();
        long[] plain = {};
        for (int minute = 0; minute < 3_000; minute++) {
            long arrivedAt = minute * 60_000L - random.nextInt(5) * 60_000L;
            long clock = arrivedAt - random.nextInt(120) * 60_000L;
            steps = FeedClock.add(steps, arrivedAt, clock);
            plain = PlainSteps.add(plain, arrivedAt, clock);
            if (random.nextInt(3) == 0) {
                long cutOff = arrivedAt - random.nextInt(1_440) * 60_000L;
                steps = FeedClock.forgetBefore(steps, cutOff);
                plain = PlainSteps.forgetBefore(plain, cutOff);
            }
            if (minute == 1_500) {
                steps = plain.clone(); // as an earlier build left it in a savepoint
            }
            if (minute % 100 == 0) {
                for (long at = arrivedAt - 3_000 * 60_000L; at <= arrivedAt; at += 30_000) {
                    assertThat(FeedClock.clockAt(steps, at))
                            .as("clock at %d after minute %d", at, minute)
                            .isEqualTo(PlainSteps.clockAt(plain, at));
                }
            }
        }
    }

    /** The steps as earlier builds kept them: an exact array, copied on every change. */
    private static final class PlainSteps {
        static long[] add(long[] steps, long arrivedAt, long clock) {
            int at = 0;
            while (at < steps.length && steps[at] <= arrivedAt) {
                at += 2;
            }
            if (at > 0 && steps[at - 1] >= clock) {
                return steps;
            }
            int keepFrom = at;
            while (keepFrom < steps.length && steps[keepFrom + 1] <= clock) {
                keepFrom += 2;
            }
            if (at > 0 && steps[at - 2] == arrivedAt) {
                at -= 2;
            }
            long[] added = new long[at + 2 + steps.length - keepFrom];
            System.arraycopy(steps, 0, added, 0, at);
            added[at] = arrivedAt;
            added[at + 1] = clock;
            System.arraycopy(steps, keepFrom, added, at + 2, steps.length - keepFrom);
            return added;
        }

        static long clockAt(long[] steps, long arrivedBy) {
            long clock = Long.MIN_VALUE;
            for (int i = 0; i < steps.length && steps[i] <= arrivedBy; i += 2) {
                clock = steps[i + 1];
            }
            return clock;
        }

        static long[] forgetBefore(long[] steps, long arrivedAt) {
            int from = 0;
            while (from + 2 < steps.length && steps[from + 2] <= arrivedAt) {
                from += 2;
            }
            return Arrays.copyOfRange(steps, from, steps.length);
        }
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
