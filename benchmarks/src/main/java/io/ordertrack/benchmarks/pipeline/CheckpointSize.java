package io.ordertrack.benchmarks.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;

/** The size of a job's state, read from its full checkpoints on disk. */
final class CheckpointSize {
    private static final Duration WAIT = Duration.ofMinutes(2);

    private CheckpointSize() {}

    /**
     * The size of the first checkpoint completed after {@code after}: the job's whole state; -1
     * when none completes within two minutes.
     */
    static long awaitBytes(Path checkpoints, JobID job, Instant after) throws Exception {
        Path dir = checkpoints.resolve(job.toHexString());
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> found = Files.list(dir)) {
                    Optional<Path> completed =
                            found.filter(p -> p.getFileName().toString().startsWith("chk-"))
                                    .filter(p -> Files.exists(p.resolve("_metadata")))
                                    .filter(p -> modifiedAfter(p.resolve("_metadata"), after))
                                    .findFirst();
                    if (completed.isPresent()) {
                        return sizeOf(completed.get());
                    }
                }
            }
            Thread.sleep(500);
        }
        return -1;
    }

    private static boolean modifiedAfter(Path file, Instant after) {
        try {
            return Files.getLastModifiedTime(file).toInstant().isAfter(after);
        } catch (IOException e) {
            return false;
        }
    }

    private static long sizeOf(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(
                            file -> {
                                try {
                                    return Files.size(file);
                                } catch (IOException e) {
                                    return 0;
                                }
                            })
                    .sum();
        }
    }
}
