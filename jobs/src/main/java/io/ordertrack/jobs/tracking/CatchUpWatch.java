package io.ordertrack.jobs.tracking;

import java.time.Duration;

/**
 * Whether a subtask is catching up: working through a backlog (a replay, a restart after an outage,
 * a late batch) rather than keeping pace with the feeds. It is while its watermark is more than the
 * live lag behind the wall clock and moved at least {@value #FASTER} times as fast as the wall
 * clock over the last few seconds: since the oldest sample of the last {@link #WINDOW_MILLIS}, or
 * the latest if all are older (samples are a second apart at least, taken as records are read and
 * timers fire). A watermark that stalls for a second or two in a backlog (a checkpoint's alignment,
 * a collector's pause) still counts as catching up; once the backlog is drained the watermark
 * stands still, or moves with the wall clock, and within the window the writes held for the end of
 * the catch-up go ({@link OrderTracker.Writes#longestHold()}).
 *
 * <p>Kept in memory, per subtask: a subtask just restored counts as not catching up until it has
 * watched its watermark for a second, so at worst it writes as often as without the watch.
 */
public final class CatchUpWatch {
    /** How far apart the samples of the watermark are, at least. */
    static final long SAMPLE_MILLIS = 1_000;

    /** How far back the watermark's speed is measured from, at most (if sampled since). */
    static final long WINDOW_MILLIS = 5_000;

    /** How many times faster than the wall clock a watermark catching up moves, at least. */
    static final int FASTER = 2;

    private static final int KEPT = (int) (WINDOW_MILLIS / SAMPLE_MILLIS) + 1;

    private final long liveLagMillis;

    /** The samples, a ring: when each was taken, and the watermark then. */
    private final long[] sampledAt = new long[KEPT];

    private final long[] sampledWatermark = new long[KEPT];
    private int samples;
    private int newest;
    private boolean catchingUp;

    public CatchUpWatch(Duration liveLag) {
        this.liveLagMillis = liveLag.toMillis();
    }

    /**
     * Whether the subtask is catching up now, watching its watermark once more.
     *
     * @param now the wall clock (processing time)
     * @param watermark the subtask's current watermark
     */
    public boolean catchingUp(long now, long watermark) {
        watch(now, watermark);
        return catchingUp;
    }

    /** Watches the watermark, as at every record read, so that a timer knows at once. */
    public void watch(long now, long watermark) {
        if (watermark == Long.MIN_VALUE || watermark >= now - liveLagMillis) {
            samples = 0;
            catchingUp = false;
            return;
        }
        if (samples > 0) {
            int from = oldestWithin(now);
            if (now - sampledAt[from] >= SAMPLE_MILLIS) {
                catchingUp = watermark - sampledWatermark[from] >= FASTER * (now - sampledAt[from]);
            }
            if (now - sampledAt[newest] < SAMPLE_MILLIS) {
                return;
            }
        }
        newest = (newest + 1) % KEPT;
        sampledAt[newest] = now;
        sampledWatermark[newest] = watermark;
        samples = Math.min(samples + 1, KEPT);
    }

    /** The oldest sample taken within the window, else the newest. */
    private int oldestWithin(long now) {
        for (int age = samples - 1; age > 0; age--) {
            int index = (newest - age + KEPT) % KEPT;
            if (now - sampledAt[index] <= WINDOW_MILLIS) {
                return index;
            }
        }
        return newest;
    }
}
