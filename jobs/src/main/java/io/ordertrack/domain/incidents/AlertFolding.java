package io.ordertrack.domain.incidents;

import io.ordertrack.avro.Alert;
import io.ordertrack.avro.AlertSeverity;
import io.ordertrack.avro.AlertState;
import io.ordertrack.avro.AlertType;
import io.ordertrack.domain.incidents.Incident.IncidentType;
import io.ordertrack.schemas.RecordKeys;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Folds the parcel alerts a courier's incident explains into it, for one courier: while a hub stall
 * holds a parcel, or while the courier's feed is silent, an alert that blames the parcel for being
 * late ({@link #BLAMES_THE_PARCEL}) points at the incident ({@code incidentId}), says so first in
 * its reasons, and is {@link AlertSeverity#INFO}: the seller is paged once, by the incident's own
 * alert, not once per parcel. An alert opened before its incident was known is folded at its next
 * version (its versions are the order's: this never adds one). A folded alert stays folded while
 * its incident is open, even once its parcel moved on; after that its versions are its own again.
 *
 * <p>Memory: the parcels of the courier's open incidents, and the alerts folded into them.
 */
public final class AlertFolding {
    /** The alerts that say a parcel is late: what a stalled hub or a silent feed explains. */
    public static final Set<AlertType> BLAMES_THE_PARCEL =
            EnumSet.of(
                    AlertType.NOT_PICKED,
                    AlertType.STUCK_IN_TRANSIT,
                    AlertType.OFD_NOT_DELIVERED,
                    AlertType.EDD_BREACH);

    /**
     * A change of one of the courier's incidents as the folding needs it: which parcels it holds (a
     * hub stall), or all of the courier's (a silent feed), and what to tell the seller.
     *
     * @param open whether it opened (else it is over)
     */
    public record Held(
            String incidentId,
            IncidentType type,
            String courier,
            Set<String> parcels,
            String reason,
            boolean open) {
        /** An incident as it opened, with every parcel it concerns (shipment keys). */
        public static Held opened(Incident incident, List<String> concerned) {
            return new Held(
                    incident.id(),
                    incident.type(),
                    incident.courier(),
                    incident.type() == IncidentType.HUB_STALL
                            ? new HashSet<>(concerned)
                            : new HashSet<>(),
                    reason(incident),
                    true);
        }

        /** An incident of a courier that is over. */
        public static Held over(String incidentId, String courier) {
            return new Held(incidentId, null, courier, new HashSet<>(), null, false);
        }

        boolean holds(String parcel) {
            return type == IncidentType.FEED_SILENT || parcels.contains(parcel);
        }

        private static String reason(Incident incident) {
            return switch (incident.type()) {
                case HUB_STALL ->
                        "held at "
                                + incident.hub()
                                + " of "
                                + incident.courier()
                                + ", which has moved no parcel on since "
                                + incident.since()
                                + " (incident "
                                + incident.id()
                                + "): the hub is late, not this parcel alone";
                case FEED_SILENT ->
                        "no scan of "
                                + incident.courier()
                                + " has arrived since "
                                + incident.since()
                                + " (incident "
                                + incident.id()
                                + "): its scans may be held in the courier's feed, not late";
            };
        }
    }

    private final Map<String, Held> open = new LinkedHashMap<>();
    private final Map<String, Held> folded = new HashMap<>();

    /**
     * One of the courier's incidents opened, or is over: from then on alerts are the parcels' own.
     */
    public void record(Held change) {
        if (change.open()) {
            open.put(change.incidentId(), change);
        } else {
            open.remove(change.incidentId());
            folded.values().removeIf(held -> held.incidentId().equals(change.incidentId()));
        }
    }

    /** Whether nothing is open or folded: the state may go. */
    public boolean isEmpty() {
        return open.isEmpty() && folded.isEmpty();
    }

    /** The alert as it goes out: folded into the incident that explains it, or as it came. */
    public Alert apply(Alert alert) {
        Held incident = folded.get(alert.getAlertId());
        if (incident == null && alert.getState() == AlertState.OPEN) {
            incident = cause(alert).orElse(null);
        }
        if (incident == null) {
            return alert;
        }
        if (alert.getState() == AlertState.RESOLVED) {
            folded.remove(alert.getAlertId());
        } else {
            folded.put(alert.getAlertId(), incident);
        }
        List<String> reasons = new ArrayList<>();
        reasons.add(incident.reason());
        reasons.addAll(alert.getReasons());
        return Alert.newBuilder(alert)
                .setIncidentId(incident.incidentId())
                .setSeverity(AlertSeverity.INFO)
                .setReasons(reasons)
                .build();
    }

    private Optional<Held> cause(Alert alert) {
        if (!BLAMES_THE_PARCEL.contains(alert.getType())
                || alert.getCourier() == null
                || alert.getAwb() == null) {
            return Optional.empty();
        }
        String parcel =
                RecordKeys.shipment(alert.getTenantId(), alert.getCourier(), alert.getAwb());
        return open.values().stream().filter(held -> held.holds(parcel)).findFirst();
    }
}
