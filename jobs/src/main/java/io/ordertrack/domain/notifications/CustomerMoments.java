package io.ordertrack.domain.notifications;

import io.ordertrack.avro.CustomerMoment;
import io.ordertrack.avro.CustomerNotification;
import io.ordertrack.avro.CustomerOption;
import io.ordertrack.avro.NdrReason;
import io.ordertrack.avro.OrderDetails;
import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.OrderEventType;
import io.ordertrack.avro.OrderStage;
import io.ordertrack.avro.OrderState;
import io.ordertrack.avro.PaymentMode;
import io.ordertrack.avro.Refund;
import io.ordertrack.avro.ShipmentStatus;
import io.ordertrack.domain.alerts.OrderAlerts;
import io.ordertrack.domain.input.PhoneNumbers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The moments of an order its customer should hear about — shipped, out for delivery, a failed
 * attempt and what they can do, delivered, return picked up, refunded — each told once.
 *
 * <p>A moment is told when the order stands at it, not when a record says it passed: an order whose
 * delivery scan arrives together with (or before) its out-for-delivery scan is told it was
 * delivered, not that it is on its way. The moments told are noted on the order ({@code
 * notifiedMoments}), so a duplicate record, a re-read or a replay from a checkpoint tells nothing
 * again; and every moment's id is derived from the order and the moment, so a replay from scratch
 * tells the same ids. An order kept by a build before notifications has none noted: its first
 * record after the upgrade notes where it stands as told, so an upgrade tells nobody old news.
 */
public final class CustomerMoments {
    /** Handed to the courier, no scan of it yet. */
    private static final Set<ShipmentStatus> NOT_SCANNED_YET =
            EnumSet.of(ShipmentStatus.MANIFESTED, ShipmentStatus.PICKUP_SCHEDULED);

    private static final Set<ShipmentStatus> RETURN_PICKED_UP =
            EnumSet.of(
                    ShipmentStatus.RETURN_PICKED_UP,
                    ShipmentStatus.RETURN_IN_TRANSIT,
                    ShipmentStatus.RETURN_DELIVERED);

    private CustomerMoments() {}

    /**
     * The moments the order has newly reached, each noted on it as told; {@code applied} is the
     * record just applied to it, or null. The notifications have no tracking URL or message yet:
     * {@link NotificationTexts} completes them.
     */
    public static List<CustomerNotification> newlyReached(OrderState order, OrderEvent applied) {
        if (order.getNotifiedMoments() == null) {
            // Kept by a build before notifications: where it stands was reached before the
            // upgrade, and is taken as told.
            order.setNotifiedMoments(new ArrayList<>());
            reached(order, applied);
            return List.of();
        }
        return reached(order, applied);
    }

    private static List<CustomerNotification> reached(OrderState order, OrderEvent applied) {
        List<CustomerNotification> told = new ArrayList<>();
        if (applied != null
                && applied.getType() == OrderEventType.REFUNDED
                && applied.getDetails() instanceof Refund refund) {
            tell(order, CustomerMoment.REFUNDED, null, applied.getEventTime(), told)
                    .ifPresent(n -> n.setRefundPaise(refund.getAmountPaise()));
        }
        if (order.getStage() == OrderStage.CANCELLED) {
            return told;
        }
        ShipmentStatus status = order.getShipmentStatus();
        Instant statusAt = order.getShipmentStatusAt();
        int failedAttempts = order.getNdrReasons().size();
        if (OrderAlerts.FORWARD_TRANSIT.contains(status)) {
            tell(order, CustomerMoment.SHIPPED, null, statusAt, told);
        } else if (order.getStage() == OrderStage.DISPATCHED
                && order.getAwb() != null
                && (status == null || NOT_SCANNED_YET.contains(status))) {
            tell(
                    order,
                    CustomerMoment.SHIPPED,
                    null,
                    order.getMilestones().get(OrderStage.DISPATCHED.name()),
                    told);
        } else if (status == ShipmentStatus.OUT_FOR_DELIVERY) {
            tell(order, CustomerMoment.OUT_FOR_DELIVERY, failedAttempts + 1, statusAt, told)
                    .ifPresent(n -> n.setAmountToCollectPaise(cashToCollect(order)));
        } else if (status == ShipmentStatus.DELIVERY_FAILED && failedAttempts > 0) {
            NdrReason reason = order.getNdrReasons().get(failedAttempts - 1);
            tell(order, CustomerMoment.DELIVERY_FAILED, failedAttempts, statusAt, told)
                    .ifPresent(
                            n -> {
                                n.setNdrReason(reason);
                                n.setCustomerOptions(optionsAfter(reason, order));
                            });
        } else if (status == ShipmentStatus.DELIVERED) {
            tell(order, CustomerMoment.DELIVERED, null, statusAt, told);
        } else if (RETURN_PICKED_UP.contains(status)) {
            tell(order, CustomerMoment.RETURN_PICKED_UP, null, statusAt, told);
        }
        return told;
    }

