package io.ordertrack.api.http;

import io.javalin.http.Context;
import io.javalin.http.RequestLogger;
import io.javalin.router.Endpoint;
import io.ordertrack.api.monitoring.RequestMetrics;
import io.ordertrack.api.security.ApiKeyAuthentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per request: method, route, status, time, request id and caller (tenant or role, and
 * key id), and the request's count and latency in the metrics. It logs the route template ({@code
 * /api/orders/{orderId}}), never the raw path or query string, so phone numbers and addresses
 * searched for stay out of the logs.
 */
public final class RequestLog implements RequestLogger {
    private static final Logger LOG = LoggerFactory.getLogger(RequestLog.class);
    private static final String UNMATCHED = "(no route)";

    private final RequestMetrics metrics;

    public RequestLog(RequestMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void handle(Context ctx, Float executionTimeMs) {
        metrics.record(ctx.method().name(), route(ctx), ctx.statusCode(), executionTimeMs);
        if (!LOG.isInfoEnabled()) {
            return;
        }
        LOG.info(
                "{} {} {} {}ms id={} caller={}",
                ctx.method().name(),
                route(ctx),
                ctx.statusCode(),
                Math.round(executionTimeMs),
                RequestIds.of(ctx),
                ApiKeyAuthentication.callerIfAuthenticated(ctx).map(Object::toString).orElse("-"));
    }

    /** The matched route template; a path that matched no route is not logged at all. */
    static String route(Context ctx) {
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        return endpoint != null && !endpoint.path.isEmpty() ? endpoint.path : UNMATCHED;
    }
}
