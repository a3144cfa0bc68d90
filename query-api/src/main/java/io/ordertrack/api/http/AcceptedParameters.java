package io.ordertrack.api.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.security.RouteRole;
import java.util.Set;
import java.util.TreeSet;

/**
 * The query parameters a route takes, declared with the route; any other answers 400 naming it, so
 * that a misspelt filter ({@code bukcet=LIVE}) is not silently ignored to answer every order.
 */
public record AcceptedParameters(Set<String> names) implements RouteRole {
    private static final int MAX_NAME_SHOWN = 64;

    public AcceptedParameters {
        names = Set.copyOf(names);
    }

    public static AcceptedParameters of(String... names) {
        return new AcceptedParameters(Set.of(names));
    }

    /** These and more. */
    public AcceptedParameters and(AcceptedParameters more) {
        Set<String> all = new TreeSet<>(names);
        all.addAll(more.names);
        return new AcceptedParameters(all);
    }

    /** Checks every matched request against the parameters its route declares (none if none). */
    public static Handler check() {
        return ctx -> {
            Set<String> accepted = acceptedBy(ctx);
            for (String given : ctx.queryParamMap().keySet()) {
                if (!accepted.contains(given)) {
                    throw unknown(given, accepted);
                }
            }
        };
    }

    private static Set<String> acceptedBy(Context ctx) {
        return ctx.routeRoles().stream()
                .filter(AcceptedParameters.class::isInstance)
                .map(role -> ((AcceptedParameters) role).names())
                .findFirst()
                .orElse(Set.of());
    }

    private static RuntimeException unknown(String given, Set<String> accepted) {
        String shown =
                given.length() > MAX_NAME_SHOWN ? given.substring(0, MAX_NAME_SHOWN) + "…" : given;
        return Parameters.invalid(
                shown,
                "unknown parameter "
                        + shown
                        + (accepted.isEmpty()
                                ? "; this endpoint takes none"
                                : "; this endpoint takes "
                                        + String.join(", ", new TreeSet<>(accepted))));
    }
}
