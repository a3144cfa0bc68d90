package io.ordertrack.benchmarks.pipeline;

import io.ordertrack.api.elasticsearch.ElasticsearchClients;
import io.ordertrack.testkit.FlinkSessionCluster;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The parallelism sweep: the whole pipeline replayed on the real standalone cluster of {@code
 * deploy/local/flink-cluster.sh} (a JobManager and TaskManagers each in a process of its own,
 * RocksDB state, checkpoints to disk), once per setting of TaskManagers and parallelism, each on a
 * fresh cluster, consumer group and indices. The input topics have {@value KafkaTopics#PARTITIONS}
 * partitions, as in every phase: at a higher parallelism, that many source subtasks read and the
 * others idle, while every other operator runs at the parallelism. It tells whether the job's CPU
 * per event stays what it is as the parallelism grows, which the capacity model assumes; on two
 * cores it cannot show scaling beyond them.
 */
record ClusterSweep(BenchmarkRun run, BenchmarkReport report) {

    /** A cluster of {@code taskManagers} with two slots each, jobs run at {@code parallelism}. */
    record Setting(int taskManagers, int parallelism) {
        /** From {@code taskManagers:parallelism}, e.g. {@code 2:4}. */
        static Setting parse(String text) {
            String[] parts = text.split(":");
            if (parts.length != 2) {
                throw new IllegalArgumentException(
                        "a cluster setting is taskmanagers:parallelism, got " + text);
            }
            return new Setting(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
        }
    }

    void measure(Preload.Feed feed, List<Setting> settings) throws Exception {
        List<Map<String, Object>> results = new ArrayList<>();
        for (Setting setting : settings) {
            results.add(measure(feed, setting));
        }
        report.put("clusterSweep", results);
    }

    private Map<String, Object> measure(Preload.Feed feed, Setting setting) throws Exception {
        String name =
                run.name() + "-cluster-" + setting.taskManagers() + "-" + setting.parallelism();
        long events = feed.events();
        try (FlinkSessionCluster cluster =
                        FlinkSessionCluster.start(setting.taskManagers(), setting.parallelism());
                ElasticsearchClients elasticsearch =
                        ElasticsearchClients.create(
                                run.elasticsearchUrl(), run.elasticsearchSecurity())) {
            Map<String, String> processes = new LinkedHashMap<>(run.serverPids());
            processes.putAll(cluster.processIds());
            long started = System.nanoTime();
            CpuUse.Snapshot cpuBefore = CpuUse.now(processes);
            List<String> arguments =
                    new ArrayList<>(List.of(MiniClusterJobs.arguments(run, feed.topics(), name)));
            // Its alerts and dead-letters topics are new, as every phase's are.
            arguments.addAll(List.of("--topics.create", "true"));
            String jobId =
                    cluster.submit(
                            FlinkSessionCluster.orderTrackingJobJar(), Optional.empty(), arguments);
            FinalVersions.Replay replay =
                    FinalVersions.await(
                            () ->
                                    IndexedDocuments.versionSum(
                                            elasticsearch.client(), name + "-orders"),
                            feed.finalVersions(),
                            events);
            double seconds = BenchmarkRun.secondsSince(started);
            CpuUse.Report cpu = CpuUse.between(cpuBefore, CpuUse.now(processes));
            cluster.cancel(jobId);
            double taskManagerCores =
                    cpu.serverCores().entrySet().stream()
                            .filter(process -> process.getKey().startsWith("taskmanager"))
                            .mapToDouble(Map.Entry::getValue)
                            .sum();
            double micros = taskManagerCores * seconds * 1e6 / events;
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("taskManagers", setting.taskManagers());
            figures.put("parallelism", setting.parallelism());
            figures.put("seconds", seconds);
            figures.put("eventsPerSecond", events / seconds);
            figures.put("steadyEventsPerSecond", replay.steadyEventsPerSecond());
            figures.put("taskManagerCores", taskManagerCores);
            figures.put("taskManagerMicrosPerEvent", micros);
            figures.put("machineBusyCores", cpu.machineBusyCores());
            figures.put("processCores", cpu.serverCores());
            report.row(
                    String.format(
                            Locale.ROOT,
                            "standalone cluster, %d TaskManager(s), parallelism %d, RocksDB",
                            setting.taskManagers(),
                            setting.parallelism()),
                    events,
                    events / seconds,
                    String.format(
                            Locale.ROOT,
                            "steady %,.0f events/s; TaskManagers %.2f cores, %.0f µs CPU per"
                                    + " event; machine %.2f of %d cores busy",
                            replay.steadyEventsPerSecond(),
                            taskManagerCores,
                            micros,
                            cpu.machineBusyCores(),
                            Runtime.getRuntime().availableProcessors()));
            return figures;
        }
    }
}
