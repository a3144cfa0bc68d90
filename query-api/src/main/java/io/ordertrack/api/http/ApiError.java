package io.ordertrack.api.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.javalin.http.HttpStatus;

/**
 * The one JSON shape of every error answer: {@code {"status":400,"error":"Bad Request",
 * "message":"...","parameter":"awb","requestId":"…"}}; {@code parameter} only when a request
 * parameter is at fault; {@code requestId} as in the {@code X-Request-Id} header and the log.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(
        int status, String error, String message, String parameter, String requestId) {

    public static ApiError of(int status, String message) {
        return new ApiError(status, HttpStatus.forStatus(status).getMessage(), message, null, null);
    }

    public static ApiError ofParameter(String parameter, String message) {
        return new ApiError(
                HttpStatus.BAD_REQUEST.getCode(),
                HttpStatus.BAD_REQUEST.getMessage(),
                message,
                parameter,
                null);
    }

    /** This error of the request with the id. */
    public ApiError of(String id) {
        return new ApiError(status, error, message, parameter, id);
    }
}
