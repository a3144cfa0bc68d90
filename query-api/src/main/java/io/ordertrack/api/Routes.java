package io.ordertrack.api;

import io.javalin.config.RoutesConfig;
import io.ordertrack.api.health.HealthController;
import io.ordertrack.api.http.ErrorHandling;
import io.ordertrack.api.orders.OrderController;
import io.ordertrack.api.security.Access;
import io.ordertrack.api.security.ApiKeyAuthentication;

/** The one table of every route of the API. Routes need an API key unless marked PUBLIC. */
final class Routes {
    private Routes() {}

    static void register(
            RoutesConfig routes,
            ApiKeyAuthentication authentication,
            HealthController health,
            OrderController orders) {
        routes.beforeMatched(authentication);

        routes.get("/health", health::check, Access.PUBLIC);

        routes.get("/api/orders", orders::list);
        routes.get("/api/orders/buckets", orders::bucketCounts);
        routes.get("/api/orders/{orderId}", orders::getOne);
        routes.get("/api/store-orders", orders::storeOrders);
        routes.get("/api/channel-orders", orders::channelOrders);

        ErrorHandling.register(routes);
    }
}
