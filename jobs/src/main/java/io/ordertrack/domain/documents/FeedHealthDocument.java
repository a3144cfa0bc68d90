package io.ordertrack.domain.documents;

import java.time.Instant;
import java.util.List;

/**
 * The health of one input feed as indexed into the {@code feed-health} index (id = {@code feedId},
 * rewritten on every review of the feed). Field names are those of {@link
 * io.ordertrack.documents.Index#FEED_HEALTH}.
 *
 * @param feedId {@code kind:name|tenant}, e.g. {@code COURIER:DELHIVERY|acme-fashion}
 * @param tenantId the seller whose share of the feed this is, or {@link #ALL_TENANTS} for the whole
 *     platform (what an analyst sees)
 * @param kind {@code COURIER} (tracking scans), {@code CHANNEL} (a sales channel's order events) or
 *     {@code WAREHOUSE} (a warehouse's stock events)
 * @param name the courier, channel or warehouse
 * @param state {@code OK} or {@code SILENT} (a {@code FEED_SILENT} incident is open)
 * @param asOf the feed clock the figures are taken at
 * @param silentSince when its last event arrived, while silent
 * @param incidentId the open {@code FEED_SILENT} incident, while silent
 * @param eventsLastHour events that arrived in the last whole hour
 * @param usualEventsPerHour the mean for that hour of the day over the earlier days
 * @param events events that arrived in the days kept
 * @param unmappedShare couriers: the share of scans whose raw code is not in the mapping table
 * @param unknownCodes couriers: the most frequent unknown raw codes with their texts
 * @param duplicates events that had arrived before
 * @param regressions couriers: scans reporting a state the parcel had already passed
 * @param lagP50Ms arrival minus event time, median of the latest events, in milliseconds (and P90,
 *     P99)
 * @param live couriers: parcels on their way; 0 for other feeds
 * @param lastArrivalAt when its latest event arrived
 */
public record FeedHealthDocument(
        String feedId,
        String tenantId,
        String kind,
        String name,
        String state,
        Instant asOf,
        Instant silentSince,
        String incidentId,
        long eventsLastHour,
        double usualEventsPerHour,
        long events,
        double unmappedShare,
        List<UnknownCode> unknownCodes,
        long duplicates,
        long regressions,
        long lagP50Ms,
        long lagP90Ms,
        long lagP99Ms,
        int live,
        Instant lastArrivalAt) {

    /** The {@code tenantId} of a platform-wide document. */
    public static final String ALL_TENANTS = "*";

    /** An unknown raw code of a courier, its text, and how many scans carried it. */
    public record UnknownCode(String code, String text, long scans) {}
}
