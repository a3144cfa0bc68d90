package io.ordertrack.domain.lifecycle;

import io.ordertrack.avro.OrderEventType;
import io.ordertrack.avro.ShipmentStatus;
import java.time.Instant;
import java.util.Map;

/**
 * Which courier reports may move a shipment's status. A shipment moves forward by lifecycle rank; a
 * later report of an earlier state is a courier regression (a stale "out for delivery" after
 * "delivered") and never moves it back, except for the loops real deliveries take: a failed attempt
 * goes back out for delivery, to the hub or on hold; a held or misrouted parcel resumes transit; a
 * failed pickup is scheduled again. Holds and misroutes happen on the way to the destination hub,
 * in any sequence. A customer return only ever follows a delivery. A courier error or an unreadable
 * status is never a status to move to: the error is a flag, and an unknown code keeps the status.
 */
public final class ShipmentProgress {
    private ShipmentProgress() {}

    /** Whether a shipment in {@code current} may move to {@code next} on a later report. */
    public static boolean mayMove(ShipmentStatus current, ShipmentStatus next) {
        if (next == ShipmentStatus.COURIER_ERROR || next == ShipmentStatus.UNKNOWN) {
            return false;
        }
        if (isCustomerReturn(next)) {
            return current == ShipmentStatus.DELIVERED
                    || (isCustomerReturn(current) && rank(next) >= rank(current));
        }
        if (current == null) {
            return true;
        }
        return rank(next) >= rank(current) || isLoop(current, next);
    }

    /**
     * Whether a later report of {@code next} is a courier regression for a shipment in {@code
     * current}: a state it may not move to (an earlier one, outside the loops real deliveries
     * take). A courier error and an unreadable status are no state, so no regression.
     */
    public static boolean isRegression(ShipmentStatus current, ShipmentStatus next) {
        return current != null
                && next != ShipmentStatus.COURIER_ERROR
                && next != ShipmentStatus.UNKNOWN
                && !mayMove(current, next);
    }

    private static boolean isLoop(ShipmentStatus current, ShipmentStatus next) {
        return switch (current) {
            case DELIVERY_FAILED ->
                    next == ShipmentStatus.OUT_FOR_DELIVERY
                            || next == ShipmentStatus.AT_DESTINATION_HUB
                            || next == ShipmentStatus.HELD;
            case HELD, MISROUTED -> next == ShipmentStatus.IN_TRANSIT;
            case PICKUP_FAILED -> next == ShipmentStatus.PICKUP_SCHEDULED;
            default -> false;
        };
    }

    /** A customer return is only ever a return of a delivered parcel. */
    private static boolean isCustomerReturn(ShipmentStatus status) {
        return status != null && status.name().startsWith("RETURN_");
    }

    /**
     * Position in the lifecycle; terminal states rank highest. An unknown status and a courier
     * error rank lowest, as no status at all.
     */
    public static int rank(ShipmentStatus status) {
        return switch (status) {
            case UNKNOWN -> 0;
            case MANIFESTED -> 10;
            case PICKUP_SCHEDULED -> 11;
            case PICKUP_FAILED -> 12;
            case PICKED_UP -> 20;
            case IN_TRANSIT -> 30;
            case HELD, MISROUTED -> 31;
            case AT_DESTINATION_HUB -> 35;
            case OUT_FOR_DELIVERY -> 40;
            case DELIVERY_FAILED -> 41;
            case DELIVERED -> 50;
            case RTO_INITIATED -> 60;
            case RTO_IN_TRANSIT -> 61;
            case RTO_OUT_FOR_DELIVERY -> 62;
            case RTO_DELIVERED -> 70;
            case RETURN_REQUESTED -> 80;
            case RETURN_PICKED_UP -> 81;
            case RETURN_IN_TRANSIT -> 82;
            case RETURN_DELIVERED -> 90;
            case COURIER_ERROR -> 0;
            case LOST, DAMAGED, DISPOSED -> 100;
        };
    }

    /** Whether a shipment with this status is on its way back to, or back at, its origin. */
    public static boolean isRto(ShipmentStatus status) {
        return status != null && status.name().startsWith("RTO_");
    }

    /** Whether the milestone named so (a status name, see {@code OrderState.milestones}) is one. */
    public static boolean isRtoMilestone(String milestone) {
        return milestone.startsWith("RTO_");
    }

    /** Whether a shipment with this status has been handed over to the courier. */
    public static boolean hasLeftWarehouse(ShipmentStatus status) {
        return rank(status) >= rank(ShipmentStatus.PICKED_UP);
    }

    /** Whether the order's journey is over: nothing more is expected but a return or refund. */
    public static boolean isFinished(ShipmentStatus status) {
        return status == ShipmentStatus.DELIVERED
                || status == ShipmentStatus.RTO_DELIVERED
                || status == ShipmentStatus.RETURN_DELIVERED
                || status == ShipmentStatus.LOST
                || status == ShipmentStatus.DAMAGED
                || status == ShipmentStatus.DISPOSED;
    }

    /** When the parcel left the warehouse: dispatched, or first reported on its way. */
    public static Instant leftWarehouseAt(Map<String, Instant> milestones) {
        Instant left = milestones.get(OrderEventType.DISPATCHED.name());
        for (ShipmentStatus status : ShipmentStatus.values()) {
            if (hasLeftWarehouse(status)) {
                Instant at = milestones.get(status.name());
                left =
                        left == null || (at != null && at.isBefore(left))
                                ? (at == null ? left : at)
                                : left;
            }
        }
        return left;
    }
}
