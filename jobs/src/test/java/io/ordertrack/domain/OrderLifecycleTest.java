package io.ordertrack.domain;

import static io.ordertrack.domain.OrderFixtures.hoursLater;
import static io.ordertrack.domain.OrderFixtures.manifested;
import static io.ordertrack.domain.OrderFixtures.newOrder;
import static io.ordertrack.domain.OrderFixtures.placed;
import static io.ordertrack.domain.OrderFixtures.scan;
import static io.ordertrack.domain.OrderFixtures.stage;
import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.OrderEventType;
import io.ordertrack.avro.OrderStage;
import io.ordertrack.avro.OrderState;
import io.ordertrack.avro.ShipmentStatus;
import io.ordertrack.avro.TrackingScan;
import org.junit.jupiter.api.Test;

class OrderLifecycleTest {
    private final OrderState order = newOrder();

    @Test
    void aPlacedOrderIsReceivedAndNotPickedWithItsDetails() {
        assertThat(OrderLifecycle.apply(order, placed(hoursLater(0)))).isTrue();

        assertThat(order.getStage()).isEqualTo(OrderStage.RECEIVED);
        assertThat(order.getDetails().getWarehouseId()).isEqualTo("WH-BLR-1");
        assertThat(order.getPlacedAt()).isEqualTo(hoursLater(0));
        assertThat(Bucket.of(order)).isEqualTo(Bucket.NOT_PICKED);
        assertThat(order.getVersion()).isEqualTo(1);
    }

    @Test
    void aDuplicateEventChangesNothing() {
        OrderEvent confirmed = stage(OrderEventType.CONFIRMED, hoursLater(1));
        OrderLifecycle.apply(order, placed(hoursLater(0)));
        OrderLifecycle.apply(order, confirmed);

        assertThat(OrderLifecycle.apply(order, confirmed)).isFalse();
        assertThat(order.getVersion()).isEqualTo(2);
        assertThat(order.getTimeline()).hasSize(2);
    }

    @Test
    void theStageNeverMovesBackwardsWhenEventsArriveOutOfOrder() {
        OrderLifecycle.apply(order, stage(OrderEventType.PACKED, hoursLater(3)));
        OrderLifecycle.apply(order, stage(OrderEventType.CONFIRMED, hoursLater(1)));

        assertThat(order.getStage()).isEqualTo(OrderStage.PACKED);
        assertThat(order.getTimeline()).hasSize(2);
    }

    @Test
    void aManifestNamesTheCourierAndAwbAndTheShipmentIsManifested() {
        OrderLifecycle.apply(order, manifested(hoursLater(3)));

        assertThat(order.getCourier()).isEqualTo("DELHIVERY");
        assertThat(order.getAwb()).isEqualTo("DL1001");
        assertThat(order.getShipmentStatus()).isEqualTo(ShipmentStatus.MANIFESTED);
        assertThat(Bucket.of(order)).isEqualTo(Bucket.NOT_PICKED);
    }

    @Test
    void theLatestScanByEventTimeSetsTheShipmentStatus() {
        OrderLifecycle.apply(order, manifested(hoursLater(3)));
        OrderLifecycle.apply(order, scan(ShipmentStatus.OUT_FOR_DELIVERY, hoursLater(40)));
        OrderLifecycle.apply(order, scan(ShipmentStatus.IN_TRANSIT, hoursLater(20)));

        assertThat(order.getShipmentStatus()).isEqualTo(ShipmentStatus.OUT_FOR_DELIVERY);
        assertThat(order.getTimeline()).hasSize(3);
        assertThat(Bucket.of(order)).isEqualTo(Bucket.LIVE);
    }

    @Test
    void aScanWithoutNormalisedStatusKeepsTheStatusAndIsRecordedAsUnmapped() {
        OrderLifecycle.apply(order, scan(ShipmentStatus.IN_TRANSIT, hoursLater(20)));
        TrackingScan unknown = scan(null, hoursLater(30));

        assertThat(OrderLifecycle.apply(order, unknown)).isTrue();
        assertThat(order.getShipmentStatus()).isEqualTo(ShipmentStatus.IN_TRANSIT);
        assertThat(order.getTimeline().get(1).getCode()).isEqualTo("UNMAPPED:X-99");
    }

