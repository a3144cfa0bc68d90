package io.ordertrack.benchmarks.pipeline;

import io.ordertrack.api.ApiConfig;
import io.ordertrack.api.App;
import io.ordertrack.api.elasticsearch.ElasticsearchClients;
import io.ordertrack.api.security.ApiKeys;
import io.ordertrack.jobs.OrderTrackingConfig;
import io.ordertrack.jobs.OrderTrackingJob;
import io.ordertrack.simulator.FeedProducer;
import io.ordertrack.simulator.Simulation;
import io.ordertrack.simulator.SimulationOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.core.execution.JobClient;

/**
 * Freshness at a steady live rate: a simulated feed sent at that rate into fresh topics, stamped at
 * the wall clock ({@link WallClockStamps}), the job and the API running, and probe orders placed
 * among the feed's events; how long each takes to be found through the API.
 */
final class LiveFreshness {
    /**
     * How long a fresh job may take to list its first order, at most: its sources start, and its
     * watermark must pass the first probe's arrival before the order is applied.
     */
    private static final Duration FIRST_ORDER_WAIT = Duration.ofMinutes(3);

    /**
     * Once the first order is listed, the time the feed and the probes run before the probes and
     * the CPU are measured: a fresh JVM's compilers take a third to half a core for about two
     * minutes at these rates, which a job that has run for a while no longer pays, and what the job
     * fell behind meanwhile has time to drain.
     */
    private static final Duration WARM_UP = Duration.ofSeconds(120);

    private static final Duration PROBE_EVERY = Duration.ofMillis(200);
    private static final Duration GRACE = Duration.ofSeconds(30);

    private final BenchmarkRun run;
    private final BenchmarkReport report;

    LiveFreshness(BenchmarkRun run, BenchmarkReport report) {
        this.run = run;
        this.report = report;
    }

    void measure(double eventsPerSecond, int liveSeconds) throws Exception {
        String name = run.name() + "-live-" + (long) eventsPerSecond;
        FeedProducer.Topics topics = KafkaTopics.named(name);
        KafkaTopics.create(run, topics);
        OrderTrackingConfig config = MiniClusterJobs.config(run, topics, name);
        JobClient client =
                MiniClusterJobs.start(OrderTrackingJob.fromConfig(config), config, "hashmap", null);
        String key = ApiKeys.newKey();
        Simulation live =
                Simulation.of(
                        SimulationOptions.defaults(BenchmarkRun.SEED + 1, 50_000_000)
                                .withStart(Instant.now()));
        try (ElasticsearchClients elasticsearch =
                        ElasticsearchClients.create(
                                run.elasticsearchUrl(), run.elasticsearchSecurity());
                App.Running running = App.start(apiConfig(config, key));
                FeedProducer feed = new FeedProducer(run.kafka(), run.kafkaSecurity(), topics);
                FreshnessProbe probe =
                        new FreshnessProbe(
                                run.kafka(),
                                run.kafkaSecurity(),
                                topics.orders(),
                                running.port(),
                                key)) {
            WallClockStamps stamped = new WallClockStamps(live);
            Thread feeding =
                    new Thread(
                            () -> feed.send(stamped, eventsPerSecond, (n, nanos) -> {}),
                            "live-feed");
            feeding.start();
            long started = System.nanoTime();
            long firstSeen = probe.untilFirstSeen(Duration.ofSeconds(1), FIRST_ORDER_WAIT);
            probe.run(Duration.ofSeconds(1), WARM_UP, Duration.ZERO);
            CpuUse.Snapshot cpuBefore = CpuUse.now(run.serverPids());
            Map<String, Long> writtenBefore =
                    IndexedDocuments.indexedCounts(elasticsearch.client(), name + "-*");
            long measuredFrom = stamped.handedOut();
            long[] latencies = probe.run(PROBE_EVERY, Duration.ofSeconds(liveSeconds), GRACE);
            CpuUse.Report cpu = CpuUse.between(cpuBefore, CpuUse.now(run.serverPids()));
            long measured = Math.max(1, stamped.handedOut() - measuredFrom);
            Map<String, Double> writtenPerEvent =
                    perEvent(
                            writtenBefore,
                            IndexedDocuments.indexedCounts(elasticsearch.client(), name + "-*"),
                            measured);
            feed.stop();
            feeding.join(30_000);
            double achieved = stamped.handedOut() / BenchmarkRun.secondsSince(started);
            record(eventsPerSecond, achieved, firstSeen, latencies, writtenPerEvent);
            report.cpuUse("freshness-" + (long) eventsPerSecond, cpu, measured);
        } finally {
            client.cancel().get(1, TimeUnit.MINUTES);
        }
    }

