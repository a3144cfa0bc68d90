package io.ordertrack.simulator;

import java.time.Instant;

/**
 * An incident the simulator injected, as the oracle names it: one {@code incident} line.
 *
 * @param type {@code HUB_OUTAGE}, {@code FEED_OUTAGE} or {@code NEW_CODE}
 * @param courier the courier it hit
 * @param hub the hub that held its parcels (HUB_OUTAGE only)
 * @param start when it began: the hub stopped moving parcels on, the courier's scans stopped
 *     reaching the feed, the courier started sending the new code (scan time)
 * @param end when it ended: the hub's parcels move again, the held scans arrive in a burst, the
 *     courier is back to its documented codes
 * @param rawCode the undocumented code (NEW_CODE only)
 * @param rawText the text sent with it (NEW_CODE only)
 */
public record InjectedIncident(
        String type,
        String courier,
        String hub,
        Instant start,
        Instant end,
        String rawCode,
        String rawText) {
    public static final String HUB_OUTAGE = "HUB_OUTAGE";
    public static final String FEED_OUTAGE = "FEED_OUTAGE";
    public static final String NEW_CODE = "NEW_CODE";

    boolean covers(long at) {
        return at >= start.toEpochMilli() && at < end.toEpochMilli();
    }
}
