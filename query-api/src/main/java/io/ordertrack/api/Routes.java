package io.ordertrack.api;

import io.javalin.config.RoutesConfig;
import io.ordertrack.api.alerts.AlertController;
import io.ordertrack.api.analytics.AnalyticsController;
import io.ordertrack.api.analytics.RoutingAnalyticsController;
import io.ordertrack.api.docs.DocsController;
import io.ordertrack.api.health.HealthController;
import io.ordertrack.api.http.ErrorHandling;
import io.ordertrack.api.inventory.LowStockController;
import io.ordertrack.api.metrics.MetricsController;
import io.ordertrack.api.orders.OrderController;
import io.ordertrack.api.routing.RoutingController;
import io.ordertrack.api.security.Access;
import io.ordertrack.api.security.ApiKeyAuthentication;

/** The one table of every route of the API. Routes need an API key unless marked PUBLIC. */
final class Routes {
    private Routes() {}

    static void register(
            RoutesConfig routes,
            ApiKeyAuthentication authentication,
            HealthController health,
            MetricsController metrics,
            DocsController docs,
            OrderController orders,
            AlertController alerts,
            LowStockController lowStock,
            AnalyticsController analytics,
            RoutingAnalyticsController routingAnalytics,
            RoutingController routing) {
        routes.beforeMatched(authentication);

        routes.get("/health", health::check, Access.PUBLIC);
        routes.get("/metrics", metrics::scrape);
        routes.get("/openapi.yaml", docs::spec, Access.PUBLIC);
        routes.get("/docs", docs::page, Access.PUBLIC);

        routes.get("/api/orders", orders::list);
        routes.get("/api/orders/buckets", orders::bucketCounts);
        routes.get("/api/orders/{orderId}", orders::getOne);
        routes.get("/api/store-orders", orders::storeOrders);
        routes.get("/api/channel-orders", orders::channelOrders);
        routes.get("/api/alerts", alerts::list);
        routes.get("/api/alerts/counts", alerts::counts);
        routes.get("/api/low-stock", lowStock::list);
        routes.get("/api/analytics/rto", analytics::rto);
        routes.get("/api/analytics/ndr", analytics::ndr);
        routes.get("/api/analytics/turnaround", analytics::turnaround);
        routes.get("/api/analytics/couriers", analytics::couriers);
        routes.get("/api/analytics/routing", routingAnalytics::routing);
        routes.get("/api/routing", routing::route);

        ErrorHandling.register(routes);
    }
}
