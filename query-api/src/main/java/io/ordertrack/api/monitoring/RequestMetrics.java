package io.ordertrack.api.monitoring;

import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * Request counts and latencies by method, route template and status: a latency histogram per
 * series, whose {@code _count} is the request count. Route templates, never raw paths, so no
 * searched-for value becomes a label.
 */
public final class RequestMetrics {
    /** Upper bounds of the latency buckets, in seconds. */
    private static final double[] BOUNDS = {
        0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5
    };

    private final Histogram durations;

    /** Registers the request histogram in {@code registry}, the one {@code /metrics} shows. */
    public RequestMetrics(PrometheusRegistry registry) {
        durations =
                Histogram.builder()
                        .name("ordertrack_http_request_duration_seconds")
                        .help("API requests by method, route and status, and how long they took.")
                        .labelNames("method", "route", "status")
                        .classicUpperBounds(BOUNDS)
                        // The text format /metrics serves has no native histograms.
                        .classicOnly()
                        .register(registry);
    }

    public void record(String method, String route, int status, double milliseconds) {
        durations.labelValues(method, route, String.valueOf(status)).observe(milliseconds / 1000);
    }
}
