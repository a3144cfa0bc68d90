package io.ordertrack.domain.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * The deliveries learned recently under one key of the expected delivery, as one {@link
 * RemainingHours} per day they became known on: what lets the model say what it had learned by any
 * recent day, whatever order the deliveries arrived in. Immutable; kept in Flink state as its
 * {@link #encoded()} longs.
 */
public final class RecentDeliveries {
    /** Deliveries are counted, and learned, by the day (UTC) they became known on. */
    public static final Duration SLOT = Duration.ofDays(1);

    public static final RecentDeliveries NONE = new RecentDeliveries(new long[0]);

    private static final long SLOT_MILLIS = SLOT.toMillis();

    /** Per day, oldest first: its start (epoch ms), then the counts of every bucket. */
    private static final int FIELDS = 1 + RemainingHours.BOUNDS.length;

    private final long[] days;

    private RecentDeliveries(long[] days) {
        this.days = days;
    }

    /** From state; null (nothing kept) is {@link #NONE}. */
    public static RecentDeliveries decode(long[] encoded) {
        if (encoded == null || encoded.length == 0) {
            return NONE;
        }
        if (encoded.length % FIELDS != 0) {
            throw new IllegalArgumentException(
                    "recent deliveries come in blocks of " + FIELDS + ", got " + encoded.length);
        }
        return new RecentDeliveries(encoded);
    }

    /** The start of the day an instant (epoch ms) falls in. */
    public static long slotOf(long epochMillis) {
        return Math.floorDiv(epochMillis, SLOT_MILLIS) * SLOT_MILLIS;
    }

    public long[] encoded() {
        return days;
    }

    public boolean isEmpty() {
        return days.length == 0;
    }

    /** With one more delivery, known at {@code knownAt}, {@code hours} after its point. */
    public RecentDeliveries plus(Instant knownAt, double hours) {
        long slot = slotOf(knownAt.toEpochMilli());
        int at = 0;
        while (at < days.length && days[at] < slot) {
            at += FIELDS;
        }
        long[] next;
        if (at < days.length && days[at] == slot) {
            next = days.clone();
        } else {
            next = new long[days.length + FIELDS];
            System.arraycopy(days, 0, next, 0, at);
            System.arraycopy(days, at, next, at + FIELDS, days.length - at);
            next[at] = slot;
        }
        next[at + 1 + RemainingHours.bucketOf(hours)]++;
        return new RecentDeliveries(next);
    }

    /** The deliveries known before {@code slotStart}, a day's start. */
    public RemainingHours before(long slotStart) {
        long[] counts = new long[FIELDS - 1];
        for (int at = 0; at < days.length && days[at] < slotStart; at += FIELDS) {
            for (int bucket = 0; bucket < counts.length; bucket++) {
                counts[bucket] += days[at + 1 + bucket];
            }
        }
        return RemainingHours.decode(counts);
    }

    /** The deliveries known from {@code slotStart}, a day's start, on. */
    public RecentDeliveries from(long slotStart) {
        int at = 0;
        while (at < days.length && days[at] < slotStart) {
            at += FIELDS;
        }
        return at == 0 ? this : decode(Arrays.copyOfRange(days, at, days.length));
    }
}
