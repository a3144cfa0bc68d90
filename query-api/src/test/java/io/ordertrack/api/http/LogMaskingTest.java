package io.ordertrack.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class LogMaskingTest {

    @Test
    void aTenDigitPhoneKeepsItsFirstAndLastTwoDigits() {
        assertThat(LogMasking.mask("phone=9876543210")).isEqualTo("phone=98******10");
    }

    @Test
    void phonesWrittenWithSpacesDashesOrPrefixesAreMaskedToo() {
        assertThat(LogMasking.mask("+91 98765-43210")).isEqualTo("+91 *****-***10");
        assertThat(LogMasking.mask("09876543210")).isEqualTo("09*******10");
    }

    @Test
    void shortNumbersAreKept() {
        assertThat(LogMasking.mask("GET /api/orders 200 in 12345 ms, 3 items"))
                .isEqualTo("GET /api/orders 200 in 12345 ms, 3 items");
    }

    @Test
    void sixDigitRunsAreMasked() {
        assertThat(LogMasking.mask("pincode 560001")).isEqualTo("pincode 56**01");
    }

    @Test
    void nullStaysNull() {
        assertThat(LogMasking.mask((String) null)).isNull();
    }

    @Test
    void maskedFailuresKeepTypesAndStackButNotTheNumbers() {
        var cause = new IllegalStateException("no order for 9876543210");
        var failure = new RuntimeException("search 9123456789 failed", cause);

        Throwable masked = LogMasking.mask(failure);

        String printed = stackTrace(masked);
        assertThat(printed)
                .contains("java.lang.RuntimeException: search 91******89 failed")
                .contains("java.lang.IllegalStateException: no order for 98******10")
                .contains("LogMaskingTest")
                .doesNotContain("9876543210", "9123456789");
    }

    private static String stackTrace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
