package io.ordertrack.api.metrics;

import io.javalin.http.Context;
import io.ordertrack.api.health.HealthCheck;

/**
 * {@code GET /metrics} (Prometheus text): the API's request metrics and the health of the live
 * view, checked at each scrape.
 */
public final class MetricsController {
    private final RequestMetrics requests;
    private final HealthCheck health;

    public MetricsController(RequestMetrics requests, HealthCheck health) {
        this.requests = requests;
        this.health = health;
    }

    public void scrape(Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(requests.text() + HealthGauges.text(health.check()));
    }
}
