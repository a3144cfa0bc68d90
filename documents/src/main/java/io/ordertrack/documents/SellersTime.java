package io.ordertrack.documents;

import java.time.ZoneId;

/**
 * The sellers' clock: India Standard Time. A "day" in a document (an hourly cohort's day, an
 * order's placed date) and a date without a time in a query both begin and end in this zone.
 */
public final class SellersTime {
    /** The sellers' time zone, {@code Asia/Kolkata}. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Kolkata");

    private SellersTime() {}
}
