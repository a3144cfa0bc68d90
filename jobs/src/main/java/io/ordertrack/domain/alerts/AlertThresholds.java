package io.ordertrack.domain.alerts;

import io.ordertrack.documents.SellersTime;
import java.io.Serializable;
import java.time.Duration;
import java.time.ZoneId;

/**
 * The thresholds of the order alerts (defaults from the design), each configurable.
 *
 * @param notPickedAfter NOT_PICKED: manifested / ready to ship and not picked up for this long
 * @param stuckAfter STUCK_IN_TRANSIT: no scan for this long while in transit
 * @param criticalNdrAttempts NDR: from this many failed attempts on, the alert is critical
 * @param zone where "the end of the day" is (OFD_NOT_DELIVERED, EDD_BREACH); by default the
 *     sellers' time zone
 */
public record AlertThresholds(
        Duration notPickedAfter, Duration stuckAfter, int criticalNdrAttempts, ZoneId zone)
        implements Serializable {
    public static final AlertThresholds DEFAULT =
            new AlertThresholds(Duration.ofHours(24), Duration.ofHours(48), 3, SellersTime.ZONE);
}
