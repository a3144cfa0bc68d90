package io.ordertrack.benchmarks.api;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.javalin.Javalin;
import io.ordertrack.api.ApiConfig;
import io.ordertrack.api.http.RateLimits;
import io.ordertrack.api.security.ApiKeys;
import io.ordertrack.benchmarks.CommandLine;
import io.ordertrack.documents.Index;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Whether one API key flooding the API can push another key's latency up: the bar is that
 * the other key's p99 under the flood stays within twice its p99 alone.
 *
 * <p>It indexes the documents of N simulated orders (several sellers) into a fresh index, starts
 * the API in process with a tenant key for each of two sellers, and drives it with wrk, a real HTTP
 * load generator in its own process: the well-behaved seller (B) paced well under its limit, the
 * flooder (A) on many connections as fast as the API answers. Three runs of the same length on the
 * same index: B alone; B while A floods, rate limits on; B while A floods, rate limits off (what
 * the limits protect against). Each run follows a warm-up of the same load.
 *
 * <p>Usage: {@code deploy/local/rate-limit-benchmark.sh [--orders N] [--seconds S] [--limits
 * tenant=50:100] [--flood-connections C] [--flood-threads T] [--paced-rate R per second] [--out
 * FILE]} against the Elasticsearch of {@code ORDERTRACK_ES_URL} (the local stack's by default); wrk
 * must be on the PATH (the script installs it).
 */
public final class RateLimitBenchmark {
    private static final String FLOODER = "zenith-electronics";
    private static final String WELL_BEHAVED = "acme-fashion";

    /** A seller's dashboard asking for the first page of its live orders. */
    private static final String PACED_PATH = "/api/orders?bucket=LIVE&size=20";

    /** Heavier than the paced query: five times the documents a page. */
    private static final String FLOOD_PATH = "/api/orders?bucket=LIVE&size=100";

    private static final int PACED_CONNECTIONS = 2;
    private static final int WARM_UP_SECONDS = 10;
    private static final double ALLOWED_P99_FACTOR = 2.0;
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One wrk process: whose key, which path, how many connections, paced or not. */
    private record Load(String key, String path, int threads, int connections, int pauseMillis) {}

    /** One measured run: B's figures, A's when A flooded, the machine's load before it. */
    record Run(
            String name,
            boolean rateLimited,
            Wrk.Result wellBehaved,
            Wrk.Result flooder,
            double loadAverageBefore) {
        double apiRequestsPerSecond() {
            return wellBehaved.perSecond() + (flooder == null ? 0 : flooder.perSecond());
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = CommandLine.options(args);
        int orderCount = Integer.parseInt(options.getOrDefault("orders", "200000"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "60"));
        RateLimits limits = RateLimits.parse(options.getOrDefault("limits", ""));
        int floodConnections = Integer.parseInt(options.getOrDefault("flood-connections", "64"));
        // wrk shares the machine with the API and Elasticsearch: each of its threads can take a
        // core from them, which would measure the load generator rather than the API.
        int floodThreads = Integer.parseInt(options.getOrDefault("flood-threads", "1"));
        double pacedRate = Double.parseDouble(options.getOrDefault("paced-rate", "20"));
        Path out = Path.of(options.getOrDefault("out", "target/rate-limit-benchmark.json"));
        Path script = Wrk.script("tenant-requests.lua");

        try (BenchmarkIndex index = BenchmarkIndex.create("bench-rate-limits-", Index.ORDERS)) {
            ElasticsearchClient client = index.client();
            long indexed = SimulatedOrderIndex.fill(client, index.name(), orderCount, (o, d) -> {});
            System.out.printf(Locale.ROOT, "indexed %,d order documents%n", indexed);
            SimulatedOrderIndex.awaitMergesSettled(client, index.name());

            String flooderKey = ApiKeys.newKey();
            String wellBehavedKey = ApiKeys.newKey();
            ApiConfig unlimited =
                    index.apiConfig(
                            ApiKeys.parse(
                                    ApiKeys.hash(flooderKey)
                                            + " "
                                            + FLOODER
                                            + "\n"
                                            + ApiKeys.hash(wellBehavedKey)
                                            + " "
                                            + WELL_BEHAVED));
            int pauseMillis = (int) Math.round(1000 * PACED_CONNECTIONS / pacedRate);
            Load paced = new Load(wellBehavedKey, PACED_PATH, 1, PACED_CONNECTIONS, pauseMillis);
            Load flood = new Load(flooderKey, FLOOD_PATH, floodThreads, floodConnections, 0);
            List<Run> runs = new ArrayList<>();
            try {
                onWarmApi(
                        index,
                        unlimited.withRateLimits(limits),
                        script,
                        paced,
                        flood,
                        port -> {
                            runs.add(run("B alone", true, port, script, paced, null, seconds));
                            runs.add(
                                    run(
                                            "B while A floods, limits on",
                                            true,
                                            port,
                                            script,
                                            paced,
                                            flood,
                                            seconds));
                        });
                onWarmApi(
                        index,
                        unlimited,
                        script,
                        paced,
                        flood,
                        port ->
                                runs.add(
                                        run(
                                                "B while A floods, limits off",
                                                false,
                                                port,
                                                script,
                                                paced,
                                                flood,
                                                seconds)));
            } finally {
                index.delete();
                Files.deleteIfExists(script);
            }
            report(runs, indexed, seconds, limits, flood, pacedRate, out);
        }
    }

    /** Runs measured on a started, warmed-up API, given its port. */
    @FunctionalInterface
    private interface WarmApiRuns {
        void measure(int port) throws Exception;
    }

    /**
     * Starts the API of {@code config}, warms it up with the paced load inside the flood, measures
     * {@code runs} on it, and stops it.
     */
    private static void onWarmApi(
            BenchmarkIndex index,
            ApiConfig config,
            Path script,
            Load paced,
            Load flood,
            WarmApiRuns runs)
            throws Exception {
        Javalin api = index.startApi(config);
        try {
            measure(api.port(), script, paced, Optional.of(flood), WARM_UP_SECONDS);
            runs.measure(api.port());
        } finally {
            api.stop();
        }
    }

    private static Run run(
            String name,
            boolean rateLimited,
            int port,
            Path script,
            Load paced,
            Load flood,
            int seconds)
            throws Exception {
        double load = loadAverage();
        List<Wrk.Result> results =
                measure(port, script, paced, Optional.ofNullable(flood), seconds);
        Run run =
                new Run(
                        name,
                        rateLimited,
                        results.get(0),
                        results.size() > 1 ? results.get(1) : null,
                        load);
        System.out.printf(
                Locale.ROOT,
                "%s: B p99 %.1f ms, %.1f requests/s%n",
                name,
                run.wellBehaved().p99() / 1e3,
                run.wellBehaved().perSecond());
        return run;
    }

    /**
     * Runs the paced load for {@code seconds}, inside a flood that starts a second before it and
     * ends a second after it when there is one: the paced requests never see the flood ramp up or
     * down. Answers the paced load's result, then the flood's.
     */
    private static List<Wrk.Result> measure(
            int port, Path script, Load paced, Optional<Load> flood, int seconds) throws Exception {
        Optional<Process> flooding =
                flood.isPresent()
                        ? Optional.of(wrk(port, script, flood.get(), seconds + 2))
                        : Optional.empty();
        if (flooding.isPresent()) {
            Thread.sleep(1_000);
        }
        List<Wrk.Result> results = new ArrayList<>();
        results.add(Wrk.result(wrk(port, script, paced, seconds)));
        if (flooding.isPresent()) {
            results.add(Wrk.result(flooding.get()));
        }
        return results;
    }

    private static Process wrk(int port, Path script, Load load, int seconds) throws IOException {
        return Wrk.start(
                "http://127.0.0.1:" + port + load.path(),
                script,
                load.threads(),
                load.connections(),
                seconds,
                Map.of(
                        "ORDERTRACK_BENCH_KEY",
                        load.key(),
                        "ORDERTRACK_BENCH_PAUSE_MS",
                        String.valueOf(load.pauseMillis())));
    }

    private static double loadAverage() throws IOException {
        return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    }

    private static void report(
            List<Run> runs,
            long indexed,
            int seconds,
            RateLimits limits,
            Load flood,
            double pacedRate,
            Path out)
            throws IOException {
        StringBuilder table = new StringBuilder();
        table.append(
                String.format(
                        Locale.ROOT,
                        "Rate-limit benchmark: %,d order documents; B = %s paced at %.0f"
                                + " requests/s on %d connections (%s), A = %s flooding on %d"
                                + " connections, %d wrk thread(s) (%s); %d s a run; %s; %d"
                                + " cores.%n%n",
                        indexed,
                        WELL_BEHAVED,
                        pacedRate,
                        PACED_CONNECTIONS,
                        PACED_PATH,
                        FLOODER,
                        flood.connections(),
                        flood.threads(),
                        FLOOD_PATH,
                        seconds,
                        limits,
                        Runtime.getRuntime().availableProcessors()));
        table.append(
                "| run | B req/s | B p50 ms | B p75 ms | B p90 ms | B p99 ms | B max ms | B non-2xx"
                        + " | A req/s | A 2xx | A 429 | A other | API req/s | load avg before |\n"
                        + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Run run : runs) {
            Wrk.Result b = run.wellBehaved();
            Wrk.Result a = run.flooder();
            table.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %d | %s | %s | %s |"
                                    + " %s | %.0f | %.1f |%n",
                            run.name(),
                            b.perSecond(),
                            b.p50() / 1e3,
                            b.p75() / 1e3,
                            b.p90() / 1e3,
                            b.p99() / 1e3,
                            b.max() / 1e3,
                            b.requests() - b.ok() + b.socketErrors() + b.timeouts(),
                            a == null ? "" : String.format(Locale.ROOT, "%.0f", a.perSecond()),
                            a == null ? "" : String.valueOf(a.ok()),
                            a == null ? "" : String.valueOf(a.limited()),
                            a == null ? "" : String.valueOf(a.refused()),
                            run.apiRequestsPerSecond(),
                            run.loadAverageBefore()));
        }
        double alone = runs.get(0).wellBehaved().p99();
        double flooded = runs.get(1).wellBehaved().p99();
        boolean holds = flooded <= ALLOWED_P99_FACTOR * alone;
        String verdict =
                String.format(
                        Locale.ROOT,
                        "%nVerdict: B's p99 while A floods with the limits on is %.1f ms, %.2f× its"
                                + " p99 alone (%.1f ms): %s (bar: at most %.0f×). With the limits"
                                + " off it is %.1f ms (%.2f×).%n",
                        flooded / 1e3,
                        flooded / alone,
                        alone / 1e3,
                        holds ? "PASS" : "FAIL",
                        ALLOWED_P99_FACTOR,
                        runs.get(2).wellBehaved().p99() / 1e3,
                        runs.get(2).wellBehaved().p99() / alone);
        System.out.println(table + verdict);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(
                out,
                JSON.writeValueAsString(
                        Map.of(
                                "measuredAt",
                                Instant.now().toString(),
                                "orders",
                                indexed,
                                "secondsPerRun",
                                seconds,
                                "limits",
                                limits.toString(),
                                "floodConnections",
                                flood.connections(),
                                "floodThreads",
                                flood.threads(),
                                "pacedRate",
                                pacedRate,
                                "runs",
                                runs,
                                "p99Factor",
                                flooded / alone,
                                "holds",
                                holds)));
        System.out.println("written to " + out);
    }

    private RateLimitBenchmark() {}
}
