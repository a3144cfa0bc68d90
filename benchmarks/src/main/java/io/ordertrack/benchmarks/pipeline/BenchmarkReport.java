package io.ordertrack.benchmarks.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a pipeline benchmark run found: a Markdown table and CPU lines printed as the phases go and
 * again at the end, and every figure in a JSON file, saved with each line so that a run that dies
 * halfway keeps what it measured.
 */
final class BenchmarkReport {
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path out;
    private final Map<String, Object> figures = new LinkedHashMap<>();
    private final List<String> table = new ArrayList<>();
    private final List<String> cpuLines = new ArrayList<>();

    /**
     * @param out the JSON file of the figures
     */
    BenchmarkReport(Path out) {
        this.out = out;
    }

    void put(String name, Object figure) {
        figures.put(name, figure);
    }

    /** Adds to a count that several threads of a phase report. */
    synchronized void add(String name, long count) {
        figures.merge(name, count, (a, b) -> (long) a + (long) b);
    }

    /** The table's title line and column headings. */
    void header(long events, int orders) {
        line(
                String.format(
                        Locale.ROOT,
                        "%n%,d simulated orders, %,d events (%d cores, Java %s)%n",
                        orders,
                        events,
                        Runtime.getRuntime().availableProcessors(),
                        System.getProperty("java.version")));
        line("| run | work | events/s | notes |");
        line("|---|---|---|---|");
    }

    /** A row of the table: a run over events. */
    void row(String what, long events, double eventsPerSecond, String notes) {
        line(
                String.format(
                        Locale.ROOT,
                        "| %s | %,d events | %,.0f | %s |",
                        what,
                        events,
                        eventsPerSecond,
                        notes == null ? "" : notes));
    }

    /** A line of the table, printed at once; the figures so far are saved with it. */
    void line(String line) {
        table.add(line);
        System.out.println(line);
        try {
            save();
        } catch (IOException e) {
            System.err.println("could not save the figures so far: " + e);
        }
    }

    /**
     * Where a run's CPU went: the busiest thread groups' CPU per event, printed under the table, so
     * that the stage a run is bound by shows (or that it was not bound by CPU at all).
     */
    void cpuUse(String runName, CpuUse.Report cpu, long events) {
        Map<String, Object> use = new LinkedHashMap<>();
        use.put("machineBusyCores", cpu.machineBusyCores());
        use.put("jvmCores", cpu.jvmCores());
        use.put("serverCores", cpu.serverCores());
        use.put("cpuMicrosPerEvent", cpu.microsPerEvent(events, Integer.MAX_VALUE));
        figures.put("cpu-" + runName, use);
        String line = "- " + runName + ": " + cpu.summary(events, 8);
        cpuLines.add(line);
        System.out.println(line);
    }

    /** Saves every figure, then prints the whole table and the CPU lines again. */
    void finish() throws IOException {
        save();
        System.out.println(String.join("\n", table));
        System.out.println(String.join("\n", cpuLines));
        System.out.println("\nAll figures: " + out);
    }

    private void save() throws IOException {
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, JSON.writeValueAsString(figures) + "\n");
    }
}
