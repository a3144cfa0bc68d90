package io.ordertrack.api.elasticsearch;

import co.elastic.clients.elasticsearch._types.FieldValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Where the next page of a list starts: the sort values of the last document of a page, as an
 * opaque URL-safe token. A token decodes only to values of the list's own sort: anything else
 * decodes to nothing.
 */
public final class PageCursor {
    /** What one sort value of a list is; any may be missing (null) on a document. */
    public enum SortValue {
        NUMBER,
        TEXT
    }

    /**
     * The longest token given out: sort values are at most a keyword's 1,024 characters each (the
     * indices' {@code ignore_above}: a longer value sorts as missing), at most six bytes each once
     * escaped in JSON, base64-encoded; three such values fit.
     */
    public static final int MAX_LENGTH = 4 * (3 * 6 * 1_024 + 256) / 3;

    private static final ObjectMapper JSON = new ObjectMapper();

    private PageCursor() {}

    public static String encode(List<FieldValue> sortValues) {
        ArrayNode values = JSON.createArrayNode();
        for (FieldValue value : sortValues) {
            if (value.isLong()) {
                values.add(value.longValue());
            } else if (value.isDouble()) {
                values.add(value.doubleValue());
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

    /** The sort values of a token of a list sorted so, or empty when it is not one. */
    public static Optional<List<FieldValue>> decode(String token, List<SortValue> shape) {
        try {
            JsonNode values = JSON.readTree(Base64.getUrlDecoder().decode(token));
            if (values == null || !values.isArray() || values.size() != shape.size()) {
                return Optional.empty();
            }
            List<FieldValue> decoded = new ArrayList<>();
            for (int i = 0; i < shape.size(); i++) {
                JsonNode value = values.get(i);
                if (value.isNull()) {
                    decoded.add(FieldValue.NULL);
                } else if (shape.get(i) == SortValue.NUMBER && value.isIntegralNumber()) {
                    decoded.add(FieldValue.of(value.longValue()));
                } else if (shape.get(i) == SortValue.NUMBER && value.isFloatingPointNumber()) {
                    decoded.add(FieldValue.of(value.doubleValue()));
                } else if (shape.get(i) == SortValue.TEXT && value.isTextual()) {
                    decoded.add(FieldValue.of(value.textValue()));
                } else {
                    return Optional.empty();
                }
            }
            return Optional.of(decoded);
        } catch (IllegalArgumentException | IOException e) {
            return Optional.empty();
        }
    }
}
