package io.ordertrack.api.http;

import co.elastic.clients.elasticsearch._types.FieldValue;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.validation.Validator;
import io.ordertrack.api.elasticsearch.PageCursor;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Reading and checking request parameters. Values are plain text to the repositories (they only
 * ever reach {@code term} queries), so the checks are about size and sanity, not escaping.
 */
public final class Parameters {
    /** The longest accepted query parameter value. */
    public static final int MAX_LENGTH = 128;

    /** The longest accepted id in a path (an order id names tenant, channel and client order). */
    public static final int MAX_ID_LENGTH = 256;

    private static final int ISO_DATE_LENGTH = "2026-11-01".length();
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private record Rule(Predicate<String> accepts, String problem) {}

    private Parameters() {}

    private static List<Rule> textRules(int maxLength) {
        return List.of(
                new Rule(value -> !value.isBlank(), "must not be blank"),
                new Rule(
                        value -> value.length() <= maxLength,
                        "must be at most " + maxLength + " characters"),
                new Rule(
                        value -> value.chars().noneMatch(Character::isISOControl),
                        "must not contain control characters"));
    }

    /** What is wrong with a text value, or empty when it is acceptable. */
    public static Optional<String> problemWith(String value, int maxLength) {
        return textRules(maxLength).stream()
                .filter(rule -> !rule.accepts().test(value))
                .map(Rule::problem)
                .findFirst();
    }

    /** An optional text query parameter, given at most once; 400 naming it when invalid. */
    public static Optional<String> queryText(Context ctx, String name) {
        return queryText(ctx, name, MAX_LENGTH);
    }

    /** {@link #queryText(Context, String)} for a parameter that may be longer. */
    public static Optional<String> queryText(Context ctx, String name, int maxLength) {
        if (ctx.queryParams(name).size() > 1) {
            throw invalid(name, name + " must be given at most once");
        }
        return Optional.ofNullable(
                checkedText(ctx.queryParamAsClass(name, String.class), maxLength).getOrNull());
    }

    /** An optional parameter that must be one of some values; 400 listing them otherwise. */
    public static Optional<String> queryChoice(
            Context ctx, String name, Collection<String> allowed) {
        Optional<String> value = queryText(ctx, name);
        if (value.isPresent() && !allowed.contains(value.get())) {
            throw invalid(name, name + " must be one of " + String.join(", ", allowed));
        }
        return value;
    }

    /**
     * An optional point in time: an ISO instant ({@code 2026-11-01T10:00:00Z}) or a date ({@code
     * 2026-11-01}) taken in {@code zone}, as its start, or with {@code endOfDay} as the start of
     * the next day (an inclusive last day), of the years 1 to 9999 (Elasticsearch reads no other);
     * 400 otherwise.
     */
    public static Optional<Instant> queryTime(
            Context ctx, String name, ZoneId zone, boolean endOfDay) {
        return queryText(ctx, name)
                .map(
                        value -> {
                            Instant time;
                            try {
                                time =
                                        value.length() == ISO_DATE_LENGTH
                                                ? LocalDate.parse(value)
                                                        .plusDays(endOfDay ? 1 : 0)
                                                        .atStartOfDay(zone)
                                                        .toInstant()
                                                : Instant.parse(value);
                            } catch (DateTimeParseException e) {
                                throw invalid(
                                        name,
                                        name
                                                + " must be a date (2026-11-01) or an instant"
                                                + " (2026-11-01T10:00:00Z)");
                            }
                            if (time.isBefore(EARLIEST) || !time.isBefore(LATEST)) {
                                throw invalid(name, name + " must be within the years 1 to 9999");
                            }
                            return time;
                        });
    }

    /** An optional whole number within bounds, else {@code fallback}; 400 otherwise. */
    public static int queryInt(Context ctx, String name, int fallback, int least, int most) {
        Optional<String> value = queryText(ctx, name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.get());
            if (parsed >= least && parsed <= most) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // Answered below.
        }
        throw invalid(name, name + " must be a whole number from " + least + " to " + most);
    }

    /**
     * An optional page cursor given out as a previous page's {@code next} of a list sorted so; 400
     * otherwise.
     */
    public static Optional<List<FieldValue>> queryCursor(
            Context ctx, String name, List<PageCursor.SortValue> shape) {
        return queryText(ctx, name, PageCursor.MAX_LENGTH)
                .map(
                        token ->
                                PageCursor.decode(token, shape)
                                        .orElseThrow(
                                                () ->
                                                        invalid(
                                                                name,
                                                                name
                                                                        + " must be the next of a"
                                                                        + " previous page")));
    }

    /** A path parameter holding an id; 400 naming it when invalid. */
    public static String pathId(Context ctx, String name) {
        return checkedText(ctx.pathParamAsClass(name, String.class), MAX_ID_LENGTH).get();
    }

    private static Validator<String> checkedText(Validator<String> validator, int maxLength) {
        for (Rule rule : textRules(maxLength)) {
            validator.check(value -> value == null || rule.accepts().test(value), rule.problem());
        }
        return validator;
    }

    /** A 400 answer naming the parameter at fault. */
    public static BadRequestResponse invalid(String parameter, String message) {
        return new BadRequestResponse(message, Map.of(ErrorHandling.PARAMETER, parameter));
    }
}
