package io.ordertrack.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch._types.FieldValue;
import io.ordertrack.api.elasticsearch.PageCursor;
import io.ordertrack.api.elasticsearch.PageCursor.SortValue;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageCursorTest {
    /** The longest keyword a sort can carry, of the characters that take most room once encoded. */
    private static final String WORST_KEYWORD = "\u0001".repeat(1_024);

    @Test
    void theLongestSortValuesFitTheCursorAndTheRequestLine() {
        List<FieldValue> values =
                List.of(
                        FieldValue.of(WORST_KEYWORD),
                        FieldValue.of(WORST_KEYWORD),
                        FieldValue.of(WORST_KEYWORD));

        String token = PageCursor.encode(values);

        assertThat(token.length())
                .isLessThanOrEqualTo(PageCursor.MAX_LENGTH)
                .isLessThan(ApiConnector.REQUEST_HEADER_SIZE - 4_096);
        assertThat(
                        PageCursor.decode(
                                        token,
                                        List.of(SortValue.TEXT, SortValue.TEXT, SortValue.TEXT))
                                .map(PageCursorTest::json))
                .contains(json(values));
    }

    @Test
    void unicodeIdsComeBackAsTheyWere() {
        List<FieldValue> values =
                List.of(
                        FieldValue.of(1_700_000_000_000L),
                        FieldValue.of("अंडमान और निकोबार 🏝 \"x\""));

        assertThat(
                        PageCursor.decode(
                                        PageCursor.encode(values),
                                        List.of(SortValue.NUMBER, SortValue.TEXT))
                                .map(PageCursorTest::json))
                .contains(json(values));
    }

    @Test
    void aTokenOfAnotherSortOrNoneDecodesToNothing() {
        String timeAndId = PageCursor.encode(List.of(FieldValue.of(5L), FieldValue.of("id")));

        assertThat(PageCursor.decode(timeAndId, List.of(SortValue.TEXT, SortValue.TEXT))).isEmpty();
        assertThat(PageCursor.decode(timeAndId, List.of(SortValue.NUMBER))).isEmpty();
        assertThat(PageCursor.decode("not a cursor", List.of(SortValue.NUMBER))).isEmpty();
        assertThat(PageCursor.decode("", List.of(SortValue.NUMBER))).isEmpty();
    }

    private static List<String> json(List<FieldValue> values) {
        return values.stream().map(FieldValue::_toJsonString).toList();
    }
}
