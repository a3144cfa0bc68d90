package io.ordertrack.domain.incidents;

import java.time.Instant;
import java.util.List;

/**
 * One incident: the cause behind many parcels, named once.
 *
 * @param type what went wrong
 * @param state open until the cause is over
 * @param courier the courier it concerns
 * @param hub the stalled hub (HUB_STALL); null for FEED_SILENT
 * @param city the hub's city when its scans name it, else null
 * @param parcels the parcels concerned (shipment keys, tenant first), at most {@link
 *     IncidentSettings#parcelsListed()} of them, longest waiting first
 * @param parcelCount how many parcels it concerns in all
 * @param oldest when the longest-waiting of them was last scanned (HUB_STALL); null for FEED_SILENT
 * @param since when it began: the hub's last onward scan, the courier's last scan to arrive
 * @param detectedAt the clock when it was opened: {@code detectedAt - since} is how long it took to
 *     know
 * @param resolvedAt when it ended: the first onward scan from the hub, the first scan of the
 *     courier to arrive again; null while open
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
        Instant resolvedAt) {

    /** Whether an incident still holds. */
    public enum State {
        OPEN,
        RESOLVED
    }

    /** The kinds of incident. */
    public enum IncidentType {
        /** A courier hub holds its parcels: many more than usual without an onward scan. */
        HUB_STALL,
        /** A courier's scans stopped arriving while it has live parcels. */
        FEED_SILENT
    }

    public Incident {
        parcels = List.copyOf(parcels);
    }

    /** One id per incident, whatever its state: type, courier, hub and start. */
    public String id() {
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
                at);
    }
}
