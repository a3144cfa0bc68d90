package io.ordertrack.domain.lifecycle;

import static io.ordertrack.avro.ShipmentStatus.AT_DESTINATION_HUB;
import static io.ordertrack.avro.ShipmentStatus.COURIER_ERROR;
import static io.ordertrack.avro.ShipmentStatus.DAMAGED;
import static io.ordertrack.avro.ShipmentStatus.DELIVERED;
import static io.ordertrack.avro.ShipmentStatus.DELIVERY_FAILED;
import static io.ordertrack.avro.ShipmentStatus.DISPOSED;
import static io.ordertrack.avro.ShipmentStatus.HELD;
import static io.ordertrack.avro.ShipmentStatus.IN_TRANSIT;
import static io.ordertrack.avro.ShipmentStatus.LOST;
import static io.ordertrack.avro.ShipmentStatus.MANIFESTED;
import static io.ordertrack.avro.ShipmentStatus.MISROUTED;
import static io.ordertrack.avro.ShipmentStatus.OUT_FOR_DELIVERY;
import static io.ordertrack.avro.ShipmentStatus.PICKED_UP;
import static io.ordertrack.avro.ShipmentStatus.PICKUP_FAILED;
import static io.ordertrack.avro.ShipmentStatus.PICKUP_SCHEDULED;
import static io.ordertrack.avro.ShipmentStatus.RETURN_DELIVERED;
import static io.ordertrack.avro.ShipmentStatus.RETURN_IN_TRANSIT;
import static io.ordertrack.avro.ShipmentStatus.RETURN_PICKED_UP;
import static io.ordertrack.avro.ShipmentStatus.RETURN_REQUESTED;
import static io.ordertrack.avro.ShipmentStatus.RTO_DELIVERED;
import static io.ordertrack.avro.ShipmentStatus.RTO_INITIATED;
import static io.ordertrack.avro.ShipmentStatus.RTO_IN_TRANSIT;
import static io.ordertrack.avro.ShipmentStatus.RTO_OUT_FOR_DELIVERY;
import static io.ordertrack.avro.ShipmentStatus.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrack.avro.ShipmentStatus;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every move between two shipment statuses, against the lifecycle of the design. */
class ShipmentProgressTest {
    /**
     * The journey of a shipment as the design lays it out, step by step; a later report may move it
     * to its own step or any later one. Holds and misroutes are one step: both happen on the way to
     * the destination hub, in any sequence. Lost, damaged and disposed are the end.
     */
    private static final List<Set<ShipmentStatus>> JOURNEY =
            List.of(
                    Set.of(MANIFESTED),
                    Set.of(PICKUP_SCHEDULED),
                    Set.of(PICKUP_FAILED),
                    Set.of(PICKED_UP),
                    Set.of(IN_TRANSIT),
                    Set.of(HELD, MISROUTED),
                    Set.of(AT_DESTINATION_HUB),
                    Set.of(OUT_FOR_DELIVERY),
                    Set.of(DELIVERY_FAILED),
                    Set.of(DELIVERED),
                    Set.of(RTO_INITIATED),
                    Set.of(RTO_IN_TRANSIT),
                    Set.of(RTO_OUT_FOR_DELIVERY),
                    Set.of(RTO_DELIVERED),
                    Set.of(RETURN_REQUESTED),
                    Set.of(RETURN_PICKED_UP),
                    Set.of(RETURN_IN_TRANSIT),
                    Set.of(RETURN_DELIVERED),
                    Set.of(LOST, DAMAGED, DISPOSED));

    /** The only moves back along the journey: the loops real deliveries take. */
    private static final Map<ShipmentStatus, Set<ShipmentStatus>> LOOPS =
            Map.of(
                    PICKUP_FAILED, Set.of(PICKUP_SCHEDULED),
                    HELD, Set.of(IN_TRANSIT),
                    MISROUTED, Set.of(IN_TRANSIT),
                    DELIVERY_FAILED, Set.of(OUT_FOR_DELIVERY, AT_DESTINATION_HUB, HELD));

    /** A reverse pickup follows a delivery, never an undelivered or RTO parcel. */
    private static final Set<ShipmentStatus> CUSTOMER_RETURN =
            Set.of(RETURN_REQUESTED, RETURN_PICKED_UP, RETURN_IN_TRANSIT, RETURN_DELIVERED);

    /** Not statuses to move to: a courier error is a flag, an unknown code keeps the status. */
    private static final Set<ShipmentStatus> NO_STATUS = Set.of(COURIER_ERROR, UNKNOWN);

    static Stream<Arguments> everyPair() {
        return Arrays.stream(ShipmentStatus.values())
                .flatMap(
                        current ->
                                Arrays.stream(ShipmentStatus.values())
                                        .map(
                                                next ->
                                                        Arguments.of(
                                                                current,
                                                                next,
                                                                expectedMove(current, next))));
    }

    @ParameterizedTest(name = "{0} then {1}: {2}")
    @MethodSource("everyPair")
    void aLaterReportMovesTheShipmentOnlyAlongTheJourneyOrItsLoops(
            ShipmentStatus current, ShipmentStatus next, boolean moves) {
        assertThat(ShipmentProgress.mayMove(current, next)).isEqualTo(moves);
    }

    @ParameterizedTest
    @EnumSource(ShipmentStatus.class)
    void theFirstReportMayBeAnyStatusButAReturnAnErrorOrAnUnknownCode(ShipmentStatus first) {
        assertThat(ShipmentProgress.mayMove(null, first))
                .isEqualTo(!CUSTOMER_RETURN.contains(first) && !NO_STATUS.contains(first));
    }

    @ParameterizedTest
    @EnumSource(ShipmentStatus.class)
    void theParcelHasLeftTheWarehouseFromThePickupOn(ShipmentStatus status) {
        boolean beforePickup =
                Set.of(MANIFESTED, PICKUP_SCHEDULED, PICKUP_FAILED).contains(status)
                        || NO_STATUS.contains(status);

        assertThat(ShipmentProgress.hasLeftWarehouse(status)).isEqualTo(!beforePickup);
    }

    private static boolean expectedMove(ShipmentStatus current, ShipmentStatus next) {
        if (NO_STATUS.contains(next)) {
            return false;
        }
        if (CUSTOMER_RETURN.contains(next)) {
            return current == DELIVERED
                    || (CUSTOMER_RETURN.contains(current) && step(next) >= step(current));
        }
        if (NO_STATUS.contains(current)) {
            return true;
        }
        return step(next) >= step(current) || LOOPS.getOrDefault(current, Set.of()).contains(next);
    }

    private static int step(ShipmentStatus status) {
        for (int step = 0; step < JOURNEY.size(); step++) {
            if (JOURNEY.get(step).contains(status)) {
                return step;
            }
        }
        throw new AssertionError(status + " is not on the journey");
    }
}
