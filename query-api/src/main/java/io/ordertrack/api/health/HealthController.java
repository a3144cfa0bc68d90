package io.ordertrack.api.health;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

/** {@code GET /health}: 200 when the API can serve reads, 503 when Elasticsearch cannot. */
public final class HealthController {
    private final ElasticsearchHealth elasticsearch;

    public HealthController(ElasticsearchHealth elasticsearch) {
        this.elasticsearch = elasticsearch;
    }

    public void check(Context ctx) {
        HealthReport report = elasticsearch.check();
        ctx.status(report.isUp() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json(report);
    }
}
