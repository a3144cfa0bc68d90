package io.ordertrack.api.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.javalin.http.HttpStatus;

/**
 * The one JSON shape of every error answer: {@code {"status":400,"error":"Bad Request",
 * "message":"...","parameter":"awb"}}; {@code parameter} only when a request parameter is at fault.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(int status, String error, String message, String parameter) {

    public static ApiError of(int status, String message) {
        return new ApiError(status, HttpStatus.forStatus(status).getMessage(), message, null);
    }

    public static ApiError ofParameter(String parameter, String message) {
        return new ApiError(
                HttpStatus.BAD_REQUEST.getCode(),
                HttpStatus.BAD_REQUEST.getMessage(),
                message,
                parameter);
    }
}
