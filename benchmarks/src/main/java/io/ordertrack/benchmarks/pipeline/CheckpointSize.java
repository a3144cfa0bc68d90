package io.ordertrack.benchmarks.pipeline;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.OperatorState;

/**
 * The size of a job's state, read from the metadata of its checkpoints on disk: the size of every
 * operator's state, also where an incremental (RocksDB) checkpoint refers to files of earlier ones.
 */
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
                        try {
                            return stateSize(completed.get());
                        } catch (NoSuchFileException subsumed) {
                            // Deleted by a newer checkpoint meanwhile: read that one.
                        }
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

    private static long stateSize(Path checkpoint) throws IOException {
        try (DataInputStream in =
                new DataInputStream(Files.newInputStream(checkpoint.resolve("_metadata")))) {
            return Checkpoints.loadCheckpointMetadata(
                            in, CheckpointSize.class.getClassLoader(), checkpoint.toString())
                    .getOperatorStates()
                    .stream()
                    .mapToLong(OperatorState::getStateSize)
                    .sum();
        }
    }
}
