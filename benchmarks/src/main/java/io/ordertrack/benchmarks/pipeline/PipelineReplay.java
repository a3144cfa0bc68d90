package io.ordertrack.benchmarks.pipeline;

import io.ordertrack.api.elasticsearch.ElasticsearchClients;
import io.ordertrack.jobs.OrderTrackingConfig;
import io.ordertrack.jobs.OrderTrackingJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;

/**
 * The whole pipeline: the preloaded events replayed from the earliest offsets through the job
 * (Kafka → Flink → Elasticsearch) with one state backend, checkpointing as deployed (full heap
 * snapshots, incremental RocksDB checkpoints), until every order is fully indexed; then what it
 * wrote and how big its state is.
 */
final class PipelineReplay {
    /** How long the indices take no writes before a replay's documents are counted. */
    private static final Duration SETTLED = Duration.ofSeconds(20);

    private final BenchmarkRun run;
    private final BenchmarkReport report;

    /**
     * How fast a replay went.
     *
     * @param eventsPerSecond events read
     * @param orderDocumentsPerSecond order documents written, every version counted
     */
    record Rate(double eventsPerSecond, double orderDocumentsPerSecond) {}

    PipelineReplay(BenchmarkRun run, BenchmarkReport report) {
        this.run = run;
        this.report = report;
    }

    /**
     * @param state {@code heap} or {@code rocksdb}
     * @param ordersIndex the index the replay's order documents go to
     */
    Rate measure(Preload.Feed feed, String state, String ordersIndex, int orders) throws Exception {
        String name = run.name() + "-" + state;
        OrderTrackingConfig config = MiniClusterJobs.config(run, feed.topics(), name);
        Path checkpoints = Files.createDirectories(run.work().resolve(name + "-checkpoints"));
        String backend = state.equals("heap") ? "hashmap" : state;
        long events = feed.events();
        try (ElasticsearchClients elasticsearch =
                ElasticsearchClients.create(run.elasticsearchUrl(), run.elasticsearchSecurity())) {
            long started = System.nanoTime();
            CpuUse.Snapshot cpuBefore = CpuUse.now(run.serverPids());
            JobClient client =
                    MiniClusterJobs.start(
                            OrderTrackingJob.fromConfig(config), config, backend, checkpoints);
            FinalVersions.Replay replay =
                    FinalVersions.awaitReading(
                            () -> IndexedDocuments.versionSum(elasticsearch.client(), ordersIndex),
                            feed.finalVersions(),
                            events);
            double seconds = BenchmarkRun.secondsSince(started);
            report.cpuUse(
                    "pipeline-" + state,
                    CpuUse.between(cpuBefore, CpuUse.now(run.serverPids())),
                    events);
            Instant doneAt = Instant.now();
            long ordersWritten = IndexedDocuments.indexedCount(elasticsearch.client(), ordersIndex);
            double settled = settle(elasticsearch, name + "-*");
            long allWritten = IndexedDocuments.indexedCount(elasticsearch.client(), name + "-*");
            long stateBytes = CheckpointSize.awaitBytes(checkpoints, client.getJobID(), doneAt);
            client.cancel().get(1, TimeUnit.MINUTES);
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("seconds", seconds);
            figures.put("eventsPerSecond", events / seconds);
            figures.put("steadyEventsPerSecond", replay.steadyEventsPerSecond());
            figures.put("orderDocumentsWritten", ordersWritten);
            figures.put("orderDocumentsPerSecond", ordersWritten / seconds);
            figures.put("allDocumentsWritten", allWritten);
            figures.put(
                    "documentsWrittenByIndex",
                    IndexedDocuments.indexedCounts(elasticsearch.client(), name + "-*"));
            figures.put(
                    "documentsKeptByIndex",
                    IndexedDocuments.keptCounts(elasticsearch.client(), name + "-*"));
            figures.put("otherIndicesSettledSeconds", settled);
            figures.put("eventsPerOrderDocument", (double) events / ordersWritten);
            figures.put("checkpointBytes", stateBytes);
            figures.put("stateBytesPerOrder", stateBytes / (double) orders);
            report.put("pipeline-" + state, figures);
            report.row(
                    "whole pipeline, " + state + " state",
                    events,
                    events / seconds,
                    String.format(
                            Locale.ROOT,
                            "steady %,.0f events/s (a tenth to nine tenths of the events read);"
                                    + " %,.0f order docs/s; %.1f events per order doc; %,.0f"
                                    + " state bytes per order",
                            replay.steadyEventsPerSecond(),
                            ordersWritten / seconds,
                            (double) events / ordersWritten,
                            stateBytes / (double) orders));
            return new Rate(events / seconds, ordersWritten / seconds);
        }
    }

    /**
     * Waits until the other indices take no more writes for {@link #SETTLED} (the last writes held
     * while the job caught up go a little after the order documents), up to two minutes.
     *
     * @return seconds from the order documents' last version to the last write elsewhere
     */
    private static double settle(ElasticsearchClients elasticsearch, String indices)
            throws Exception {
        long started = System.nanoTime();
        long deadline = started + Duration.ofMinutes(2).toNanos();
        long written = IndexedDocuments.indexedCount(elasticsearch.client(), indices);
        long lastChange = started;
        while (System.nanoTime() - lastChange < SETTLED.toNanos() && System.nanoTime() < deadline) {
            Thread.sleep(1_000);
            long now = IndexedDocuments.indexedCount(elasticsearch.client(), indices);
            if (now != written) {
                written = now;
                lastChange = System.nanoTime();
            }
        }
        return (lastChange - started) / 1e9;
    }
}