    /** The API reading the job's indices, with one key: the probe's. */
    private ApiConfig apiConfig(OrderTrackingConfig config, String key) {
        return new ApiConfig(
                ApiConfig.Listener.LOOPBACK_ANY_PORT,
                new ApiConfig.Elasticsearch(run.elasticsearchUrl(), run.elasticsearchSecurity()),
                config.indices(),
                ApiKeys.parse(ApiKeys.hash(key) + " " + FreshnessProbe.TENANT),
                ApiConfig.Health.DEFAULT,
                ApiConfig.Limits.UNLIMITED_RATES);
    }

    /**
     * Documents each index took per event sent while the probes were measured (every write,
     * including those of events still on their way when it began).
     */
    private static Map<String, Double> perEvent(
            Map<String, Long> before, Map<String, Long> after, long events) {
        Map<String, Double> perEvent = new TreeMap<>();
        after.forEach(
                (index, written) ->
                        perEvent.put(
                                index,
                                (written - before.getOrDefault(index, 0L)) / (double) events));
        return perEvent;
    }

    private void record(
            double eventsPerSecond,
            double achieved,
            long firstSeen,
            long[] latencies,
            Map<String, Double> writtenPerEvent) {
        long notVisible = Arrays.stream(latencies).filter(l -> l == Long.MAX_VALUE).count();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("targetEventsPerSecond", eventsPerSecond);
        figures.put("achievedEventsPerSecond", achieved);
        figures.put(
                "firstOrderVisibleSeconds",
                firstSeen == Long.MAX_VALUE ? Double.POSITIVE_INFINITY : firstSeen / 1e9);
        figures.put("probes", latencies.length);
        figures.put("p50Millis", millis(latencies, 0.50));
        figures.put("p99Millis", millis(latencies, 0.99));
        figures.put("maxMillis", millis(latencies, 1.0));
        figures.put("probesNotVisible", notVisible);
        figures.put("documentsWrittenPerEventByIndex", writtenPerEvent);
        report.put("freshness-" + (long) eventsPerSecond, figures);
        report.line(
                String.format(
                        Locale.ROOT,
                        "| freshness at %,.0f events/s (%,.0f achieved), %d probes | p50 %s"
                                + " | p99 %s | max %s; the first order listed %s after the"
                                + " feed started%s; %.2f documents written per event (%s) |",
                        eventsPerSecond,
                        achieved,
                        latencies.length,
                        latency(latencies, 0.50),
                        latency(latencies, 0.99),
                        latency(latencies, 1.0),
                        firstSeen == Long.MAX_VALUE
                                ? "not at all"
                                : String.format(Locale.ROOT, "%.1f s", firstSeen / 1e9),
                        notVisible == 0
                                ? ""
                                : "; " + notVisible + " probes not visible 30 s after the run",
                        writtenPerEvent.values().stream().mapToDouble(Double::doubleValue).sum(),
                        byIndex(writtenPerEvent)));
    }

    /** "orders 1.02, metrics 0.25, …": per index, by the last part of its name, most first. */
    private static String byIndex(Map<String, Double> writtenPerEvent) {
        return writtenPerEvent.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .map(
                        e ->
                                String.format(
                                        Locale.ROOT,
                                        "%s %.2f",
                                        e.getKey()
                                                .substring(e.getKey().lastIndexOf("live-") + 5)
                                                .replaceFirst("^[0-9]+-", "")
                                                .replaceFirst("-v[0-9]+$", ""),
                                        e.getValue()))
                .collect(Collectors.joining(", "));
    }

    /** A latency quantile for the table: milliseconds, or "not visible" past the wait. */
    private static String latency(long[] sortedNanos, double quantile) {
        double millis = millis(sortedNanos, quantile);
        return Double.isInfinite(millis)
                ? "not visible"
                : String.format(Locale.ROOT, "%.0f ms", millis);
    }

    private static double millis(long[] sortedNanos, double quantile) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        long nanos =
                sortedNanos[
                        (int)
                                Math.min(
                                        sortedNanos.length - 1,
                                        Math.ceil(quantile * sortedNanos.length) - 1)];
        return nanos == Long.MAX_VALUE ? Double.POSITIVE_INFINITY : nanos / 1e6;
    }
}
