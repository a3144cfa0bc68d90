package io.ordertrack.documents;

import java.util.List;

/**
 * The counters of a cohort document in the {@link Index#ORDER_METRICS} index: each a {@code long}
 * field the job adds a cohort's shipments to and the API sums across cohorts. What is counted per
 * NDR reason is in objects of one field per reason ({@link #BY_NDR_REASON}).
 */
public final class CohortCounters {
    /** The counters' field names, in the order of the order-metrics mapping. */
    public static final List<String> NAMES =
            List.of(
                    "shipments",
                    "delivered",
                    "rto",
                    "lost",
                    "ndrShipments",
                    "ndrDelivered",
                    "ndrRto",
                    "ndrAttempts",
                    "firstAttemptDelivered",
                    "stuck",
                    "courierErrors");

    /**
     * The objects counting per NDR reason: failed attempts, shipments by the reason of their first
     * failed attempt, and of those the ones delivered in the end (rescued).
     */
    public static final List<String> BY_NDR_REASON =
            List.of("ndrReasons", "ndrFirstReasons", "ndrFirstReasonsDelivered");

    private CohortCounters() {}
}
