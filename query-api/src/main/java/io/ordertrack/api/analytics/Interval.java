package io.ordertrack.api.analytics;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The periods analytics can be broken into: calendar hours, days and weeks of India. */
enum Interval {
    HOUR("1h"),
    DAY("1d"),
    WEEK("1w");

    /** The calendar interval of Elasticsearch's date histogram. */
    final String calendarInterval;

    Interval(String calendarInterval) {
        this.calendarInterval = calendarInterval;
    }

    String parameter() {
        return name().toLowerCase(Locale.ROOT);
    }

    static List<String> parameters() {
        return Arrays.stream(values()).map(Interval::parameter).toList();
    }

    static Interval ofParameter(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
