package io.ordertrack.api.elasticsearch;

import co.elastic.clients.elasticsearch._types.FieldValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Where the next page of a list starts: the sort values of the last document of a page (a time and
 * an id), as an opaque URL-safe token. A token that is not one decodes to nothing.
 */
public final class PageCursor {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PageCursor() {}

    public static String encode(List<FieldValue> sortValues) {
        ArrayNode values = JSON.createArrayNode();
        for (FieldValue value : sortValues) {
            if (value.isLong()) {
                values.add(value.longValue());
            } else if (value.isString()) {
                values.add(value.stringValue());
            } else {
                values.addNull();
            }
        }
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(values.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The sort values of a token, or empty when the token is not one this API gave out. */
    public static Optional<List<FieldValue>> decode(String token) {
        try {
            JsonNode values = JSON.readTree(Base64.getUrlDecoder().decode(token));
            if (values == null
                    || !values.isArray()
                    || values.size() != 2
                    || !(values.get(0).isIntegralNumber() || values.get(0).isNull())
                    || !values.get(1).isTextual()) {
                return Optional.empty();
            }
            FieldValue time =
                    values.get(0).isNull()
                            ? FieldValue.NULL
                            : FieldValue.of(values.get(0).longValue());
            return Optional.of(List.of(time, FieldValue.of(values.get(1).textValue())));
        } catch (IllegalArgumentException | IOException e) {
            return Optional.empty();
        }
    }
}
