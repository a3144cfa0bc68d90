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

import io.ordertrack.avro.OrderStage;
import io.ordertrack.avro.OrderState;
import io.ordertrack.avro.ShipmentStatus;
import io.ordertrack.documents.Bucket;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BucketTest {
    /**
     * The buckets of the design: Not picked · Live (in transit, out for delivery, open NDR) ·
     * Delivered · Returned (RTO, and customer returns until they reach the warehouse) · Error
     * (courier errors, pickup failed; a parcel lost, damaged or disposed of is the courier's
     * failure too). An unreadable status says no more than no status: not picked.
     */
    private static final Map<Bucket, Set<ShipmentStatus>> DESIGN =
            Map.of(
                    Bucket.NOT_PICKED,
                    Set.of(MANIFESTED, PICKUP_SCHEDULED, UNKNOWN),
                    Bucket.LIVE,
                    Set.of(
                            PICKED_UP,
                            IN_TRANSIT,
                            HELD,
                            MISROUTED,
                            AT_DESTINATION_HUB,
                            OUT_FOR_DELIVERY,
                            DELIVERY_FAILED),
                    Bucket.DELIVERED,
                    Set.of(DELIVERED),
                    Bucket.RETURNED,
                    Set.of(
                            RTO_INITIATED,
                            RTO_IN_TRANSIT,
                            RTO_OUT_FOR_DELIVERY,
                            RTO_DELIVERED,
                            RETURN_REQUESTED,
                            RETURN_PICKED_UP,
                            RETURN_IN_TRANSIT,
                            RETURN_DELIVERED),
                    Bucket.ERROR,
                    Set.of(PICKUP_FAILED, COURIER_ERROR, LOST, DAMAGED, DISPOSED));

    @ParameterizedTest
    @EnumSource(ShipmentStatus.class)
    void eachShipmentStatusHasTheBucketOfTheDesign(ShipmentStatus status) {
        OrderState order = OrderFixtures.newOrder();
        order.setShipmentStatus(status);

        assertThat(Bucket.of(order)).isEqualTo(designedBucketOf(status));
    }

    @ParameterizedTest
    @EnumSource(ShipmentStatus.class)
    void aCancelledOrderIsCancelledWhateverTheCourierSays(ShipmentStatus status) {
        OrderState order = OrderFixtures.newOrder();
        order.setShipmentStatus(status);
        order.setStage(OrderStage.CANCELLED);

        assertThat(Bucket.of(order)).isEqualTo(Bucket.CANCELLED);
    }

    @ParameterizedTest
    @EnumSource(ShipmentStatus.class)
    void aCourierErrorIsAnErrorWhateverTheStatusItLeft(ShipmentStatus status) {
        OrderState order = OrderFixtures.newOrder();
        order.setShipmentStatus(status);
        order.setCourierError(true);

        assertThat(Bucket.of(order)).isEqualTo(Bucket.ERROR);
    }

    @Test
    void anOrderWithoutShipmentIsNotPicked() {
        assertThat(Bucket.of(OrderFixtures.newOrder())).isEqualTo(Bucket.NOT_PICKED);
    }

    private static Bucket designedBucketOf(ShipmentStatus status) {
        return DESIGN.entrySet().stream()
                .filter(bucket -> bucket.getValue().contains(status))
                .map(Map.Entry::getKey)
                .reduce(
                        (one, other) -> {
                            throw new AssertionError(status + " is in two buckets");
                        })
                .orElseThrow(() -> new AssertionError(status + " is in no bucket"));
    }
}
