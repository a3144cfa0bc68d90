package io.ordertrack.api.http;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.router.EndpointNotFound;
import io.javalin.validation.ValidationError;
import io.javalin.validation.ValidationException;
import io.ordertrack.api.elasticsearch.ElasticsearchUnavailableException;
import io.ordertrack.api.elasticsearch.TooManyGroupsException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into the one {@link ApiError} shape, with the request's id. Client mistakes
 * keep their message; Elasticsearch unreachable, overloaded or too slow answers 503 with {@code
 * Retry-After}; anything else a bare 500, logged (masked) with the request id, never shown.
 * Parameters are checked before they reach Elasticsearch (a cursor decodes only to values of its
 * list's sort, a time only within years 1 to 9999), so that Elasticsearch refuses none of them.
 */
public final class ErrorHandling {
    /** The detail key of a {@link HttpResponseException} naming the parameter at fault. */
    public static final String PARAMETER = "parameter";

    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandling.class);

    /** How long a client is asked to wait when Elasticsearch is unavailable or overloaded. */
    static final String RETRY_AFTER_SECONDS = "5";

    private ErrorHandling() {}

    public static void register(RoutesConfig routes) {
        routes.exception(HttpResponseException.class, ErrorHandling::httpResponse);
        routes.exception(ValidationException.class, ErrorHandling::validation);
        routes.exception(ElasticsearchUnavailableException.class, ErrorHandling::unavailable);
        routes.exception(TooManyGroupsException.class, ErrorHandling::tooManyGroups);
        routes.exception(ElasticsearchException.class, ErrorHandling::elasticsearch);
        routes.exception(Exception.class, ErrorHandling::unexpected);
    }

    private static void httpResponse(HttpResponseException e, Context ctx) {
        String message = e instanceof EndpointNotFound ? "No such endpoint" : e.getMessage();
        String parameter = e.getDetails().get(PARAMETER);
        answer(
                ctx,
                parameter == null
                        ? ApiError.of(e.getStatus(), message)
                        : ApiError.ofParameter(parameter, message));
    }

    private static void tooManyGroups(TooManyGroupsException e, Context ctx) {
        answer(
                ctx,
                e.parameter() == null
                        ? ApiError.of(HttpStatus.BAD_REQUEST.getCode(), e.getMessage())
                        : ApiError.ofParameter(e.parameter(), e.getMessage()));
    }

    private static void validation(ValidationException e, Context ctx) {
        Map.Entry<String, List<ValidationError<Object>>> first =
                e.getErrors().entrySet().iterator().next();
        String parameter = first.getKey();
        String problem = readable(first.getValue().get(0).getMessage());
        answer(ctx, ApiError.ofParameter(parameter, parameter + " " + problem));
    }

    private static String readable(String validationMessage) {
        return switch (validationMessage) {
            case "TYPE_CONVERSION_FAILED" -> "has an invalid value";
            case "NULLCHECK_FAILED" -> "is required";
            default -> validationMessage;
        };
    }

    private static void unavailable(ElasticsearchUnavailableException e, Context ctx) {
        LOG.warn(
                "Elasticsearch unavailable (request {}): {}{}",
                RequestIds.of(ctx),
                e.getMessage(),
                e.getCause() == null ? "" : ": " + LogMasking.mask(String.valueOf(e.getCause())));
        retryLater(ctx);
    }

    /** An error answer of Elasticsearch: overload is worth a retry, anything else is a bug here. */
    private static void elasticsearch(ElasticsearchException e, Context ctx) {
        if (overloaded(e)) {
            LOG.warn(
                    "Elasticsearch overloaded (request {}): {} {}",
                    RequestIds.of(ctx),
                    e.status(),
                    e.error().type());
            retryLater(ctx);
            return;
        }
        unexpected(e, ctx);
    }

    static boolean overloaded(ElasticsearchException e) {
        String type = e.error().type();
        return e.status() == 429
                || e.status() == 503
                || e.status() == 504
                || "es_rejected_execution_exception".equals(type)
                || "circuit_breaking_exception".equals(type);
    }

    private static void retryLater(Context ctx) {
        ctx.header(Header.RETRY_AFTER, RETRY_AFTER_SECONDS);
        answer(
                ctx,
                ApiError.of(
                        HttpStatus.SERVICE_UNAVAILABLE.getCode(),
                        "The order store is unavailable or overloaded, try again shortly"));
    }

    private static void unexpected(Exception e, Context ctx) {
        LOG.error(
                "Unexpected failure on {} {} (request {})",
                ctx.method().name(),
                RequestLog.route(ctx),
                RequestIds.of(ctx),
                LogMasking.mask(e));
        answer(
                ctx,
                ApiError.of(HttpStatus.INTERNAL_SERVER_ERROR.getCode(), "Internal server error"));
    }

    private static void answer(Context ctx, ApiError error) {
        ctx.status(error.status()).json(error.of(RequestIds.of(ctx)));
    }
}