    @Test
    void aCourierErrorPutsTheOrderInTheErrorBucketUntilTheNextRealScan() {
        OrderLifecycle.apply(order, scan(ShipmentStatus.PICKED_UP, hoursLater(9)));
        OrderLifecycle.apply(order, scan(ShipmentStatus.COURIER_ERROR, hoursLater(10)));

        assertThat(Bucket.of(order)).isEqualTo(Bucket.ERROR);
        assertThat(order.getShipmentStatus()).isEqualTo(ShipmentStatus.PICKED_UP);

        OrderLifecycle.apply(order, scan(ShipmentStatus.IN_TRANSIT, hoursLater(12)));
        assertThat(Bucket.of(order)).isEqualTo(Bucket.LIVE);
    }

    @Test
    void anOrderCanBeCancelledBeforeDispatchButNotAfterPickup() {
        OrderState early = newOrder();
        OrderLifecycle.apply(early, stage(OrderEventType.CONFIRMED, hoursLater(1)));
        OrderLifecycle.apply(early, OrderFixtures.cancelled(hoursLater(2)));
        assertThat(early.getStage()).isEqualTo(OrderStage.CANCELLED);
        assertThat(Bucket.of(early)).isEqualTo(Bucket.CANCELLED);

        OrderLifecycle.apply(order, scan(ShipmentStatus.PICKED_UP, hoursLater(9)));
        OrderLifecycle.apply(order, OrderFixtures.cancelled(hoursLater(10)));
        assertThat(order.getStage()).isNotEqualTo(OrderStage.CANCELLED);
        assertThat(Bucket.of(order)).isEqualTo(Bucket.LIVE);
    }

    @Test
    void aCancelledOrderDoesNotMoveOnToLaterStages() {
        OrderLifecycle.apply(order, OrderFixtures.cancelled(hoursLater(2)));
        OrderLifecycle.apply(order, stage(OrderEventType.PACKED, hoursLater(3)));

        assertThat(order.getStage()).isEqualTo(OrderStage.CANCELLED);
    }

    @Test
    void aReturnRequestedAfterDeliveryMovesTheOrderToReturned() {
        OrderLifecycle.apply(order, scan(ShipmentStatus.DELIVERED, hoursLater(45)));
        assertThat(Bucket.of(order)).isEqualTo(Bucket.DELIVERED);

        OrderLifecycle.apply(
                order,
                OrderFixtures.event(
                        OrderEventType.RETURN_REQUESTED,
                        hoursLater(70),
                        new io.ordertrack.avro.ReturnRequest("wrong size")));

        assertThat(order.getShipmentStatus()).isEqualTo(ShipmentStatus.RETURN_REQUESTED);
        assertThat(Bucket.of(order)).isEqualTo(Bucket.RETURNED);
    }

    @Test
    void theVersionIsTheSameWhateverOrderTheEventsArriveIn() {
        OrderEvent placed = placed(hoursLater(0));
        OrderEvent manifest = manifested(hoursLater(3));
        TrackingScan pickup = scan(ShipmentStatus.PICKED_UP, hoursLater(9));
        OrderState replayed = newOrder();

        OrderLifecycle.apply(order, placed);
        OrderLifecycle.apply(order, manifest);
        OrderLifecycle.apply(order, pickup);
        OrderLifecycle.apply(replayed, pickup);
        OrderLifecycle.apply(replayed, placed);
        OrderLifecycle.apply(replayed, manifest);
        OrderLifecycle.apply(replayed, pickup);

        assertThat(replayed.getVersion()).isEqualTo(order.getVersion()).isEqualTo(3);
        assertThat(OrderDocument.of(replayed)).isEqualTo(OrderDocument.of(order));
    }
}
