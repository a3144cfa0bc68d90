package io.ordertrack.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrack.avro.OrderState;
import io.ordertrack.avro.ShipmentStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class BucketTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "MANIFESTED, NOT_PICKED",
        "PICKUP_SCHEDULED, NOT_PICKED",
        "PICKUP_FAILED, ERROR",
        "PICKED_UP, LIVE",
        "IN_TRANSIT, LIVE",
        "AT_DESTINATION_HUB, LIVE",
        "HELD, LIVE",
        "MISROUTED, LIVE",
        "OUT_FOR_DELIVERY, LIVE",
        "DELIVERY_FAILED, LIVE",
        "DELIVERED, DELIVERED",
        "RTO_INITIATED, RETURNED",
        "RTO_IN_TRANSIT, RETURNED",
        "RTO_OUT_FOR_DELIVERY, RETURNED",
        "RTO_DELIVERED, RETURNED",
        "RETURN_REQUESTED, RETURNED",
        "RETURN_PICKED_UP, RETURNED",
        "RETURN_IN_TRANSIT, RETURNED",
        "RETURN_DELIVERED, RETURNED",
        "LOST, ERROR",
        "DAMAGED, ERROR",
        "DISPOSED, ERROR",
    })
    void eachShipmentStatusHasItsBucket(ShipmentStatus status, Bucket bucket) {
        OrderState order = OrderFixtures.newOrder();
        order.setShipmentStatus(status);

        assertThat(Bucket.of(order)).isEqualTo(bucket);
    }

    @ParameterizedTest
    @EnumSource(ShipmentStatus.class)
    void aCancelledOrderIsCancelledWhateverTheCourierSays(ShipmentStatus status) {
        OrderState order = OrderFixtures.newOrder();
        order.setShipmentStatus(status);
        order.setStage(io.ordertrack.avro.OrderStage.CANCELLED);

        assertThat(Bucket.of(order)).isEqualTo(Bucket.CANCELLED);
    }

    @org.junit.jupiter.api.Test
    void anOrderWithoutShipmentIsNotPicked() {
        assertThat(Bucket.of(OrderFixtures.newOrder())).isEqualTo(Bucket.NOT_PICKED);
    }
}
