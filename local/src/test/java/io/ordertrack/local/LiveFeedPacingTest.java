package io.ordertrack.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ordertrack.simulator.SimulatedRecord;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live feed never sends from the future, and resumes where it stood. */
class LiveFeedPacingTest {
    @TempDir Path directory;

    @Test
    void recordsAlreadyDueGoAtOnceAndARecordFromTheFutureWaitsForTheWallClock() {
        long now = System.currentTimeMillis();
        WallClockPace paced =
                new WallClockPace(
                        records(now - 86_400_000L, now - 1_000, now + 1_200),
                        Clock.systemUTC(),
                        () -> false);

        paced.next();
        paced.next();
        assertThat(System.currentTimeMillis()).isLessThan(now + 1_000);
        SimulatedRecord due = paced.next();

        assertThat(System.currentTimeMillis()).isGreaterThanOrEqualTo(due.timestamp());
        assertThat(paced.taken()).isEqualTo(3);
    }

    @Test
    void stoppingWhileARecordIsNotDueHandsItNotOutAndLeavesItUncounted() {
        Clock fixed = Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC);
        AtomicBoolean stopped = new AtomicBoolean(true);
        WallClockPace paced =
                new WallClockPace(
                        records(fixed.millis() - 1, fixed.millis() + 3_600_000L),
                        fixed,
                        stopped::get);

        paced.next();
        assertThatThrownBy(paced::next).isInstanceOf(CancellationException.class);
        assertThat(paced.taken()).isEqualTo(1);
    }

    @Test
    void theFeedResumesItsRunFromTheSavedStartAfterTheRecordsItSent() {
        Path file = directory.resolve("live-feed.properties");
        Instant weekAgo = Instant.parse("2026-11-26T10:00:00Z");

        assertThat(FeedPosition.load(file, weekAgo)).isEqualTo(new FeedPosition(weekAgo, 0));
        new FeedPosition(weekAgo, 12_345).save(file);

        assertThat(FeedPosition.load(file, Instant.parse("2026-11-30T00:00:00Z")))
                .isEqualTo(new FeedPosition(weekAgo, 12_345));
    }

    private static Iterator<SimulatedRecord> records(long... timestamps) {
        return java.util.Arrays.stream(timestamps)
                .mapToObj(
                        at ->
                                new SimulatedRecord(
                                        SimulatedRecord.Topic.ORDERS, new byte[0], new byte[0], at))
                .toList()
                .iterator();
    }
}
