package io.ordertrack.api.analytics;

import co.elastic.clients.elasticsearch._types.FieldValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the next page of groups starts: the key of the last group of a page (its period and
 * dimension values), as an opaque URL-safe token, valid only for the same grouping.
 */
final class GroupCursor {
    private static final ObjectMapper JSON = new ObjectMapper();

    private GroupCursor() {}

    static String encode(Map<String, FieldValue> key) {
        ObjectNode values = JSON.createObjectNode();
        key.forEach(
                (name, value) -> {
                    if (value.isLong()) {
                        values.put(name, value.longValue());
                    } else {
                        values.put(name, value._toJsonString());
                    }
                });
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(values.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The key of a token given out for the same grouping, or empty when it is not one. */
    static Optional<Map<String, FieldValue>> decode(String token, List<String> names) {
        try {
            JsonNode values = JSON.readTree(Base64.getUrlDecoder().decode(token));
            if (values == null || !values.isObject() || values.size() != names.size()) {
                return Optional.empty();
            }
            Map<String, FieldValue> key = new LinkedHashMap<>();
            for (String name : names) {
                JsonNode value = values.get(name);
                if (value == null) {
                    return Optional.empty();
                }
                boolean period = name.equals(CohortSearch.PERIOD);
                if (period && value.isIntegralNumber()) {
                    key.put(name, FieldValue.of(value.longValue()));
                } else if (!period && value.isTextual()) {
                    key.put(name, FieldValue.of(value.textValue()));
                } else {
                    return Optional.empty();
                }
            }
            Iterator<String> given = values.fieldNames();
            while (given.hasNext()) {
                if (!key.containsKey(given.next())) {
                    return Optional.empty();
                }
            }
            return Optional.of(key);
        } catch (IllegalArgumentException | IOException e) {
            return Optional.empty();
        }
    }
}
