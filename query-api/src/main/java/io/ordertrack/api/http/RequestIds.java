package io.ordertrack.api.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Gives every request an id, answered in the {@code X-Request-Id} header and logged with it, so
 * that an error a client reports can be found in the log. The id is made here, never taken from the
 * request: a client's text does not reach the log.
 */
public final class RequestIds implements Handler {
    public static final String HEADER = "X-Request-Id";

    private static final String ATTRIBUTE = "ordertrack.requestId";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public void handle(Context ctx) {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        ctx.attribute(ATTRIBUTE, id);
        ctx.header(HEADER, id);
    }

    /** The id of the request, or "-" for one answered before it got one. */
    public static String of(Context ctx) {
        String id = ctx.attribute(ATTRIBUTE);
        return id == null ? "-" : id;
    }
}
