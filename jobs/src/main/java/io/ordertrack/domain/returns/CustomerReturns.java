package io.ordertrack.domain.returns;

import io.ordertrack.avro.CustomerReturn;
import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.OrderEventType;
import io.ordertrack.avro.OrderState;
import io.ordertrack.avro.Refund;
import io.ordertrack.avro.ReturnRequest;
import io.ordertrack.avro.ShipmentStatus;
import io.ordertrack.documents.ReturnStage;
import java.time.Instant;
import java.util.Map;

/**
 * A customer return and its refund: what the return events say (the customer's reason, the
 * warehouse's quality check, the refunds and a refusal) and where the return stands. The times of
 * its steps are the order's milestones (the first time each was reached); a verdict, a reason or a
 * refusal is the latest by event time, so the order of arrival never shows; refunds add up, each
 * distinct event once (the lifecycle drops duplicates before they get here).
 */
public final class CustomerReturns {
    private CustomerReturns() {}

    /**
     * Takes what a return event carries into the order: RETURN_REQUESTED, RETURN_INSPECTED,
     * REFUNDED, REFUND_REFUSED; any other event changes nothing.
     */
    public static void take(OrderState order, OrderEvent event) {
        Instant at = event.getEventTime();
        switch (event.getType()) {
            case RETURN_REQUESTED -> {
                CustomerReturn ret = of(order);
                if (isLatest(ret.getRequestedAt(), at)) {
                    ret.setRequestedAt(at);
                    ret.setReason(((ReturnRequest) event.getDetails()).getReason());
                }
            }
            case RETURN_INSPECTED -> {
                CustomerReturn ret = of(order);
                if (isLatest(ret.getInspectedAt(), at)) {
                    ret.setInspectedAt(at);
                    ret.setInspectionPassed(event.getInspection().getPassed());
                    ret.setInspectionNote(event.getInspection().getNote());
                }
            }
            case REFUNDED -> {
                CustomerReturn ret = of(order);
                ret.setRefundPaise(
                        ret.getRefundPaise() + ((Refund) event.getDetails()).getAmountPaise());
                if (isLatest(ret.getRefundedAt(), at)) {
                    ret.setRefundedAt(at);
                }
            }
            case REFUND_REFUSED -> {
                CustomerReturn ret = of(order);
                if (isLatest(ret.getRefusedAt(), at)) {
                    ret.setRefusedAt(at);
                    ret.setRefusalReason(event.getRefusal().getReason());
                }
            }
            default -> {}
        }
    }

    private static CustomerReturn of(OrderState order) {
        if (order.getCustomerReturn() == null) {
            order.setCustomerReturn(CustomerReturn.newBuilder().build());
        }
        return order.getCustomerReturn();
    }

    /** Ties go to the later arrival: the same instant twice is a correction. */
    private static boolean isLatest(Instant known, Instant at) {
        return known == null || !at.isBefore(known);
    }

    /**
     * Where the order's customer return stands, and since when; null when the order has no return
     * (a refund of a cancelled order is not one). A decision on the refund outranks the check, the
     * check the receipt, and so on back to the request; between a refund and a refusal the later
     * stands.
     */
    public static Standing standingOf(OrderState order) {
        Map<String, Instant> milestones = order.getMilestones();
        CustomerReturn ret = order.getCustomerReturn();
        Instant requested = milestones.get(OrderEventType.RETURN_REQUESTED.name());
        Instant pickedUp = milestones.get(ShipmentStatus.RETURN_PICKED_UP.name());
        Instant inTransit = milestones.get(ShipmentStatus.RETURN_IN_TRANSIT.name());
        Instant received = milestones.get(ShipmentStatus.RETURN_DELIVERED.name());
        boolean inspected = ret != null && ret.getInspectionPassed() != null;
        if (requested == null
                && pickedUp == null
                && inTransit == null
                && received == null
                && !inspected) {
            return null;
        }
        if (ret != null
                && ret.getRefusedAt() != null
                && (ret.getRefundedAt() == null
                        || ret.getRefusedAt().isAfter(ret.getRefundedAt()))) {
            return new Standing(ReturnStage.REFUND_REFUSED, ret.getRefusedAt());
        }
        if (ret != null && ret.getRefundedAt() != null) {
            return new Standing(ReturnStage.REFUNDED, ret.getRefundedAt());
        }
        if (inspected) {
            return new Standing(
                    ret.getInspectionPassed() ? ReturnStage.QC_PASSED : ReturnStage.QC_FAILED,
                    ret.getInspectedAt());
        }
        if (received != null) {
            return new Standing(ReturnStage.RECEIVED, received);
        }
        if (inTransit != null) {
            return new Standing(ReturnStage.IN_TRANSIT, inTransit);
        }
        if (pickedUp != null) {
            return new Standing(ReturnStage.PICKED_UP, pickedUp);
        }
        return new Standing(ReturnStage.REQUESTED, requested);
    }

    /** A return's stage and the event time it began. */
    public record Standing(ReturnStage stage, Instant since) {}
}
