package io.ordertrack.jobs.tracking;

import static io.ordertrack.jobs.tracking.OrderEvents.FINISHED_RETENTION;
import static io.ordertrack.jobs.tracking.OrderEvents.ORDER_ID;
import static io.ordertrack.jobs.tracking.OrderEvents.RETENTION;
import static io.ordertrack.jobs.tracking.OrderEvents.hoursLater;
import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrack.avro.CodDelivery;
import io.ordertrack.avro.Manifest;
import io.ordertrack.avro.OrderDetails;
import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.OrderEventType;
import io.ordertrack.avro.OrderState;
import io.ordertrack.avro.PaymentMode;
import io.ordertrack.avro.ReturnRequest;
import io.ordertrack.avro.ShipmentStatus;
import io.ordertrack.domain.lifecycle.OrderFixtures;
import io.ordertrack.jobs.ingest.DeadLetter;
import io.ordertrack.jobs.ingest.DeadLetterSplitter;
import io.ordertrack.jobs.risk.OrderChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OrderTrackerTest {
    private TrackerHarness harness;
    private final OrderEvents events = new OrderEvents();

    @BeforeEach
    void openHarness() throws Exception {
        harness = OrderEvents.tracker();
    }

    @AfterEach
    void closeHarness() throws Exception {
        harness.close();
    }

    @Test
    void everyChangeEmitsTheOrderAtItsVersion() throws Exception {
        harness.processElement1(manifested(), 1);
        harness.processElement2(events.scan(ShipmentStatus.PICKED_UP, 9), 2);

        List<OrderState> emitted = OrderEvents.ordersSent(harness);
        assertThat(emitted).extracting(OrderState::getVersion).containsExactly(1L, 2L);
        OrderState last = emitted.get(1);
        assertThat(last.getOrderId()).isEqualTo(ORDER_ID);
        assertThat(last.getShipmentStatus()).isEqualTo(ShipmentStatus.PICKED_UP);
        assertThat(emitted.get(0).getShipmentStatus())
                .as("each emitted order as it was then")
                .isEqualTo(ShipmentStatus.MANIFESTED);
    }

    @Test
    void scansReadBeforeTheManifestAreSentWithIt() throws Exception {
        harness.processElement2(events.scan(ShipmentStatus.PICKED_UP, 9), 1);
        assertThat(OrderEvents.ordersSent(harness)).as("no courier yet").isEmpty();

        harness.processElement1(manifested(), 2);

        assertThat(OrderEvents.ordersSent(harness))
                .singleElement()
                .satisfies(
                        order -> {
                            assertThat(order.getCourier()).isEqualTo("DELHIVERY");
                            assertThat(order.getShipmentStatus())
                                    .isEqualTo(ShipmentStatus.PICKED_UP);
                        });
    }

    @Test
    void aDuplicateEmitsNothing() throws Exception {
        OrderEvent confirmed = events.event(OrderEventType.CONFIRMED, 1, null);
        harness.processElement1(confirmed, 1);
        harness.processElement1(confirmed, 2);

        assertThat(OrderEvents.ordersSent(harness)).hasSize(1);
    }

    @Test
    void aFinishedOrderIsForgottenAfterItsRetentionWithItsTimer() throws Exception {
        harness.processElement1(events.event(OrderEventType.CONFIRMED, 1, null), 1);
        harness.processBothWatermarks(new Watermark(hoursLater(1).toEpochMilli()));
        assertThat(harness.numEventTimeTimers()).as("the open order's cleanup").isEqualTo(1);
        harness.processElement2(events.scan(ShipmentStatus.DELIVERED, 45), 2);
        harness.processBothWatermarks(new Watermark(hoursLater(45).toEpochMilli()));
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);

        harness.processBothWatermarks(
                new Watermark(hoursLater(45).plus(FINISHED_RETENTION).toEpochMilli() - 1));
        assertThat(harness.numKeyedStateEntries()).isPositive();
        harness.processBothWatermarks(
                new Watermark(hoursLater(45).plus(FINISHED_RETENTION).toEpochMilli()));
        assertThat(harness.numEventTimeTimers()).as("the forgotten order's reminder").isEqualTo(1);
        assertThat(harness.numKeyedStateEntries())
                .as("the forgotten order's reminder")
                .isEqualTo(1);

        harness.processBothWatermarks(
                new Watermark(
                        hoursLater(45).plus(FINISHED_RETENTION).plus(RETENTION).toEpochMilli()));
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void aLateEventOfAForgottenOrderGoesToDeadLettersSayingWhyUntilTheLongerRetentionEnds()
            throws Exception {
        harness.processElement1(manifested(), 1);
        harness.processElement2(events.scan(ShipmentStatus.DELIVERED, 45), 1);
        Instant forgotten = hoursLater(45).plus(FINISHED_RETENTION);
        harness.processBothWatermarks(new Watermark(forgotten.toEpochMilli()));
        int written = OrderEvents.ordersSent(harness).size();

        harness.processElement1(
                events.event(
                        OrderEventType.RETURN_REQUESTED,
                        24 * 40,
                        new ReturnRequest("changed my mind")),
                2);

        assertThat(OrderEvents.ordersSent(harness)).as("order states written").hasSize(written);
        assertThat(deadLetters())
                .singleElement()
                .satisfies(
                        letter -> {
                            assertThat(letter.getSourceTopic()).isEqualTo("order-events");
                            assertThat(letter.getReason())
                                    .contains(ORDER_ID, "cleared", "not applied");
                        });
        harness.processBothWatermarks(new Watermark(forgotten.plus(RETENTION).toEpochMilli()));
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void anOrderLeftUnfinishedIsForgottenWithAllItsStateAfterTheLongerRetention() throws Exception {
        harness.processElement1(
                events.event(OrderEventType.MANIFESTED, 4, new Manifest("DELHIVERY", "DL1001")), 1);
        harness.processElement2(events.scan(ShipmentStatus.IN_TRANSIT, 10), 2);
        harness.processBothWatermarks(
                new Watermark(hoursLater(10).plus(RETENTION).toEpochMilli() - 1));
        assertThat(harness.numKeyedStateEntries()).isPositive();

        harness.processBothWatermarks(new Watermark(hoursLater(10).plus(RETENTION).toEpochMilli()));
        assertThat(harness.numKeyedStateEntries())
                .as("the forgotten order's reminder")
                .isEqualTo(1);

        harness.processBothWatermarks(
                new Watermark(hoursLater(10).plus(RETENTION).plus(RETENTION).toEpochMilli()));
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void anOrderNothingWroteForTheRetentionExpiresAndALaterEventStartsAfresh() throws Exception {
        harness.setStateTtlProcessingTime(0);
        harness.processElement1(events.event(OrderEventType.CONFIRMED, 1, null), 1);
        harness.processElement1(events.event(OrderEventType.PICKED, 2, null), 2);
        harness.setStateTtlProcessingTime(RETENTION.toMillis() + 1);

        harness.processElement1(events.event(OrderEventType.PACKED, 3, null), 3);

        List<OrderState> emitted = OrderEvents.ordersSent(harness);
        assertThat(emitted).extracting(OrderState::getVersion).containsExactly(1L, 2L, 1L);
    }

    @Test
    void aReturnAfterDeliveryCancelsTheCleanupUntilTheReturnIsDone() throws Exception {
        harness.processElement2(events.scan(ShipmentStatus.DELIVERED, 45), 1);
        harness.processElement1(
                events.event(OrderEventType.RETURN_REQUESTED, 70, new ReturnRequest("too small")),
                2);
        harness.processBothWatermarks(new Watermark(hoursLater(70).toEpochMilli()));
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
        harness.processBothWatermarks(
                new Watermark(hoursLater(45).plus(FINISHED_RETENTION).toEpochMilli()));
        assertThat(harness.numKeyedStateEntries()).as("kept while the return runs").isPositive();

        harness.processElement2(events.scan(ShipmentStatus.RETURN_DELIVERED, 120), 3);
        harness.processBothWatermarks(new Watermark(hoursLater(120).toEpochMilli()));
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
        harness.processBothWatermarks(
                new Watermark(hoursLater(120).plus(FINISHED_RETENTION).toEpochMilli()));
        assertThat(harness.numKeyedStateEntries())
                .as("the forgotten order's reminder")
                .isEqualTo(1);
    }

    @Test
    void anOrderCaughtUpIsScoredOnEveryEventAndWrittenWithItsLatestStateOnceCaughtUp()
            throws Exception {
        long delay = OrderTracker.Writes.DEFAULT.catchUpDelay().toMillis();
        long now = hoursLater(24 * 30).toEpochMilli();
        harness.setProcessingTime(now);
        harness.processElement1(events.event(OrderEventType.CONFIRMED, 1, null), 1);
        harness.processElement1(events.event(OrderEventType.PICKED, 2, null), 2);
        harness.processElement1(events.event(OrderEventType.PACKED, 3, null), 3);

        assertThat(harness.extractOutputValues())
                .as("each event, to be scored: what the risk model reads, nothing written")
                .hasSize(3)
                .allSatisfy(
                        change -> {
                            assertThat(change.isScoring()).isTrue();
                            assertThat(change.isWriting()).isFalse();
                            assertThat(change.getOrder().getTimeline()).isEmpty();
                            assertThat(change.getOrder().getSeenEventIds()).isEmpty();
                        });

        // The feeds' clock raced two hours ahead within the delay: the job was catching up, and
        // the write waited on; by the next delay the watermark had stood still.
        harness.setProcessingTime(now + delay);
        assertThat(harness.extractOutputValues()).hasSize(3);
        harness.setProcessingTime(now + 2 * delay);

        OrderChange due = harness.extractOutputValues().get(3);
        assertThat(due.isWriting()).isTrue();
        assertThat(due.isScoring()).as("scored already, on its events").isFalse();
        assertThat(due.getOrder().getVersion()).isEqualTo(3);
        assertThat(due.getOrder().getTimeline()).hasSize(3);
        harness.setProcessingTime(now + 3 * delay);
        assertThat(harness.extractOutputValues()).as("nothing left waiting").hasSize(4);

        harness.processElement1(events.event(OrderEventType.LABEL_SCANNED, 24 * 30, null), 4);
        OrderChange live = harness.extractOutputValues().get(4);
        assertThat(live.isScoring()).isTrue();
        assertThat(live.isWriting()).as("a live event is written at once").isTrue();
        assertThat(live.getOrder().getVersion()).isEqualTo(4);
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void whileTheJobCatchesUpAnOrdersWriteWaitsUntilTheBacklogIsDrained() throws Exception {
        long now = hoursLater(24 * 30).toEpochMilli();
        harness.setProcessingTime(now);
        OrderEvent confirmed = events.event(OrderEventType.CONFIRMED, 1, null);
        OrderEvent picked = events.event(OrderEventType.PICKED, 2, null);
        int seconds = 35;
        for (int second = 0; second < seconds; second++) {
            // The replay races on: an hour of the feeds' clock per second of wall clock.
            harness.processBothWatermarks(new Watermark(hoursLater(3 + second).toEpochMilli()));
            harness.processElement1(second < 2 ? confirmed : picked, 1);
            harness.setProcessingTime(now + second * 1_000L);
        }
        assertThat(harness.extractOutputValues())
                .as("scored on both events, not written while the replay goes on")
                .hasSize(2)
                .noneMatch(OrderChange::isWriting);

        long drained = now + seconds * 1_000L;
        harness.setProcessingTime(drained + OrderTracker.Writes.DEFAULT.catchUpDelay().toMillis());
        assertThat(harness.extractOutputValues())
                .as("written once the watermark stood still")
                .last()
                .satisfies(
                        change -> {
                            assertThat(change.isWriting()).isTrue();
                            assertThat(change.getOrder().getVersion()).isEqualTo(2);
                        });
        assertThat(harness.extractOutputValues()).filteredOn(OrderChange::isWriting).hasSize(1);
    }

    @Test
    void aBacklogLongerThanTheLongestHoldHasTheOrderWrittenAtTheEndOfTheHold() throws Exception {
        long now = hoursLater(24 * 30).toEpochMilli();
        long longestHold = OrderTracker.Writes.DEFAULT.longestHold().toMillis();
        long delay = OrderTracker.Writes.DEFAULT.catchUpDelay().toMillis();
        harness.setProcessingTime(now);
        OrderEvent confirmed = events.event(OrderEventType.CONFIRMED, 1, null);
        long writtenAt = -1;
        for (long at = now; writtenAt < 0 && at <= now + 2 * longestHold; at += 1_000) {
            // A minute of the feeds' clock per second, for longer than the longest hold.
            harness.processBothWatermarks(
                    new Watermark(hoursLater(3).toEpochMilli() + (at - now) * 60));
            harness.processElement1(confirmed, 1);
            harness.setProcessingTime(at);
            if (harness.extractOutputValues().stream().anyMatch(OrderChange::isWriting)) {
                writtenAt = at;
            }
        }
        assertThat(writtenAt - now).isBetween(longestHold, longestHold + delay);
    }

    @Test
    void aWriteStillWaitingWhenAReplayForgetsTheOrderIsSentFirst() throws Exception {
        long now = hoursLater(24 * 365).toEpochMilli();
        harness.setProcessingTime(now);
        harness.processElement1(manifested(), 1);
        harness.processElement2(events.scan(ShipmentStatus.DELIVERED, 45), 1);
        harness.processBothWatermarks(
                new Watermark(hoursLater(45).plus(FINISHED_RETENTION).toEpochMilli()));

        assertThat(harness.extractOutputValues())
                .last()
                .satisfies(
                        change -> {
                            assertThat(change.isWriting()).isTrue();
                            assertThat(change.getOrder().getShipmentStatus())
                                    .isEqualTo(ShipmentStatus.DELIVERED);
                        });
        assertThat(harness.numProcessingTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries())
                .as("the forgotten order's reminder")
                .isEqualTo(1);
    }

    @Test
    void oneOrdersRecordsAreAppliedInTheOrderTheyArrivedWhicheverInputWasReadFirst()
            throws Exception {
        List<List<ShipmentStatus>> sent = new ArrayList<>();
        for (boolean scanReadFirst : new boolean[] {false, true}) {
            OrderEvents feed = new OrderEvents();
            OrderEvent manifest =
                    feed.event(OrderEventType.MANIFESTED, 1, new Manifest("DELHIVERY", "DL1001"));
            RoutedScan pickedUp = feed.scan(ShipmentStatus.PICKED_UP, 2);
            try (TrackerHarness tracker = OrderEvents.tracker().holdingRecords()) {
                if (scanReadFirst) {
                    tracker.processElement2(pickedUp, hoursLater(2).toEpochMilli());
                }
                tracker.processElement1(manifest, hoursLater(1).toEpochMilli());
                if (!scanReadFirst) {
                    tracker.processElement2(pickedUp, hoursLater(2).toEpochMilli());
                }
                assertThat(OrderEvents.ordersSent(tracker)).as("held for the watermark").isEmpty();

                tracker.processBothWatermarks(new Watermark(hoursLater(2).toEpochMilli()));

                sent.add(
                        OrderEvents.ordersSent(tracker).stream()
                                .map(OrderState::getShipmentStatus)
                                .toList());
                assertThat(tracker.numProcessingTimeTimers()).as("no quiet check left").isZero();
            }
        }
        assertThat(sent.get(0))
                .containsExactly(ShipmentStatus.MANIFESTED, ShipmentStatus.PICKED_UP);
        assertThat(sent.get(1)).as("the same states, in the same order").isEqualTo(sent.get(0));
    }

    @Test
    void anOrderKeepsTheScoreOfItsFinishLaterChangesAreWrittenNotRescored() throws Exception {
        harness.processElement1(
                events.event(OrderEventType.PLACED, 0, OrderFixtures.details("9876543210", 1)), 1);
        harness.processElement1(manifested(), 2);
        harness.processElement2(events.scan(ShipmentStatus.DELIVERED, 45), 3);
        harness.processElement1(
                events.event(
                        OrderEventType.RETURN_REQUESTED, 24 * 9, new ReturnRequest("too small")),
                4);
        OrderChange delivered = firstSentAt(3);
        OrderChange returnRequested = firstSentAt(4);

        assertThat(delivered.isScoring()).as("scored as of its finish").isTrue();
        assertThat(delivered.getOrder().getShipmentStatus()).isEqualTo(ShipmentStatus.DELIVERED);
        assertThat(returnRequested.getOrder().getShipmentStatus())
                .isEqualTo(ShipmentStatus.RETURN_REQUESTED);
        assertThat(returnRequested.isScoring()).as("its score kept").isFalse();
        assertThat(returnRequested.isWriting()).isTrue();
    }

    /** The change a record sent: the first at its version (a timer may send the order again). */
    private OrderChange firstSentAt(long version) {
        return harness.extractOutputValues().stream()
                .filter(change -> change.getOrder().getVersion() == version)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void whenTheFeedsGoQuietTheRecordsWaitingForTheWatermarkAreApplied() throws Exception {
        harness.holdingRecords();
        long now = hoursLater(1).toEpochMilli();
        harness.setProcessingTime(now);
        harness.processBothWatermarks(new Watermark(0));
        harness.processElement1(manifested(), hoursLater(1).toEpochMilli());
        harness.processElement2(
                events.scan(ShipmentStatus.PICKED_UP, 2), hoursLater(2).toEpochMilli());
        harness.setProcessingTime(now + OrderEvents.QUIET_AFTER.toMillis() - 1);
        assertThat(OrderEvents.ordersSent(harness)).as("not quiet for long enough").isEmpty();

        harness.setProcessingTime(now + OrderEvents.QUIET_AFTER.toMillis());

        assertThat(OrderEvents.ordersSent(harness))
                .extracting(OrderState::getShipmentStatus)
                .containsExactly(ShipmentStatus.MANIFESTED, ShipmentStatus.PICKED_UP);
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void recordsAnEarlierBuildHeldForTheWatermarkAreAppliedByArrivalWithTheNextOnes()
            throws Exception {
        harness.holdingRecords();
        harness.processBothWatermarks(new Watermark(0));
        harness.holdAsEarlierBuilds(
                OrderEvents.ORDER_ID, hoursLater(1).toEpochMilli(), TrackerInput.of(manifested()));
        harness.processElement2(
                events.scan(ShipmentStatus.PICKED_UP, 2), hoursLater(2).toEpochMilli());
        assertThat(OrderEvents.ordersSent(harness)).isEmpty();

        harness.processBothWatermarks(new Watermark(hoursLater(2).toEpochMilli()));

        assertThat(OrderEvents.ordersSent(harness))
                .extracting(OrderState::getShipmentStatus)
                .containsExactly(ShipmentStatus.MANIFESTED, ShipmentStatus.PICKED_UP);
        assertThat(harness.tracked(OrderEvents.ORDER_ID).getHeld()).isEmpty();
    }

    @Test
    void recordsHeldApartByTheBuildBeforeAreMovedIntoAnOrderItAlreadyKeptInOneValue()
            throws Exception {
        harness.holdingRecords();
        harness.processBothWatermarks(new Watermark(0));
        harness.processElement1(manifested(), hoursLater(1).toEpochMilli());
        harness.processBothWatermarks(new Watermark(hoursLater(1).toEpochMilli()));
        harness.markWrittenBeforeHeldRecords(OrderEvents.ORDER_ID);
        harness.holdAsEarlierBuilds(
                OrderEvents.ORDER_ID,
                hoursLater(2).toEpochMilli(),
                TrackerInput.of(events.scan(ShipmentStatus.PICKED_UP, 2)));
        harness.processElement2(
                events.scan(ShipmentStatus.IN_TRANSIT, 3), hoursLater(3).toEpochMilli());

        harness.processBothWatermarks(new Watermark(hoursLater(3).toEpochMilli()));

        assertThat(OrderEvents.ordersSent(harness))
                .extracting(OrderState::getShipmentStatus)
                .containsExactly(
                        ShipmentStatus.MANIFESTED,
                        ShipmentStatus.PICKED_UP,
                        ShipmentStatus.IN_TRANSIT);
        assertThat(harness.tracked(OrderEvents.ORDER_ID).getHeldMovedIn()).isTrue();
    }

    @Test
    void aWatermarkThatStandsStillWhileRecordsKeepComingIsNoQuietFeed() throws Exception {
        harness.holdingRecords();
        long now = hoursLater(1).toEpochMilli();
        long quiet = OrderEvents.QUIET_AFTER.toMillis();
        harness.setProcessingTime(now);
        harness.processBothWatermarks(new Watermark(0));
        harness.processElement1(manifested(), hoursLater(1).toEpochMilli());
        harness.setProcessingTime(now + quiet - 1);
        harness.processElement2(
                events.scan(ShipmentStatus.PICKED_UP, 2), hoursLater(2).toEpochMilli());

        harness.setProcessingTime(now + quiet);
        assertThat(OrderEvents.ordersSent(harness)).as("a record was read just now").isEmpty();

        harness.setProcessingTime(now + 3 * quiet);
        assertThat(OrderEvents.ordersSent(harness)).hasSize(2);
    }

    @Test
    void aCodOrderDeliveredTellsTheCodLedgerOnceWhatItsCourierCollected() throws Exception {
        harness.processElement1(
                events.event(OrderEventType.PLACED, 0, OrderFixtures.details("9876543210", 2)), 1);
        harness.processElement1(manifested(), 2);
        harness.processElement2(events.scan(ShipmentStatus.OUT_FOR_DELIVERY, 40), 3);
        assertThat(harness.getSideOutput(OrderTracker.COD_DELIVERIES)).isNullOrEmpty();

        harness.processElement2(events.scan(ShipmentStatus.DELIVERED, 45), 4);
        harness.processElement2(events.scan(ShipmentStatus.DELIVERED, 46), 5);

        assertThat(harness.getSideOutput(OrderTracker.COD_DELIVERIES))
                .singleElement()
                .extracting(StreamRecord::getValue)
                .isEqualTo(
                        new CodDelivery(
                                "acme-fashion",
                                "DELHIVERY",
                                "DL1001",
                                ORDER_ID,
                                "SHOPIFY",
                                "1001",
                                159_800L,
                                hoursLater(45)));
    }

    @Test
    void aPrepaidOrderDeliveredOwesNoCash() throws Exception {
        OrderDetails prepaid = OrderFixtures.details("9876543210", 1);
        prepaid.setPaymentMode(PaymentMode.PREPAID);
        harness.processElement1(events.event(OrderEventType.PLACED, 0, prepaid), 1);
        harness.processElement1(manifested(), 2);
        harness.processElement2(events.scan(ShipmentStatus.DELIVERED, 45), 3);

        assertThat(harness.getSideOutput(OrderTracker.COD_DELIVERIES)).isNullOrEmpty();
    }

    private OrderEvent manifested() {
        return events.event(OrderEventType.MANIFESTED, 1, new Manifest("DELHIVERY", "DL1001"));
    }

    private List<DeadLetter> deadLetters() {
        var letters = harness.getSideOutput(DeadLetterSplitter.DEAD_LETTERS);
        return letters == null ? List.of() : letters.stream().map(StreamRecord::getValue).toList();
    }
}
