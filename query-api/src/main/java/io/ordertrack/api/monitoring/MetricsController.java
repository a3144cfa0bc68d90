package io.ordertrack.api.monitoring;

import io.javalin.http.Context;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * {@code GET /metrics} (Prometheus text format 0.0.4): every metric of the API's registry,
 * collected at each scrape.
 */
public final class MetricsController {
    private static final PrometheusTextFormatWriter TEXT = PrometheusTextFormatWriter.create();

    private final PrometheusRegistry registry;

    public MetricsController(PrometheusRegistry registry) {
        this.registry = registry;
    }

    public void scrape(Context ctx) throws IOException {
        // Written whole before it is sent: a collector that fails answers 500, not a cut-off body.
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        TEXT.write(text, registry.scrape());
        ctx.contentType(TEXT.getContentType()).result(text.toByteArray());
    }
}
