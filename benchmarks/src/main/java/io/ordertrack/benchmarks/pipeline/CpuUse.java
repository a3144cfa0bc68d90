package io.ordertrack.benchmarks.pipeline;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where the CPU went between two moments: this JVM's threads grouped by what they run (a Flink
 * task's subtasks together), the rest of this JVM (JIT compilers, garbage collection, threads that
 * ended), and the whole machine, whose other processes (Kafka, Elasticsearch) share its cores. Read
 * from the JVM's per-thread CPU clocks and {@code /proc/stat}; it tells a CPU-bound stage from one
 * that waits, which a throughput figure alone cannot.
 */
final class CpuUse {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final Path PROC_STAT = Path.of("/proc/stat");
    private static final long CLOCK_TICKS_PER_SECOND = 100;
    private static final Pattern SUBTASK = Pattern.compile(" \\(\\d+/\\d+\\)#\\d+.*$");
    private static final Pattern NUMBER = Pattern.compile("\\d+");

    /** The clocks at one moment. */
    record Snapshot(
            long nanoTime,
            Map<Long, Long> threadNanos,
            Map<Long, String> threadNames,
            long processNanos,
            long machineBusyTicks,
            Map<String, Long> serverTicks,
            Map<String, Long> jvmThreadTicks) {}

    /**
     * CPU used between two snapshots.
     *
     * @param seconds wall-clock time between them
     * @param machineBusyCores how many of the machine's cores were busy on average, every process
     * @param jvmCores how many this JVM kept busy on average
     * @param serverCores how many each server process (Kafka, Elasticsearch) kept busy on average
     * @param byThreadGroup CPU seconds by thread group, largest first, including {@link #OTHER}
     */
    record Report(
            double seconds,
            double machineBusyCores,
            double jvmCores,
            Map<String, Double> serverCores,
            Map<String, Double> byThreadGroup) {

        /** The groups' CPU microseconds per event, largest first, the {@code top} largest. */
        Map<String, Double> microsPerEvent(long events, int top) {
            return byThreadGroup.entrySet().stream()
                    .limit(top)
                    .collect(
                            Collectors.toMap(
                                    Map.Entry::getKey,
                                    entry -> entry.getValue() * 1e6 / events,
                                    (a, b) -> a,
                                    LinkedHashMap::new));
        }

        /** One line for the results table. */
        String summary(long events, int top) {
            String stages =
                    microsPerEvent(events, top).entrySet().stream()
                            .map(
                                    entry ->
                                            String.format(
                                                    Locale.ROOT,
                                                    "%s %.0f",
                                                    entry.getKey(),
                                                    entry.getValue()))
                            .collect(Collectors.joining("; "));
            String servers =
                    serverCores.entrySet().stream()
                            .map(
                                    entry ->
                                            String.format(
                                                    Locale.ROOT,
                                                    ", %s %.2f",
                                                    entry.getKey(),
                                                    entry.getValue()))
                            .collect(Collectors.joining());
            return String.format(
                    Locale.ROOT,
                    "CPU: %.2f of %d cores busy (this JVM %.2f%s); CPU µs per event: %s",
                    machineBusyCores,
                    Runtime.getRuntime().availableProcessors(),
                    jvmCores,
                    servers,
                    stages);
        }
    }

    /** The JVM's own compiler threads, which Java code cannot see. */
    static final String JIT = "JIT compilers";

    /** The JVM's own garbage collector threads (pauses and concurrent work). */
    static final String GC = "garbage collector";

    /** RocksDB's own background threads (flushes and compactions of the state backend). */
    static final String ROCKSDB = "RocksDB flushes and compactions";

    /** The rest of this JVM's CPU: threads that ended, the JVM's other threads. */
    static final String OTHER = "ended and other threads";

    private CpuUse() {}

    /**
     * The clocks now.
     *
     * @param servers the process ids of the servers to follow, by name
     */
    static Snapshot now(Map<String, String> servers) {
        Map<Long, Long> nanos = new HashMap<>();
        Map<Long, String> names = new HashMap<>();
        for (ThreadInfo thread : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (thread == null) {
                continue;
            }
            long cpu = THREADS.getThreadCpuTime(thread.getThreadId());
            if (cpu >= 0) {
                nanos.put(thread.getThreadId(), cpu);
                names.put(thread.getThreadId(), groupOf(thread.getThreadName()));
            }
        }
        Map<String, Long> serverTicks = new LinkedHashMap<>();
        servers.forEach((server, pid) -> serverTicks.put(server, processTicks(pid)));
        return new Snapshot(
                System.nanoTime(),
                nanos,
                names,
                processNanos(),
                machineBusyTicks(),
                serverTicks,
                jvmThreadTicks());
    }

