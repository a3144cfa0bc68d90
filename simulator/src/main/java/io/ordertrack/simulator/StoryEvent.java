package io.ordertrack.simulator;

import io.ordertrack.avro.NdrReason;
import io.ordertrack.avro.OrderEventType;
import io.ordertrack.avro.ShipmentStatus;

/**
 * One true event of an order's life: an order event from the channel or warehouse, or a courier
 * scan.
 *
 * @param eventId deterministic: the order's number and the event's position
 * @param at event time, epoch milliseconds
 * @param orderType the order event's type; null for a scan
 * @param status the scan's true status; null for an order event and for a scan with an undocumented
 *     code
 * @param ndrReason the reason of a failed delivery
 * @param hub where the scan happened
 * @param detail what the event carries: cancellation or return reason, feedback rating, or the raw
 *     code of an undocumented scan
 * @param preNormalised whether the feed carries the normalised status next to the raw code
 */
public record StoryEvent(
        String eventId,
        long at,
        OrderEventType orderType,
        ShipmentStatus status,
        NdrReason ndrReason,
        String hub,
        String detail,
        boolean preNormalised) {

    public boolean isScan() {
        return orderType == null;
    }

    /** A scan whose code the courier never documented. */
    public boolean isUnknownCode() {
        return isScan() && status == null;
    }
}
