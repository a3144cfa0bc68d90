package io.ordertrack.local;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Properties;

/**
 * Where the live feed stands, kept in {@code .local/live-feed.properties}: the simulated start of
 * its run and how many records it has sent. The simulation is deterministic, so a restart replays
 * the same run from the same start, skips what was sent and carries on, instead of sending a week
 * of history again. Saved every few seconds: after a crash the last few seconds' records are sent
 * twice, which the job drops by event id.
 *
 * @param start the simulated start of the run
 * @param sent records sent so far
 */
record FeedPosition(Instant start, long sent) {
    private static final String START = "start";
    private static final String SENT = "sent";

    /** The saved position, or a new run starting at {@code start} when none was saved. */
    static FeedPosition load(Path file, Instant start) {
        if (!Files.isRegularFile(file)) {
            return new FeedPosition(start, 0);
        }
        Properties saved = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            saved.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new FeedPosition(
                Instant.parse(saved.getProperty(START)), Long.parseLong(saved.getProperty(SENT)));
    }

    /** Saves it, replacing the file whole (a crash midway leaves the previous position). */
    void save(Path file) {
        Properties position = new Properties();
        position.setProperty(START, start.toString());
        position.setProperty(SENT, Long.toString(sent));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            try (Writer out = Files.newBufferedWriter(temporary)) {
                position.store(out, "ordertrack live feed: simulated start and records sent");
            }
            Files.move(
                    temporary,
                    file,
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
