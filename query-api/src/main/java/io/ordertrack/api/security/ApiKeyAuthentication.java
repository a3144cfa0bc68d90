package io.ordertrack.api.security;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.Handler;
import io.javalin.http.Header;
import io.javalin.http.UnauthorizedResponse;
import io.ordertrack.api.http.Parameters;
import java.util.Optional;

/**
 * Authenticates every matched request that is not {@link Access#PUBLIC}, a {@link
 * Access#SIGNED_PUSH} (its signature authenticates it), nor an asset of the documentation UI, by
 * its API key, given as {@code X-Api-Key: <key>} or {@code Authorization: Bearer <key>}; answers
 * 403 when the key's role may not use the route's {@link Access}; and leaves the {@link Caller} on
 * the context for the controllers.
 */
public final class ApiKeyAuthentication implements Handler {
    public static final String API_KEY_HEADER = "X-Api-Key";

    private static final String CALLER_ATTRIBUTE = "ordertrack.caller";

    /** The static files of the API's documentation UI: no tenant data. */
    private static final String DOCS_ASSETS = "/webjars/";

    private static final String BEARER_PREFIX = "bearer ";

    private final ApiKeys apiKeys;

    public ApiKeyAuthentication(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    @Override
    public void handle(Context ctx) {
        boolean keyless =
                ctx.routeRoles().stream()
                        .anyMatch(role -> role instanceof Access access && access.keyless());
        if (keyless || ctx.path().startsWith(DOCS_ASSETS)) {
            return;
        }
        Caller caller =
                presentedKey(ctx)
                        .flatMap(apiKeys::authenticate)
                        .orElseThrow(
                                () -> {
                                    ctx.header(Header.WWW_AUTHENTICATE, "Bearer");
                                    return new UnauthorizedResponse(
                                            "A valid API key is required (header "
                                                    + API_KEY_HEADER
                                                    + " or Authorization: Bearer)");
                                });
        ctx.attribute(CALLER_ATTRIBUTE, caller);
        boolean allowed =
                ctx.routeRoles().stream()
                        .anyMatch(
                                role -> role instanceof Access access && caller.role().may(access));
        if (!allowed) {
            throw new ForbiddenResponse("This key's role may not use " + ctx.endpoint().path);
        }
    }

    /** The scope of the authenticated caller of this request. */
    public static TenantScope scope(Context ctx) {
        Caller caller = ctx.attribute(CALLER_ATTRIBUTE);
        if (caller == null || caller.scope() == null) {
            // A protected route ran without a caller covering data: a wiring bug, never the
            // client's.
            throw new IllegalStateException("No tenant scope on " + ctx.endpoint().path);
        }
        return caller.scope();
    }

    /**
     * The one tenant a request is about: the caller's, or for a key that reads every tenant the
     * {@code tenant} query parameter (400 naming it when absent).
     */
    public static String tenantOf(Context ctx) {
        return scope(ctx)
                .tenantId()
                .or(() -> Parameters.queryText(ctx, "tenant"))
                .orElseThrow(
                        () ->
                                Parameters.invalid(
                                        "tenant",
                                        "tenant is required with a key that reads every tenant"));
    }

    /** The caller, if the request was authenticated (for request logs and rate limits). */
    public static Optional<Caller> callerIfAuthenticated(Context ctx) {
        return Optional.ofNullable(ctx.attribute(CALLER_ATTRIBUTE));
    }

    private static Optional<String> presentedKey(Context ctx) {
        String apiKey = ctx.header(API_KEY_HEADER);
        if (apiKey != null && !apiKey.isBlank()) {
            return Optional.of(apiKey.strip());
        }
        String authorization = ctx.header(Header.AUTHORIZATION);
        if (authorization != null
                && authorization.regionMatches(true, 0, BEARER_PREFIX, 0, BEARER_PREFIX.length())) {
            return Optional.of(authorization.substring(BEARER_PREFIX.length()).strip());
        }
        return Optional.empty();
    }
}
