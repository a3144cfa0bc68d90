package io.ordertrack.domain.cod;

import io.ordertrack.avro.Alert;
import io.ordertrack.avro.AlertSeverity;
import io.ordertrack.avro.AlertState;
import io.ordertrack.avro.AlertType;
import io.ordertrack.avro.CodDelivery;
import io.ordertrack.avro.CodParcel;
import io.ordertrack.documents.Rupees;
import io.ordertrack.documents.SellersTime;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * COD_REMITTANCE_OVERDUE: a delivered cash-on-delivery parcel whose courier has not paid its cash
 * in full by the end of its remittance cycle. One alert per parcel, opened when the cycle runs out
 * and resolved by the remittance that completes its cash.
 */
public final class CodAlerts {
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private CodAlerts() {}

    /**
     * The parcel's overdue alert id, its tenant, type and order like every order alert's: the same
     * parcel always has the same one.
     */
    public static String alertId(CodParcel parcel) {
        return parcel.getTenantId()
                + ":"
                + AlertType.COD_REMITTANCE_OVERDUE
                + ":"
                + parcel.getDelivery().getOrderId();
    }

    /**
     * The alert of a parcel just marked overdue ({@link CodParcels#review}): opened as of the end
     * of its cycle, told at its review.
     */
    public static Alert opened(CodParcel parcel, Duration cycle, Instant reviewedAt) {
        return base(parcel, reviewedAt)
                .setState(AlertState.OPEN)
                .setReasons(List.of(reason(parcel, cycle)))
                .setOpenedAt(parcel.getOverdueSince())
                .build();
    }

    /**
     * The alert of a parcel whose overdue cash was just paid ({@link CodParcels#clearOverdue}):
     * resolved as of the remittance that completed it (never before its opening), told no earlier
     * than its opening was ({@code reviewedAt}).
     */
    public static Alert resolved(CodParcel parcel, Instant openedAt, Instant reviewedAt) {
        Instant paid = CodParcels.paidInFullAt(parcel);
        Instant resolvedAt = paid.isBefore(openedAt) ? openedAt : paid;
        return base(parcel, resolvedAt.isBefore(reviewedAt) ? reviewedAt : resolvedAt)
                .setState(AlertState.RESOLVED)
                .setReasons(List.of(collected(parcel) + "; paid in full by " + day(resolvedAt)))
                .setOpenedAt(openedAt)
                .setResolvedAt(resolvedAt)
                .build();
    }

    private static Alert.Builder base(CodParcel parcel, Instant at) {
        String id = alertId(parcel);
        return Alert.newBuilder()
                .setAlertId(id)
                .setEventId(id + ":" + parcel.getAlertVersion())
                .setVersion(parcel.getAlertVersion())
                .setEventTime(at)
                .setUpdatedAt(at)
                .setTenantId(parcel.getTenantId())
                .setType(AlertType.COD_REMITTANCE_OVERDUE)
                .setSeverity(AlertSeverity.WARNING)
                .setOrderId(parcel.getDelivery().getOrderId())
                .setCourier(parcel.getCourier())
                .setAwb(parcel.getAwb());
    }

    private static String reason(CodParcel parcel, Duration cycle) {
        return collected(parcel)
                + "; "
                + parcel.getCourier()
                + " had remitted ₹"
                + Rupees.of(CodParcels.remittedBy(parcel, parcel.getOverdueSince()))
                + " of it when its "
                + cycle.toDays()
                + "-day remittance cycle ended";
    }

    private static String collected(CodParcel parcel) {
        CodDelivery delivery = parcel.getDelivery();
        return "₹"
                + Rupees.of(delivery.getAmountPaise())
                + " collected on delivery on "
                + day(delivery.getDeliveredAt());
    }

    private static String day(Instant at) {
        return DAY.format(at.atZone(SellersTime.ZONE));
    }
}
