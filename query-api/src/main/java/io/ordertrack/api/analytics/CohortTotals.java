package io.ordertrack.api.analytics;

import java.util.Map;

/**
 * The metrics of the cohorts of one group summed: by the group's values (its period, as an ISO
 * instant, under {@code period}, and one value per grouping dimension), each counter of the
 * order-metrics index, the counts per NDR reason (by the object counting them, {@link
 * io.ordertrack.documents.CohortCounters#BY_NDR_REASON}) and the turnaround percentiles in minutes
 * ({@code p50}, {@code p90}, {@code p99}; empty without deliveries).
 */
record CohortTotals(
        Map<String, String> group,
        Map<String, Long> counts,
        Map<String, Map<String, Long>> byNdrReason,
        Map<String, Double> turnaroundMinutes) {

    long count(String counter) {
        return counts.getOrDefault(counter, 0L);
    }

    /** The counts per NDR reason of an object of {@code CohortCounters.BY_NDR_REASON}. */
    Map<String, Long> byNdrReason(String counts) {
        return byNdrReason.getOrDefault(counts, Map.of());
    }

    /** The shipments that ended: delivered or RTO. */
    long ended() {
        return count("delivered") + count("rto");
    }

    /** RTO ÷ (delivered + RTO), hidden under {@code minSample} ended shipments. */
    Rate rtoRate(int minSample) {
        return Rate.of(count("rto"), ended(), minSample);
    }
}
