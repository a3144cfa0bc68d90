package io.ordertrack.api.orders;

import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.mapping.FieldType;
import io.ordertrack.api.elasticsearch.PageCursor;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** How an order list is ordered; the order id breaks ties, so pages never skip or repeat. */
public enum OrderSort {
    NEWEST_PLACED("-placedAt", "placedAt", SortOrder.Desc),
    OLDEST_PLACED("placedAt", "placedAt", SortOrder.Asc),
    LATEST_EVENT("-lastEventAt", "lastEventAt", SortOrder.Desc),
    EARLIEST_EVENT("lastEventAt", "lastEventAt", SortOrder.Asc);

    /** The sort values of every order sort: a time, then the order id. */
    public static final List<PageCursor.SortValue> CURSOR =
            List.of(PageCursor.SortValue.NUMBER, PageCursor.SortValue.TEXT);

    private final String parameter;
    private final String field;
    private final SortOrder order;

    OrderSort(String parameter, String field, SortOrder order) {
        this.parameter = parameter;
        this.field = field;
        this.order = order;
    }

    /** The sort a {@code sort} parameter names, e.g. {@code -placedAt}. */
    public static Optional<OrderSort> named(String parameter) {
        return Arrays.stream(values()).filter(s -> s.parameter.equals(parameter)).findFirst();
    }

    /** The accepted {@code sort} values. */
    public static List<String> names() {
        return Arrays.stream(values()).map(s -> s.parameter).toList();
    }

    List<SortOptions> options() {
        return by(field, order);
    }

    /**
     * Sorting by a time field (documents without it last when newest first, else first), then by
     * the order id: a sort {@link #CURSOR} pages through.
     */
    public static List<SortOptions> by(String field, SortOrder order) {
        return List.of(
                SortOptions.of(
                        s ->
                                s.field(
                                        f ->
                                                f.field(field)
                                                        .order(order)
                                                        .missing(
                                                                order == SortOrder.Desc
                                                                        ? "_last"
                                                                        : "_first")
                                                        .unmappedType(FieldType.Date))),
                SortOptions.of(
                        s ->
                                s.field(
                                        f ->
                                                f.field("orderId")
                                                        .order(SortOrder.Asc)
                                                        .unmappedType(FieldType.Keyword))));
    }
}
