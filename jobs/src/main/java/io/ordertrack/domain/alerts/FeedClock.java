package io.ordertrack.domain.alerts;

import java.util.Arrays;

/**
 * How far a courier's feed for a seller has come: the latest scan time it had sent by each arrival
 * time. Kept as the steps where that time moved on, as {@code [arrivedAt, clock, arrivedAt, clock,
 * ...]} with both rising (a reading that an earlier arrival already matched adds nothing), so that
 * the readings give the same clock whatever order they are added in.
 */
public final class FeedClock {
    private static final long[] EMPTY = {};

    private FeedClock() {}

    /** The feed of a seller's courier account. */
    public static String feedOf(String tenantId, String courier) {
        return tenantId + "/" + courier;
    }

    /** No reading yet. */
    public static long[] empty() {
        return EMPTY;
    }

    /** The steps with one more reading (the same array when it adds nothing). */
    public static long[] add(long[] steps, long arrivedAt, long clock) {
        int at = 0;
        while (at < steps.length && steps[at] <= arrivedAt) {
            at += 2;
        }
        if (at > 0 && steps[at - 1] >= clock) {
            return steps; // an earlier (or simultaneous) arrival had come as far
        }
        int keepFrom = at;
        while (keepFrom < steps.length && steps[keepFrom + 1] <= clock) {
            keepFrom += 2; // later arrivals that came no further
        }
        if (at > 0 && steps[at - 2] == arrivedAt) {
            at -= 2; // the same arrival, now further
        }
        long[] added = new long[at + 2 + steps.length - keepFrom];
        System.arraycopy(steps, 0, added, 0, at);
        added[at] = arrivedAt;
        added[at + 1] = clock;
        System.arraycopy(steps, keepFrom, added, at + 2, steps.length - keepFrom);
        return added;
    }

    /** The feed's clock by arrival time {@code arrivedBy}; {@link Long#MIN_VALUE} before any. */
    public static long clockAt(long[] steps, long arrivedBy) {
        long clock = Long.MIN_VALUE;
        for (int i = 0; i < steps.length && steps[i] <= arrivedBy; i += 2) {
            clock = steps[i + 1];
        }
        return clock;
    }

    /** The steps without those before {@code arrivedAt}, but the last of them (the clock then). */
    public static long[] forgetBefore(long[] steps, long arrivedAt) {
        int from = 0;
        while (from + 2 < steps.length && steps[from + 2] <= arrivedAt) {
            from += 2;
        }
        return from == 0 ? steps : Arrays.copyOfRange(steps, from, steps.length);
    }
}
