package io.ordertrack.jobs.deadletters;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which dead letters an operator asks for: those whose reason contains a text (ignoring case, as
 * reasons are sentences like {@code invalid: customer phone is blank}) and whose time is in a
 * range, from inclusive to exclusive. An absent part matches every letter.
 *
 * @param reasonContains text the reason contains, or null
 * @param from earliest letter time, or null
 * @param to letter time the range ends before, or null
 */
public record LetterFilter(String reasonContains, Instant from, Instant to) {

    /** Every letter. */
    public static final LetterFilter ALL = new LetterFilter(null, null, null);

    public LetterFilter {
        if (reasonContains != null && reasonContains.isBlank()) {
            throw new IllegalArgumentException("--reason must not be blank");
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException(
                    "--from must be before --to, got " + from + " and " + to);
        }
    }

    /** Whether a letter's reason and time are those asked for. */
    public boolean matches(StoredLetter letter) {
        return reasonMatches(letter.reason())
                && (from == null || !letter.time().isBefore(from))
                && (to == null || letter.time().isBefore(to));
    }

    /** Whether it asks for every letter. */
    public boolean isAll() {
        return reasonContains == null && from == null && to == null;
    }

    private boolean reasonMatches(String reason) {
        return reasonContains == null
                || (reason != null
                        && reason.toLowerCase(Locale.ROOT)
                                .contains(reasonContains.toLowerCase(Locale.ROOT)));
    }

    /** The filter in words, for the summary of a listing. */
    public String describe() {
        if (isAll()) {
            return "all";
        }
        List<String> parts = new ArrayList<>();
        if (reasonContains != null) {
            parts.add("reason contains \"" + reasonContains + "\"");
        }
        if (from != null) {
            parts.add("from " + from);
        }
        if (to != null) {
            parts.add("before " + to);
        }
        return String.join(", ", parts);
    }
}
