package io.ordertrack.benchmarks.pipeline;

import io.ordertrack.simulator.SimulatedRecord;
import io.ordertrack.simulator.Simulation;
import io.ordertrack.simulator.SimulationOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * The peer: the first orders' events applied to PostgreSQL the way most order systems do it, one
 * transaction per event and then batched, next to the pipeline's replay rates.
 */
final class PostgresPeerComparison {
    private final BenchmarkReport report;

    PostgresPeerComparison(BenchmarkReport report) {
        this.report = report;
    }

    /**
     * @param peerOrders how many of the simulated orders the peer applies
     * @param replay each state backend's replay, to divide by the peer's rate
     */
    void measure(String jdbcUrl, int peerOrders, Map<String, PipelineReplay.Rate> replay)
            throws Exception {
        Simulation simulation =
                Simulation.of(SimulationOptions.defaults(BenchmarkRun.SEED, peerOrders));
        List<SimulatedRecord> records = new ArrayList<>();
        simulation.forEachRemaining(records::add);
        List<SpecificRecord> events = PostgresPeer.decode(records);
        Map<String, Object> peer = new LinkedHashMap<>();
        peer.put("orders", peerOrders);
        peer.put("events", events.size());
        for (int perTransaction : List.of(1, PostgresPeer.DEFAULT_BATCH)) {
            PostgresPeer.Result result = PostgresPeer.run(jdbcUrl, events, perTransaction);
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("eventsPerSecond", result.eventsPerSecond());
            figures.put("bucketQueryP50Millis", result.bucketQueryP50Millis());
            figures.put("bucketQueryMaxMillis", result.bucketQueryMaxMillis());
            replay.forEach(
                    (state, rate) ->
                            figures.put(
                                    "pipeline-" + state + "-ratio",
                                    rate.eventsPerSecond() / result.eventsPerSecond()));
            peer.put(perTransaction == 1 ? "perEvent" : "batched-" + perTransaction, figures);
            report.row(
                    "PostgreSQL peer, "
                            + (perTransaction == 1
                                    ? "one transaction per event"
                                    : perTransaction + " events per transaction")
                            + " ("
                            + String.format(Locale.ROOT, "%,d", peerOrders)
                            + " orders)",
                    events.size(),
                    result.eventsPerSecond(),
                    String.format(
                            Locale.ROOT,
                            "bucket query p50 %.1f ms; pipeline ÷ peer: %s",
                            result.bucketQueryP50Millis(),
                            ratiosOf(replay, result.eventsPerSecond())));
        }
        report.put("postgresPeer", peer);
    }

    private static String ratiosOf(Map<String, PipelineReplay.Rate> replay, double peerRate) {
        List<String> ratios = new ArrayList<>();
        replay.forEach(
                (state, rate) ->
                        ratios.add(
                                String.format(
                                        Locale.ROOT,
                                        "%s %.1f×",
                                        state,
                                        rate.eventsPerSecond() / peerRate)));
        return String.join(", ", ratios);
    }
}