    /** The notification's id: {@code <orderId>/<moment>[/<attempt>]}. */
    static String idOf(String orderId, CustomerMoment moment, Integer attempt) {
        return orderId + "/" + keyOf(moment, attempt);
    }

    private static String keyOf(CustomerMoment moment, Integer attempt) {
        return attempt == null ? moment.name() : moment.name() + "/" + attempt;
    }

    /** Tells the moment unless it was told: the new notification, noted as told. */
    private static Optional<CustomerNotification> tell(
            OrderState order,
            CustomerMoment moment,
            Integer attempt,
            Instant at,
            List<CustomerNotification> told) {
        String key = keyOf(moment, attempt);
        if (order.getNotifiedMoments().contains(key) || at == null) {
            return Optional.empty();
        }
        List<String> notified = new ArrayList<>(order.getNotifiedMoments());
        notified.add(key);
        order.setNotifiedMoments(notified);
        OrderDetails details = order.getDetails();
        CustomerNotification notification =
                CustomerNotification.newBuilder()
                        .setNotificationId(idOf(order.getOrderId(), moment, attempt))
                        .setTenantId(order.getTenantId())
                        .setOrderId(order.getOrderId())
                        .setChannel(order.getChannel())
                        .setClientOrderId(order.getClientOrderId())
                        .setMoment(moment)
                        .setAt(at)
                        .setAttempt(attempt)
                        .setCustomerName(details == null ? null : details.getCustomer().getName())
                        .setPhone(details == null ? null : mobile(details))
                        .setCourier(order.getCourier())
                        .setAwb(order.getAwb())
                        .setTrackingUrl(null)
                        .setPromisedDeliveryDate(
                                details == null ? null : details.getPromisedDeliveryDate())
                        .setAmountToCollectPaise(null)
                        .setNdrReason(null)
                        .setCustomerOptions(List.of())
                        .setRefundPaise(null)
                        .setMessage("")
                        .build();
        told.add(notification);
        return Optional.of(notification);
    }

    private static Long cashToCollect(OrderState order) {
        OrderDetails details = order.getDetails();
        return details != null && details.getPaymentMode() == PaymentMode.COD
                ? details.getAmountPaise()
                : null;
    }

    /** {@code +91} and the ten digits, or the digits as written when there are fewer. */
    private static String mobile(OrderDetails details) {
        String national = PhoneNumbers.normalise(details.getCustomer().getPhone());
        return national.length() == 10 ? "+91" + national : national;
    }

    /** What a customer can do after an attempt failed for this reason, most useful first. */
    static List<CustomerOption> optionsAfter(NdrReason reason, OrderState order) {
        List<CustomerOption> options =
                switch (reason == null ? NdrReason.UNMAPPED : reason) {
                    case CUSTOMER_UNAVAILABLE,
                            PREMISES_CLOSED,
                            NOT_ATTEMPTED,
                            FORCE_MAJEURE,
                            FUTURE_DELIVERY_REQUESTED ->
                            List.of(CustomerOption.RESCHEDULE);
                    case CUSTOMER_UNREACHABLE ->
                            List.of(CustomerOption.UPDATE_PHONE, CustomerOption.RESCHEDULE);
                    case ADDRESS_INCOMPLETE,
                            ADDRESS_INCORRECT,
                            ACCESS_RESTRICTED,
                            OUT_OF_DELIVERY_AREA ->
                            List.of(CustomerOption.UPDATE_ADDRESS, CustomerOption.RESCHEDULE);
                    case COD_NOT_READY ->
                            List.of(CustomerOption.KEEP_CASH_READY, CustomerOption.RESCHEDULE);
                    case SELF_PICKUP_REQUESTED -> List.of(CustomerOption.SELF_PICKUP);
                    case CUSTOMER_REFUSED, CUSTOMER_CANCELLED, DAMAGED ->
                            List.of(CustomerOption.CONTACT_SELLER);
                    default -> List.of(CustomerOption.RESCHEDULE, CustomerOption.CONTACT_SELLER);
                };
        if (cashToCollect(order) != null
                && !options.contains(CustomerOption.KEEP_CASH_READY)
                && options.contains(CustomerOption.RESCHEDULE)) {
            List<CustomerOption> withCash = new ArrayList<>(options);
            withCash.add(CustomerOption.KEEP_CASH_READY);
            return withCash;
        }
        return options;
    }
}
