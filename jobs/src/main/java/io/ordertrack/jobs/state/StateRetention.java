package io.ordertrack.jobs.state;

import java.time.Duration;
import org.apache.flink.api.common.state.StateTtlConfig;

/**
 * Every piece of keyed state expires once nothing has written it for the retention period, so
 * orders that stop receiving events (delivered long ago, or abandoned) do not grow state for ever.
 *
 * <p>Expired state is never read, and it is dropped by RocksDB's compactions and from every full
 * snapshot. Flink's default for heap state, checking a few entries on every state access, is turned
 * off: it copies every value of a map state it visits, which took half the order tracker's time in
 * the pipeline benchmark. On heap state an abandoned order therefore stays in memory until the job
 * is restored from a snapshot; finished orders are cleared by their own timers either way.
 */
public final class StateRetention {
    /** State entries RocksDB's compaction filter reads before it refreshes the current time. */
    private static final long ENTRIES_PER_TIME_CHECK = 1_000;

    private StateRetention() {}

    public static StateTtlConfig after(Duration retention) {
        return StateTtlConfig.newBuilder(retention)
                .updateTtlOnCreateAndWrite()
                .neverReturnExpired()
                .disableCleanupInBackground()
                .cleanupFullSnapshot()
                .cleanupInRocksdbCompactFilter(ENTRIES_PER_TIME_CHECK)
                .build();
    }
}
