package io.ordertrack.domain.alerts;

import java.util.Arrays;

/**
 * How far a courier's feed for a seller has come: the latest scan time it had sent by each arrival
 * time. Kept as the steps where that time moved on, as {@code [arrivedAt, clock, arrivedAt, clock,
 * ...]} with both rising (a reading that an earlier arrival already matched adds nothing), so that
 * the readings give the same clock whatever order they are added in.
 *
 * <p>A feed keeps a day of steps a minute apart, and a reading usually adds one at the end while
 * the oldest is forgotten: so that this costs no copy of the whole day, the array has room on both
 * sides. Forgotten steps are overwritten, in place, with pairs of {@link Long#MIN_VALUE}, which
 * read as no reading at all; room to grow follows the steps as pairs of {@link Long#MAX_VALUE}. A
 * new array, without the forgotten steps and with as much room as steps, is made only when the room
 * is used up. Steps are found by binary search. Arrays of an earlier build, with neither, read the
 * same.
 */
public final class FeedClock {
    private static final long[] EMPTY = {};

    /** Arrival and clock of a forgotten step. */
    private static final long FORGOTTEN = Long.MIN_VALUE;

    /** Arrival and clock of room not used yet. */
    private static final long ROOM = Long.MAX_VALUE;

    /** Steps a feed's first array has room for. */
    private static final int FIRST_STEPS = 16;

    private FeedClock() {}

    /** The feed of a seller's courier account. */
    public static String feedOf(String tenantId, String courier) {
        return tenantId + "/" + courier;
    }

    /** No reading yet. */
    public static long[] empty() {
        return EMPTY;
    }

    /**
     * Whether a reading moves the clock on at some arrival time: else adding it changes nothing.
     */
    public static boolean advances(long[] steps, long arrivedAt, long clock) {
        int at = firstAfter(steps, arrivedAt);
        return at == 0 || steps[at - 1] < clock;
    }

    /**
     * The steps with one more reading: the same array, changed in place, when it adds nothing or
     * there is room; else a new one. The array given is not to be read afterwards.
     */
    public static long[] add(long[] steps, long arrivedAt, long clock) {
        if (arrivedAt == FORGOTTEN || arrivedAt == ROOM) {
            throw new IllegalArgumentException("no reading can arrive at " + arrivedAt);
        }
        if (!advances(steps, arrivedAt, clock)) {
            return steps; // an earlier (or simultaneous) arrival had come as far
        }
        int at = firstAfter(steps, arrivedAt);
        int end = firstAfter(steps, ROOM - 1);
        int keepFrom = at;
        while (keepFrom < end && steps[keepFrom + 1] <= clock) {
            keepFrom += 2; // later arrivals that came no further
        }
        if (at > 0 && steps[at - 2] == arrivedAt) {
            at -= 2; // the same arrival, now further
        }
        int newEnd = at + 2 + end - keepFrom;
        if (newEnd > steps.length) {
            return withRoom(steps, at, keepFrom, end, arrivedAt, clock);
        }
        System.arraycopy(steps, keepFrom, steps, at + 2, end - keepFrom);
        steps[at] = arrivedAt;
        steps[at + 1] = clock;
        if (newEnd < end) {
            Arrays.fill(steps, newEnd, end, ROOM);
        }
        return steps;
    }

    /** A new array: the steps kept before {@code at}, the reading, those from {@code keepFrom}. */
    private static long[] withRoom(
            long[] steps, int at, int keepFrom, int end, long arrivedAt, long clock) {
        int start = firstAfter(steps, FORGOTTEN);
        int length = at - start + 2 + end - keepFrom;
        long[] grown = new long[Math.max(2 * length, 2 * FIRST_STEPS)];
        System.arraycopy(steps, start, grown, 0, at - start);
        grown[at - start] = arrivedAt;
        grown[at - start + 1] = clock;
        System.arraycopy(steps, keepFrom, grown, at - start + 2, end - keepFrom);
        Arrays.fill(grown, length, grown.length, ROOM);
        return grown;
    }

    /** The feed's clock by arrival time {@code arrivedBy}; {@link Long#MIN_VALUE} before any. */
    public static long clockAt(long[] steps, long arrivedBy) {
        int after = firstAfter(steps, arrivedBy);
        return after == 0 ? Long.MIN_VALUE : steps[after - 1];
    }

    /**
     * Forgets the steps before {@code arrivedAt}, but the last of them (the clock then), in place.
     *
     * @return the same array
     */
    public static long[] forgetBefore(long[] steps, long arrivedAt) {
        int start = firstAfter(steps, FORGOTTEN);
        int lastBefore = firstAfter(steps, arrivedAt) - 2;
        if (lastBefore > start) {
            Arrays.fill(steps, start, lastBefore, FORGOTTEN);
        }
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
