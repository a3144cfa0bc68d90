package io.ordertrack.domain.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecentOutcomesTest {
    private static final Instant TEN_PAST_NINE = Instant.parse("2026-11-20T09:10:00Z");
    private static final long NINE = Instant.parse("2026-11-20T09:00:00Z").toEpochMilli();
    private static final long TEN = Instant.parse("2026-11-20T10:00:00Z").toEpochMilli();

    @Test
    void outcomesAreCountedByTheHourTheyFinishedInWhateverOrderTheyCome() {
        RecentOutcomes recent =
                RecentOutcomes.NONE
                        .plus(Instant.parse("2026-11-20T10:59:59Z"), true)
                        .plus(TEN_PAST_NINE, false)
                        .plus(Instant.parse("2026-11-20T09:59:00Z"), true)
                        .plus(Instant.parse("2026-11-20T08:00:00Z"), false);

        assertThat(recent.encoded()).containsExactly(NINE - 3_600_000, 1, 0, NINE, 2, 1, TEN, 1, 1);
        assertThat(recent.before(NINE)).isEqualTo(new RtoRisk.Tally(1, 0));
        assertThat(recent.before(TEN)).isEqualTo(new RtoRisk.Tally(3, 1));
        assertThat(recent.from(TEN).encoded()).containsExactly(TEN, 1, 1);
        assertThat(RecentOutcomes.decode(recent.encoded()).before(Long.MAX_VALUE))
                .isEqualTo(new RtoRisk.Tally(4, 2));
    }

    @Test
    void nothingKeptIsNothingLearned() {
        assertThat(RecentOutcomes.decode(null).isEmpty()).isTrue();
        assertThat(RecentOutcomes.NONE.before(TEN)).isEqualTo(RtoRisk.Tally.NONE);
        assertThat(RecentOutcomes.NONE.plus(TEN_PAST_NINE, true).from(TEN).isEmpty()).isTrue();
        assertThatThrownBy(() -> RecentOutcomes.decode(new long[] {NINE, 1}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void slotsStartOnTheHourBeforeEpochToo() {
        assertThat(RecentOutcomes.slotOf(TEN_PAST_NINE.toEpochMilli())).isEqualTo(NINE);
        assertThat(RecentOutcomes.slotOf(-1)).isEqualTo(-3_600_000);
    }
}
