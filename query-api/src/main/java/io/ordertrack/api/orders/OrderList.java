package io.ordertrack.api.orders;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A page of order documents as stored, with the number of all matching orders ({@code total} may
 * exceed the number of {@code orders} returned).
 */
public record OrderList(List<ObjectNode> orders, long total) {
    public OrderList {
        orders = List.copyOf(orders);
    }
}
