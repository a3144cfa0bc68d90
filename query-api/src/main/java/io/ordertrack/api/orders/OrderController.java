package io.ordertrack.api.orders;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.ordertrack.api.http.Parameters;
import io.ordertrack.api.security.ApiKeyAuthentication;
import io.ordertrack.api.security.TenantScope;
import java.util.Optional;

/** HTTP I/O of order lookups; the queries live in {@link OrderRepository}. */
public final class OrderController {
    private static final String AWB = "awb";
    private static final String CLIENT_ORDER_ID = "clientOrderId";
    private static final String COURIER = "courier";

    private final OrderRepository orders;

    public OrderController(OrderRepository orders) {
        this.orders = orders;
    }

    /**
     * {@code GET /api/orders/{orderId}}: the stored order document. Another tenant's order answers
     * 404 exactly like a missing one.
     */
    public void getOne(Context ctx) {
        TenantScope scope = ApiKeyAuthentication.scope(ctx);
        String orderId = Parameters.pathId(ctx, "orderId");
        ctx.json(
                orders.findById(scope, orderId)
                        .orElseThrow(() -> new NotFoundResponse("Order not found")));
    }

    /**
     * {@code GET /api/orders?awb=...[&courier=...]} or {@code GET /api/orders?clientOrderId=...}:
     * exactly one of {@code awb} and {@code clientOrderId}.
     */
    public void search(Context ctx) {
        TenantScope scope = ApiKeyAuthentication.scope(ctx);
        Optional<String> awb = Parameters.queryText(ctx, AWB);
        Optional<String> clientOrderId = Parameters.queryText(ctx, CLIENT_ORDER_ID);
        Optional<String> courier = Parameters.queryText(ctx, COURIER);
        if (awb.isPresent() && clientOrderId.isPresent()) {
            throw Parameters.invalid(CLIENT_ORDER_ID, "Give either awb or clientOrderId, not both");
        }
        if (awb.isPresent()) {
            ctx.json(orders.findByAwb(scope, awb.get(), courier));
        } else if (clientOrderId.isPresent()) {
            if (courier.isPresent()) {
                throw Parameters.invalid(COURIER, "courier only narrows a search by awb");
            }
            ctx.json(orders.findByClientOrderId(scope, clientOrderId.get()));
        } else {
            throw Parameters.invalid(AWB, "One of awb or clientOrderId is required");
        }
    }
}
