package io.ordertrack.domain.input;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumbersTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "+91 98765-43210",
                "09876543210",
                "9876543210",
                "919876543210",
                "(+91) 98765 43210",
                // Only ASCII digits count: a Devanagari zero is no digit of the number.
                "98765\u0966 43210"
            })
    void everyWayOfWritingOneNumberGivesTheSameTenDigits(String written) {
        assertThat(PhoneNumbers.normalise(written)).isEqualTo("9876543210");
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345", ""})
    void shortNumbersKeepTheirDigits(String written) {
        assertThat(PhoneNumbers.normalise(written)).isEqualTo(written.replaceAll("\\D", ""));
    }
}
