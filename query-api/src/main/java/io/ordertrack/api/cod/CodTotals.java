package io.ordertrack.api.cod;

import java.util.Map;

/**
 * The cash of a set of COD parcels (one seller's parcels with one courier, or all of them): what
 * was collected at delivery, remitted, and is still owed; the parcels still owed cash (pending or
 * short) by how long ago they were delivered; those past the courier's cycle; the mismatched
 * amounts; and cash remitted for parcels no COD delivery is known of.
 *
 * @param tenantId the seller; null for a total over sellers
 * @param courier the courier; null for a total over couriers
 * @param parcels the parcels counted, delivered or only remitted for
 * @param states the parcels in each state (PENDING, SHORT, REMITTED, EXCESS, NOT_DELIVERED)
 */
public record CodTotals(
        String tenantId,
        String courier,
        long parcels,
        long collectedPaise,
        long remittedPaise,
        long owedPaise,
        Owed owed,
        Owed overdue,
        Mismatch shortPaid,
        Mismatch overPaid,
        NotDelivered notDelivered,
        Map<String, Long> states) {

    /**
     * Parcels still owed cash: how many, how much, and (for all of them, not for the overdue ones)
     * how many were delivered under a day, one to three, three to seven and over seven days ago.
     */
    public record Owed(long parcels, long owedPaise, Map<String, Long> ageing) {}

    /** Parcels paid less (or more) than collected, and the difference (remitted less expected). */
    public record Mismatch(long parcels, long differencePaise) {}

    /** Cash remitted for parcels no COD delivery is known of. */
    public record NotDelivered(long parcels, long remittedPaise) {}
}
