package io.ordertrack.jobs.elasticsearch;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.time.Instant;

/**
 * Writes an {@link Instant} as {@link Instant#toString()} does (ISO-8601 in UTC: seconds, then 3, 6
 * or 9 digits of fraction when there is one), without its formatter: an order document holds a few
 * dozen instants, and the formatter was a sixth of the CPU of writing them.
 */
final class IsoInstant extends StdSerializer<Instant> {
    private static final long serialVersionUID = 1L;

    /** 0000-01-01T00:00:00Z to 9999-12-31T23:59:59Z: four-digit years, no sign. */
    private static final long FIRST = -62_167_219_200L;

    private static final long LAST = 253_402_300_799L;

    IsoInstant() {
        super(Instant.class);
    }

    @Override
    public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider)
            throws IOException {
        char[] text = new char[30];
        int length = format(value, text);
        if (length < 0) {
            generator.writeString(value.toString());
        } else {
            generator.writeString(text, 0, length);
        }
    }

    /**
     * Writes {@code instant} into {@code text} (30 chars at least); returns the length, or -1 for a
     * year outside 0 to 9999.
     */
    static int format(Instant instant, char[] text) {
        long seconds = instant.getEpochSecond();
        if (seconds < FIRST || seconds > LAST) {
            return -1;
        }
        long days = Math.floorDiv(seconds, 86_400);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400);
        // Days since 1970-01-01 to a proleptic Gregorian date, counting eras of 400 years from
        // 0000-03-01 so that the leap day ends each year.
        long shifted = days + 719_468;
        long era = Math.floorDiv(shifted, 146_097);
        int dayOfEra = (int) (shifted - era * 146_097);
        int yearOfEra =
                (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        int dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        int shiftedMonth = (5 * dayOfYear + 2) / 153;
        int day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1;
        int month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
        int year = (int) (yearOfEra + era * 400) + (month <= 2 ? 1 : 0);
        digits(text, 0, year, 4);
        text[4] = '-';
        digits(text, 5, month, 2);
        text[7] = '-';
        digits(text, 8, day, 2);
        text[10] = 'T';
        digits(text, 11, secondOfDay / 3_600, 2);
        text[13] = ':';
        digits(text, 14, secondOfDay / 60 % 60, 2);
        text[16] = ':';
        digits(text, 17, secondOfDay % 60, 2);
        int length = 19;
        int nanos = instant.getNano();
        if (nanos != 0) {
            text[length++] = '.';
            if (nanos % 1_000_000 == 0) {
                digits(text, length, nanos / 1_000_000, 3);
                length += 3;
            } else if (nanos % 1_000 == 0) {
                digits(text, length, nanos / 1_000, 6);
                length += 6;
            } else {
                digits(text, length, nanos, 9);
                length += 9;
            }
        }
        text[length++] = 'Z';
        return length;
    }

    private static void digits(char[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
