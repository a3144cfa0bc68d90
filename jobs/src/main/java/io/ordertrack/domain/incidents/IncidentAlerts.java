package io.ordertrack.domain.incidents;

import io.ordertrack.avro.Alert;
import io.ordertrack.avro.AlertSeverity;
import io.ordertrack.avro.AlertState;
import io.ordertrack.avro.AlertType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An incident as the alerts a seller is paged with: one per tenant whose parcels it concerns,
 * naming that tenant's parcels only (a seller never sees another's), with the id {@code incident id
 * + "|" + tenant}, the same on every replay. An analyst sees the whole incident as the alerts of
 * one {@code incidentId} across tenants. The silence of a seller's own feed (a sales channel, a
 * warehouse) is one alert, to that seller.
 */
public final class IncidentAlerts {
    private IncidentAlerts() {}

    /**
     * The alerts that open an incident.
     *
     * @param concerned every parcel it concerns (shipment keys, tenant first), in the order to list
     *     them
     * @param listed how many parcels an alert names at most; all are counted
     */
    public static List<Alert> opened(Incident incident, List<String> concerned, int listed) {
        Map<String, List<String>> byTenant = new LinkedHashMap<>();
        for (String parcel : concerned) {
            byTenant.computeIfAbsent(tenantOf(parcel), t -> new ArrayList<>()).add(parcel);
        }
        List<Alert> alerts = new ArrayList<>();
        byTenant.forEach(
                (tenant, parcels) -> alerts.add(opened(incident, tenant, parcels, listed)));
        return alerts;
    }

    /** The alert that opens the silence of a seller's own feed: a sales channel, a warehouse. */
    public static Alert opened(Incident sellerFeed) {
        return opened(sellerFeed, sellerFeed.tenant(), List.of(), 0);
    }

    /** The id of the alert of an incident to one tenant. */
    public static String alertId(Incident incident, String tenant) {
        return incident.id() + "|" + tenant;
    }

    /** The same alert, resolved as its incident was. */
    public static Alert resolved(Alert open, Incident incident) {
        return resolved(open, incident.resolvedAt());
    }

    /** The same alert, resolved at {@code at}. */
    public static Alert resolved(Alert open, Instant at) {
        long version = open.getVersion() + 1;
        return Alert.newBuilder(open)
                .setState(AlertState.RESOLVED)
                .setVersion(version)
                .setEventId(open.getAlertId() + ":" + version)
                .setEventTime(at)
                .setUpdatedAt(at)
                .setResolvedAt(at)
                .build();
    }

    /** The tenant of a shipment key ({@code tenant:COURIER:awb}). */
    static String tenantOf(String parcel) {
        int colon = parcel.indexOf(':');
        return colon < 0 ? parcel : parcel.substring(0, colon);
    }

    private static Alert opened(
            Incident incident, String tenant, List<String> parcels, int listed) {
        String id = alertId(incident, tenant);
        Instant at = incident.detectedAt();
        return Alert.newBuilder()
                .setAlertId(id)
                .setEventId(id + ":1")
                .setVersion(1)
                .setEventTime(at)
                .setTenantId(tenant)
                .setType(AlertType.valueOf(incident.type().name()))
                .setSeverity(AlertSeverity.CRITICAL)
                .setState(AlertState.OPEN)
                .setCourier(incident.courier())
                .setReasons(List.of(reason(incident, parcels.size())))
                .setOpenedAt(at)
                .setUpdatedAt(at)
                .setIncidentId(incident.id())
                .setHub(incident.hub())
                .setCity(incident.city())
                .setParcels(List.copyOf(parcels.subList(0, Math.min(listed, parcels.size()))))
                .setParcelCount(incident.courier() == null ? null : parcels.size())
                .setSince(incident.since())
                .setChannel(incident.channel())
                .setWarehouseId(incident.warehouseId())
                .build();
    }

    private static String reason(Incident incident, int parcels) {
        return switch (incident.type()) {
            case HUB_STALL ->
                    "hub "
                            + incident.hub()
                            + " of "
                            + incident.courier()
                            + " has moved no parcel on since "
                            + incident.since()
                            + "; "
                            + parcels
                            + " of your parcels wait there";
            case FEED_SILENT -> silence(incident, parcels);
        };
    }

    private static String silence(Incident incident, int parcels) {
        if (incident.channel() != null) {
            return "no order from your channel "
                    + incident.channel()
                    + " has arrived since "
                    + incident.since()
                    + ", longer than its usual pace of orders allows";
        }
        if (incident.warehouseId() != null) {
            return "no stock event of your warehouse "
                    + incident.warehouseId()
                    + " has arrived since "
                    + incident.since()
                    + ", longer than its usual pace of stock events allows";
        }
        return "no scan of "
                + incident.courier()
                + " has arrived since "
                + incident.since()
                + "; "
                + parcels
                + " of your parcels are on their way with it";
    }
}
