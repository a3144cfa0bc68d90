package io.ordertrack.domain.lifecycle;

import static io.ordertrack.domain.lifecycle.OrderFixtures.cancelled;
import static io.ordertrack.domain.lifecycle.OrderFixtures.failed;
import static io.ordertrack.domain.lifecycle.OrderFixtures.hoursLater;
import static io.ordertrack.domain.lifecycle.OrderFixtures.manifested;
import static io.ordertrack.domain.lifecycle.OrderFixtures.newOrder;
import static io.ordertrack.domain.lifecycle.OrderFixtures.placed;
import static io.ordertrack.domain.lifecycle.OrderFixtures.rawScan;
import static io.ordertrack.domain.lifecycle.OrderFixtures.scan;
import static io.ordertrack.domain.lifecycle.OrderFixtures.stage;
import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrack.avro.NdrReason;
import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.OrderEventType;
import io.ordertrack.avro.OrderStage;
import io.ordertrack.avro.OrderState;
import io.ordertrack.avro.ShipmentStatus;
import io.ordertrack.avro.TrackingScan;
import io.ordertrack.documents.Bucket;
import io.ordertrack.documents.ChannelState;
import io.ordertrack.documents.StoreStage;
import io.ordertrack.domain.documents.OrderDocument;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OrderLifecycleTest {
    static final OrderLifecycle LIFECYCLE = new OrderLifecycle(CourierCodes.bundled());

    private final OrderState order = newOrder();

    @Test
    void aPlacedOrderIsReceivedAndNotPickedWithItsDetails() {
        assertThat(LIFECYCLE.apply(order, placed(hoursLater(0)))).isTrue();

        assertThat(order.getStage()).isEqualTo(OrderStage.RECEIVED);
        assertThat(order.getDetails().getWarehouseId()).isEqualTo("WH-BLR-1");
        assertThat(order.getPlacedAt()).isEqualTo(hoursLater(0));
        assertThat(Bucket.of(order)).isEqualTo(Bucket.NOT_PICKED);
        assertThat(order.getVersion()).isEqualTo(1);
    }

    @Test
    void aDuplicateEventChangesNothing() {
        OrderEvent confirmed = stage(OrderEventType.CONFIRMED, hoursLater(1));
        LIFECYCLE.apply(order, placed(hoursLater(0)));
        LIFECYCLE.apply(order, confirmed);

        assertThat(LIFECYCLE.apply(order, confirmed)).isFalse();
        assertThat(order.getVersion()).isEqualTo(2);
        assertThat(order.getTimeline()).hasSize(2);
    }

    @Test
    void theStageNeverMovesBackwardsWhenEventsArriveOutOfOrder() {
        LIFECYCLE.apply(order, stage(OrderEventType.PACKED, hoursLater(3)));
        LIFECYCLE.apply(order, stage(OrderEventType.CONFIRMED, hoursLater(1)));

        assertThat(order.getStage()).isEqualTo(OrderStage.PACKED);
        assertThat(order.getTimeline()).hasSize(2);
    }

    @Test
    void aManifestNamesTheCourierAndAwbAndTheShipmentIsManifested() {
        LIFECYCLE.apply(order, manifested(hoursLater(3)));

        assertThat(order.getCourier()).isEqualTo("DELHIVERY");
        assertThat(order.getAwb()).isEqualTo("DL1001");
        assertThat(order.getShipmentStatus()).isEqualTo(ShipmentStatus.MANIFESTED);
        assertThat(Bucket.of(order)).isEqualTo(Bucket.NOT_PICKED);
    }

    @Test
    void theLatestScanByEventTimeSetsTheShipmentStatus() {
        LIFECYCLE.apply(order, manifested(hoursLater(3)));
        LIFECYCLE.apply(order, scan(ShipmentStatus.OUT_FOR_DELIVERY, hoursLater(40)));
        LIFECYCLE.apply(order, scan(ShipmentStatus.IN_TRANSIT, hoursLater(20)));

        assertThat(order.getShipmentStatus()).isEqualTo(ShipmentStatus.OUT_FOR_DELIVERY);
        assertThat(order.getTimeline()).hasSize(3);
        assertThat(Bucket.of(order)).isEqualTo(Bucket.LIVE);
    }

    @Test
    void aCourierErrorPutsTheOrderInTheErrorBucketUntilTheNextRealScan() {
        LIFECYCLE.apply(order, scan(ShipmentStatus.PICKED_UP, hoursLater(9)));
        LIFECYCLE.apply(order, scan(ShipmentStatus.COURIER_ERROR, hoursLater(10)));

        assertThat(Bucket.of(order)).isEqualTo(Bucket.ERROR);
        assertThat(order.getShipmentStatus()).isEqualTo(ShipmentStatus.PICKED_UP);

        LIFECYCLE.apply(order, scan(ShipmentStatus.IN_TRANSIT, hoursLater(12)));
        assertThat(Bucket.of(order)).isEqualTo(Bucket.LIVE);
    }

    @Test
    void anOrderCanBeCancelledBeforeDispatchButNotAfterPickup() {
        OrderState early = newOrder();
        LIFECYCLE.apply(early, stage(OrderEventType.CONFIRMED, hoursLater(1)));
        LIFECYCLE.apply(early, OrderFixtures.cancelled(hoursLater(2)));
        assertThat(early.getStage()).isEqualTo(OrderStage.CANCELLED);
        assertThat(Bucket.of(early)).isEqualTo(Bucket.CANCELLED);

        LIFECYCLE.apply(order, scan(ShipmentStatus.PICKED_UP, hoursLater(9)));
        LIFECYCLE.apply(order, OrderFixtures.cancelled(hoursLater(10)));
        assertThat(order.getStage()).isNotEqualTo(OrderStage.CANCELLED);
        assertThat(Bucket.of(order)).isEqualTo(Bucket.LIVE);
    }

    @Test
    void aCancelledOrderDoesNotMoveOnToLaterStages() {
        LIFECYCLE.apply(order, OrderFixtures.cancelled(hoursLater(2)));
        LIFECYCLE.apply(order, stage(OrderEventType.PACKED, hoursLater(3)));

        assertThat(order.getStage()).isEqualTo(OrderStage.CANCELLED);
    }

    @Test
    void aReturnRequestedAfterDeliveryMovesTheOrderToReturned() {
        LIFECYCLE.apply(order, scan(ShipmentStatus.DELIVERED, hoursLater(45)));
        assertThat(Bucket.of(order)).isEqualTo(Bucket.DELIVERED);

        LIFECYCLE.apply(
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

        LIFECYCLE.apply(order, placed);
        LIFECYCLE.apply(order, manifest);
        LIFECYCLE.apply(order, pickup);
        LIFECYCLE.apply(replayed, pickup);
        LIFECYCLE.apply(replayed, placed);
        LIFECYCLE.apply(replayed, manifest);
        LIFECYCLE.apply(replayed, pickup);

        assertThat(replayed.getVersion()).isEqualTo(order.getVersion()).isEqualTo(3);
        assertThat(OrderDocument.of(replayed)).isEqualTo(OrderDocument.of(order));
    }

    @Test
    void aCourierRegressionNeverMovesTheOrderBack() {
        LIFECYCLE.apply(order, scan(ShipmentStatus.OUT_FOR_DELIVERY, hoursLater(40)));
        LIFECYCLE.apply(order, scan(ShipmentStatus.DELIVERED, hoursLater(45)));

        assertThat(LIFECYCLE.apply(order, scan(ShipmentStatus.OUT_FOR_DELIVERY, hoursLater(50))))
                .isTrue();

        assertThat(order.getShipmentStatus()).isEqualTo(ShipmentStatus.DELIVERED);
        assertThat(order.getIgnoredScans()).isEqualTo(1);
        assertThat(order.getTimeline()).hasSize(3);
        assertThat(Bucket.of(order)).isEqualTo(Bucket.DELIVERED);
    }

    @Test
    void aFailedAttemptGoesBackOutForDeliveryAndIsCountedWithItsReason() {
        LIFECYCLE.apply(order, scan(ShipmentStatus.OUT_FOR_DELIVERY, hoursLater(40)));
        LIFECYCLE.apply(order, failed(NdrReason.CUSTOMER_UNAVAILABLE, hoursLater(44)));
        assertThat(Bucket.of(order)).isEqualTo(Bucket.LIVE);
        assertThat(ChannelState.of(order)).isEqualTo(ChannelState.ISSUE);

        LIFECYCLE.apply(order, scan(ShipmentStatus.OUT_FOR_DELIVERY, hoursLater(64)));
        LIFECYCLE.apply(order, failed(NdrReason.FUTURE_DELIVERY_REQUESTED, hoursLater(66)));
        LIFECYCLE.apply(order, scan(ShipmentStatus.OUT_FOR_DELIVERY, hoursLater(88)));
        LIFECYCLE.apply(order, scan(ShipmentStatus.DELIVERED, hoursLater(90)));

        assertThat(order.getShipmentStatus()).isEqualTo(ShipmentStatus.DELIVERED);
        assertThat(order.getNdrReasons())
                .containsExactly(
                        NdrReason.CUSTOMER_UNAVAILABLE, NdrReason.FUTURE_DELIVERY_REQUESTED);
        assertThat(OrderDocument.of(order).ndr().attempts()).isEqualTo(2);
        assertThat(OrderDocument.of(order).ndr().lastReason())
                .isEqualTo("FUTURE_DELIVERY_REQUESTED");
    }

    @Test
    void attemptsAfterTheParcelStartedBackCountButDoNotMoveIt() {
        LIFECYCLE.apply(order, failed(NdrReason.CUSTOMER_REFUSED, hoursLater(44)));
        LIFECYCLE.apply(order, scan(ShipmentStatus.RTO_INITIATED, hoursLater(60)));
        LIFECYCLE.apply(order, failed(NdrReason.CUSTOMER_REFUSED, hoursLater(50)));

        assertThat(order.getShipmentStatus()).isEqualTo(ShipmentStatus.RTO_INITIATED);
        assertThat(order.getNdrReasons()).hasSize(2);
        assertThat(Bucket.of(order)).isEqualTo(Bucket.RETURNED);
    }

    @Test
    void rawCourierCodesAreNormalisedThroughTheCourierTable() {
        LIFECYCLE.apply(order, rawScan("EOD-6", hoursLater(44)));

        assertThat(order.getShipmentStatus()).isEqualTo(ShipmentStatus.DELIVERY_FAILED);
        assertThat(order.getNdrReasons()).containsExactly(NdrReason.CUSTOMER_REFUSED);

        LIFECYCLE.apply(order, rawScan("RT-101", hoursLater(60)));
        assertThat(order.getShipmentStatus()).isEqualTo(ShipmentStatus.RTO_INITIATED);
    }

    @Test
    void anUndocumentedCodeKeepsTheStatusAndIsRecordedAsUnmapped() {
        LIFECYCLE.apply(order, rawScan("X-PPOM", hoursLater(9)));
        LIFECYCLE.apply(order, rawScan("ZZ-42", hoursLater(12)));

        assertThat(order.getShipmentStatus()).isEqualTo(ShipmentStatus.PICKED_UP);
        assertThat(order.getUnmappedScans()).isEqualTo(1);
        assertThat(order.getTimeline().get(1).getCode()).isEqualTo("UNMAPPED");
        assertThat(order.getTimeline().get(1).getDetail()).isEqualTo("ZZ-42 courier says so");
    }

    @Test
    void milestonesKeepTheFirstTimeEachStateWasReached() {
        LIFECYCLE.apply(order, scan(ShipmentStatus.OUT_FOR_DELIVERY, hoursLater(64)));
        LIFECYCLE.apply(order, scan(ShipmentStatus.OUT_FOR_DELIVERY, hoursLater(40)));
        LIFECYCLE.apply(order, placed(hoursLater(0)));

        assertThat(order.getMilestones())
                .containsEntry("OUT_FOR_DELIVERY", hoursLater(40))
                .containsEntry("PLACED", hoursLater(0));
        assertThat(order.getLastScanAt()).isEqualTo(hoursLater(64));
    }

    @Test
    void finishedOrdersAreDeliveredReturnedCancelledOrLost() {
        assertThat(OrderLifecycle.isFinished(order)).isFalse();
        LIFECYCLE.apply(order, scan(ShipmentStatus.DELIVERED, hoursLater(45)));
        assertThat(OrderLifecycle.isFinished(order)).isTrue();

        OrderState cancelled = newOrder();
        LIFECYCLE.apply(cancelled, OrderFixtures.cancelled(hoursLater(1)));
        assertThat(OrderLifecycle.isFinished(cancelled)).isTrue();

        OrderState lost = newOrder();
        LIFECYCLE.apply(lost, scan(ShipmentStatus.LOST, hoursLater(30)));
        assertThat(OrderLifecycle.isFinished(lost)).isTrue();
    }

    @Test
    void theTimelineKeepsTheLatestEventsOnly() {
        for (int i = 0; i < OrderLifecycle.MAX_TIMELINE + 10; i++) {
            LIFECYCLE.apply(order, scan(ShipmentStatus.IN_TRANSIT, hoursLater(i)));
        }

        assertThat(order.getTimeline()).hasSize(OrderLifecycle.MAX_TIMELINE);
        assertThat(order.getTimeline()).noneMatch(e -> e.getAt().isBefore(hoursLater(10)));
        assertThat(order.getVersion()).isEqualTo(OrderLifecycle.MAX_TIMELINE + 10);
    }

    @Test
    void aStaleReportThatArrivesBeforeTheDeliveryItFollowsDoesNotWin() {
        LIFECYCLE.apply(order, scan(ShipmentStatus.OUT_FOR_DELIVERY, hoursLater(40)));
        LIFECYCLE.apply(order, scan(ShipmentStatus.OUT_FOR_DELIVERY, hoursLater(50)));
        LIFECYCLE.apply(order, scan(ShipmentStatus.DELIVERED, hoursLater(45)));

        assertThat(order.getShipmentStatus()).isEqualTo(ShipmentStatus.DELIVERED);
        assertThat(order.getIgnoredScans()).isEqualTo(1);
    }

    @Test
    void theOrderIsTheSameWhateverOrderItsEventsArriveIn() {
        List<SpecificRecord> story =
                List.of(
                        placed(hoursLater(0)),
                        stage(OrderEventType.CONFIRMED, hoursLater(1)),
                        manifested(hoursLater(3)),
                        stage(OrderEventType.LABEL_SCANNED, hoursLater(4)),
                        scan(ShipmentStatus.PICKED_UP, hoursLater(9)),
                        // The customer cancels once the parcel is with the courier: too late.
                        cancelled(hoursLater(10)),
                        scan(ShipmentStatus.IN_TRANSIT, hoursLater(20)),
                        scan(ShipmentStatus.OUT_FOR_DELIVERY, hoursLater(40)),
                        failed(NdrReason.CUSTOMER_UNAVAILABLE, hoursLater(44)),
                        scan(ShipmentStatus.OUT_FOR_DELIVERY, hoursLater(64)),
                        failed(NdrReason.FUTURE_DELIVERY_REQUESTED, hoursLater(66)),
                        scan(ShipmentStatus.OUT_FOR_DELIVERY, hoursLater(88)),
                        scan(ShipmentStatus.COURIER_ERROR, hoursLater(89)),
                        scan(ShipmentStatus.DELIVERED, hoursLater(90)),
                        scan(ShipmentStatus.OUT_FOR_DELIVERY, hoursLater(94)));
        story.forEach(event -> apply(order, event));
        OrderDocument inTimeOrder = OrderDocument.of(order);
        assertThat(inTimeOrder.stage()).isEqualTo("READY_TO_SHIP");
        assertThat(inTimeOrder.bucket()).isEqualTo("DELIVERED");
        assertThat(inTimeOrder.shipmentStatus()).isEqualTo("DELIVERED");
        // Its failed attempts were reported at 06:00 and 04:00 IST, outside delivery hours.
        assertThat(inTimeOrder.flags()).containsExactly("SUSPICIOUS_ATTEMPT");
        assertThat(inTimeOrder.courierRegressions()).isEqualTo(1);
        assertThat(inTimeOrder.ndr().reasons())
                .containsExactly("CUSTOMER_UNAVAILABLE", "FUTURE_DELIVERY_REQUESTED");
        assertThat(inTimeOrder.version()).isEqualTo(story.size());

        Random shuffles = new Random(5);
        for (int round = 0; round < 50; round++) {
            List<SpecificRecord> arrival = new ArrayList<>(story);
            Collections.shuffle(arrival, shuffles);
            OrderState shuffled = newOrder();
            arrival.forEach(event -> apply(shuffled, event));

            assertThat(OrderDocument.of(shuffled)).as("arrival %s", arrival).isEqualTo(inTimeOrder);
        }
    }

    @ParameterizedTest(name = "cancelled at hour {0}, picked up at 9: {1}, {2}")
    @CsvSource({"8, CANCELLED, CANCELLED", "9, PACKED, LIVE", "10, PACKED, LIVE"})
    void aCancelIsJudgedByItsTimeAgainstThePickupWhicheverArrivesFirst(
            int cancelHour, OrderStage stage, Bucket bucket) {
        OrderEvent confirmed = stage(OrderEventType.CONFIRMED, hoursLater(1));
        OrderEvent packed = stage(OrderEventType.PACKED, hoursLater(3));
        OrderEvent cancel = cancelled(hoursLater(cancelHour));
        TrackingScan pickup = scan(ShipmentStatus.PICKED_UP, hoursLater(9));
        OrderState pickupLast = newOrder();
        OrderState pickupFirst = newOrder();

        List.of(confirmed, packed, cancel).forEach(event -> LIFECYCLE.apply(pickupLast, event));
        LIFECYCLE.apply(pickupLast, pickup);
        LIFECYCLE.apply(pickupFirst, pickup);
        List.of(cancel, packed, confirmed).forEach(event -> LIFECYCLE.apply(pickupFirst, event));

        assertThat(pickupLast.getStage()).isEqualTo(stage);
        assertThat(Bucket.of(pickupLast)).isEqualTo(bucket);
        assertThat(OrderDocument.of(pickupFirst)).isEqualTo(OrderDocument.of(pickupLast));
    }

    @Test
    void aCancelAfterTheDispatchDoesNotCancelEvenWhenTheDispatchArrivesLate() {
        LIFECYCLE.apply(order, stage(OrderEventType.PACKED, hoursLater(3)));
        LIFECYCLE.apply(order, cancelled(hoursLater(6)));
        assertThat(order.getStage()).isEqualTo(OrderStage.CANCELLED);

        LIFECYCLE.apply(order, stage(OrderEventType.DISPATCHED, hoursLater(5)));

        assertThat(order.getStage()).isEqualTo(OrderStage.DISPATCHED);
        assertThat(OrderDocument.storeStageOf(order)).isEqualTo(StoreStage.DISPATCHED);
        assertThat(OrderDocument.of(order).milestones()).containsKey("CANCELLED");
    }

    @Test
    void failedAttemptsAreListedInEventTimeOrderWhateverTheArrival() {
        LIFECYCLE.apply(order, failed(NdrReason.FUTURE_DELIVERY_REQUESTED, hoursLater(66)));
        LIFECYCLE.apply(order, failed(NdrReason.CUSTOMER_REFUSED, hoursLater(90)));
        LIFECYCLE.apply(order, failed(NdrReason.CUSTOMER_UNAVAILABLE, hoursLater(44)));
        LIFECYCLE.apply(order, failed(NdrReason.ADDRESS_INCOMPLETE, hoursLater(50)));

        assertThat(order.getNdrReasons())
                .containsExactly(
                        NdrReason.CUSTOMER_UNAVAILABLE,
                        NdrReason.ADDRESS_INCOMPLETE,
                        NdrReason.FUTURE_DELIVERY_REQUESTED,
                        NdrReason.CUSTOMER_REFUSED);
        assertThat(OrderDocument.of(order).ndr().lastReason()).isEqualTo("CUSTOMER_REFUSED");
    }

    @Test
    void reportsOfOneInstantGiveTheSameOrderWhateverTheirArrival() {
        List<TrackingScan> scans =
                List.of(
                        scan(ShipmentStatus.OUT_FOR_DELIVERY, hoursLater(40)),
                        failed(NdrReason.CUSTOMER_UNAVAILABLE, hoursLater(44)),
                        failed(NdrReason.ADDRESS_INCOMPLETE, hoursLater(44)),
                        scan(ShipmentStatus.OUT_FOR_DELIVERY, hoursLater(64)),
                        scan(ShipmentStatus.DELIVERED, hoursLater(64)));
        List<TrackingScan> backwards = new ArrayList<>(scans);
        Collections.reverse(backwards);
        OrderState reversed = newOrder();

        scans.forEach(scan -> LIFECYCLE.apply(order, scan));
        backwards.forEach(scan -> LIFECYCLE.apply(reversed, scan));

        assertThat(order.getShipmentStatus()).isEqualTo(ShipmentStatus.DELIVERED);
        assertThat(order.getIgnoredScans()).isZero();
        assertThat(OrderDocument.of(reversed)).isEqualTo(OrderDocument.of(order));
    }

    @Test
    void aReturnIsOnlyEverAReturnOfADeliveredParcel() {
        LIFECYCLE.apply(order, scan(ShipmentStatus.IN_TRANSIT, hoursLater(20)));
        LIFECYCLE.apply(order, scan(ShipmentStatus.RETURN_PICKED_UP, hoursLater(30)));

        assertThat(order.getShipmentStatus()).isEqualTo(ShipmentStatus.IN_TRANSIT);
    }

    private static void apply(OrderState order, SpecificRecord event) {
        if (event instanceof OrderEvent orderEvent) {
            LIFECYCLE.apply(order, orderEvent);
        } else {
            LIFECYCLE.apply(order, (TrackingScan) event);
        }
    }
}