    static Report between(Snapshot before, Snapshot after) {
        Map<String, Double> groups = new HashMap<>();
        double threadSeconds = 0;
        for (Map.Entry<Long, Long> thread : after.threadNanos().entrySet()) {
            long used = thread.getValue() - before.threadNanos().getOrDefault(thread.getKey(), 0L);
            groups.merge(after.threadNames().get(thread.getKey()), used / 1e9, Double::sum);
            threadSeconds += used / 1e9;
        }
        double processSeconds = (after.processNanos() - before.processNanos()) / 1e9;
        for (Map.Entry<String, Long> jvmThreads : after.jvmThreadTicks().entrySet()) {
            // Compiler threads come and go: a group's total may shrink when one ends.
            double used =
                    Math.max(
                            0,
                            (jvmThreads.getValue()
                                            - before.jvmThreadTicks()
                                                    .getOrDefault(jvmThreads.getKey(), 0L))
                                    / (double) CLOCK_TICKS_PER_SECOND);
            groups.put(jvmThreads.getKey(), used);
            threadSeconds += used;
        }
        groups.put(OTHER, Math.max(0, processSeconds - threadSeconds));
        double seconds = (after.nanoTime() - before.nanoTime()) / 1e9;
        double machineSeconds =
                (after.machineBusyTicks() - before.machineBusyTicks())
                        / (double) CLOCK_TICKS_PER_SECOND;
        Map<String, Double> largestFirst =
                groups.entrySet().stream()
                        .filter(group -> group.getValue() > 0)
                        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                        .collect(
                                Collectors.toMap(
                                        Map.Entry::getKey,
                                        Map.Entry::getValue,
                                        (a, b) -> a,
                                        LinkedHashMap::new));
        Map<String, Double> serverCores = new LinkedHashMap<>();
        after.serverTicks()
                .forEach(
                        (server, ticks) ->
                                serverCores.put(
                                        server,
                                        (ticks - before.serverTicks().getOrDefault(server, ticks))
                                                / (double) CLOCK_TICKS_PER_SECOND
                                                / seconds));
        return new Report(
                seconds,
                machineSeconds / seconds,
                processSeconds / seconds,
                serverCores,
                largestFirst);
    }

    /**
     * A thread's group: a Flink task's name without its subtask index, any other thread's name
     * without its numbers (so a pool's threads count together).
     */
    static String groupOf(String threadName) {
        Matcher subtask = SUBTASK.matcher(threadName);
        if (subtask.find()) {
            return threadName.substring(0, subtask.start());
        }
        int pipe = threadName.indexOf(" | ");
        String name = pipe > 0 ? threadName.substring(0, pipe) : threadName;
        return NUMBER.matcher(name).replaceAll("N");
    }

    private static long processNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * The ticks of this JVM's compiler, garbage collector and RocksDB threads, which are not Java
     * threads: read from {@code /proc/self/task}, by each thread's name; empty off Linux.
     */
    private static Map<String, Long> jvmThreadTicks() {
        Map<String, Long> ticks = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            tasks.forEach(
                    task -> {
                        try {
                            String name = Files.readString(task.resolve("comm")).trim();
                            String group =
                                    name.matches("C\\d CompilerThre.*")
                                            ? JIT
                                            : name.matches("(GC Thread|G1 |Parallel GC).*")
                                                    ? GC
                                                    : name.startsWith("rocksdb:") ? ROCKSDB : null;
                            if (group != null) {
                                ticks.merge(group, ticksOf(task.resolve("stat")), Long::sum);
                            }
                        } catch (IOException | RuntimeException e) {
                            // The thread ended meanwhile.
                        }
                    });
        } catch (IOException e) {
            return Map.of();
        }
        return ticks;
    }

    /** The user and system ticks a process has used since it started; 0 when unknown. */
    private static long processTicks(String pid) {
        try {
            return ticksOf(Path.of("/proc", pid, "stat"));
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The user and system ticks in a process's or a thread's {@code stat} file. */
    private static long ticksOf(Path stat) throws IOException {
        String line = Files.readString(stat);
        // The fields after the command name, which may hold spaces: state is the first.
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** Ticks every core spent neither idle nor waiting for I/O, since boot; 0 off Linux. */
    private static long machineBusyTicks() {
        try {
            String[] cpu = Files.readAllLines(PROC_STAT).get(0).trim().split("\\s+");
            long busy = 0;
            for (int field = 1; field < cpu.length && field <= 8; field++) {
                if (field != 4 && field != 5) {
                    busy += Long.parseLong(cpu[field]);
                }
            }
            return busy;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
