package io.ordertrack.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.core.execution.RecoveryClaimMode;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;

/**
 * The local run's checkpoints, kept under {@code .local/checkpoints} as a cluster keeps them in its
 * checkpoint directory: retained when the job is cancelled (Ctrl-C), and the latest completed one
 * resumed from at the next start, so that the job's state matches the Kafka offsets and
 * Elasticsearch documents that outlived it.
 */
final class LocalCheckpoints {
    private static final String METADATA = "_metadata";

    private final Path directory;

    LocalCheckpoints(Path directory) {
        this.directory = directory;
    }

    /**
     * The newest completed checkpoint of any earlier run ({@code <job id>/chk-<n>} holding its
     * metadata file; a checkpoint cut off before its metadata was written is skipped).
     */
    Optional<Path> latest() throws IOException {
        if (!Files.isDirectory(directory)) {
            return Optional.empty();
        }
        try (Stream<Path> jobs = Files.list(directory)) {
            return jobs.filter(Files::isDirectory)
                    .flatMap(LocalCheckpoints::completedCheckpoints)
                    .max(Comparator.comparing(LocalCheckpoints::completedAt));
        }
    }

    /**
     * Settings of a job that checkpoints here, keeps its last checkpoint when cancelled and, when
     * given one, starts from it. The restored checkpoint is claimed: the job deletes it once it has
     * newer ones, so the folder holds only what a restart may need.
     */
    Configuration configuration(Optional<Path> resumeFrom) {
        Configuration configuration = new Configuration();
        configuration.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, directory.toUri().toString());
        configuration.set(
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        resumeFrom.ifPresent(
                checkpoint ->
                        SavepointRestoreSettings.toConfiguration(
                                SavepointRestoreSettings.forPath(
                                        checkpoint.toUri().toString(),
                                        false,
                                        RecoveryClaimMode.CLAIM),
                                configuration));
        return configuration;
    }

    private static Stream<Path> completedCheckpoints(Path job) {
        try (Stream<Path> checkpoints = Files.list(job)) {
            return checkpoints
                    .filter(dir -> dir.getFileName().toString().startsWith("chk-"))
                    .filter(dir -> Files.isRegularFile(dir.resolve(METADATA)))
                    .toList()
                    .stream();
        } catch (IOException e) {
            return Stream.empty();
        }
    }

    private static FileTime completedAt(Path checkpoint) {
        try {
            return Files.getLastModifiedTime(checkpoint.resolve(METADATA));
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
