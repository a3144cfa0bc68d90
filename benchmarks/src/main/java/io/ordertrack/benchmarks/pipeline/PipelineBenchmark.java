package io.ordertrack.benchmarks.pipeline;

import io.ordertrack.benchmarks.CommandLine;
import io.ordertrack.connections.ElasticsearchSecurity;
import io.ordertrack.connections.KafkaSecurity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The pipeline benchmark: the same simulated events, preloaded in Kafka, through the whole pipeline
 * (Kafka → Flink → Elasticsearch) with heap and with RocksDB state, next to the limits measured in
 * the same run — a plain consumer that only reads and decodes them, a plain bulk loader writing the
 * pipeline's final documents, the pipeline with its Elasticsearch sinks discarding — then freshness
 * through the API at a steady live rate, the PostgreSQL peer, and memory. Each phase is a class of
 * its own; this one reads the command line and runs the phases asked for, in that order.
 *
 * <p>Usage: {@code deploy/local/pipeline-benchmark.sh [--orders N] [--states heap,rocksdb]
 * [--live-rates 5000,half] [--live-seconds S] [--out FILE]}. Prints a results table (Markdown) and
 * writes every figure to a JSON file.
 */
public final class PipelineBenchmark {
    private static final List<String> PHASES =
            List.of("consumer", "discarding", "pipeline", "bulk", "freshness", "peer");

    private final BenchmarkRun run;
    private final BenchmarkReport report;

    private PipelineBenchmark(BenchmarkRun run, BenchmarkReport report) {
        this.run = run;
        this.report = report;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = CommandLine.options(args);
        int orders = Integer.parseInt(options.getOrDefault("orders", "100000"));
        List<String> states = List.of(options.getOrDefault("states", "heap,rocksdb").split(","));
        List<String> liveRates =
                List.of(options.getOrDefault("live-rates", "5000,half").split(","));
        int liveSeconds = Integer.parseInt(options.getOrDefault("live-seconds", "60"));
        Path out =
                Path.of(options.getOrDefault("out", ".local/bench/pipeline-" + orders + ".json"));
        BenchmarkReport report = new BenchmarkReport(out);
        PipelineBenchmark benchmark = new PipelineBenchmark(run(options), report);
        int status = 0;
        try {
            benchmark.measure(orders, states, liveRates, liveSeconds, options);
        } catch (Exception e) {
            e.printStackTrace();
            report.put("failed", e.toString());
            status = 1;
        }
        report.finish();
        // The embedded Flink clusters leave threads behind.
        System.exit(status);
    }

    private static BenchmarkRun run(Map<String, String> options) throws Exception {
        Map<String, String> env = System.getenv();
        Map<String, String> serverPids = new LinkedHashMap<>();
        for (String server : List.of("elasticsearch", "kafka")) {
            if (options.containsKey(server + "-pid")) {
                serverPids.put(server, options.get(server + "-pid"));
            }
        }
        return new BenchmarkRun(
                "bench-" + Long.toString(System.currentTimeMillis(), 36),
                env.getOrDefault("ORDERTRACK_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"),
                env.getOrDefault("ORDERTRACK_ES_URL", "http://127.0.0.1:9200"),
                KafkaSecurity.fromEnvironment(env),
                ElasticsearchSecurity.fromEnvironment(env),
                serverPids,
                Files.createDirectories(Path.of(".local/bench")));
    }

    private void measure(
            int orders,
            List<String> states,
            List<String> liveRates,
            int liveSeconds,
            Map<String, String> options)
            throws Exception {
        report.put("machine", machine());
        report.put("orders", orders);
        Preload.Feed feed = Preload.send(run, report, orders);
        report.header(feed.events(), orders);

        Set<String> phases =
                Set.of(options.getOrDefault("phases", String.join(",", PHASES)).split(","));
        double consumed =
                phases.contains("consumer") ? new ConsumerLimit(run, report).measure(feed) : 0;
        double discarding =
                phases.contains("discarding")
                        ? new DiscardingPipelineLimit(run, report).measure(feed)
                        : 0;
        Map<String, PipelineReplay.Rate> replay = new LinkedHashMap<>();
        if (phases.contains("pipeline")) {
            replay(feed, orders, states, replay);
        }
        if (!replay.isEmpty() && phases.contains("bulk")) {
            String loadedIndex = ordersIndex(replay.keySet().iterator().next());
            double bulk = new BulkLoaderLimit(run, report).measure(loadedIndex);
            LimitRatios.report(report, replay, consumed, discarding, bulk);
        }
        if (phases.contains("freshness")) {
            freshness(replay, liveRates, liveSeconds);
        }
        if (phases.contains("cluster")) {
            new ClusterSweep(run, report)
                    .measure(
                            feed,
                            Stream.of(options.getOrDefault("cluster", "1:1,1:2,2:2,2:4").split(","))
                                    .map(ClusterSweep.Setting::parse)
                                    .toList());
        }
        if (options.containsKey("jdbc") && phases.contains("peer")) {
            int peerOrders =
                    Integer.parseInt(
                            options.getOrDefault(
                                    "peer-orders", String.valueOf(Math.min(orders, 20_000))));
            new PostgresPeerComparison(report).measure(options.get("jdbc"), peerOrders, replay);
        }
        report.put("residentMemory", ResidentMemory.now(options));
    }

    /** Replays the feed with each state backend, in that order. */
    private void replay(
            Preload.Feed feed,
            int orders,
            List<String> states,
            Map<String, PipelineReplay.Rate> replay)
            throws Exception {
        PipelineReplay pipeline = new PipelineReplay(run, report);
        for (String state : states) {
            replay.put(state, pipeline.measure(feed, state, ordersIndex(state), orders));
        }
    }

    /** Freshness at each live rate: events/s, or {@code half} the best replay's rate. */
    private void freshness(
            Map<String, PipelineReplay.Rate> replay, List<String> liveRates, int liveSeconds)
            throws Exception {
        double best =
                replay.values().stream()
                        .mapToDouble(PipelineReplay.Rate::eventsPerSecond)
                        .max()
                        .orElse(0);
        LiveFreshness freshness = new LiveFreshness(run, report);
        for (String rate : liveRates) {
            double eventsPerSecond = rate.equals("half") ? best / 2 : Double.parseDouble(rate);
            if (eventsPerSecond > 0) {
                freshness.measure(eventsPerSecond, liveSeconds);
            }
        }
    }

    private String ordersIndex(String state) {
        return run.name() + "-" + state + "-orders";
    }

    private static Map<String, Object> machine() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("java", System.getProperty("java.version"));
        machine.put("maxHeapMiB", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        machine.put("date", Instant.now().toString());
        return machine;
    }
}
