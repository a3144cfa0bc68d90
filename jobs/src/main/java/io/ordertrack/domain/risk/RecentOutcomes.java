package io.ordertrack.domain.risk;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * The outcomes learned recently under one signal (or one customer), counted by the hour they
 * finished in: what lets the RTO risk model say what it had learned by any recent hour, whatever
 * order the outcomes arrived in. Immutable; kept in Flink state as its {@link #encoded()} longs.
 */
public final class RecentOutcomes {
    /** Outcomes are counted, and learned, by the hour of event time they finished in. */
    public static final Duration SLOT = Duration.ofHours(1);

    public static final RecentOutcomes NONE = new RecentOutcomes(new long[0]);

    private static final long SLOT_MILLIS = SLOT.toMillis();

    /** Per slot, oldest first: its start (epoch ms), the orders finished in it, how many RTO. */
    private static final int FIELDS = 3;

    private final long[] slots;

    private RecentOutcomes(long[] slots) {
        this.slots = slots;
    }

    /** From state; null (nothing kept) is {@link #NONE}. */
    public static RecentOutcomes decode(long[] encoded) {
        if (encoded == null || encoded.length == 0) {
            return NONE;
        }
        if (encoded.length % FIELDS != 0) {
            throw new IllegalArgumentException(
                    "recent outcomes come in threes, got " + encoded.length);
        }
        return new RecentOutcomes(encoded);
    }

    /** The start of the slot an instant (epoch ms) falls in. */
    public static long slotOf(long epochMillis) {
        return Math.floorDiv(epochMillis, SLOT_MILLIS) * SLOT_MILLIS;
    }

    public long[] encoded() {
        return slots;
    }

    public boolean isEmpty() {
        return slots.length == 0;
    }

    /** With one more outcome, finished at {@code finishedAt}. */
    public RecentOutcomes plus(Instant finishedAt, boolean rto) {
        long slot = slotOf(finishedAt.toEpochMilli());
        int at = 0;
        while (at < slots.length && slots[at] < slot) {
            at += FIELDS;
        }
        long[] next;
        if (at < slots.length && slots[at] == slot) {
            next = slots.clone();
        } else {
            next = new long[slots.length + FIELDS];
            System.arraycopy(slots, 0, next, 0, at);
            System.arraycopy(slots, at, next, at + FIELDS, slots.length - at);
            next[at] = slot;
        }
        next[at + 1]++;
        next[at + 2] += rto ? 1 : 0;
        return new RecentOutcomes(next);
    }

    /** The outcomes finished before {@code slotStart}, a slot boundary. */
    public RtoRisk.Tally before(long slotStart) {
        long orders = 0;
        long rto = 0;
        for (int at = 0; at < slots.length && slots[at] < slotStart; at += FIELDS) {
            orders += slots[at + 1];
            rto += slots[at + 2];
        }
        return new RtoRisk.Tally(orders, rto);
    }

    /** The outcomes finished from {@code slotStart}, a slot boundary, on. */
    public RecentOutcomes from(long slotStart) {
        int at = 0;
        while (at < slots.length && slots[at] < slotStart) {
            at += FIELDS;
        }
        return at == 0 ? this : decode(Arrays.copyOfRange(slots, at, slots.length));
    }
}
