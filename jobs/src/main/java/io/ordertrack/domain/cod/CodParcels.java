package io.ordertrack.domain.cod;

import io.ordertrack.avro.CodDelivery;
import io.ordertrack.avro.CodParcel;
import io.ordertrack.avro.CodPayment;
import io.ordertrack.avro.OrderState;
import io.ordertrack.avro.PaymentMode;
import io.ordertrack.documents.CodState;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The cash of one cash-on-delivery parcel: what its courier collected at delivery, what its
 * remittances paid for it, and whether it is overdue. Deliveries and remittances come in any order;
 * what a parcel shows never depends on which came first.
 *
 * <ul>
 *   <li>A parcel's delivery is told once; a second telling changes nothing.
 *   <li>A remittance pays a parcel once: the same remittance id again (a courier's report sent
 *       twice, a redelivered record) changes nothing, even with another amount.
 *   <li>The courier's cycle runs from delivery: a parcel whose remittances sent by the end of it
 *       had not paid its cash in full is overdue from then until the remittance that completes it.
 *       Both are judged on when remittances were sent, never on when they arrived, and the parcel
 *       is reviewed a grace after its cycle's end (a courier's report comes hours after its
 *       transfer): a replay that reads the remittances ahead of the orders, or behind them by less
 *       than the grace, decides the same.
 * </ul>
 */
public final class CodParcels {
    private CodParcels() {}

    /**
     * The cash an order's courier collected, once a cash-on-delivery order is known delivered under
     * a known courier and AWB; null before, and for prepaid orders.
     */
    public static CodDelivery collectedFrom(OrderState order) {
        Instant deliveredAt = order.getMilestones().get("DELIVERED");
        if (deliveredAt == null
                || order.getDetails() == null
                || order.getDetails().getPaymentMode() != PaymentMode.COD
                || order.getDetails().getAmountPaise() <= 0
                || order.getCourier() == null
                || order.getAwb() == null) {
            return null;
        }
        return new CodDelivery(
                order.getTenantId(),
                order.getCourier(),
                order.getAwb(),
                order.getOrderId(),
                order.getChannel(),
                order.getClientOrderId(),
                order.getDetails().getAmountPaise(),
                deliveredAt);
    }

    /**
     * A parcel nothing is known of yet, its courier's name in capitals whatever the spelling of the
     * feed that named it first (the parcel's key is).
     */
    public static CodParcel empty(String tenantId, String courier, String awb) {
        return CodParcel.newBuilder()
                .setTenantId(tenantId)
                .setCourier(courier.toUpperCase(Locale.ROOT))
                .setAwb(awb)
                .build();
    }

    /** Takes the parcel's delivery; false when it was already known. */
    public static boolean take(CodParcel parcel, CodDelivery delivery) {
        if (parcel.getDelivery() != null) {
            return false;
        }
        parcel.setDelivery(delivery);
        changed(parcel, delivery.getDeliveredAt());
        return true;
    }

    /** Takes one remittance's cash for the parcel; false when that remittance already paid it. */
    public static boolean take(CodParcel parcel, CodPayment payment) {
        boolean known =
                parcel.getPayments().stream()
                        .anyMatch(p -> p.getRemittanceId().equals(payment.getRemittanceId()));
        if (known) {
            return false;
        }
        parcel.getPayments().add(payment);
        changed(parcel, payment.getRemittedAt());
        return true;
    }

    /**
     * When the courier's cycle for the parcel runs out: its delivery plus the cycle; null while no
     * delivery is known.
     */
    public static Instant dueBy(CodParcel parcel, Duration cycle) {
        return parcel.getDelivery() == null
                ? null
                : parcel.getDelivery().getDeliveredAt().plus(cycle);
    }

    /**
     * Reviews the parcel at {@code at}, a grace after the end of its cycle ({@code dueBy}): a
     * change of its own, whatever it finds, so that the parcel's versions do not depend on whether
     * its remittances were read before or after; marks it overdue as of {@code dueBy} when the
     * remittances sent by then had not paid its cash in full. Returns whether it did.
     */
    public static boolean review(CodParcel parcel, Instant dueBy, Instant at) {
        changed(parcel, at);
        if (parcel.getOverdueSince() != null
                || parcel.getDelivery() == null
                || remittedBy(parcel, dueBy) >= parcel.getDelivery().getAmountPaise()) {
            return false;
        }
        parcel.setOverdueSince(dueBy);
        parcel.setAlertVersion(parcel.getAlertVersion() + 1);
        return true;
    }

    /**
     * Clears an overdue parcel whose cash is now paid in full; false when it is not overdue or
     * still owed cash.
     */
    public static boolean clearOverdue(CodParcel parcel) {
        if (parcel.getOverdueSince() == null || paidInFullAt(parcel) == null) {
            return false;
        }
        parcel.setOverdueSince(null);
        parcel.setAlertVersion(parcel.getAlertVersion() + 1);
        return true;
    }

    /** The cash of the parcel's remittances sent by {@code at}. */
    public static long remittedBy(CodParcel parcel, Instant at) {
        return parcel.getPayments().stream()
                .filter(p -> !p.getRemittedAt().isAfter(at))
                .mapToLong(CodPayment::getAmountPaise)
                .sum();
    }

    /**
     * When the parcel's cash was paid in full: the sending of the remittance that completed it,
     * remittances taken in the order they were sent; null while it is owed, or no delivery is
     * known.
     */
    public static Instant paidInFullAt(CodParcel parcel) {
        if (parcel.getDelivery() == null) {
            return null;
        }
        long remitted = 0;
        for (CodPayment payment : standingOf(parcel).payments()) {
            remitted += payment.getAmountPaise();
            if (remitted >= parcel.getDelivery().getAmountPaise()) {
                return payment.getRemittedAt();
            }
        }
        return null;
    }

    /** Where the parcel's cash stands. */
    public static Standing standingOf(CodParcel parcel) {
        long remitted = parcel.getPayments().stream().mapToLong(CodPayment::getAmountPaise).sum();
        CodDelivery delivery = parcel.getDelivery();
        List<CodPayment> payments =
                parcel.getPayments().stream()
                        .sorted(
                                Comparator.comparing(CodPayment::getRemittedAt)
                                        .thenComparing(CodPayment::getRemittanceId))
                        .toList();
        if (delivery == null) {
            return new Standing(CodState.NOT_DELIVERED, null, remitted, 0, payments);
        }
        long expected = delivery.getAmountPaise();
        CodState state;
        if (remitted == 0) {
            state = CodState.PENDING;
        } else if (remitted < expected) {
            state = CodState.SHORT;
        } else if (remitted == expected) {
            state = CodState.REMITTED;
        } else {
            state = CodState.EXCESS;
        }
        return new Standing(state, expected, remitted, Math.max(0, expected - remitted), payments);
    }

    private static void changed(CodParcel parcel, Instant at) {
        parcel.setVersion(parcel.getVersion() + 1);
        if (parcel.getChangedAt().isBefore(at)) {
            parcel.setChangedAt(at);
        }
    }

    /**
     * Where a parcel's cash stands.
     *
     * @param expectedPaise the cash collected at delivery; null while no delivery is known
     * @param remittedPaise the cash its remittances paid
     * @param outstandingPaise what the courier still owes (never negative: an excess is not owed)
     * @param payments the remittances that paid it, oldest first
     */
    public record Standing(
            CodState state,
            Long expectedPaise,
            long remittedPaise,
            long outstandingPaise,
            List<CodPayment> payments) {}
}
