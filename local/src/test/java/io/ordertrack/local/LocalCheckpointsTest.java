package io.ordertrack.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.RecoveryClaimMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCheckpointsTest {
    @TempDir Path directory;

    @Test
    void aFirstRunFindsNothingToResumeFrom() throws Exception {
        assertThat(new LocalCheckpoints(directory.resolve("checkpoints")).latest()).isEmpty();
    }

    @Test
    void theLatestCompletedCheckpointOfAnyEarlierRunIsResumedFromAndACutOffOneSkipped()
            throws Exception {
        Path older = completed("job-a", "chk-40", "2026-12-03T09:00:00Z");
        Path newest = completed("job-b", "chk-7", "2026-12-03T10:00:00Z");
        Files.createDirectories(directory.resolve("job-b/chk-8")); // cut off: no metadata yet
        Files.createDirectories(directory.resolve("job-c/shared"));

        Optional<Path> latest = new LocalCheckpoints(directory).latest();

        assertThat(latest).contains(newest);
        assertThat(latest).isNotEqualTo(Optional.of(older));
    }

    @Test
    void theJobKeepsItsCheckpointsThereWhenCancelledAndClaimsTheOneItResumesFrom() {
        Path checkpoint = directory.resolve("job-b/chk-7");

        Configuration configuration =
                new LocalCheckpoints(directory).configuration(Optional.of(checkpoint));

        assertThat(configuration.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY))
                .isEqualTo(directory.toUri().toString());
        assertThat(configuration.get(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION))
                .isEqualTo(ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        assertThat(configuration.get(StateRecoveryOptions.SAVEPOINT_PATH))
                .isEqualTo(checkpoint.toUri().toString());
        assertThat(configuration.get(StateRecoveryOptions.RESTORE_MODE))
                .isEqualTo(RecoveryClaimMode.CLAIM);
        assertThat(
                        new LocalCheckpoints(directory)
                                .configuration(Optional.empty())
                                .getOptional(StateRecoveryOptions.SAVEPOINT_PATH))
                .isEmpty();
    }

    private Path completed(String job, String checkpoint, String at) throws Exception {
        Path folder = Files.createDirectories(directory.resolve(job).resolve(checkpoint));
        Path metadata = Files.writeString(folder.resolve("_metadata"), "metadata");
        Files.setLastModifiedTime(metadata, FileTime.from(Instant.parse(at)));
        return folder;
    }
}
