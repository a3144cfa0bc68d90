package io.ordertrack.benchmarks.pipeline;

import io.ordertrack.jobs.OrderTrackingConfig;
import io.ordertrack.jobs.OrderTrackingJob;
import io.ordertrack.simulator.FeedProducer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** The order tracking job as the benchmark runs it: in this JVM, on an embedded MiniCluster. */
final class MiniClusterJobs {
    static final int PARALLELISM = 2;
    private static final String MANAGED_MEMORY = "512m";

    private MiniClusterJobs() {}

    /**
     * The job's settings for a phase: its topics, and dead letters, alerts, consumer group and
     * indices named after the phase.
     */
    static OrderTrackingConfig config(BenchmarkRun run, FeedProducer.Topics topics, String name) {
        return OrderTrackingConfig.from(
                arguments(run, topics, name),
                // Any other job setting from ORDERTRACK_* variables, as on a cluster.
                System.getenv());
    }

    /** The job's command-line arguments for a phase, as {@link #config} reads them. */
    static String[] arguments(BenchmarkRun run, FeedProducer.Topics topics, String name) {
        return new String[] {
            "--kafka.bootstrap.servers",
            run.kafka(),
            "--topic.orders",
            topics.orders(),
            "--topic.tracking",
            topics.tracking(),
            "--topic.inventory",
            topics.inventory(),
            "--topic.remittances",
            topics.remittances(),
            "--topic.dead-letters",
            name + "-dead-letters",
            "--topic.alerts",
            name + "-alerts",
            "--topic.notifications",
            name + "-notifications",
            "--consumer.group",
            name,
            "--elasticsearch.url",
            run.elasticsearchUrl(),
            "--index.orders",
            name + "-orders",
            "--index.alerts",
            name + "-alerts",
            "--index.inventory",
            name + "-inventory",
            "--index.metrics",
            name + "-metrics",
            // The simulated feeds run ahead of the wall clock: a replay of a million
            // orders spans 200 days from the simulator's fixed start, and the live feed
            // runs hours of simulated time a second. Their event times are true to them.
            "--event.max-future",
            "3650d"
        };
    }

    /**
     * The MiniCluster's managed memory, where RocksDB keeps its block cache and write buffers:
     * {@value #MANAGED_MEMORY} unless {@code BENCHMARK_MANAGED_MEMORY} names a size. Flink's
     * default for a local environment, 128 MB for both slots, starves RocksDB (a third of the
     * rate); a TaskManager of the Kubernetes deployment has about 1.37 GB for its two.
     */
    static MemorySize managedMemory() {
        String size = System.getenv("BENCHMARK_MANAGED_MEMORY");
        return MemorySize.parse(size == null || size.isBlank() ? MANAGED_MEMORY : size);
    }

    /**
     * Flink settings from {@code BENCHMARK_FLINK_CONFIG}, {@code key=value} pairs separated by
     * commas (for example {@code pipeline.auto-watermark-interval=50ms}), as a cluster's
     * configuration file would set them.
     */
    static Configuration flinkSettings() {
        Map<String, String> settings = new HashMap<>();
        String pairs = System.getenv("BENCHMARK_FLINK_CONFIG");
        if (pairs != null) {
            for (String pair : pairs.split(",")) {
                int equals = pair.indexOf('=');
                if (equals <= 0) {
                    throw new IllegalArgumentException(
                            "BENCHMARK_FLINK_CONFIG: not key=value: " + pair);
                }
                settings.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
            }
        }
        return Configuration.fromMap(settings);
    }

    /**
     * Starts a job on a new MiniCluster.
     *
     * @param backend Flink's name of the state backend ({@code hashmap}, {@code rocksdb})
     * @param checkpoints where checkpoints go (incremental on RocksDB), or null for none
     */
    static JobClient start(
            OrderTrackingJob job, OrderTrackingConfig config, String backend, Path checkpoints)
            throws Exception {
        Configuration configuration = new Configuration();
        configuration.set(StateBackendOptions.STATE_BACKEND, backend);
        configuration.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, managedMemory());
        configuration.addAll(flinkSettings());
        SourceRecords.reportTo(configuration);
        if (checkpoints != null) {
            configuration.set(
                    CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
            // Incremental where the backend has them (RocksDB), as deployed; heap state is
            // snapshotted whole.
            configuration.set(
                    CheckpointingOptions.INCREMENTAL_CHECKPOINTS, backend.equals("rocksdb"));
        }
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironment(PARALLELISM, configuration);
        if (checkpoints != null) {
            OrderTrackingJob.enableCheckpointing(env, config);
        }
        job.defineWorkflow(env);
        return env.executeAsync(OrderTrackingJob.NAME);
    }
}
