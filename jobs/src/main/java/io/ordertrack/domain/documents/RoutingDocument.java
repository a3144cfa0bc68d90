package io.ordertrack.domain.documents;

import io.ordertrack.avro.RoutingVerdict;
import java.time.Instant;

/**
 * An order's routing verdict as indexed into the {@code order-routing} index (id = order id). Field
 * names are those of {@link io.ordertrack.documents.Index#ORDER_ROUTING}.
 */
public record RoutingDocument(
        String orderId,
        String tenantId,
        Instant placedAt,
        String warehouseId,
        String destinationPincode,
        boolean judged,
        String nearestWarehouseId,
        Double nearestKm,
        Double shippedKm,
        boolean miss,
        double extraKm) {

    /** A verdict never changes: every write of it is version 1. */
    public static final long VERSION = 1;

    public static RoutingDocument of(RoutingVerdict verdict) {
        return new RoutingDocument(
                verdict.getOrderId(),
                verdict.getTenantId(),
                verdict.getPlacedAt(),
                verdict.getWarehouseId(),
                verdict.getDestinationPincode(),
                verdict.getJudged(),
                verdict.getNearestWarehouseId(),
                verdict.getNearestKm(),
                verdict.getShippedKm(),
                verdict.getMiss(),
                verdict.getExtraKm());
    }
}
