package io.ordertrack.jobs.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsoInstantTest {
    private static final long FIRST = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    private static final long LAST = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();

    @Test
    void writesWhatInstantToStringWrites() {
        SplittableRandom random = new SplittableRandom(24);
        for (int i = 0; i < 1_000_000; i++) {
            long seconds = random.nextLong(FIRST, LAST + 1);
            int nanos =
                    switch (i % 4) {
                        case 0 -> 0;
                        case 1 -> random.nextInt(1_000) * 1_000_000;
                        case 2 -> random.nextInt(1_000_000) * 1_000;
                        default -> random.nextInt(1_000_000_000);
                    };
            assertFormatsAsToString(Instant.ofEpochSecond(seconds, nanos));
        }
    }

    @Test
    void writesTheEdgesOfYearsMonthsAndLeapDays() {
        for (String day :
                new String[] {
                    "0000-01-01T00:00:00Z",
                    "0000-02-29T12:00:00Z",
                    "1969-12-31T23:59:59.999Z",
                    "1970-01-01T00:00:00Z",
                    "1900-02-28T23:59:59Z",
                    "1900-03-01T00:00:00Z",
                    "2000-02-29T00:00:00.001Z",
                    "2026-12-31T23:59:59.999999999Z",
                    "2100-03-01T00:00:00.000001Z",
                    "9999-12-31T23:59:59.999Z"
                }) {
            assertFormatsAsToString(Instant.parse(day));
        }
    }

    @Test
    void yearsBeyondFourDigitsAreLeftToTheFormatter() throws Exception {
        assertThat(IsoInstant.format(Instant.parse("+10000-01-01T00:00:00Z"), new char[30]))
                .isNegative();
        assertThat(IsoInstant.format(Instant.parse("-0001-12-31T23:59:59Z"), new char[30]))
                .isNegative();
        record Dated(Instant at) {}
        assertThat(
                        new String(
                                new DocumentJson().encode(new Dated(Instant.MAX)),
                                StandardCharsets.UTF_8))
                .isEqualTo("{\"at\":\"" + Instant.MAX + "\"}");
    }

    @Test
    void documentsCarryTheInstantsAsIsoText() throws Exception {
        record Dated(Instant at, Instant none) {}
        Instant at = Instant.parse("2026-12-04T23:52:52.225Z");
        assertThat(
                        new String(
                                new DocumentJson().encode(new Dated(at, null)),
                                StandardCharsets.UTF_8))
                .isEqualTo("{\"at\":\"2026-12-04T23:52:52.225Z\"}");
    }

    private static void assertFormatsAsToString(Instant instant) {
        char[] text = new char[30];
        int length = IsoInstant.format(instant, text);
        assertThat(new String(text, 0, length)).isEqualTo(instant.toString());
    }
}
