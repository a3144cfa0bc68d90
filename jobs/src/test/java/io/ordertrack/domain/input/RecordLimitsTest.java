package io.ordertrack.domain.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecordLimitsTest {
    private static final Instant NOW = Instant.parse("2026-12-03T08:00:00Z");
    private static final RecordLimits LIMITS = RecordLimits.DEFAULT;

    @Test
    void acceptsPastEventsAndClockSkewUpToFifteenMinutes() {
        assertThat(LIMITS.eventTimeProblem(NOW.minus(Duration.ofDays(400)), NOW)).isEmpty();
        assertThat(LIMITS.eventTimeProblem(NOW.plus(Duration.ofMinutes(15)), NOW)).isEmpty();
    }

    @Test
    void refusesMicrosecondsSentAsMilliseconds() {
        Instant microsAsMillis = Instant.ofEpochMilli(NOW.toEpochMilli() * 1000);

        assertThat(LIMITS.eventTimeProblem(microsAsMillis, NOW))
                .hasValueSatisfying(
                        reason ->
                                assertThat(reason)
                                        .startsWith("event time +58891-12-31T08:00:00Z is ")
                                        .contains(
                                                "min ahead of the clock (event.max-future PT15M)"));
        assertThat(LIMITS.eventTimeProblem(NOW.plus(Duration.ofMinutes(16)), NOW))
                .hasValue(
                        "event time 2026-12-03T08:16:00Z is 16 min ahead of the clock"
                                + " (event.max-future PT15M)");
    }

    @Test
    void refusesSecondsSentAsMilliseconds() {
        Instant secondsAsMillis = Instant.ofEpochMilli(NOW.getEpochSecond());

        assertThat(LIMITS.eventTimeProblem(secondsAsMillis, NOW))
                .hasValue(
                        "event time 1970-01-21T18:58:04.800Z is before event.min-time"
                                + " 2000-01-01T00:00:00Z");
    }

    @Test
    void refusesRecordsLargerThanTheLimitUnread() {
        assertThat(LIMITS.sizeProblem(1 << 20)).isEmpty();
        assertThat(LIMITS.sizeProblem((1 << 20) + 1))
                .hasValue("record of 1048577 bytes is larger than record.max-bytes 1048576");
    }
}
