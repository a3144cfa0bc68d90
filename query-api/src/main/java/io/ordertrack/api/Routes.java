package io.ordertrack.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.ordertrack.api.alerts.AlertController;
import io.ordertrack.api.analytics.AnalyticsController;
import io.ordertrack.api.analytics.RoutingAnalyticsController;
import io.ordertrack.api.cod.CodController;
import io.ordertrack.api.docs.DocsController;
import io.ordertrack.api.feeds.FeedHealthController;
import io.ordertrack.api.health.HealthController;
import io.ordertrack.api.http.AcceptedParameters;
import io.ordertrack.api.http.ErrorHandling;
import io.ordertrack.api.http.RateLimiting;
import io.ordertrack.api.http.RequestIds;
import io.ordertrack.api.incidents.IncidentController;
import io.ordertrack.api.ingest.IngestController;
import io.ordertrack.api.inventory.LowStockController;
import io.ordertrack.api.manifests.ManifestController;
import io.ordertrack.api.monitoring.MetricsController;
import io.ordertrack.api.ndr.NdrActionController;
import io.ordertrack.api.orders.OrderController;
import io.ordertrack.api.returns.ReturnController;
import io.ordertrack.api.routing.RoutingController;
import io.ordertrack.api.security.Access;
import io.ordertrack.api.security.ApiKeyAuthentication;
import io.ordertrack.api.tracking.TrackingController;
import io.ordertrack.api.webhooks.WebhookController;
import java.util.List;
import java.util.function.Function;

/**
 * The one table of every route of the API: its method and path, what it gives access to (which key
 * roles may use it), the query parameters it takes (any other answers 400) and the controller
 * method handling it. The OpenAPI document ({@code api/openapi.yaml}) describes every route but the
 * documentation's own.
 */
final class Routes {
    /**
     * A route of the API.
     *
     * @param documented whether the OpenAPI document describes it (all but the document itself and
     *     its UI)
     * @param handler the controller method handling it
     */
    record Route(
            HandlerType method,
            String path,
            Access access,
            AcceptedParameters parameters,
            boolean documented,
            Function<Controllers, Handler> handler) {}

    /** The controllers the routes are handled by. */
    record Controllers(
            HealthController health,
            MetricsController metrics,
            DocsController docs,
            OrderController orders,
            NdrActionController ndrActions,
            AlertController alerts,
            IncidentController incidents,
            FeedHealthController feedHealth,
            LowStockController lowStock,
            AnalyticsController analytics,
            RoutingAnalyticsController routingAnalytics,
            RoutingController routing,
            IngestController ingest,
            TrackingController tracking,
            WebhookController webhooks,
            ManifestController manifests,
            ReturnController returns,
            CodController cod) {}

    private static final AcceptedParameters NONE = AcceptedParameters.of();
    private static final AcceptedParameters ORDER_FILTERS =
            AcceptedParameters.of(
                    "q",
                    "awb",
                    "courier",
                    "clientOrderId",
                    "name",
                    "phone",
                    "bucket",
                    "storeStage",
                    "status",
                    "channel",
                    "warehouse",
                    "paymentMode",
                    "sku",
                    "pincode",
                    "from",
                    "to");
    private static final AcceptedParameters ALERT_FILTERS =
            AcceptedParameters.of("type", "state", "severity", "order", "from", "to");
    private static final AcceptedParameters PAGING = AcceptedParameters.of("size", "after");
    private static final AcceptedParameters RETURN_FILTERS =
            AcceptedParameters.of("returnStage", "olderThanDays");
    private static final AcceptedParameters COD_FILTERS =
            AcceptedParameters.of(
                    "courier", "state", "overdue", "awb", "remittanceId", "from", "to");
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

