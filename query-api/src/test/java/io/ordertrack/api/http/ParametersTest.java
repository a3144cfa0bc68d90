package io.ordertrack.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ParametersTest {

    @Test
    void plainValuesAndQuerySyntaxAreAcceptedAsText() {
        assertThat(Parameters.problemWith("AWB123456", Parameters.MAX_LENGTH)).isEmpty();
        assertThat(Parameters.problemWith("*", Parameters.MAX_LENGTH)).isEmpty();
        assertThat(Parameters.problemWith("a AND b OR \"c\"", Parameters.MAX_LENGTH)).isEmpty();
    }

    @Test
    void blankValuesAreRejected() {
        assertThat(Parameters.problemWith("", Parameters.MAX_LENGTH)).contains("must not be blank");
        assertThat(Parameters.problemWith("  ", Parameters.MAX_LENGTH))
                .contains("must not be blank");
    }

    @Test
    void valuesAreCappedInLength() {
        assertThat(Parameters.problemWith("x".repeat(128), 128)).isEmpty();
        assertThat(Parameters.problemWith("x".repeat(129), 128))
                .contains("must be at most 128 characters");
    }

    @Test
    void controlCharactersAreRejected() {
        assertThat(Parameters.problemWith("abc\n123", Parameters.MAX_LENGTH))
                .contains("must not contain control characters");
        assertThat(Parameters.problemWith("abc\u0000", Parameters.MAX_LENGTH))
                .contains("must not contain control characters");
    }
}
