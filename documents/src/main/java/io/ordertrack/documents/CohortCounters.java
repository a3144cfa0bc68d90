package io.ordertrack.documents;

import java.util.List;

/**
 * The counters of a cohort document in the {@link Index#ORDER_METRICS} index: each a {@code long}
 * field the job adds a cohort's shipments to and the API sums across cohorts. The NDR reasons are
 * counted apart, in the object {@code ndrReasons}, one field per reason.
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

    private CohortCounters() {}
}
