package io.ordertrack.api.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.router.EndpointNotFound;
import io.javalin.validation.ValidationError;
import io.javalin.validation.ValidationException;
import io.ordertrack.api.elasticsearch.ElasticsearchUnavailableException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into the one {@link ApiError} shape. Client mistakes keep their message;
 * anything unexpected answers a bare 500 and is logged (masked), never shown.
 */
public final class ErrorHandling {
    /** The detail key of a {@link HttpResponseException} naming the parameter at fault. */
    public static final String PARAMETER = "parameter";

    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandling.class);

    private ErrorHandling() {}

    public static void register(RoutesConfig routes) {
        routes.exception(HttpResponseException.class, ErrorHandling::httpResponse);
        routes.exception(ValidationException.class, ErrorHandling::validation);
        routes.exception(ElasticsearchUnavailableException.class, ErrorHandling::unavailable);
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
        LOG.warn("Elasticsearch unavailable: {}", LogMasking.mask(String.valueOf(e.getCause())));
        answer(
                ctx,
                ApiError.of(
                        HttpStatus.SERVICE_UNAVAILABLE.getCode(),
                        "The order store is unavailable, try again shortly"));
    }

    private static void unexpected(Exception e, Context ctx) {
        LOG.error(
                "Unexpected failure on {} {}",
                ctx.method().name(),
                RequestLog.route(ctx),
                LogMasking.mask(e));
        answer(
                ctx,
                ApiError.of(HttpStatus.INTERNAL_SERVER_ERROR.getCode(), "Internal server error"));
    }

    private static void answer(Context ctx, ApiError error) {
        ctx.status(error.status()).json(error);
    }
}
