package io.ordertrack.benchmarks.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The pipeline as a share of each limit measured in the same run: events/s over events/s,
 * documents/s over documents/s. A limit not measured (0) is left out.
 */
final class LimitRatios {
    private LimitRatios() {}

    /**
     * @param replay each state backend's replay
     * @param consumer limit (a), events/s
     * @param discarding limit (c), events/s
     * @param bulkLoader limit (b), documents/s
     */
    static void report(
            BenchmarkReport report,
            Map<String, PipelineReplay.Rate> replay,
            double consumer,
            double discarding,
            double bulkLoader) {
        Map<String, Object> ratios = new LinkedHashMap<>();
        replay.forEach(
                (state, rate) -> {
                    Map<String, Object> ofState = new LinkedHashMap<>();
                    List<String> shares = new ArrayList<>();
                    share(ofState, shares, "ofConsumer", rate.eventsPerSecond(), consumer);
                    share(
                            ofState,
                            shares,
                            "ofDiscardingPipeline",
                            rate.eventsPerSecond(),
                            discarding);
                    share(
                            ofState,
                            shares,
                            "ofBulkLoader",
                            rate.orderDocumentsPerSecond(),
                            bulkLoader);
                    ratios.put(state, ofState);
                    report.line(
                            "| "
                                    + state
                                    + " pipeline ÷ limits | "
                                    + String.join(" | ", shares)
                                    + " |");
                });
        report.put("ratios", ratios);
    }

    private static void share(
            Map<String, Object> ratios, List<String> shares, String name, double of, double limit) {
        if (limit > 0) {
            ratios.put(name, of / limit);
            shares.add(String.format(Locale.ROOT, "%s %.2f", name, of / limit));
        }
    }
}
