package io.ordertrack.domain;

import io.ordertrack.avro.OrderStage;
import io.ordertrack.avro.OrderState;
import io.ordertrack.avro.ShipmentStatus;

/**
 * Where an order stands in the store view of a warehouse × courier: Placed (confirmed, no manifest
 * yet), Manifested (AWB assigned), Ready to ship (label scanned), Dispatched. "Total uploaded" is
 * all of them; cancelled orders are in none.
 */
public enum StoreStage {
    PLACED,
    MANIFESTED,
    READY_TO_SHIP,
    DISPATCHED,
    CANCELLED;

    public static StoreStage of(OrderState order) {
        OrderStage stage = order.getStage();
        if (stage == OrderStage.CANCELLED) {
            return CANCELLED;
        }
        ShipmentStatus status = order.getShipmentStatus();
        if (stage == OrderStage.DISPATCHED
                || (status != null && ShipmentProgress.hasLeftWarehouse(status))) {
            return DISPATCHED;
        }
        if (stage == OrderStage.READY_TO_SHIP) {
            return READY_TO_SHIP;
        }
        return order.getAwb() != null ? MANIFESTED : PLACED;
    }
}
