package io.ordertrack.api.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RateTest {
    @Test
    void aRateCarriesItsWilsonInterval() {
        Rate rate = Rate.of(20, 100, 30);

        assertThat(rate.value()).isEqualTo(0.2);
        // 20 of 100 at 95%: 0.1333 to 0.2888 (Wilson score interval).
        assertThat(rate.low()).isCloseTo(0.1333, within(1e-4));
        assertThat(rate.high()).isCloseTo(0.2888, within(1e-4));
        assertThat(rate.enoughSample()).isTrue();
    }

    @Test
    void theIntervalStaysWithinZeroAndOneAtTheExtremes() {
        assertThat(Rate.of(0, 40, 30).low()).isZero();
        assertThat(Rate.of(0, 40, 30).high()).isCloseTo(0.0876, within(1e-4));
        assertThat(Rate.of(40, 40, 30).high()).isEqualTo(1.0);
    }

    @Test
    void underTheMinimumSampleOnlyTheCountsAreGiven() {
        Rate rate = Rate.of(3, 29, 30);

        assertThat(rate.enoughSample()).isFalse();
        assertThat(rate.value()).isNull();
        assertThat(rate.low()).isNull();
        assertThat(rate.count()).isEqualTo(3);
        assertThat(rate.sample()).isEqualTo(29);
        assertThat(Rate.of(0, 0, 1).enoughSample()).as("nothing to count").isFalse();
    }
}
