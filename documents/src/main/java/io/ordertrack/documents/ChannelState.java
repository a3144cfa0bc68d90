package io.ordertrack.documents;

import io.ordertrack.avro.OrderState;
import io.ordertrack.avro.ShipmentStatus;

/**
 * How an order stands on its sales channel: Unfulfilled (not shipped yet), Fulfilled (shipped or
 * delivered, nothing to do), or Issue (someone must act: a cancellation to sync, a courier error or
 * failed pickup, an open NDR, a parcel coming back, lost or damaged).
 */
public enum ChannelState {
    UNFULFILLED,
    FULFILLED,
    ISSUE;

    /** How the order stands on its channel, from its bucket and an open NDR. */
    public static ChannelState of(OrderState order) {
        Bucket bucket = Bucket.of(order);
        boolean ndrOpen = order.getShipmentStatus() == ShipmentStatus.DELIVERY_FAILED;
        return switch (bucket) {
            case CANCELLED, ERROR, RETURNED -> ISSUE;
            case NOT_PICKED -> UNFULFILLED;
            case LIVE -> ndrOpen ? ISSUE : FULFILLED;
            case DELIVERED -> FULFILLED;
        };
    }
}
