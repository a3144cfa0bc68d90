package io.ordertrack.documents;

import io.ordertrack.avro.OrderStage;
import io.ordertrack.avro.OrderState;
import io.ordertrack.avro.ShipmentStatus;

/** The dashboard tab an order is listed under. */
public enum Bucket {
    /** Not yet picked up from the warehouse by the courier. */
    NOT_PICKED,
    /** Picked up: in transit, out for delivery, or with an open NDR. */
    LIVE,
    DELIVERED,
    /** Coming back: RTO, or a customer return until it reaches the warehouse. */
    RETURNED,
    /** Cancelled before it left the warehouse. */
    CANCELLED,
    /** A courier error, a failed pickup, or a shipment lost or damaged. */
    ERROR;

    /** The bucket of an order in its current state. */
    public static Bucket of(OrderState order) {
        if (order.getStage() == OrderStage.CANCELLED) {
            return CANCELLED;
        }
        if (order.getCourierError()) {
            return ERROR;
        }
        ShipmentStatus status = order.getShipmentStatus();
        return status == null ? NOT_PICKED : of(status);
    }

    private static Bucket of(ShipmentStatus status) {
        return switch (status) {
            case MANIFESTED, PICKUP_SCHEDULED, UNKNOWN -> NOT_PICKED;
            case PICKED_UP,
                    IN_TRANSIT,
                    AT_DESTINATION_HUB,
                    HELD,
                    MISROUTED,
                    OUT_FOR_DELIVERY,
                    DELIVERY_FAILED ->
                    LIVE;
            case DELIVERED -> DELIVERED;
            case RTO_INITIATED,
                    RTO_IN_TRANSIT,
                    RTO_OUT_FOR_DELIVERY,
                    RTO_DELIVERED,
                    RETURN_REQUESTED,
                    RETURN_PICKED_UP,
                    RETURN_IN_TRANSIT,
                    RETURN_DELIVERED ->
                    RETURNED;
            case PICKUP_FAILED, LOST, DAMAGED, DISPOSED, COURIER_ERROR -> ERROR;
        };
    }
}
