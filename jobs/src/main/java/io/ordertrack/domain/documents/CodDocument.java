package io.ordertrack.domain.documents;

import io.ordertrack.avro.CodDelivery;
import io.ordertrack.avro.CodParcel;
import io.ordertrack.domain.cod.CodParcels;
import io.ordertrack.schemas.RecordKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A cash-on-delivery parcel's cash as indexed into the {@code cod} index (id and {@code parcelId} =
 * {@code tenant:COURIER:awb}). Field names are those of {@link io.ordertrack.documents.Index#COD};
 * the order's fields are null while only remittances name the parcel.
 *
 * @param differencePaise remitted less expected: negative while short, positive for an excess; null
 *     while no delivery is known
 * @param dueBy the end of the courier's remittance cycle
 * @param overdue whether the cycle ran out with cash still owed, until it is paid
 */
public record CodDocument(
        String parcelId,
        String tenantId,
        String courier,
        String awb,
        String orderId,
        String channel,
        String clientOrderId,
        String state,
        Long expectedPaise,
        long remittedPaise,
        long outstandingPaise,
        Long differencePaise,
        Instant deliveredAt,
        Instant dueBy,
        boolean overdue,
        Instant overdueSince,
        Instant lastRemittedAt,
        List<Remitted> remittances,
        Instant updatedAt) {

    /** One remittance's cash for the parcel. */
    public record Remitted(String remittanceId, Instant remittedAt, long amountPaise) {}

    /** The id the parcel's document is kept under: {@code tenant:COURIER:awb}. */
    public static String idOf(CodParcel parcel) {
        return RecordKeys.shipment(parcel.getTenantId(), parcel.getCourier(), parcel.getAwb());
    }

    public static CodDocument of(CodParcel parcel, Duration cycle) {
        CodParcels.Standing standing = CodParcels.standingOf(parcel);
        CodDelivery delivery = parcel.getDelivery();
        List<Remitted> remittances =
                standing.payments().stream()
                        .map(
                                p ->
                                        new Remitted(
                                                p.getRemittanceId(),
                                                p.getRemittedAt(),
                                                p.getAmountPaise()))
                        .toList();
        return new CodDocument(
                idOf(parcel),
                parcel.getTenantId(),
                parcel.getCourier(),
                parcel.getAwb(),
                delivery == null ? null : delivery.getOrderId(),
                delivery == null ? null : delivery.getChannel(),
                delivery == null ? null : delivery.getClientOrderId(),
                standing.state().name(),
                standing.expectedPaise(),
                standing.remittedPaise(),
                standing.outstandingPaise(),
                delivery == null ? null : standing.remittedPaise() - standing.expectedPaise(),
                delivery == null ? null : delivery.getDeliveredAt(),
                CodParcels.dueBy(parcel, cycle),
                parcel.getOverdueSince() != null,
                parcel.getOverdueSince(),
                remittances.isEmpty() ? null : remittances.get(remittances.size() - 1).remittedAt(),
                remittances,
                parcel.getChangedAt());
    }
}
