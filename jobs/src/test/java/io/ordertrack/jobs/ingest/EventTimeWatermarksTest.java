package io.ordertrack.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

class EventTimeWatermarksTest {
    private static final long EVENT_TIME = 1_793_500_000_000L;
    private static final long WALL_CLOCK = EVENT_TIME + Duration.ofDays(20).toMillis();

    private final EventTimeWatermarks<String> watermarks = new EventTimeWatermarks<>();
    private final List<Long> emitted = new ArrayList<>();
    private final WatermarkOutput output =
            new WatermarkOutput() {
                @Override
                public void emitWatermark(Watermark watermark) {
                    emitted.add(watermark.getTimestamp());
                }

                @Override
                public void markIdle() {}

                @Override
                public void markActive() {}
            };

    @Test
    void standsJustBeforeThePartitionsClockSoARecordArrivingAtItIsNotLate() {
        watermarks.onEvent(Decoded.valid("placed", EVENT_TIME), EVENT_TIME, output);
        watermarks.onPeriodicEmit(output);

        assertThat(emitted).containsExactly(EVENT_TIME - 1);
    }

    @Test
    void aLateEventDoesNotMoveItBack() {
        watermarks.onEvent(Decoded.valid("placed", EVENT_TIME), EVENT_TIME, output);
        long late = EVENT_TIME - Duration.ofDays(2).toMillis();
        watermarks.onEvent(Decoded.valid("delivered", late), late, output);
        watermarks.onPeriodicEmit(output);

        assertThat(emitted).containsExactly(EVENT_TIME - 1);
    }

    @Test
    void aDeadLetterStampedWithTheWallClockDoesNotMoveIt() {
        watermarks.onEvent(Decoded.valid("placed", EVENT_TIME), EVENT_TIME, output);
        DeadLetter letter =
                new DeadLetter("orders", 0, 7, null, new byte[] {1}, "not Avro", WALL_CLOCK);
        watermarks.onEvent(Decoded.rejected(letter), WALL_CLOCK, output);
        watermarks.onPeriodicEmit(output);

        assertThat(emitted).containsExactly(EVENT_TIME - 1);
    }

    @Test
    void aDeadLetterHasNoEventTimeForTheCatchUpWatchEither() {
        DeadLetter letter =
                new DeadLetter("orders", 0, 7, null, new byte[] {1}, "not Avro", WALL_CLOCK);

        assertThat(Decoded.eventTimeOf(Decoded.rejected(letter))).isEqualTo(Long.MIN_VALUE);
        assertThat(Decoded.eventTimeOf(Decoded.valid("placed", EVENT_TIME))).isEqualTo(EVENT_TIME);
    }

    @Test
    void nothingIsEmittedBeforeTheFirstEvent() {
        watermarks.onPeriodicEmit(output);

        assertThat(emitted).isEmpty();
    }
}
