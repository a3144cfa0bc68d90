package io.ordertrack.jobs.ingest;

import java.util.HashMap;
import java.util.Map;

/**
 * Whether a source is catching up, from its readers' reports ({@link CatchUpReportingSource}):
 * while any reader's latest report, at most {@link #STALE_MILLIS} old, said it was. A reader
 * reports while it reads; one that fell silent has nothing to read, so its backlog is drained.
 */
final class CatchUpVotes {
    /** How long a reader's report counts. */
    static final long STALE_MILLIS = 5_000;

    /** When each reader catching up last said so. */
    private final Map<Integer, Long> catchingUpAt = new HashMap<>();

    /** Reader {@code subtask} reported at {@code now} whether it is catching up. */
    void report(int subtask, boolean catchingUp, long now) {
        if (catchingUp) {
            catchingUpAt.put(subtask, now);
        } else {
            catchingUpAt.remove(subtask);
        }
    }

    /** Whether the source is catching up at {@code now}. */
    boolean catchingUp(long now) {
        catchingUpAt.values().removeIf(at -> now - at > STALE_MILLIS);
        return !catchingUpAt.isEmpty();
    }
}
