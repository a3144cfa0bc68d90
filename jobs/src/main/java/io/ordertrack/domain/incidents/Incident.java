package io.ordertrack.domain.incidents;

import java.time.Instant;
import java.util.List;

/**
 * One incident: the cause behind many parcels (or a seller's missing orders or stock), named once.
 *
 * @param type what went wrong
 * @param state open until the cause is over
 * @param courier the courier it concerns; null for a seller's own feed (a channel, a warehouse)
 * @param hub the stalled hub (HUB_STALL); null for FEED_SILENT
 * @param city the hub's city when its scans name it, else null
 * @param parcels the parcels concerned (shipment keys, tenant first), at most {@link
 *     IncidentSettings#parcelsListed()} of them, longest waiting first
 * @param parcelCount how many parcels it concerns in all
 * @param oldest when the longest-waiting of them was last scanned (HUB_STALL); null for FEED_SILENT
 * @param since when it began: the hub's last onward scan, the feed's last event to arrive
 * @param detectedAt the clock when it was opened: {@code detectedAt - since} is how long it took to
 *     know
 * @param resolvedAt when it ended: the first onward scan from the hub, the first event of the feed
 *     to arrive again; null while open
 * @param tenant FEED_SILENT of a seller's own feed: the seller; null for a courier's incidents,
 *     which concern every seller with parcels there
 * @param channel FEED_SILENT of a sales channel: the channel whose orders stopped
 * @param warehouseId FEED_SILENT of a warehouse: the warehouse whose stock events stopped
 */
public record Incident(
        IncidentType type,
        State state,
        String courier,
        String hub,
        String city,
        List<String> parcels,
        int parcelCount,
        Instant oldest,
        Instant since,
        Instant detectedAt,
        Instant resolvedAt,
        String tenant,
        String channel,
        String warehouseId) {

    /** Whether an incident still holds. */
    public enum State {
        OPEN,
        RESOLVED
    }

    /** The kinds of incident. */
    public enum IncidentType {
        /** A courier hub holds its parcels: many more than usual without an onward scan. */
        HUB_STALL,
        /**
         * A feed stopped: a courier's scans while it has live parcels, a seller's orders from a
         * sales channel, a seller's stock events from a warehouse.
         */
        FEED_SILENT
    }

    public Incident {
        parcels = List.copyOf(parcels);
    }

    /** An incident of a courier: a stalled hub of it, or its silent feed. */
    public Incident(
            IncidentType type,
            State state,
            String courier,
            String hub,
            String city,
            List<String> parcels,
            int parcelCount,
            Instant oldest,
            Instant since,
            Instant detectedAt,
            Instant resolvedAt) {
        this(
                type,
                state,
                courier,
                hub,
                city,
                parcels,
                parcelCount,
                oldest,
                since,
                detectedAt,
                resolvedAt,
                null,
                null,
                null);
    }

    /**
     * One id per incident, whatever its state: type, courier, hub and start; for a seller's own
     * feed, type, feed ({@code CHANNEL:name|tenant} or {@code WAREHOUSE:name|tenant}) and start.
     */
    public String id() {
        if (courier == null) {
            String feed = channel != null ? "CHANNEL:" + channel : "WAREHOUSE:" + warehouseId;
            return type + ":" + feed + "|" + tenant + ":" + since;
        }
        return type + ":" + courier + (hub == null ? "" : ":" + hub) + ":" + since;
    }

    /** The same incident, over at {@code at}. */
    Incident resolvedAt(Instant at) {
        return new Incident(
                type,
                State.RESOLVED,
                courier,
                hub,
                city,
                parcels,
                parcelCount,
                oldest,
                since,
                detectedAt,
                at,
                tenant,
                channel,
                warehouseId);
    }
}
