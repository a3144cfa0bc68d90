package io.ordertrack.simulator;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * What the final view of an order must show, from the simulator's own knowledge of what happened
 * (never from running ordertrack).
 *
 * @param stage final seller-side stage
 * @param shipmentStatus final courier-side status (null when never manifested)
 * @param bucket the dashboard bucket
 * @param ndrAttempts failed delivery attempts
 * @param ndrReasons their normalised reasons, in order
 * @param rtoOutcome {@code RTO_DELIVERED} when returned to origin, else {@code NONE}
 * @param rtoChance the chance the simulator gave it of returning to origin, from its payment mode,
 *     destination and courier (0 for an order never in stock): the best ranking any model could
 *     reach before dispatch
 * @param flags COURIER_ERROR, STUCK, NOT_PICKED_SLA, EDD_BREACHED as they apply at the end
 * @param events distinct events of the order (a duplicate counts once)
 * @param dispatchedAt when it left the warehouse (null when it never did)
 * @param deliveredAt when it was delivered (null when it never was)
 * @param fakeAttempts the failed attempts (numbered from 1) that never happened: the rider reported
 *     them without trying (only with {@link SimulationOptions#fakeAttemptShare}; left out when
 *     none)
 * @param customerReturn how the customer's return ends, for an order sent back after delivery (left
 *     out otherwise)
 */
public record Truth(
        String stage,
        String shipmentStatus,
        String bucket,
        int ndrAttempts,
        List<String> ndrReasons,
        String rtoOutcome,
        double rtoChance,
        List<String> flags,
        int events,
        Instant dispatchedAt,
        Instant deliveredAt,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Integer> fakeAttempts,
        @JsonInclude(JsonInclude.Include.NON_NULL) ReturnTruth customerReturn) {}
