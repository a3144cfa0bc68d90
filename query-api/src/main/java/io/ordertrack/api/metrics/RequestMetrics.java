package io.ordertrack.api.metrics;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * Request counts and latencies by method, route template and status, in the Prometheus text format
 * ({@code GET /metrics}): a latency histogram per series, whose {@code _count} is the request
 * count. Route templates, never raw paths, so no searched-for value becomes a label.
 */
public final class RequestMetrics {
    /** Upper bounds of the latency buckets, in seconds. */
    private static final double[] BOUNDS = {
        0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5
    };

    private record Series(String method, String route, int status) {}

    private static final class Histogram {
        final AtomicLongArray buckets = new AtomicLongArray(BOUNDS.length + 1);
        final DoubleAdder sum = new DoubleAdder();

        void observe(double seconds) {
            int bucket = 0;
            while (bucket < BOUNDS.length && seconds > BOUNDS[bucket]) {
                bucket++;
            }
            buckets.incrementAndGet(bucket);
            sum.add(seconds);
        }
    }

    private final Map<Series, Histogram> series = new ConcurrentHashMap<>();

    public void record(String method, String route, int status, double milliseconds) {
        series.computeIfAbsent(new Series(method, route, status), s -> new Histogram())
                .observe(milliseconds / 1000);
    }

    /** Every series, in the Prometheus text exposition format, sorted for stable output. */
    public String text() {
        StringBuilder out = new StringBuilder();
        out.append("# HELP ordertrack_http_request_duration_seconds API requests by method,")
                .append(" route and status, and how long they took.\n")
                .append("# TYPE ordertrack_http_request_duration_seconds histogram\n");
        Map<String, Series> sorted = new TreeMap<>();
        series.keySet()
                .forEach(s -> sorted.put(s.route() + " " + s.method() + " " + s.status(), s));
        for (Series key : sorted.values()) {
            Histogram histogram = series.get(key);
            String labels =
                    String.format(
                            Locale.ROOT,
                            "method=\"%s\",route=\"%s\",status=\"%d\"",
                            key.method(),
                            escape(key.route()),
                            key.status());
            long cumulative = 0;
            for (int i = 0; i <= BOUNDS.length; i++) {
                cumulative += histogram.buckets.get(i);
                String bound = i < BOUNDS.length ? String.valueOf(BOUNDS[i]) : "+Inf";
                out.append("ordertrack_http_request_duration_seconds_bucket{")
                        .append(labels)
                        .append(",le=\"")
                        .append(bound)
                        .append("\"} ")
                        .append(cumulative)
                        .append('\n');
            }
            out.append("ordertrack_http_request_duration_seconds_sum{")
                    .append(labels)
                    .append("} ")
                    .append(String.format(Locale.ROOT, "%.6f", histogram.sum.sum()))
                    .append('\n')
                    .append("ordertrack_http_request_duration_seconds_count{")
                    .append(labels)
                    .append("} ")
                    .append(cumulative)
                    .append('\n');
        }
        return out.toString();
    }

    private static String escape(String label) {
        return label.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
