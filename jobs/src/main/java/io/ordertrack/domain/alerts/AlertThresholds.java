package io.ordertrack.domain.alerts;

import io.ordertrack.documents.SellersTime;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * The thresholds of the order alerts (defaults from the design), each configurable.
 *
 * @param notPickedAfter NOT_PICKED: manifested / ready to ship and not picked up for this long
 * @param stuckAfter STUCK_IN_TRANSIT: no scan for this long while in transit
 * @param criticalNdrAttempts NDR: from this many failed attempts on, the alert is critical
 * @param zone where "the end of the day" is (OFD_NOT_DELIVERED, EDD_BREACH); by default the
 *     sellers' time zone
 * @param ndrActionCutoff NDR_ACTION_DUE: the seller can act on a failed attempt until this time of
 *     the next day (in {@code zone}), when the courier's next round begins
 * @param rtoAfterAttempts NDR_ACTION_DUE: after this many failed attempts the courier returns the
 *     parcel, and there is nothing left to act on
 */
public record AlertThresholds(
        Duration notPickedAfter,
        Duration stuckAfter,
        int criticalNdrAttempts,
        ZoneId zone,
        LocalTime ndrActionCutoff,
        int rtoAfterAttempts)
        implements Serializable {
    public static final AlertThresholds DEFAULT =
            new AlertThresholds(
                    Duration.ofHours(24),
                    Duration.ofHours(48),
                    3,
                    SellersTime.ZONE,
                    LocalTime.of(8, 0),
                    3);

    /** Until when the seller can act on an attempt that failed at {@code failedAt}. */
    public Instant ndrActionDeadline(Instant failedAt) {
        return failedAt.atZone(zone)
                .toLocalDate()
                .plusDays(1)
                .atTime(ndrActionCutoff)
                .atZone(zone)
                .toInstant();
    }
}
