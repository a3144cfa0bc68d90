package io.ordertrack.domain.alerts;

import java.util.Arrays;

/**
 * How far a courier's feed for a seller has come: the latest scan time it had sent by each arrival
 * time. Kept as the steps where that time moved on, as {@code [arrivedAt, clock, arrivedAt, clock,
 * ...]} with both rising (a reading that an earlier arrival already matched adds nothing), so that
 * the readings give the same clock whatever order they are added in.
 *
 * <p>The steps are followed by room to grow, pairs of {@link Long#MAX_VALUE}: a feed keeps a day of
 * steps, a minute apart, and a reading usually adds one at the end, which is then written in place;
 * the array is replaced, at twice its size, only when full, and old steps are dropped only once
 * they are at least as many as the steps kept. Both cost a constant time per reading on average.
 * Steps are found by binary search. Arrays of an earlier build, without room, are read the same.
 */
public final class FeedClock {
    private static final long[] EMPTY = {};

    /** Arrival and clock of the pairs not used yet. */
    private static final long UNUSED = Long.MAX_VALUE;

    /** Pairs a feed's steps have room for at first. */
    private static final int FIRST_PAIRS = 16;

    private FeedClock() {}

    /** The feed of a seller's courier account. */
    public static String feedOf(String tenantId, String courier) {
        return tenantId + "/" + courier;
    }

    /** No reading yet. */
    public static long[] empty() {
        return EMPTY;
    }

    /** How many of the array's longs are steps; the rest is room to grow. */
    public static int length(long[] steps) {
        int low = 0;
        int high = steps.length / 2;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (steps[2 * middle] == UNUSED) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return 2 * low;
    }

    /**
     * Whether a reading moves the clock on at some arrival time: else adding it changes nothing.
     */
    public static boolean advances(long[] steps, long arrivedAt, long clock) {
        int after = firstAfter(steps, arrivedAt);
        return after == 0 || steps[after - 1] < clock;
    }

    /**
     * The steps with one more reading: the same array, written in place, when it has room (or when
     * the reading adds nothing, see {@link #advances}), else a larger one. The steps given are not
     * to be used afterwards.
     */
    public static long[] add(long[] steps, long arrivedAt, long clock) {
        if (arrivedAt == UNUSED) {
            throw new IllegalArgumentException("no arrival time can be " + UNUSED);
        }
        int at = firstAfter(steps, arrivedAt);
        if (at > 0 && steps[at - 1] >= clock) {
            return steps; // an earlier (or simultaneous) arrival had come as far
        }
        int end = length(steps);
        int keepFrom = at;
        while (keepFrom < end && steps[keepFrom + 1] <= clock) {
            keepFrom += 2; // later arrivals that came no further
        }
        if (at > 0 && steps[at - 2] == arrivedAt) {
            at -= 2; // the same arrival, now further
        }
        int newEnd = at + 2 + end - keepFrom;
        long[] added = steps;
        if (newEnd > steps.length) {
            added = new long[Math.max(newEnd, Math.max(2 * steps.length, 2 * FIRST_PAIRS))];
            System.arraycopy(steps, 0, added, 0, at);
            Arrays.fill(added, newEnd, added.length, UNUSED);
        }
        System.arraycopy(steps, keepFrom, added, at + 2, end - keepFrom);
        added[at] = arrivedAt;
        added[at + 1] = clock;
        if (newEnd < end) {
            Arrays.fill(added, newEnd, end, UNUSED);
        }
        return added;
    }

    /** The feed's clock by arrival time {@code arrivedBy}; {@link Long#MIN_VALUE} before any. */
    public static long clockAt(long[] steps, long arrivedBy) {
        int after = firstAfter(steps, arrivedBy);
        return after == 0 ? Long.MIN_VALUE : steps[after - 1];
    }

    /**
     * The steps without those before {@code arrivedAt}, but the last of them (the clock then), once
     * they are at least as many as the steps kept; until then they stay, which changes no clock
     * after {@code arrivedAt}. Written in place.
     */
    public static long[] forgetBefore(long[] steps, long arrivedAt) {
        int end = length(steps);
        int from = Math.min(firstAfter(steps, arrivedAt) - 2, end - 2);
        if (from <= 0 || from < end - from) {
            return steps;
        }
        System.arraycopy(steps, from, steps, 0, end - from);
        Arrays.fill(steps, end - from, end, UNUSED);
        return steps;
    }

    /** Where the first step that arrived after {@code arrivedAt} is (the end if none did). */
    private static int firstAfter(long[] steps, long arrivedAt) {
        int low = 0;
        int high = steps.length / 2;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (steps[2 * middle] <= arrivedAt) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return 2 * low;
    }
}
