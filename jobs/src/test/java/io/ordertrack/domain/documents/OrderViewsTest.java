package io.ordertrack.domain.documents;

import static io.ordertrack.domain.lifecycle.OrderFixtures.hoursLater;
import static io.ordertrack.domain.lifecycle.OrderFixtures.manifested;
import static io.ordertrack.domain.lifecycle.OrderFixtures.scan;
import static io.ordertrack.domain.lifecycle.OrderFixtures.stage;
import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrack.avro.NdrReason;
import io.ordertrack.avro.OrderEventType;
import io.ordertrack.avro.OrderStage;
import io.ordertrack.avro.OrderState;
import io.ordertrack.avro.ShipmentStatus;
import io.ordertrack.documents.ChannelState;
import io.ordertrack.documents.StoreStage;
import io.ordertrack.domain.lifecycle.CourierCodes;
import io.ordertrack.domain.lifecycle.OrderFixtures;
import io.ordertrack.domain.lifecycle.OrderLifecycle;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The store and channel views of an order as it moves. */
class OrderViewsTest {
    private static final OrderLifecycle LIFECYCLE = new OrderLifecycle(CourierCodes.bundled());

    /** Not shipped yet: the channel waits for the seller. An unreadable status is no status. */
    private static final Set<ShipmentStatus> UNFULFILLED =
            Set.of(
                    ShipmentStatus.MANIFESTED,
                    ShipmentStatus.PICKUP_SCHEDULED,
                    ShipmentStatus.UNKNOWN);

    /**
     * Someone must act: a courier error or failed pickup, an open NDR, a parcel coming back, lost,
     * damaged or disposed of.
     */
    private static final Set<ShipmentStatus> ISSUES =
            Set.of(
                    ShipmentStatus.PICKUP_FAILED,
                    ShipmentStatus.COURIER_ERROR,
                    ShipmentStatus.DELIVERY_FAILED,
                    ShipmentStatus.RTO_INITIATED,
                    ShipmentStatus.RTO_IN_TRANSIT,
                    ShipmentStatus.RTO_OUT_FOR_DELIVERY,
                    ShipmentStatus.RTO_DELIVERED,
                    ShipmentStatus.RETURN_REQUESTED,
                    ShipmentStatus.RETURN_PICKED_UP,
                    ShipmentStatus.RETURN_IN_TRANSIT,
                    ShipmentStatus.RETURN_DELIVERED,
                    ShipmentStatus.LOST,
                    ShipmentStatus.DAMAGED,
                    ShipmentStatus.DISPOSED);

    /** Statuses of a parcel still at the warehouse: manifested in the store view. */
    private static final Set<ShipmentStatus> BEFORE_PICKUP =
            Set.of(
                    ShipmentStatus.MANIFESTED,
                    ShipmentStatus.PICKUP_SCHEDULED,
                    ShipmentStatus.PICKUP_FAILED,
                    ShipmentStatus.UNKNOWN,
                    ShipmentStatus.COURIER_ERROR);

    private final OrderState order = OrderFixtures.newOrder();

