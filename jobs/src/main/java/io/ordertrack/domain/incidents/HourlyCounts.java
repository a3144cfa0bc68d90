package io.ordertrack.domain.incidents;

import java.util.ArrayList;
import java.util.List;

/**
 * Counts per hour over the last few days, with the parcels exposed in each hour (the most seen in
 * it) and the longest gap between two events that ended in it, in a fixed ring: memory does not
 * grow with time. An hour older than the ring is dropped.
 *
 * <p>The usual rate of a counter at an hour of the day is its counts over its exposure in the same
 * hour of the earlier days: a rate per parcel, so that it holds however many parcels there are.
 * Counts {@link #fromSecondHour} leave the hour of their first count out of the usual: a
 * warehouse's first stock arrives at once, a channel's first orders may be a backfill.
 */
final class HourlyCounts {
    static final long HOUR = 3_600_000L;
    private static final int HOURS_PER_DAY = 24;

    private final int hours;
    private final long[] hourOf;
    private final long[][] counts;
    private final long[] exposure;
    private final long[] longestGap;
    private boolean firstHourUsual = true;
    private long firstHour = Long.MIN_VALUE;

    /** Counts whose first hour is no usual hour. */
    static HourlyCounts fromSecondHour(int days, int counters) {
        HourlyCounts counts = new HourlyCounts(days, counters);
        counts.firstHourUsual = false;
        return counts;
    }

    HourlyCounts(int days, int counters) {
        this.hours = days * HOURS_PER_DAY;
        this.hourOf = new long[hours];
        this.counts = new long[counters][hours];
        this.exposure = new long[hours];
        this.longestGap = new long[hours];
        java.util.Arrays.fill(hourOf, Long.MIN_VALUE);
    }

    /** Counts one of {@code counter} at {@code at}. */
    void add(int counter, long at) {
        if (!firstHourUsual && firstHour == Long.MIN_VALUE) {
            firstHour = Math.floorDiv(at, HOUR);
        }
        int slot = slot(Math.floorDiv(at, HOUR));
        if (slot >= 0) {
            counts[counter][slot]++;
        }
    }

    /** Notes that {@code parcels} were exposed at {@code at}. */
    void expose(long at, int parcels) {
        int slot = slot(Math.floorDiv(at, HOUR));
        if (slot >= 0) {
            exposure[slot] = Math.max(exposure[slot], parcels);
        }
    }

    /** Notes a gap of {@code gap} between two events that ended at {@code at}. */
    void gap(long at, long gap) {
        int slot = slot(Math.floorDiv(at, HOUR));
        if (slot >= 0) {
            longestGap[slot] = Math.max(longestGap[slot], gap);
        }
    }

    /**
     * The usual longest gap between two events in the hour of the day of {@code at}: the shortest
     * of the longest gaps that ended in that hour on the earlier days, so that one day's outage
     * does not make the next day's look usual; when none did (the feed's first day, or no event in
     * that hour), the median of those that ended in the earlier hours; 0 when no gap has ended.
     */
    long usualLongestGap(long at) {
        long hour = Math.floorDiv(at, HOUR);
        long sameHour = Long.MAX_VALUE;
        List<Long> anyHour = new ArrayList<>();
        for (int slot = 0; slot < hours; slot++) {
            long earlier = hourOf[slot];
            if (earlier >= hour || earlier <= hour - hours || longestGap[slot] == 0) {
                continue;
            }
            anyHour.add(longestGap[slot]);
            if (Math.floorMod(hour - earlier, (long) HOURS_PER_DAY) == 0) {
                sameHour = Math.min(sameHour, longestGap[slot]);
            }
        }
        if (sameHour != Long.MAX_VALUE) {
            return sameHour;
        }
        if (anyHour.isEmpty()) {
            return 0;
        }
        anyHour.sort(null);
        return anyHour.get(anyHour.size() / 2);
    }

    /** Counts of {@code counter} in the hour before the one of {@code at}. */
    long lastHour(int counter, long at) {
        long hour = Math.floorDiv(at, HOUR) - 1;
        int slot = (int) Math.floorMod(hour, (long) hours);
        return hourOf[slot] == hour ? counts[counter][slot] : 0;
    }

    /** Counts of {@code counter} in the hours of the ring up to the one of {@code at}. */
    long total(int counter, long at) {
        long current = Math.floorDiv(at, HOUR);
        long sum = 0;
        for (int slot = 0; slot < hours; slot++) {
            if (hourOf[slot] <= current && hourOf[slot] > current - hours) {
                sum += counts[counter][slot];
            }
        }
        return sum;
    }

    /**
     * The mean counts of {@code counter} in the same hour of the day as the one before {@code at}.
     */
    double usualPerHour(int counter, long at) {
        long hour = Math.floorDiv(at, HOUR) - 1;
        long sum = 0;
        int days = 0;
        for (long earlier = hour - HOURS_PER_DAY;
                earlier > hour - hours;
                earlier -= HOURS_PER_DAY) {
            int slot = (int) Math.floorMod(earlier, (long) hours);
            if (hourOf[slot] == earlier && earlier != firstHour) {
                sum += counts[counter][slot];
                days++;
            }
        }
        return days == 0 ? 0 : (double) sum / days;
    }

    /**
     * How many of {@code counter} the usual rates would have brought from {@code from} to {@code
     * to} for {@code parcels} parcels: the rates of the hours before {@code from}, hour of the day
     * by hour of the day; at most the ring's length of silence is counted.
     */
    double expected(int counter, long from, long to, int parcels) {
        long start = Math.max(from, to - hours * HOUR);
        long before = Math.floorDiv(start, HOUR);
        double expected = 0;
        for (long hour = before; hour * HOUR < to; hour++) {
            long overlap = Math.min(to, (hour + 1) * HOUR) - Math.max(start, hour * HOUR);
            expected += rate(counter, Math.floorMod(hour, HOURS_PER_DAY), before) * overlap / HOUR;
        }
        return expected * parcels;
    }

    /**
     * Counts per exposed parcel in an hour of the day, over the ring's hours before {@code before}.
     */
    private double rate(int counter, long hourOfDay, long before) {
        long sum = 0;
        long exposed = 0;
        for (int slot = (int) hourOfDay; slot < hours; slot += HOURS_PER_DAY) {
            long hour = hourOf[slot];
            // An hour nobody watched (its courier's feed was silent) has counts and no exposure.
            if (hour < before
                    && hour >= before - hours
                    && exposure[slot] > 0
                    && hour != firstHour) {
                sum += counts[counter][slot];
                exposed += exposure[slot];
            }
        }
        return exposed == 0 ? 0 : (double) sum / exposed;
    }

    /** The slot of an hour, claimed (and emptied) if it held an older one; -1 for a stale hour. */
    private int slot(long hour) {
        int slot = (int) Math.floorMod(hour, (long) hours);
        if (hourOf[slot] == hour) {
            return slot;
        }
        if (hourOf[slot] > hour) {
            return -1;
        }
        hourOf[slot] = hour;
        exposure[slot] = 0;
        longestGap[slot] = 0;
        for (long[] counter : counts) {
            counter[slot] = 0;
        }
        return slot;
    }
}
