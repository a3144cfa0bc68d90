package io.ordertrack.documents;

import io.ordertrack.avro.Alert;
import java.time.Instant;
import java.util.List;

/**
 * An alert as indexed into the {@code alerts} index (id = alert id, external version = the alert's
 * version). Field names are those of {@link Index#ALERTS}.
 */
public record AlertDocument(
        String alertId,
        String tenantId,
        String type,
        String severity,
        String state,
        String orderId,
        String courier,
        String awb,
        String sku,
        String warehouseId,
        List<String> reasons,
        Instant openedAt,
        Instant updatedAt,
        Instant resolvedAt,
        long version,
        String incidentId,
        String hub,
        String city,
        List<String> parcels,
        Integer parcelCount,
        Instant since,
        String channel) {

    public static AlertDocument of(Alert alert) {
        return new AlertDocument(
                alert.getAlertId(),
                alert.getTenantId(),
                alert.getType().name(),
                alert.getSeverity().name(),
                alert.getState().name(),
                alert.getOrderId(),
                alert.getCourier(),
                alert.getAwb(),
                alert.getSku(),
                alert.getWarehouseId(),
                List.copyOf(alert.getReasons()),
                alert.getOpenedAt(),
                alert.getUpdatedAt(),
                alert.getResolvedAt(),
                alert.getVersion(),
                alert.getIncidentId(),
                alert.getHub(),
                alert.getCity(),
                List.copyOf(alert.getParcels()),
                alert.getParcelCount(),
                alert.getSince(),
                alert.getChannel());
    }
}