    @ParameterizedTest
    @EnumSource(ShipmentStatus.class)
    void eachShipmentStatusHasItsChannelState(ShipmentStatus status) {
        order.setShipmentStatus(status);

        ChannelState expected =
                UNFULFILLED.contains(status)
                        ? ChannelState.UNFULFILLED
                        : ISSUES.contains(status) ? ChannelState.ISSUE : ChannelState.FULFILLED;
        assertThat(ChannelState.of(order)).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(ShipmentStatus.class)
    void aCancelledOrderIsAnIssueOnTheChannelWhateverTheCourierSays(ShipmentStatus status) {
        order.setShipmentStatus(status);
        order.setStage(OrderStage.CANCELLED);

        assertThat(ChannelState.of(order)).isEqualTo(ChannelState.ISSUE);
        assertThat(OrderDocument.storeStageOf(order)).isEqualTo(StoreStage.CANCELLED);
    }

    @ParameterizedTest
    @EnumSource(OrderStage.class)
    void eachStageHasItsStoreStageBeforeTheManifest(OrderStage stage) {
        order.setStage(stage);

        StoreStage expected =
                switch (stage) {
                    case RECEIVED, CONFIRMED, PICKING, PACKED -> StoreStage.PLACED;
                    case READY_TO_SHIP -> StoreStage.READY_TO_SHIP;
                    case DISPATCHED -> StoreStage.DISPATCHED;
                    case CANCELLED -> StoreStage.CANCELLED;
                };
        assertThat(OrderDocument.storeStageOf(order)).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(ShipmentStatus.class)
    void aPackedOrderIsManifestedUntilTheCourierHasIt(ShipmentStatus status) {
        order.setStage(OrderStage.PACKED);
        order.setAwb(OrderFixtures.AWB);
        order.setShipmentStatus(status);

        assertThat(OrderDocument.storeStageOf(order))
                .isEqualTo(
                        BEFORE_PICKUP.contains(status)
                                ? StoreStage.MANIFESTED
                                : StoreStage.DISPATCHED);
    }

    @Test
    void theStoreViewFollowsTheWarehouse() {
        LIFECYCLE.apply(order, OrderFixtures.placed(hoursLater(0)));
        LIFECYCLE.apply(order, stage(OrderEventType.CONFIRMED, hoursLater(1)));
        assertViews(StoreStage.PLACED, ChannelState.UNFULFILLED);

        LIFECYCLE.apply(order, manifested(hoursLater(3)));
        assertViews(StoreStage.MANIFESTED, ChannelState.UNFULFILLED);

        LIFECYCLE.apply(order, stage(OrderEventType.LABEL_SCANNED, hoursLater(4)));
        assertViews(StoreStage.READY_TO_SHIP, ChannelState.UNFULFILLED);

        LIFECYCLE.apply(order, scan(ShipmentStatus.PICKED_UP, hoursLater(9)));
        assertViews(StoreStage.DISPATCHED, ChannelState.FULFILLED);
    }

    @Test
    void anOpenNdrIsAnIssueOnTheChannelUntilDelivered() {
        LIFECYCLE.apply(order, scan(ShipmentStatus.OUT_FOR_DELIVERY, hoursLater(40)));
        LIFECYCLE.apply(
                order, OrderFixtures.failed(NdrReason.CUSTOMER_UNREACHABLE, hoursLater(44)));
        assertViews(StoreStage.DISPATCHED, ChannelState.ISSUE);
        // Reported at 06:00 IST, before delivery hours: suspicious too.
        assertThat(OrderDocument.of(order).flags())
                .containsExactly("NDR_OPEN", "SUSPICIOUS_ATTEMPT");

        LIFECYCLE.apply(order, scan(ShipmentStatus.OUT_FOR_DELIVERY, hoursLater(64)));
        LIFECYCLE.apply(order, scan(ShipmentStatus.DELIVERED, hoursLater(66)));
        assertViews(StoreStage.DISPATCHED, ChannelState.FULFILLED);
        // The NDR is over; that its attempt looked fake stays on the order.
        assertThat(OrderDocument.of(order).flags()).containsExactly("SUSPICIOUS_ATTEMPT");
    }

    @Test
    void anOrderLeavesTheWarehouseWhenDispatchedOrFirstScannedPastPickupTheEarlier() {
        OrderState scannedFirst = OrderFixtures.newOrder();
        LIFECYCLE.apply(scannedFirst, manifested(hoursLater(3)));
        assertThat(OrderDocument.of(scannedFirst).leftWarehouseAt()).isNull();
        LIFECYCLE.apply(scannedFirst, scan(ShipmentStatus.PICKED_UP, hoursLater(5)));
        LIFECYCLE.apply(scannedFirst, stage(OrderEventType.DISPATCHED, hoursLater(6)));
        assertThat(OrderDocument.of(scannedFirst).leftWarehouseAt()).isEqualTo(hoursLater(5));

        OrderState dispatchedFirst = OrderFixtures.newOrder();
        LIFECYCLE.apply(dispatchedFirst, manifested(hoursLater(3)));
        LIFECYCLE.apply(dispatchedFirst, stage(OrderEventType.DISPATCHED, hoursLater(4)));
        LIFECYCLE.apply(dispatchedFirst, scan(ShipmentStatus.IN_TRANSIT, hoursLater(9)));
        assertThat(OrderDocument.of(dispatchedFirst).leftWarehouseAt()).isEqualTo(hoursLater(4));
    }

    @Test
    void cancelledReturnedAndErrorOrdersAreIssues() {
        LIFECYCLE.apply(order, OrderFixtures.cancelled(hoursLater(1)));
        assertViews(StoreStage.CANCELLED, ChannelState.ISSUE);

        OrderState returned = OrderFixtures.newOrder();
        LIFECYCLE.apply(returned, scan(ShipmentStatus.RTO_DELIVERED, hoursLater(100)));
        assertThat(ChannelState.of(returned)).isEqualTo(ChannelState.ISSUE);
        assertThat(OrderDocument.of(returned).rto()).isTrue();

        OrderState failedPickup = OrderFixtures.newOrder();
        LIFECYCLE.apply(failedPickup, manifested(hoursLater(3)));
        LIFECYCLE.apply(failedPickup, scan(ShipmentStatus.PICKUP_FAILED, hoursLater(20)));
        assertThat(OrderDocument.storeStageOf(failedPickup)).isEqualTo(StoreStage.MANIFESTED);
        assertThat(ChannelState.of(failedPickup)).isEqualTo(ChannelState.ISSUE);
    }

    @Test
    void theExpectedDeliveryDateIsThePromisedOneUntilTheParcelIsOut() {
        LIFECYCLE.apply(order, OrderFixtures.placed(hoursLater(0)));
        order.getDetails().setPromisedDeliveryDate(java.time.LocalDate.parse("2026-11-24"));
        assertThat(OrderDocument.of(order).expectedDeliveryDate()).hasToString("2026-11-24");

        LIFECYCLE.apply(order, scan(ShipmentStatus.OUT_FOR_DELIVERY, hoursLater(50)));
        assertThat(OrderDocument.of(order).expectedDeliveryDate()).hasToString("2026-11-22");
    }

    private void assertViews(StoreStage store, ChannelState channel) {
        assertThat(OrderDocument.storeStageOf(order)).isEqualTo(store);
        assertThat(ChannelState.of(order)).isEqualTo(channel);
        OrderDocument document = OrderDocument.of(order);
        assertThat(document.storeStage()).isEqualTo(store.name());
        assertThat(document.channelState()).isEqualTo(channel.name());
    }
}
