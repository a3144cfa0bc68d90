package io.ordertrack.api.returns;

import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import io.ordertrack.api.orders.OrderSort;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** How the returns view is ordered; the order id breaks ties ({@link OrderSort#CURSOR} pages). */
public enum ReturnSort {
    NEWEST_REQUESTED("-requestedAt", "customerReturn.requestedAt", SortOrder.Desc),
    OLDEST_REQUESTED("requestedAt", "customerReturn.requestedAt", SortOrder.Asc),
    LONGEST_AT_STAGE("since", "customerReturn.since", SortOrder.Asc),
    LATEST_AT_STAGE("-since", "customerReturn.since", SortOrder.Desc);

    private final String parameter;
    private final String field;
    private final SortOrder order;

    ReturnSort(String parameter, String field, SortOrder order) {
        this.parameter = parameter;
        this.field = field;
        this.order = order;
    }

    static Optional<ReturnSort> named(String parameter) {
        return Arrays.stream(values()).filter(s -> s.parameter.equals(parameter)).findFirst();
    }

    static List<String> names() {
        return Arrays.stream(values()).map(s -> s.parameter).toList();
    }

    List<SortOptions> options() {
        return OrderSort.by(field, order);
    }
}
