package io.ordertrack.api.analytics;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * Minutes from dispatch to delivery: the 50th, 90th and 99th percentiles over a sample of
 * deliveries, hidden under the minimum sample ({@code enoughSample} false).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
record Turnaround(long sample, Double p50, Double p90, Double p99, boolean enoughSample) {

    static Turnaround of(long delivered, Map<String, Double> percentiles, int minSample) {
        if (delivered == 0 || delivered < minSample || percentiles.isEmpty()) {
            return new Turnaround(delivered, null, null, null, false);
        }
        return new Turnaround(
                delivered,
                percentiles.get("p50"),
                percentiles.get("p90"),
                percentiles.get("p99"),
                true);
    }
}
