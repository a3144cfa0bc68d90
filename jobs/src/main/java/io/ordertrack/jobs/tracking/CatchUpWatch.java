package io.ordertrack.jobs.tracking;

import java.time.Duration;

/**
 * Whether a subtask is catching up: working through a backlog (a replay, a restart after an outage,
 * a late batch) rather than keeping pace with the feeds. It is while its watermark is more than the
 * live lag behind the wall clock and moved at least {@value #FASTER} times as fast as the wall
 * clock since a sample taken one to two seconds ago, or since the latest if older (samples are a
 * second apart at least, taken as records are read and timers fire); once the backlog is drained
 * the watermark stands still, or moves with the wall clock, and within two seconds or so the writes
 * held for the end of the catch-up go ({@link OrderTracker.Writes#longestHold()}).
 *
 * <p>Kept in memory, per subtask: a subtask just restored counts as not catching up until it has
 * watched its watermark for a second, so at worst it writes as often as without the watch.
 */
public final class CatchUpWatch {
    /** How far apart the samples of the watermark are, at least. */
    static final long SAMPLE_MILLIS = 1_000;

    /** How many times faster than the wall clock a watermark catching up moves, at least. */
    static final int FASTER = 2;

    private static final long NONE = Long.MIN_VALUE;

    private final long liveLagMillis;
    private long sampledAt = NONE;
    private long sampledWatermark;
    private long previousAt = NONE;
    private long previousWatermark;
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
            sampledAt = NONE;
            previousAt = NONE;
            catchingUp = false;
            return;
        }
        if (sampledAt == NONE) {
            sampledAt = now;
            sampledWatermark = watermark;
            return;
        }
        boolean fromPrevious = previousAt != NONE && now - previousAt <= 2 * SAMPLE_MILLIS;
        long fromAt = fromPrevious ? previousAt : sampledAt;
        long fromWatermark = fromPrevious ? previousWatermark : sampledWatermark;
        if (now - fromAt >= SAMPLE_MILLIS) {
            catchingUp = watermark - fromWatermark >= FASTER * (now - fromAt);
        }
        if (now - sampledAt >= SAMPLE_MILLIS) {
            previousAt = sampledAt;
            previousWatermark = sampledWatermark;
            sampledAt = now;
            sampledWatermark = watermark;
        }
    }
}
