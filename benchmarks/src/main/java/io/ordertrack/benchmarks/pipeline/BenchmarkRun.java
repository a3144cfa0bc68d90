package io.ordertrack.benchmarks.pipeline;

import io.ordertrack.connections.ElasticsearchSecurity;
import io.ordertrack.connections.KafkaSecurity;
import java.nio.file.Path;
import java.util.Map;

/**
 * What every phase of one pipeline benchmark run shares.
 *
 * @param name the run's name, the prefix of every topic, index and consumer group it creates, so
 *     that runs against the same servers never meet
 * @param kafka Kafka's bootstrap servers
 * @param elasticsearchUrl where Elasticsearch answers
 * @param serverPids the process ids of the servers whose CPU each phase reports, by server name
 * @param work where the run keeps its checkpoints
 */
record BenchmarkRun(
        String name,
        String kafka,
        String elasticsearchUrl,
        KafkaSecurity kafkaSecurity,
        ElasticsearchSecurity elasticsearchSecurity,
        Map<String, String> serverPids,
        Path work) {

    /** The simulator's seed: every run preloads the same orders, so runs compare. */
    static final long SEED = 7;

    /** Seconds since a {@link System#nanoTime()} reading. */
    static double secondsSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
