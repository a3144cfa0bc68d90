package io.ordertrack.api.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeliveryRetriesTest {
    private static final Instant DUE = Instant.parse("2026-12-06T10:00:00Z");

    @Test
    void failuresAreTriedAgainAfterDoublingWaitsUpToAnHourForADayThenParked() {
        List<Duration> waits = new ArrayList<>();
        Instant at = DUE;
        int failures = 0;
        Optional<Instant> next;
        while ((next = DeliveryRetries.DEFAULT.nextAttempt(++failures, at, DUE)).isPresent()) {
            waits.add(Duration.between(at, next.get()));
            at = next.get();
        }

        assertThat(waits.subList(0, 6))
                .containsExactly(
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(20),
                        Duration.ofSeconds(40),
                        Duration.ofSeconds(80),
                        Duration.ofSeconds(160));
        assertThat(waits)
                .allSatisfy(wait -> assertThat(wait).isLessThanOrEqualTo(Duration.ofHours(1)));
        assertThat(waits.get(waits.size() - 2)).isEqualTo(Duration.ofHours(1));
        assertThat(at)
                .as("the last try is at the end of the day")
                .isEqualTo(DUE.plus(Duration.ofHours(24)));
        assertThat(failures).isBetween(30, 40);
    }

    @Test
    void readsItsSettingsAndRefusesNonsense() {
        assertThat(DeliveryRetries.parse("200ms, 2s, 10s"))
                .isEqualTo(
                        new DeliveryRetries(
                                Duration.ofMillis(200),
                                Duration.ofSeconds(2),
                                Duration.ofSeconds(10)));
        assertThat(DeliveryRetries.parse("5s,1h,24h")).isEqualTo(DeliveryRetries.DEFAULT);
        assertThatThrownBy(() -> DeliveryRetries.parse("5s,1h"))
                .hasMessageContaining("e.g. 5s,1h,24h");
        assertThatThrownBy(() -> DeliveryRetries.parse("5x,1h,24h")).hasMessageContaining("'5x'");
        assertThatThrownBy(() -> DeliveryRetries.parse("1h,5s,24h"))
                .hasMessageContaining("longest backoff");
    }
}
