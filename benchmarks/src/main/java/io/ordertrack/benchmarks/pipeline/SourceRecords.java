package io.ordertrack.benchmarks.pipeline;

import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * The records the job's Kafka sources have read so far, for a replay's steady rate: while the job
 * catches up its documents are written once the backlog is drained, so the order versions indexed
 * no longer tell how far it is. A Flink metric reporter, reading the sources' {@code numRecordsIn}
 * counters: the MiniCluster runs in the benchmark's JVM.
 */
public final class SourceRecords implements MetricReporter, MetricReporterFactory {
    private static final String NAME = "source-records";
    private static final Set<Counter> COUNTERS = ConcurrentHashMap.newKeySet();

    /** Has a MiniCluster started with this configuration report its sources' counters here. */
    static void reportTo(Configuration configuration) {
        configuration.setString(
                "metrics.reporter." + NAME + ".factory.class", SourceRecords.class.getName());
    }

    /** The records read by the sources of the jobs running now. */
    static long read() {
        return COUNTERS.stream().mapToLong(Counter::getCount).sum();
    }

    @Override
    public MetricReporter createMetricReporter(Properties properties) {
        return this;
    }

    @Override
    public void open(MetricConfig config) {}

    @Override
    public void close() {}

    @Override
    public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
        if (isSourceRecordsIn(metric, name, group)) {
            COUNTERS.add((Counter) metric);
        }
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {
        if (isSourceRecordsIn(metric, name, group)) {
            COUNTERS.remove(metric);
        }
    }

    private static boolean isSourceRecordsIn(Metric metric, String name, MetricGroup group) {
        return metric instanceof Counter
                && name.equals("numRecordsIn")
                && group.getAllVariables()
                        .getOrDefault("<operator_name>", "")
                        .startsWith("Source:");
    }
}
