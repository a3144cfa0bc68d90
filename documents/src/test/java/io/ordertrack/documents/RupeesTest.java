package io.ordertrack.documents;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RupeesTest {
    @Test
    void groupsThousandsThenLakhsAndCroresWithPaiseOnlyWhenThereAreAny() {
        assertThat(Rupees.of(5L)).isEqualTo("0.05");
        assertThat(Rupees.of(99_800L)).isEqualTo("998");
        assertThat(Rupees.of(119_850L)).isEqualTo("1,198.50");
        assertThat(Rupees.of(12_345_600L)).isEqualTo("1,23,456");
        assertThat(Rupees.of(12_345_678_900L)).isEqualTo("12,34,56,789");
    }
}
