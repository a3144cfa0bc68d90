package io.ordertrack.api.orders;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A page of order documents as stored, with the number of all matching orders ({@code total} may
 * exceed the number of {@code orders} returned; exact up to 10,000, past that at least 10,000 and
 * {@code totalExact} false) and the cursor of the next page, null on the last.
 */
public record OrderList(List<ObjectNode> orders, long total, boolean totalExact, String next) {
    public OrderList {
        orders = List.copyOf(orders);
    }
}
