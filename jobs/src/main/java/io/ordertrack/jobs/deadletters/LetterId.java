package io.ordertrack.jobs.deadletters;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a dead letter is in the dead-letters topic, written {@code partition:offset} ({@code
 * 0:17}): how an operator names the letters to re-send.
 *
 * @param partition partition of the dead-letters topic
 * @param offset offset in that partition
 */
public record LetterId(int partition, long offset) {
    private static final Pattern FORM = Pattern.compile("(\\d{1,9}):(\\d{1,18})");

    /** Reads {@code partition:offset}. */
    public static LetterId parse(String text) {
        Matcher matcher = FORM.matcher(text.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException(
                    "a dead letter is named partition:offset, like 0:17, got " + text);
        }
        return new LetterId(Integer.parseInt(matcher.group(1)), Long.parseLong(matcher.group(2)));
    }

    @Override
    public String toString() {
        return partition + ":" + offset;
    }
}
