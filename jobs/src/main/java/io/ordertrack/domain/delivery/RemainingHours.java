package io.ordertrack.domain.delivery;

import java.util.Arrays;

/**
 * How long parcels took to be delivered from one point of their way, as a histogram of hours:
 * two-hour buckets for the first day, four-hour ones to the third, eight-hour ones to the end of
 * the first week, a day each to the end of the second, then one bucket to the 30th day (longer
 * times count as 30 days). A quantile is read by assuming the times spread evenly within a bucket,
 * so it is right within half a bucket: an hour on the last day of a parcel's way, four by the end
 * of its first week. Immutable; kept in Flink state as its {@link #encoded()} counts.
 */
public final class RemainingHours {
    /** The upper bound of each bucket, in hours; the first starts at 0. */
    static final double[] BOUNDS = bounds();

    public static final RemainingHours NONE = new RemainingHours(new long[BOUNDS.length]);

    private final long[] counts;

    private RemainingHours(long[] counts) {
        this.counts = counts;
    }

    private static double[] bounds() {
        double[] bounds = new double[44];
        int i = 0;
        double hours = 0;
        for (int[] band : new int[][] {{2, 24}, {4, 72}, {8, 168}, {24, 336}, {384, 720}}) {
            while (hours < band[1]) {
                hours += band[0];
                bounds[i++] = hours;
            }
        }
        return bounds;
    }

    /** From state; null or empty (nothing kept) is {@link #NONE}. */
    public static RemainingHours decode(long[] encoded) {
        if (encoded == null || encoded.length == 0) {
            return NONE;
        }
        if (encoded.length != BOUNDS.length) {
            throw new IllegalArgumentException(
                    "remaining hours come in " + BOUNDS.length + " buckets, got " + encoded.length);
        }
        return new RemainingHours(encoded);
    }

    public long[] encoded() {
        return counts;
    }

    /** How many deliveries were counted. */
    public long count() {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        return total;
    }

    /** With one more delivery, this many hours after the point (negative counts as 0). */
    public RemainingHours plus(double hours) {
        return plus(bucketOf(hours), 1);
    }

    private RemainingHours plus(int bucket, long count) {
        long[] next = counts.clone();
        next[bucket] += count;
        return new RemainingHours(next);
    }

    /** With all of another's deliveries. */
    public RemainingHours plus(RemainingHours other) {
        long[] next = counts.clone();
        for (int i = 0; i < next.length; i++) {
            next[i] += other.counts[i];
        }
        return new RemainingHours(next);
    }

    /** The bucket of a delivery this many hours after the point. */
    static int bucketOf(double hours) {
        int at = Arrays.binarySearch(BOUNDS, hours);
        int bucket = at >= 0 ? at + 1 : -at - 1;
        return Math.min(Math.max(bucket, 0), BOUNDS.length - 1);
    }

    /**
     * How many of the deliveries took longer than {@code elapsed} hours: those still to come for a
     * parcel that has been waiting that long.
     */
    public double longerThan(double elapsed) {
        double total = 0;
        for (int i = 0; i < counts.length; i++) {
            total += counts[i] * shareAbove(i, elapsed);
        }
        return total;
    }

    /**
     * The {@code q} quantile of the hours, of the deliveries that took longer than {@code elapsed}
     * (a parcel still on its way after that long takes longer than that); NaN when none did.
     */
    public double quantile(double q, double elapsed) {
        double total = longerThan(elapsed);
        if (total <= 0) {
            return Double.NaN;
        }
        double wanted = q * total;
        double seen = 0;
        for (int i = 0; i < counts.length; i++) {
            double inBucket = counts[i] * shareAbove(i, elapsed);
            if (inBucket > 0 && seen + inBucket >= wanted) {
                double from = Math.max(lowerBound(i), elapsed);
                return from + (BOUNDS[i] - from) * (wanted - seen) / inBucket;
            }
            seen += inBucket;
        }
        return BOUNDS[BOUNDS.length - 1];
    }

    /** The share of a bucket's deliveries that took longer than {@code elapsed} hours. */
    private static double shareAbove(int bucket, double elapsed) {
        double low = lowerBound(bucket);
        double high = BOUNDS[bucket];
        if (elapsed <= low) {
            return 1;
        }
        return elapsed >= high ? 0 : (high - elapsed) / (high - low);
    }

    private static double lowerBound(int bucket) {
        return bucket == 0 ? 0 : BOUNDS[bucket - 1];
    }
}
