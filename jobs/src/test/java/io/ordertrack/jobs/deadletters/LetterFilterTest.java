package io.ordertrack.jobs.deadletters;

import static io.ordertrack.jobs.deadletters.Letters.EVENING;
import static io.ordertrack.jobs.deadletters.Letters.MORNING;
import static io.ordertrack.jobs.deadletters.Letters.NOON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LetterFilterTest {
    private static final StoredLetter UNREADABLE_AT_NOON =
            Letters.letter(
                    0, 1, NOON, "orders", "not Avro single-object encoding: no C3 01 header", null);
    private static final StoredLetter NO_REASON = Letters.letter(0, 2, NOON, "orders", null, null);

    @Test
    void theReasonMatchesWhenItContainsTheTextIgnoringCase() {
        assertThat(new LetterFilter("c3 01 HEADER", null, null).matches(UNREADABLE_AT_NOON))
                .isTrue();
        assertThat(new LetterFilter("invalid:", null, null).matches(UNREADABLE_AT_NOON)).isFalse();
        assertThat(new LetterFilter("invalid:", null, null).matches(NO_REASON)).isFalse();
    }

    @Test
    void theTimeRangeIncludesItsStartAndExcludesItsEnd() {
        assertThat(new LetterFilter(null, NOON, EVENING).matches(UNREADABLE_AT_NOON)).isTrue();
        assertThat(new LetterFilter(null, MORNING, NOON).matches(UNREADABLE_AT_NOON)).isFalse();
        assertThat(new LetterFilter(null, null, NOON.plusMillis(1)).matches(UNREADABLE_AT_NOON))
                .isTrue();
    }

    @Test
    void everyPartMustMatch() {
        assertThat(new LetterFilter("header", MORNING, NOON).matches(UNREADABLE_AT_NOON)).isFalse();
        assertThat(new LetterFilter("header", MORNING, EVENING).matches(UNREADABLE_AT_NOON))
                .isTrue();
    }

    @Test
    void noFilterMatchesEveryLetter() {
        assertThat(LetterFilter.ALL.matches(NO_REASON)).isTrue();
        assertThat(LetterFilter.ALL.describe()).isEqualTo("all");
    }

    @Test
    void aRangeEndingBeforeItStartsOrABlankReasonIsRefused() {
        assertThatThrownBy(() -> new LetterFilter(null, NOON, MORNING))
                .hasMessageContaining("--from must be before --to");
        assertThatThrownBy(() -> new LetterFilter(" ", null, null))
                .hasMessageContaining("--reason must not be blank");
    }
}
