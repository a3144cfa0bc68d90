package io.ordertrack.benchmarks.pipeline;

import io.ordertrack.jobs.OrderTrackingConfig;
import io.ordertrack.jobs.OrderTrackingJob;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * Limit (c): the whole job on the preloaded events with its Elasticsearch sinks discarding, so that
 * what is left is Kafka, decoding and the job's own work; done when the order documents it would
 * have written reach their final versions.
 */
record DiscardingPipelineLimit(BenchmarkRun run, BenchmarkReport report) {
    /**
     * @return events per second
     */
    double measure(Preload.Feed feed) throws Exception {
        long events = feed.events();
        FinalVersionSink.reset();
        OrderTrackingConfig config =
                MiniClusterJobs.config(run, feed.topics(), run.name() + "-discarding");
        OrderTrackingJob job =
                new OrderTrackingJob(
                        OrderTrackingJob.Sources.kafka(config),
                        new OrderTrackingJob.Sinks(
                                new FinalVersionSink(),
                                new DiscardingSink<>(),
                                new DiscardingSink<>(),
                                new DiscardingSink<>(),
                                new DiscardingSink<>(),
                                new DiscardingSink<>(),
                                new DiscardingSink<>(),
                                new DiscardingSink<>(),
                                new DiscardingSink<>(),
                                new DiscardingSink<>()),
                        config);
        long started = System.nanoTime();
        CpuUse.Snapshot cpuBefore = CpuUse.now(run.serverPids());
        JobClient client = MiniClusterJobs.start(job, config, "hashmap", null);
        FinalVersions.Replay replay =
                FinalVersions.awaitReading(
                        FinalVersionSink::versionSum, feed.finalVersions(), events);
        double seconds = BenchmarkRun.secondsSince(started);
        report.cpuUse(
                "discarding", CpuUse.between(cpuBefore, CpuUse.now(run.serverPids())), events);
        client.cancel().get(1, TimeUnit.MINUTES);
        double rate = events / seconds;
        report.put("limitDiscardingEventsPerSecond", rate);
        report.put("limitDiscardingSeconds", seconds);
        report.put("limitDiscardingSteadyEventsPerSecond", replay.steadyEventsPerSecond());
        report.put("limitDiscardingOrderDocuments", FinalVersionSink.documents());
        report.row(
                "pipeline, Elasticsearch sinks discarding (limit c)",
                events,
                rate,
                String.format(
                        Locale.ROOT,
                        "steady %,.0f events/s (a tenth to nine tenths of the events read)",
                        replay.steadyEventsPerSecond()));
        return rate;
    }
}
