package io.ordertrack.api;

import io.javalin.config.RoutesConfig;
import io.ordertrack.api.alerts.AlertController;
import io.ordertrack.api.analytics.AnalyticsController;
import io.ordertrack.api.analytics.RoutingAnalyticsController;
import io.ordertrack.api.docs.DocsController;
import io.ordertrack.api.health.HealthController;
import io.ordertrack.api.http.AcceptedParameters;
import io.ordertrack.api.http.ErrorHandling;
import io.ordertrack.api.http.RateLimiting;
import io.ordertrack.api.http.RequestIds;
import io.ordertrack.api.inventory.LowStockController;
import io.ordertrack.api.metrics.MetricsController;
import io.ordertrack.api.orders.OrderController;
import io.ordertrack.api.routing.RoutingController;
import io.ordertrack.api.security.Access;
import io.ordertrack.api.security.ApiKeyAuthentication;

/**
 * The one table of every route of the API: what each gives access to (which key roles may use it)
 * and the query parameters it takes (any other answers 400).
 */
final class Routes {
    private static final AcceptedParameters ORDER_FILTERS =
            AcceptedParameters.of(
                    "awb",
                    "courier",
                    "clientOrderId",
                    "name",
                    "phone",
                    "bucket",
                    "status",
                    "channel",
                    "warehouse",
                    "paymentMode",
                    "sku",
                    "pincode",
                    "from",
                    "to");
    private static final AcceptedParameters ALERT_FILTERS =
            AcceptedParameters.of("type", "state", "severity", "from", "to");
    private static final AcceptedParameters PAGING = AcceptedParameters.of("size", "after");
    private static final AcceptedParameters ANALYTICS =
            AcceptedParameters.of(
                            "from",
                            "to",
                            "interval",
                            "groupBy",
                            "minSample",
                            "tenant",
                            "courier",
                            "pincode",
                            "state",
                            "city",
                            "channel",
                            "paymentMode",
                            "warehouse")
                    .and(PAGING);

    private Routes() {}

    static void register(
            RoutesConfig routes,
            RequestIds requestIds,
            ApiKeyAuthentication authentication,
            RateLimiting rateLimiting,
            HealthController health,
            MetricsController metrics,
            DocsController docs,
            OrderController orders,
            AlertController alerts,
            LowStockController lowStock,
            AnalyticsController analytics,
            RoutingAnalyticsController routingAnalytics,
            RoutingController routing) {
        routes.before(requestIds);
        routes.beforeMatched(authentication);
        routes.beforeMatched(rateLimiting);
        routes.beforeMatched(AcceptedParameters.check());

        routes.get("/health", health::check, Access.PUBLIC);
        routes.get("/metrics", metrics::scrape, Access.METRICS);
        routes.get("/openapi.yaml", docs::spec, Access.PUBLIC);
        routes.get("/docs", docs::page, Access.PUBLIC);

        routes.get(
                "/api/orders",
                orders::list,
                Access.SELLER_DATA,
                ORDER_FILTERS.and(PAGING).and(AcceptedParameters.of("sort")));
        routes.get("/api/orders/buckets", orders::bucketCounts, Access.AGGREGATES, ORDER_FILTERS);
        routes.get("/api/orders/{orderId}", orders::getOne, Access.SELLER_DATA);
        routes.get("/api/store-orders", orders::storeOrders, Access.AGGREGATES, ORDER_FILTERS);
        routes.get("/api/channel-orders", orders::channelOrders, Access.AGGREGATES, ORDER_FILTERS);
        routes.get("/api/alerts", alerts::list, Access.SELLER_DATA, ALERT_FILTERS.and(PAGING));
        routes.get("/api/alerts/counts", alerts::counts, Access.AGGREGATES, ALERT_FILTERS);
        routes.get(
                "/api/low-stock",
                lowStock::list,
                Access.SELLER_DATA,
                AcceptedParameters.of("warehouse", "sku").and(PAGING));
        routes.get("/api/analytics/rto", analytics::rto, Access.AGGREGATES, ANALYTICS);
        routes.get("/api/analytics/ndr", analytics::ndr, Access.AGGREGATES, ANALYTICS);
        routes.get(
                "/api/analytics/turnaround", analytics::turnaround, Access.AGGREGATES, ANALYTICS);
        routes.get("/api/analytics/couriers", analytics::couriers, Access.AGGREGATES, ANALYTICS);
        routes.get(
                "/api/analytics/routing",
                routingAnalytics::routing,
                Access.AGGREGATES,
                AcceptedParameters.of("from", "to", "groupBy", "warehouse", "tenant", "minSample")
                        .and(PAGING));
        routes.get(
                "/api/routing",
                routing::route,
                Access.SELLER_DATA,
                AcceptedParameters.of("destination", "items", "limit", "paymentMode", "tenant"));

        ErrorHandling.register(routes);
    }
}
