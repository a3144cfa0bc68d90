package io.ordertrack.api.health;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

/**
 * {@code GET /health}: 200 when UP or DEGRADED (the API still serves reads, possibly stale: the
 * body says so), 503 when DOWN.
 */
public final class HealthController {
    private final HealthCheck health;

    public HealthController(HealthCheck health) {
        this.health = health;
    }

    public void check(Context ctx) {
        HealthReport report = health.check();
        ctx.status(report.isDown() ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK).json(report);
    }
}