    /** Every route, in the order they are matched. */
    static final List<Route> TABLE =
            List.of(
                    get("/health", Access.PUBLIC, NONE, c -> c.health()::check),
                    get("/metrics", Access.METRICS, NONE, c -> c.metrics()::scrape),
                    documentation("/openapi.yaml", c -> c.docs()::spec),
                    documentation("/docs", c -> c.docs()::page),
                    get(
                            "/api/orders",
                            Access.SELLER_DATA,
                            ORDER_FILTERS.and(PAGING).and(AcceptedParameters.of("sort")),
                            c -> c.orders()::list),
                    get(
                            "/api/orders/buckets",
                            Access.AGGREGATES,
                            ORDER_FILTERS,
                            c -> c.orders()::bucketCounts),
                    get("/api/orders/{orderId}", Access.SELLER_DATA, NONE, c -> c.orders()::getOne),
                    post(
                            "/api/orders/{orderId}/ndr-action",
                            Access.SELLER_ACTIONS,
                            c -> c.ndrActions()::act),
                    get(
                            "/api/store-orders",
                            Access.AGGREGATES,
                            ORDER_FILTERS,
                            c -> c.orders()::storeOrders),
                    get(
                            "/api/analytics/attempts",
                            Access.AGGREGATES,
                            ORDER_FILTERS.and(AcceptedParameters.of("minSample")),
                            c -> c.orders()::attemptsByHub),
                    get(
                            "/api/channel-orders",
                            Access.AGGREGATES,
                            ORDER_FILTERS,
                            c -> c.orders()::channelOrders),
                    get(
                            "/api/alerts",
                            Access.SELLER_DATA,
                            ALERT_FILTERS.and(PAGING),
                            c -> c.alerts()::list),
                    get(
                            "/api/alerts/counts",
                            Access.AGGREGATES,
                            ALERT_FILTERS,
                            c -> c.alerts()::counts),
                    get(
                            "/api/manifests",
                            Access.SELLER_DATA,
                            AcceptedParameters.of(
                                    "warehouse", "courier", "day", "format", "tenant"),
                            c -> c.manifests()::manifest),
                    get(
                            "/api/returns",
                            Access.SELLER_DATA,
                            ORDER_FILTERS
                                    .and(PAGING)
                                    .and(RETURN_FILTERS)
                                    .and(AcceptedParameters.of("sort")),
                            c -> c.returns()::list),
                    get(
                            "/api/returns/stages",
                            Access.AGGREGATES,
                            ORDER_FILTERS.and(RETURN_FILTERS),
                            c -> c.returns()::stages),
                    get("/api/cod", Access.AGGREGATES, COD_FILTERS, c -> c.cod()::totals),
                    get(
                            "/api/cod/parcels",
                            Access.SELLER_DATA,
                            COD_FILTERS.and(PAGING),
                            c -> c.cod()::list),
                    get(
                            "/api/incidents",
                            Access.AGGREGATES,
                            AcceptedParameters.of("type", "state", "courier", "from", "to")
                                    .and(PAGING),
                            c -> c.incidents()::list),
                    get(
                            "/api/feed-health",
                            Access.AGGREGATES,
                            AcceptedParameters.of("kind", "name", "state").and(PAGING),
                            c -> c.feedHealth()::list),
                    get(
                            "/api/low-stock",
                            Access.SELLER_DATA,
                            AcceptedParameters.of("warehouse", "sku").and(PAGING),
                            c -> c.lowStock()::list),
                    get(
                            "/api/analytics/rto",
                            Access.AGGREGATES,
                            ANALYTICS,
                            c -> c.analytics()::rto),
                    get(
                            "/api/analytics/ndr",
                            Access.AGGREGATES,
                            ANALYTICS,
                            c -> c.analytics()::ndr),
                    get(
                            "/api/analytics/turnaround",
                            Access.AGGREGATES,
                            ANALYTICS,
                            c -> c.analytics()::turnaround),
                    get(
                            "/api/analytics/couriers",
                            Access.AGGREGATES,
                            ANALYTICS,
                            c -> c.analytics()::couriers),
                    get(
                            "/api/analytics/routing",
                            Access.AGGREGATES,
                            AcceptedParameters.of(
                                            "from",
                                            "to",
                                            "groupBy",
                                            "warehouse",
                                            "tenant",
                                            "minSample")
                                    .and(PAGING),
                            c -> c.routingAnalytics()::routing),
                    get(
                            "/api/routing",
                            Access.SELLER_DATA,
                            AcceptedParameters.of(
                                    "destination", "items", "limit", "paymentMode", "tenant"),
                            c -> c.routing()::route),
                    post("/api/webhooks", Access.SELLER_ACTIONS, c -> c.webhooks()::subscribe),
                    get("/api/webhooks", Access.SELLER_DATA, NONE, c -> c.webhooks()::list),
                    get(
                            "/api/webhooks/{subscriptionId}",
                            Access.SELLER_DATA,
                            NONE,
                            c -> c.webhooks()::getOne),
                    new Route(
                            HandlerType.DELETE,
                            "/api/webhooks/{subscriptionId}",
                            Access.SELLER_ACTIONS,
                            NONE,
                            true,
                            c -> c.webhooks()::unsubscribe),
                    get(
                            "/api/webhooks/{subscriptionId}/deliveries",
                            Access.SELLER_DATA,
                            AcceptedParameters.of("state").and(PAGING),
                            c -> c.webhooks()::deliveries),
                    post(
                            "/api/webhooks/{subscriptionId}/deliveries/{deliveryId}/resend",
                            Access.SELLER_ACTIONS,
                            c -> c.webhooks()::resend),
                    get(
                            "/api/track",
                            Access.PARCEL_TRACKING,
                            AcceptedParameters.of("reference", "check"),
                            c -> c.tracking()::track),
                    post(
                            "/ingest/couriers/{courier}",
                            Access.SIGNED_PUSH,
                            c -> c.ingest()::courierPush),
                    post(
                            "/ingest/channels/{channel}",
                            Access.SIGNED_PUSH,
                            c -> c.ingest()::channelPush));

    private Routes() {}

    static void register(
            RoutesConfig routes,
            RequestIds requestIds,
            ApiKeyAuthentication authentication,
            RateLimiting rateLimiting,
            Controllers controllers) {
        routes.before(requestIds);
        routes.beforeMatched(authentication);
        routes.beforeMatched(rateLimiting);
        routes.beforeMatched(AcceptedParameters.check());
        for (Route route : TABLE) {
            routes.addHttpHandler(
                    route.method(),
                    route.path(),
                    route.handler().apply(controllers),
                    route.access(),
                    route.parameters());
        }
        ErrorHandling.register(routes);
    }

    private static Route get(
            String path,
            Access access,
            AcceptedParameters parameters,
            Function<Controllers, Handler> handler) {
        return new Route(HandlerType.GET, path, access, parameters, true, handler);
    }

    /** A route taking a JSON body and no query parameter. */
    private static Route post(String path, Access access, Function<Controllers, Handler> handler) {
        return new Route(HandlerType.POST, path, access, NONE, true, handler);
    }

    /** A route of the API's documentation: public, without parameters, not described in it. */
    private static Route documentation(String path, Function<Controllers, Handler> handler) {
        return new Route(HandlerType.GET, path, Access.PUBLIC, NONE, false, handler);
    }
}
