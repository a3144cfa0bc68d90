package io.ordertrack.api.orders;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A page of order documents as stored, with the number of all matching orders ({@code total} may
 * exceed the number of {@code orders} returned) and the cursor of the next page, null on the last.
 */
public record OrderList(List<ObjectNode> orders, long total, String next) {
    public OrderList {
        orders = List.copyOf(orders);
    }
}
