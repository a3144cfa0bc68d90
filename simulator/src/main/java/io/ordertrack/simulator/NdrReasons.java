package io.ordertrack.simulator;

import io.ordertrack.avro.NdrReason;
import java.util.SplittableRandom;

/**
 * Why deliveries fail. Among COD shipments that end in RTO the field split is roughly 52% refused,
 * 20% unreachable, 10% address problems and 3% not attempted; deliveries that are rescued mostly
 * failed because the customer was out or asked for another day.
 */
final class NdrReasons {
    private static final NdrReason[] ENDING_IN_RTO = {
        NdrReason.CUSTOMER_REFUSED, NdrReason.CUSTOMER_UNREACHABLE, NdrReason.ADDRESS_INCOMPLETE,
        NdrReason.ADDRESS_INCORRECT, NdrReason.NOT_ATTEMPTED, NdrReason.CUSTOMER_UNAVAILABLE,
        NdrReason.COD_NOT_READY, NdrReason.PREMISES_CLOSED, NdrReason.CUSTOMER_CANCELLED
    };
    private static final int[] ENDING_IN_RTO_WEIGHTS = {52, 20, 5, 5, 3, 7, 3, 2, 3};

    private static final NdrReason[] RESCUED = {
        NdrReason.CUSTOMER_UNAVAILABLE,
        NdrReason.FUTURE_DELIVERY_REQUESTED,
        NdrReason.CUSTOMER_UNREACHABLE,
        NdrReason.PREMISES_CLOSED,
        NdrReason.COD_NOT_READY,
        NdrReason.ADDRESS_INCOMPLETE
    };
    private static final int[] RESCUED_WEIGHTS = {35, 20, 15, 10, 10, 10};

    private final SplittableRandom random;

    NdrReasons(SplittableRandom random) {
        this.random = random;
    }

    NdrReason draw(boolean endsInRto) {
        return endsInRto
                ? draw(ENDING_IN_RTO, ENDING_IN_RTO_WEIGHTS)
                : draw(RESCUED, RESCUED_WEIGHTS);
    }

    private NdrReason draw(NdrReason[] reasons, int[] weights) {
        int total = 0;
        for (int weight : weights) {
            total += weight;
        }
        int r = random.nextInt(total);
        for (int i = 0; i < reasons.length; i++) {
            if ((r -= weights[i]) < 0) {
                return reasons[i];
            }
        }
        throw new IllegalStateException("weights exhausted");
    }
}
