package io.ordertrack.documents;

/**
 * Where the cash of one cash-on-delivery parcel stands between its courier and the seller: the
 * parcel delivered and nothing remitted yet, part of its cash remitted, all of it, more than it, or
 * cash remitted for a parcel no COD delivery is known of (returned to origin, prepaid, or not
 * delivered yet). The job decides it ({@code CodParcels}); the COD view counts and filters by it.
 */
public enum CodState {
    PENDING,
    SHORT,
    REMITTED,
    EXCESS,
    NOT_DELIVERED;

    /** Whether the courier still owes the seller cash for the parcel. */
    public boolean owed() {
        return this == PENDING || this == SHORT;
    }
}
