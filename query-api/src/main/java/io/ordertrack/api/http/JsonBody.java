package io.ordertrack.api.http;

import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.Context;
import io.javalin.http.UnsupportedMediaTypeResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/** The JSON body of a request, read up to a limit: 415 when it is not JSON, 413 past the limit. */
public final class JsonBody {
    private JsonBody() {}

    /** The body's bytes, at most {@code maxBytes} of them. */
    public static byte[] read(Context ctx, int maxBytes) {
        if (!isJson(ctx.contentType())) {
            throw new UnsupportedMediaTypeResponse(
                    "The body must be JSON, sent as Content-Type: application/json");
        }
        if (ctx.contentLength() > maxBytes) {
            throw tooLarge(maxBytes);
        }
        byte[] body;
        try {
            body = ctx.bodyInputStream().readNBytes(maxBytes + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the request body", e);
        }
        if (body.length > maxBytes) {
            throw tooLarge(maxBytes);
        }
        return body;
    }

    /** {@code application/json}, with no charset or UTF-8 (JSON's own). */
    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.toLowerCase(Locale.ROOT).split(";");
        if (!parts[0].strip().equals("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip().replace("\"", "");
            if (parameter.startsWith("charset=") && !parameter.equals("charset=utf-8")) {
                return false;
            }
        }
        return true;
    }

    private static ContentTooLargeResponse tooLarge(int maxBytes) {
        return new ContentTooLargeResponse("The body is too large: at most " + maxBytes + " bytes");
    }
}
