package io.ordertrack.domain.returns;

import io.ordertrack.avro.CustomerReturn;
import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.OrderEventType;
import io.ordertrack.avro.OrderState;
import io.ordertrack.avro.Refund;
import io.ordertrack.avro.RefundMade;
import io.ordertrack.avro.ReturnInspection;
import io.ordertrack.avro.ReturnRequest;
import io.ordertrack.avro.ShipmentStatus;
import io.ordertrack.avro.TimelineEntry;
import io.ordertrack.documents.ReturnStage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A customer return and its refund: what the return events say (the customer's reason, the
 * warehouse's quality check, the refunds and a refusal) and where the return stands. The times of
 * its steps are the order's milestones (the first time each was reached); a verdict, a reason or a
 * refusal is the latest by event time, ties broken by what they say (a failed check before a passed
 * one), so the order of arrival never shows; refunds add up, each distinct event once (the
 * lifecycle drops duplicates before they get here). A refund or refusal from before the return's
 * first step (a goodwill refund for a late parcel, say) is not the return's.
 */
public final class CustomerReturns {
    /** The milestones of a return's way back, from the request to the warehouse. */
    private static final List<String> RETURN_MILESTONES =
            List.of(
                    OrderEventType.RETURN_REQUESTED.name(),
                    ShipmentStatus.RETURN_PICKED_UP.name(),
                    ShipmentStatus.RETURN_IN_TRANSIT.name(),
                    ShipmentStatus.RETURN_DELIVERED.name());

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
                String reason = ((ReturnRequest) event.getDetails()).getReason();
                if (isLatest(ret.getRequestedAt(), ret.getReason(), at, reason)) {
                    ret.setRequestedAt(at);
                    ret.setReason(reason);
                }
            }
            case RETURN_INSPECTED -> {
                CustomerReturn ret = of(order);
                ReturnInspection check = event.getInspection();
                if (isLatest(ret.getInspectedAt(), verdict(ret), at, verdict(check))) {
                    ret.setInspectedAt(at);
                    ret.setInspectionPassed(check.getPassed());
                    ret.setInspectionNote(check.getNote());
                }
            }
            case REFUNDED ->
                    of(order)
                            .getRefunds()
                            .add(
                                    new RefundMade(
                                            at, ((Refund) event.getDetails()).getAmountPaise()));
            case REFUND_REFUSED -> {
                CustomerReturn ret = of(order);
                String reason = event.getRefusal().getReason();
                if (isLatest(ret.getRefusedAt(), ret.getRefusalReason(), at, reason)) {
                    ret.setRefusedAt(at);
                    ret.setRefusalReason(reason);
                }
            }
            default -> {}
        }
    }

    private static CustomerReturn of(OrderState order) {
        if (order.getCustomerReturn() == null) {
            order.setCustomerReturn(
                    CustomerReturn.newBuilder().setRefunds(new ArrayList<>()).build());
        }
        return order.getCustomerReturn();
    }

    /** A check as text that orders a failed one before a passed one of the same instant. */
    private static String verdict(CustomerReturn ret) {
        return ret.getInspectionPassed() == null
                ? null
                : (ret.getInspectionPassed() ? "1" : "0") + ret.getInspectionNote();
    }

    private static String verdict(ReturnInspection check) {
        return (check.getPassed() ? "1" : "0") + check.getNote();
    }

    /**
     * Whether what happened at {@code at} saying {@code value} replaces what is known: later in
     * event time, or of the same instant and first in the order of what they say (failed checks,
     * reasons alphabetically), whichever arrived first.
     */
    private static boolean isLatest(Instant knownAt, String known, Instant at, String value) {
        if (knownAt == null || at.isAfter(knownAt)) {
            return true;
        }
        return at.equals(knownAt)
                && Comparator.<String>nullsLast(Comparator.naturalOrder()).compare(value, known)
                        < 0;
    }

    /**
     * The order's customer return as it stands, or null when it has none (a refund of a cancelled
     * order is not one). A decision on the refund outranks the check, the check the receipt, and so
     * on back to the request; between a refund and a refusal the later stands. For an order whose
     * return began before builds that kept returns, the milestones tell the refund's time (not its
     * amount) and the timeline the customer's reason.
     */
    public static Standing standingOf(OrderState order) {
        Map<String, Instant> milestones = order.getMilestones();
        CustomerReturn ret = order.getCustomerReturn();
        Instant began =
                Stream.concat(
                                RETURN_MILESTONES.stream().map(milestones::get),
                                Stream.of(ret == null ? null : ret.getInspectedAt()))
                        .filter(Objects::nonNull)
                        .min(Comparator.naturalOrder())
                        .orElse(null);
        if (began == null) {
            return null;
        }
        List<RefundMade> refunds =
                ret == null
                        ? List.of()
                        : ret.getRefunds().stream()
                                .filter(r -> !r.getAt().isBefore(began))
                                .toList();
        Instant refundedAt =
                refunds.stream()
                        .map(RefundMade::getAt)
                        .max(Comparator.naturalOrder())
                        .orElse(atOrAfter(milestones.get(OrderEventType.REFUNDED.name()), began));
        Long refundPaise =
                refunds.isEmpty()
                        ? null
                        : refunds.stream().mapToLong(RefundMade::getAmountPaise).sum();
        Instant refusedAt = ret == null ? null : atOrAfter(ret.getRefusedAt(), began);
        Boolean passed = ret == null ? null : ret.getInspectionPassed();
        String reason =
                ret != null && ret.getReason() != null ? ret.getReason() : requestReasonOf(order);
        ReturnStage stage;
        Instant since;
        if (refusedAt != null && (refundedAt == null || refusedAt.isAfter(refundedAt))) {
            stage = ReturnStage.REFUND_REFUSED;
            since = refusedAt;
        } else if (refundedAt != null) {
            stage = ReturnStage.REFUNDED;
            since = refundedAt;
        } else if (passed != null) {
            stage = passed ? ReturnStage.QC_PASSED : ReturnStage.QC_FAILED;
            since = ret.getInspectedAt();
        } else {
            stage = wayBack(milestones);
            since = milestones.get(wayBackMilestone(stage));
        }
        return new Standing(
                stage,
                since,
                reason,
                milestones.get(OrderEventType.RETURN_REQUESTED.name()),
                milestones.get(ShipmentStatus.RETURN_PICKED_UP.name()),
                milestones.get(ShipmentStatus.RETURN_IN_TRANSIT.name()),
                milestones.get(ShipmentStatus.RETURN_DELIVERED.name()),
                ret == null ? null : ret.getInspectedAt(),
                passed,
                ret == null ? null : ret.getInspectionNote(),
                refundedAt,
                refundPaise,
                refusedAt,
                refusedAt == null ? null : ret.getRefusalReason());
    }

    private static ReturnStage wayBack(Map<String, Instant> milestones) {
        if (milestones.containsKey(ShipmentStatus.RETURN_DELIVERED.name())) {
            return ReturnStage.RECEIVED;
        }
        if (milestones.containsKey(ShipmentStatus.RETURN_IN_TRANSIT.name())) {
            return ReturnStage.IN_TRANSIT;
        }
        if (milestones.containsKey(ShipmentStatus.RETURN_PICKED_UP.name())) {
            return ReturnStage.PICKED_UP;
        }
        return ReturnStage.REQUESTED;
    }

    private static String wayBackMilestone(ReturnStage stage) {
        return switch (stage) {
            case RECEIVED -> ShipmentStatus.RETURN_DELIVERED.name();
            case IN_TRANSIT -> ShipmentStatus.RETURN_IN_TRANSIT.name();
            case PICKED_UP -> ShipmentStatus.RETURN_PICKED_UP.name();
            default -> OrderEventType.RETURN_REQUESTED.name();
        };
    }

    private static Instant atOrAfter(Instant at, Instant began) {
        return at == null || at.isBefore(began) ? null : at;
    }

    /** The reason of the latest return request on the order's timeline, for older orders. */
    private static String requestReasonOf(OrderState order) {
        String reason = null;
        for (TimelineEntry entry : order.getTimeline()) {
            if (entry.getCode().equals(OrderEventType.RETURN_REQUESTED.name())
                    && entry.getSource().equals("ORDER")) {
                reason = entry.getDetail();
            }
        }
        return reason;
    }

    /**
     * Where a return stands and since when, with what its events said: the customer's reason, when
     * each step of the way back was first reached, the latest check, the refunds' sum and the
     * latest refund's time (null amount when only an older build saw them), a refusal.
     */
    public record Standing(
            ReturnStage stage,
            Instant since,
            String reason,
            Instant requestedAt,
            Instant pickedUpAt,
            Instant inTransitAt,
            Instant receivedAt,
            Instant inspectedAt,
            Boolean inspectionPassed,
            String inspectionNote,
            Instant refundedAt,
            Long refundPaise,
            Instant refusedAt,
            String refusalReason) {}
}
