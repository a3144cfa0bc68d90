package io.ordertrack.api.http;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.validation.Validator;
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
        if (ctx.queryParams(name).size() > 1) {
            throw invalid(name, name + " must be given at most once");
        }
        return Optional.ofNullable(
                checkedText(ctx.queryParamAsClass(name, String.class), MAX_LENGTH).getOrNull());
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
