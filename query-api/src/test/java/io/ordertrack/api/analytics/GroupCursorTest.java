package io.ordertrack.api.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch._types.FieldValue;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GroupCursorTest {
    private static final List<String> NAMES = List.of("period", "courier");

    @Test
    void aCursorGivenOutDecodesToTheSameKey() {
        Map<String, FieldValue> key = new LinkedHashMap<>();
        key.put("period", FieldValue.of(1_772_303_400_000L));
        key.put("courier", FieldValue.of("DELHIVERY"));

        Map<String, FieldValue> decoded = GroupCursor.decode(GroupCursor.encode(key), NAMES).get();

        assertThat(decoded.get("period").longValue()).isEqualTo(1_772_303_400_000L);
        assertThat(decoded.get("courier").stringValue()).isEqualTo("DELHIVERY");
    }

    @Test
    void anythingElseIsNoCursor() {
        assertThat(GroupCursor.decode("not base64!", NAMES)).isEmpty();
        assertThat(GroupCursor.decode(token("[1, \"x\"]"), NAMES)).isEmpty();
        assertThat(GroupCursor.decode(token("{\"courier\": \"X\"}"), NAMES))
                .as("another grouping")
                .isEmpty();
        assertThat(GroupCursor.decode(token("{\"period\": \"x\", \"courier\": \"X\"}"), NAMES))
                .as("a period that is not a time")
                .isEmpty();
        assertThat(
                        GroupCursor.decode(
                                token("{\"period\": 1, \"courier\": {\"match_all\": {}}}"), NAMES))
                .as("a value that is not text")
                .isEmpty();
    }

    private static String token(String json) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
