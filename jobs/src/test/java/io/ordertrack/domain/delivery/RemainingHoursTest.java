package io.ordertrack.domain.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RemainingHoursTest {

    @Test
    void bucketsNarrowWhereDeliveriesAreCloseAndWidenAfterAWeek() {
        assertThat(RemainingHours.BOUNDS).hasSize(44);
        assertThat(RemainingHours.BOUNDS[0]).isEqualTo(2);
        assertThat(RemainingHours.BOUNDS[11]).isEqualTo(24);
        assertThat(RemainingHours.BOUNDS[23]).isEqualTo(72);
        assertThat(RemainingHours.BOUNDS[35]).isEqualTo(168);
        assertThat(RemainingHours.BOUNDS[42]).isEqualTo(336);
        assertThat(RemainingHours.BOUNDS[43]).isEqualTo(720);
    }

    @Test
    void quantilesAreReadWithinHalfABucket() {
        RemainingHours hours = RemainingHours.NONE;
        for (int h = 2; h <= 11; h++) {
            hours = hours.plus(h);
        }

        assertThat(hours.count()).isEqualTo(10);
        assertThat(hours.quantile(0.5, 0)).isCloseTo(7.0, within(1e-9));
        assertThat(hours.quantile(0.1, 0)).isCloseTo(3.0, within(1e-9));
        assertThat(hours.quantile(0.9, 0)).isCloseTo(11.0, within(1e-9));
    }

    /** A parcel still on its way after 8 hours is among those that took longer than that. */
    @Test
    void aParcelThatHasWaitedIsJudgedByTheDeliveriesThatTookLonger() {
        RemainingHours hours = RemainingHours.NONE;
        for (int h = 2; h <= 11; h++) {
            hours = hours.plus(h);
        }

        assertThat(hours.longerThan(8)).isCloseTo(4.0, within(1e-9));
        assertThat(hours.quantile(0.5, 8)).isCloseTo(10.0, within(1e-9));
        assertThat(hours.longerThan(12)).isZero();
        assertThat(hours.quantile(0.5, 12)).isNaN();
    }

    @Test
    void timesPastTheLastBoundCountInTheLastBucketAndNegativeOnesInTheFirst() {
        RemainingHours hours = RemainingHours.NONE.plus(2_000).plus(-3);

        assertThat(hours.encoded()[43]).isEqualTo(1);
        assertThat(hours.encoded()[0]).isEqualTo(1);
        assertThat(RemainingHours.decode(hours.encoded()).count()).isEqualTo(2);
        assertThat(RemainingHours.decode(null)).isSameAs(RemainingHours.NONE);
    }
}
