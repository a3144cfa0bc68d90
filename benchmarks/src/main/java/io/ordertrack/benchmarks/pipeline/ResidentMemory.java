package io.ordertrack.benchmarks.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Resident memory of the benchmark's JVM and of the servers, from {@code /proc/<pid>/status}. */
final class ResidentMemory {
    private ResidentMemory() {}

    /**
     * MiB resident now, by process: this JVM, and each of Elasticsearch, Kafka and PostgreSQL whose
     * pid the options name ({@code --elasticsearch-pid}, …); -1 where unknown.
     */
    static Map<String, Object> now(Map<String, String> options) {
        Map<String, Object> memory = new LinkedHashMap<>();
        memory.put("benchmarkJvmMiB", residentMiB("self"));
        for (String process : List.of("elasticsearch", "kafka", "postgres")) {
            String pid = options.get(process + "-pid");
            if (pid != null) {
                memory.put(process + "MiB", residentMiB(pid));
            }
        }
        return memory;
    }

    private static long residentMiB(String pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException e) {
            // Reported as unknown.
        }
        return -1;
    }
}
