package io.ordertrack.jobs.tracking;

import static io.ordertrack.jobs.tracking.OrderEvents.ORDER_ID;
import static io.ordertrack.jobs.tracking.OrderEvents.hoursLater;
import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrack.avro.Address;
import io.ordertrack.avro.Alert;
import io.ordertrack.avro.AlertSeverity;
import io.ordertrack.avro.AlertState;
import io.ordertrack.avro.AlertType;
import io.ordertrack.avro.Customer;
import io.ordertrack.avro.Manifest;
import io.ordertrack.avro.NdrReason;
import io.ordertrack.avro.OrderDetails;
import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.OrderEventType;
import io.ordertrack.avro.OrderItem;
import io.ordertrack.avro.OrderState;
import io.ordertrack.avro.OutcomeReport;
import io.ordertrack.avro.Parcel;
import io.ordertrack.avro.PaymentMode;
import io.ordertrack.avro.ShipmentOutcome;
import io.ordertrack.avro.ShipmentStatus;
import io.ordertrack.avro.TrackedOrder;
import io.ordertrack.domain.documents.OrderDocument;
import io.ordertrack.jobs.risk.OrderChange;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The order alerts fire at the right event time, not before, and clean up after themselves. */
class OrderTrackerAlertsTest {

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
    void notPickedFires24HoursAfterTheManifestNotBeforeAndResolvesOnPickup() throws Exception {
        harness.holdingRecords();
        harness.processElement1(
                events.event(OrderEventType.MANIFESTED, 4, new Manifest("DELHIVERY", "DL1001")), 1);

        watermarkAt(hoursLater(28).minusMillis(1));
        assertThat(alerts()).isEmpty();
        watermarkAt(hoursLater(28));
        assertThat(alerts())
                .singleElement()
                .satisfies(
                        alert -> {
                            assertThat(alert.getType()).isEqualTo(AlertType.NOT_PICKED);
                            assertThat(alert.getAlertId())
                                    .isEqualTo("acme-fashion:NOT_PICKED:" + ORDER_ID);
                            assertThat(alert.getOpenedAt()).isEqualTo(hoursLater(28));
                        });

        harness.processElement2(events.scan(ShipmentStatus.PICKED_UP, 30), 2);
        assertThat(last(AlertType.NOT_PICKED).getState()).isEqualTo(AlertState.OPEN);
        watermarkAt(hoursLater(30));
        assertThat(last(AlertType.NOT_PICKED).getState()).isEqualTo(AlertState.RESOLVED);
        assertThat(last(AlertType.NOT_PICKED).getVersion()).isEqualTo(2);
    }

    @Test
    void aPickupInTimeMeansNoAlertAndNoTimerLeft() throws Exception {
        harness.processElement1(
                events.event(OrderEventType.MANIFESTED, 4, new Manifest("DELHIVERY", "DL1001")), 1);
        harness.processElement2(events.scan(ShipmentStatus.PICKED_UP, 10), 2);
        harness.processElement2(events.scan(ShipmentStatus.IN_TRANSIT, 20), 3);
        harness.processElement2(events.scan(ShipmentStatus.OUT_FOR_DELIVERY, 40), 4);
        harness.processElement2(events.scan(ShipmentStatus.DELIVERED, 42), 5);

        watermarkAt(hoursLater(24 * 20));

        assertThat(alerts()).isEmpty();
        assertThat(harness.numEventTimeTimers()).isEqualTo(1); // the finished order's cleanup
    }

    @Test
    void stuckInTransitFires48HoursAfterTheLastScanAndEachScanMovesIt() throws Exception {
        harness.processElement2(events.scan(ShipmentStatus.PICKED_UP, 10), 1);
        harness.processElement2(events.scan(ShipmentStatus.IN_TRANSIT, 30), 2);

        watermarkAt(hoursLater(10 + 48));
        assertThat(alerts()).isEmpty();
        watermarkAt(hoursLater(30 + 48));

        assertThat(last(AlertType.STUCK_IN_TRANSIT).getState()).isEqualTo(AlertState.OPEN);
        harness.processElement2(events.scan(ShipmentStatus.AT_DESTINATION_HUB, 80), 3);
        watermarkAt(hoursLater(80));
        assertThat(last(AlertType.STUCK_IN_TRANSIT).getState()).isEqualTo(AlertState.RESOLVED);
        assertPendingReviews(hoursLater(80 + 48));
    }

    @Test
    void aReplayedShipmentInTransitKeepsOnlyTheReviewsThatCanStillRaiseSomething()
            throws Exception {
        // As in a replay: every event read shortly after the watermark reached its time.
        int[] hours = {10, 20, 30, 40, 50};
        ShipmentStatus[] statuses = {
            ShipmentStatus.PICKED_UP,
            ShipmentStatus.IN_TRANSIT,
            ShipmentStatus.IN_TRANSIT,
            ShipmentStatus.AT_DESTINATION_HUB,
            ShipmentStatus.IN_TRANSIT
        };
        for (int i = 0; i < hours.length; i++) {
            watermarkAt(hoursLater(hours[i]).minusSeconds(600));
            harness.processElement2(events.scan(statuses[i], hours[i]), i + 1);
        }

        assertPendingReviews(hoursLater(50 + 48));
        watermarkAt(hoursLater(50 + 48));
        assertThat(last(AlertType.STUCK_IN_TRANSIT).getState()).isEqualTo(AlertState.OPEN);
    }

    @Test
    void outForDeliveryWithoutOutcomeFiresAtTheEndOfThatIndianDay() throws Exception {
        harness.processElement2(events.scan(ShipmentStatus.OUT_FOR_DELIVERY, 0), 1);
        Instant midnightInIndia = Instant.parse("2026-11-20T18:30:00Z");

        watermarkAt(midnightInIndia.minusMillis(1));
        assertThat(alerts()).isEmpty();
        watermarkAt(midnightInIndia);

        assertThat(last(AlertType.OFD_NOT_DELIVERED).getState()).isEqualTo(AlertState.OPEN);
    }

    @Test
    void eachFailedAttemptUpdatesTheOneNdrAlertWithRisingSeverity() throws Exception {
        for (int attempt = 1; attempt <= 3; attempt++) {
            harness.processElement2(
                    events.scan(ShipmentStatus.OUT_FOR_DELIVERY, 24 * attempt), 2 * attempt);
            harness.processElement2(
                    events.failed(NdrReason.CUSTOMER_UNREACHABLE, 24 * attempt + 3),
                    2 * attempt + 1);
        }

        List<Alert> ndr = alerts().stream().filter(a -> a.getType() == AlertType.NDR).toList();
        assertThat(ndr).extracting(Alert::getAlertId).containsOnly("acme-fashion:NDR:" + ORDER_ID);
        assertThat(ndr)
                .extracting(a -> a.getReasons().get(0))
                .containsSubsequence(
                        "attempt 1 failed: CUSTOMER_UNREACHABLE",
                        "attempt 3 failed: CUSTOMER_UNREACHABLE");
        assertThat(ndr.get(0).getSeverity()).isEqualTo(AlertSeverity.WARNING);
        assertThat(ndr.get(ndr.size() - 1).getSeverity()).isEqualTo(AlertSeverity.CRITICAL);
    }

    @Test
    void theAnalyticsHearOfAShipmentFromItsPickupOnWithItsFactsAsEachEventLeavesThem()
            throws Exception {
        harness.processElement1(placed(LocalDate.parse("2026-11-23")), 1);
        harness.processElement2(events.scan(ShipmentStatus.PICKED_UP, 10), 2);
        harness.processElement2(events.failed(NdrReason.CUSTOMER_UNAVAILABLE, 50), 3);
        harness.processElement2(events.scan(ShipmentStatus.DELIVERED, 74), 4);

        List<ShipmentUpdate> shipments =
                harness.getSideOutput(OrderTracker.SHIPMENTS).stream()
                        .map(StreamRecord::getValue)
                        .toList();
        assertThat(shipments).as("one per event once picked up").hasSize(3);
        assertThat(shipments).allSatisfy(s -> assertThat(s.getOrderId()).isEqualTo(ORDER_ID));
        assertThat(shipments)
                .extracting(s -> s.getFacts().getOutcome())
                .containsExactly(
                        ShipmentOutcome.OPEN, ShipmentOutcome.OPEN, ShipmentOutcome.DELIVERED);
        assertThat(shipments.get(2).getFacts().getNdrReasons())
                .containsExactly(NdrReason.CUSTOMER_UNAVAILABLE);
        assertThat(shipments.get(2).getFacts().getTurnaroundMinutes()).isEqualTo(64 * 60);
        assertThat(shipments.get(0).getFacts().getCohort().getWarehouseId())
                .isEqualTo(lastOrder().getDetails().getWarehouseId());
    }

    @Test
    void aCourierErrorOpensAtOnce() throws Exception {
        harness.processElement2(events.scan(ShipmentStatus.PICKED_UP, 10), 1);
        harness.processElement2(events.scan(ShipmentStatus.COURIER_ERROR, 12), 2);

        assertThat(last(AlertType.COURIER_ERROR).getSeverity()).isEqualTo(AlertSeverity.CRITICAL);
    }

    @Test
    void theEddBreachFiresWhenThePromisedDayEndsUndelivered() throws Exception {
        harness.processElement1(placed(LocalDate.parse("2026-11-23")), 1);
        harness.processElement2(events.scan(ShipmentStatus.PICKED_UP, 10), 2);
        harness.processElement2(events.scan(ShipmentStatus.AT_DESTINATION_HUB, 40), 3);
        Instant promisedDayEnds = Instant.parse("2026-11-23T18:30:00Z");

        watermarkAt(promisedDayEnds.minusMillis(1));
        assertThat(alerts()).noneMatch(a -> a.getType() == AlertType.EDD_BREACH);
        watermarkAt(promisedDayEnds);
        assertThat(last(AlertType.EDD_BREACH).getState()).isEqualTo(AlertState.OPEN);

        harness.processElement2(events.scan(ShipmentStatus.DELIVERED, 24 * 4), 4);
        watermarkAt(hoursLater(24 * 4));
        assertThat(last(AlertType.EDD_BREACH).getState()).isEqualTo(AlertState.RESOLVED);
    }

    @Test
    void aParcelNotAtTheDestinationHubWhenThePromisedDayBeginsIsPredictedToMissIt()
            throws Exception {
        harness.processElement1(placed(LocalDate.parse("2026-11-23")), 1);
        harness.processElement2(events.scan(ShipmentStatus.PICKED_UP, 10), 2);
        harness.processElement2(events.scan(ShipmentStatus.IN_TRANSIT, 30), 3);
        Instant promisedDayBegins = Instant.parse("2026-11-22T18:30:00Z");

        watermarkAt(promisedDayBegins.minusMillis(1));
        assertThat(alerts()).noneMatch(a -> a.getType() == AlertType.EDD_BREACH);
        watermarkAt(promisedDayBegins);
        assertThat(last(AlertType.EDD_BREACH).getState()).isEqualTo(AlertState.OPEN);
        assertThat(last(AlertType.EDD_BREACH).getReasons().get(0))
                .startsWith("predicted to miss the promised delivery date 2026-11-23");

        harness.processElement2(events.scan(ShipmentStatus.AT_DESTINATION_HUB, 76), 4);
        watermarkAt(hoursLater(76));
        assertThat(last(AlertType.EDD_BREACH).getState()).isEqualTo(AlertState.RESOLVED);
    }

    @Test
    void aPickupThatCameAfterTheDueTimeButReachesTheJobBeforeItsReviewLeavesTheTrueAlertResolved()
            throws Exception {
        harness.processElement1(
                events.event(OrderEventType.MANIFESTED, 4, new Manifest("DELHIVERY", "DL1001")), 1);
        harness.processElement2(events.scan(ShipmentStatus.PICKED_UP, 40), 2);

        watermarkAt(hoursLater(40));

        assertThat(alerts())
                .as("not picked up from 28 h to 40 h: it happened, and is over, in one version")
                .singleElement()
                .satisfies(
                        alert -> {
                            assertThat(alert.getType()).isEqualTo(AlertType.NOT_PICKED);
                            assertThat(alert.getState()).isEqualTo(AlertState.RESOLVED);
                            assertThat(alert.getOpenedAt()).isEqualTo(hoursLater(28));
                            assertThat(alert.getResolvedAt()).isEqualTo(hoursLater(40));
                        });
    }

    @Test
    void aFailedAttemptReportedAfterTheDeliveryIsKeptAsOneResolvedNdrWithItsTrueTimes()
            throws Exception {
        harness.processElement2(events.scan(ShipmentStatus.OUT_FOR_DELIVERY, 40), 1);
        harness.processElement2(events.scan(ShipmentStatus.DELIVERED, 66), 2);
        harness.processElement2(events.failed(NdrReason.CUSTOMER_UNAVAILABLE, 44), 3);

        assertThat(alerts())
                .filteredOn(a -> a.getType() == AlertType.NDR)
                .singleElement()
                .satisfies(
                        ndr -> {
                            assertThat(ndr.getState()).isEqualTo(AlertState.RESOLVED);
                            assertThat(ndr.getOpenedAt()).isEqualTo(hoursLater(44));
                            assertThat(ndr.getResolvedAt()).isEqualTo(hoursLater(66));
                            assertThat(ndr.getReasons())
                                    .containsExactly("attempt 1 failed: CUSTOMER_UNAVAILABLE");
                            assertThat(ndr.getCourier()).isEqualTo("DELHIVERY");
                            assertThat(ndr.getAwb()).isEqualTo("DL1001");
                        });
    }

    @Test
    void aBreachedPickupSlaFlagsTheOrderWithNoNewEventAndThePickupClearsIt() throws Exception {
        harness.processElement1(
                events.event(OrderEventType.MANIFESTED, 4, new Manifest("DELHIVERY", "DL1001")), 1);
        assertThat(timedFlagsWritten()).containsExactly(List.of());

        watermarkAt(hoursLater(28));
        harness.processElement2(events.scan(ShipmentStatus.PICKED_UP, 30), 2);
        watermarkAt(hoursLater(30));

        assertThat(timedFlagsWritten())
                .containsExactly(
                        List.of(), List.of("NOT_PICKED_SLA"), List.of("NOT_PICKED_SLA"), List.of());
        assertThat(lastOrder().getVersion()).isEqualTo(2);
        assertThat(indexVersionsWritten())
                .as("each document replaces the one before, with or without a new event")
                .isSortedAccordingTo(Long::compare)
                .doesNotHaveDuplicates();
    }

    @Test
    void aDeliveredOrderTeachesTheRiskModelOnceAsOfItsDelivery() throws Exception {
        harness.processElement1(placed(LocalDate.parse("2026-11-23")), 1);
        harness.processElement1(
                events.event(OrderEventType.MANIFESTED, 4, new Manifest("DELHIVERY", "DL1001")), 1);
        harness.processElement2(events.scan(ShipmentStatus.OUT_FOR_DELIVERY, 40), 2);
        harness.processElement2(events.scan(ShipmentStatus.DELIVERED, 50), 3);
        harness.processElement2(events.scan(ShipmentStatus.OUT_FOR_DELIVERY, 52), 4);

        assertThat(reportsToTheRiskModel(false))
                .singleElement()
                .satisfies(
                        report -> {
                            assertThat(report.getRto()).isFalse();
                            assertThat(report.getFinishedAt()).isEqualTo(hoursLater(50));
                            assertThat(report.getSignals()).anyMatch(s -> s.contains("DELHIVERY"));
                        });
    }

    @Test
    void anOrdersFirstDeliveryAttemptTeachesTheRiskModelOnceWhetherItFailed() throws Exception {
        harness.processElement1(placed(LocalDate.parse("2026-11-23")), 1);
        harness.processElement1(
                events.event(OrderEventType.MANIFESTED, 4, new Manifest("DELHIVERY", "DL1001")), 1);
        harness.processElement2(events.scan(ShipmentStatus.OUT_FOR_DELIVERY, 40), 2);
        assertThat(reportsToTheRiskModel(true)).isEmpty();

        harness.processElement2(events.failed(NdrReason.CUSTOMER_UNAVAILABLE, 44), 3);
        harness.processElement2(events.scan(ShipmentStatus.DELIVERED, 70), 4);

        assertThat(reportsToTheRiskModel(true))
                .singleElement()
                .satisfies(
                        report -> {
                            assertThat(report.getRto()).as("failed").isTrue();
                            assertThat(report.getFinishedAt()).isEqualTo(hoursLater(44));
                            assertThat(report.getSignals())
                                    .contains("acme-fashion|first-attempt:courier:DELHIVERY")
                                    .allMatch(s -> s.startsWith("acme-fashion|first-attempt:"));
                            assertThat(report.getDeliveryLessons()).isEmpty();
                        });
        assertThat(reportsToTheRiskModel(false)).singleElement();
    }

    @Test
    void anOrderDeliveredByScansReadBeforeItsManifestTeachesItsCourierOnceTheManifestIsRead()
            throws Exception {
        harness.processElement1(placed(LocalDate.parse("2026-11-23")), 1);
        harness.processElement2(events.scan(ShipmentStatus.OUT_FOR_DELIVERY, 40), 2);
        harness.processElement2(events.scan(ShipmentStatus.DELIVERED, 50), 3);
        assertThat(harness.getSideOutput(OrderTracker.OUTCOMES))
                .as("nothing taught before the courier is known")
                .isNull();

        harness.processElement1(
                events.event(OrderEventType.MANIFESTED, 4, new Manifest("DELHIVERY", "DL1001")), 4);

        assertThat(reportsToTheRiskModel(false))
                .singleElement()
                .satisfies(
                        report -> {
                            assertThat(report.getFinishedAt())
                                    .as("as of the delivery, which reached the job then")
                                    .isEqualTo(hoursLater(50));
                            assertThat(report.getSignals()).anyMatch(s -> s.contains("DELHIVERY"));
                        });
    }

    @Test
    void aTimerFlagsTheOrderWithoutAskingForItsRiskToBeScoredAgain() throws Exception {
        harness.processElement1(
                events.event(OrderEventType.MANIFESTED, 4, new Manifest("DELHIVERY", "DL1001")), 1);

        watermarkAt(hoursLater(28));

        assertThat(harness.extractOutputValues())
                .extracting(OrderChange::isScoring, OrderChange::isWriting)
                .as("the manifest is scored; the SLA timer only writes the flag")
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(true, true),
                        org.assertj.core.groups.Tuple.tuple(false, true));
    }

    @Test
    void aShipmentWithoutScansFor48HoursIsFlaggedStuckUntilTheNextScan() throws Exception {
        harness.processElement2(events.scan(ShipmentStatus.PICKED_UP, 10), 1);
        harness.processElement2(events.scan(ShipmentStatus.IN_TRANSIT, 30), 2);

        watermarkAt(hoursLater(30 + 48));
        assertThat(lastOrder().getTimedFlags()).containsExactly("STUCK");
        assertThat(OrderDocument.of(lastOrder()).flags()).contains("STUCK");

        harness.processElement2(events.scan(ShipmentStatus.AT_DESTINATION_HUB, 80), 3);
        watermarkAt(hoursLater(80));
        assertThat(lastOrder().getTimedFlags()).isEmpty();
    }

    @Test
    void aShipmentWhoseLatestScanMovedNothingIsFlaggedStuck48HoursAfterThatScan() throws Exception {
        harness.processElement2(events.scan(ShipmentStatus.PICKED_UP, 10), 1);
        harness.processElement2(events.scan(ShipmentStatus.IN_TRANSIT, 20), 2);
        // A stale scan of an earlier state moves nothing, but the courier did scan the parcel.
        harness.processElement2(events.scan(ShipmentStatus.PICKUP_SCHEDULED, 30), 3);

        watermarkAt(hoursLater(78).minusMillis(1));
        assertThat(timedFlagsWritten()).allSatisfy(flags -> assertThat(flags).isEmpty());
        watermarkAt(hoursLater(78));

        assertThat(lastOrder().getTimedFlags()).containsExactly("STUCK");
        assertThat(last(AlertType.STUCK_IN_TRANSIT))
                .satisfies(
                        alert -> {
                            assertThat(alert.getState()).isEqualTo(AlertState.OPEN);
                            assertThat(alert.getOpenedAt()).isEqualTo(hoursLater(78));
                        });
    }

    @Test
    void thePromisedDateIsFlaggedAtRiskThenBreachedAndALateDeliveryKeepsTheBreach()
            throws Exception {
        harness.processElement1(placed(LocalDate.parse("2026-11-23")), 1);
        harness.processElement2(events.scan(ShipmentStatus.PICKED_UP, 10), 2);
        harness.processElement2(events.scan(ShipmentStatus.IN_TRANSIT, 40), 3);

        watermarkAt(Instant.parse("2026-11-22T18:30:00Z")); // the promised day begins in India
        assertThat(lastOrder().getTimedFlags()).containsExactly("EDD_BREACH_RISK");
        harness.processElement2(events.scan(ShipmentStatus.AT_DESTINATION_HUB, 70), 4);
        watermarkAt(hoursLater(70));
        assertThat(lastOrder().getTimedFlags()).isEmpty();
        watermarkAt(Instant.parse("2026-11-23T18:30:00Z")); // and ends, undelivered
        assertThat(lastOrder().getTimedFlags()).containsExactly("EDD_BREACHED");

        harness.processElement2(events.scan(ShipmentStatus.OUT_FOR_DELIVERY, 94), 5);
        harness.processElement2(events.scan(ShipmentStatus.DELIVERED, 96), 6);
        watermarkAt(hoursLater(24 * 20));
        assertThat(lastOrder().getTimedFlags()).containsExactly("EDD_BREACHED");
    }

    @Test
    void aParcelDeliveredOnThePromisedDayBreachesNothing() throws Exception {
        harness.processElement1(placed(LocalDate.parse("2026-11-23")), 1);
        harness.processElement2(events.scan(ShipmentStatus.PICKED_UP, 10), 2);
        harness.processElement2(events.scan(ShipmentStatus.AT_DESTINATION_HUB, 40), 3);
        harness.processElement2(events.scan(ShipmentStatus.OUT_FOR_DELIVERY, 76), 4);
        harness.processElement2(events.scan(ShipmentStatus.DELIVERED, 80), 5);

        watermarkAt(hoursLater(24 * 20));

        assertThat(timedFlagsWritten()).allSatisfy(flags -> assertThat(flags).isEmpty());
    }

    @Test
    void aDeliveryAppliedWhenTheFeedsWentQuietClearsTheBreachDecidedBeforeItArrived()
            throws Exception {
        harness.holdingRecords();
        long now = hoursLater(1).toEpochMilli();
        harness.setProcessingTime(now);
        harness.processElement1(placed(LocalDate.parse("2026-11-23")), 1);
        harness.processElement1(
                events.event(OrderEventType.MANIFESTED, 4, new Manifest("DELHIVERY", "DL1001")), 1);
        harness.processElement2(events.scan(ShipmentStatus.PICKED_UP, 20), 2);
        harness.processElement2(events.scan(ShipmentStatus.AT_DESTINATION_HUB, 60), 3);
        watermarkAt(hoursLater(60));
        // Delivered before the promised day ended (hour 86), reported four hours after it; then
        // nothing more comes for a while, and the tracker applies what waits for the watermark.
        harness.processElement2(
                events.scan(ShipmentStatus.DELIVERED, 84), hoursLater(90).toEpochMilli());
        harness.setProcessingTime(now + OrderEvents.QUIET_AFTER.toMillis());
        assertThat(lastOrder().getShipmentStatus()).isEqualTo(ShipmentStatus.DELIVERED);
        assertThat(lastOrder().getTimedFlags()).isEmpty();

        watermarkAt(Instant.parse("2026-11-23T18:30:00Z"));
        assertThat(lastOrder().getTimedFlags())
                .as("by what had arrived when the promised day ended")
                .containsExactly("EDD_BREACHED");
        watermarkAt(hoursLater(24 * 20));
        assertThat(lastOrder().getTimedFlags()).as("once the delivery had arrived").isEmpty();
    }

    @Test
    void aReturnReportedAfterTheDeliveryBreachesThePromisedDateOnceItArrives() throws Exception {
        harness.processElement1(placed(LocalDate.parse("2026-11-22")), 1);
        harness.processElement1(
                events.event(OrderEventType.MANIFESTED, 4, new Manifest("DELHIVERY", "DL1001")), 2);
        harness.processElement2(events.scan(ShipmentStatus.PICKED_UP, 6), 3);
        harness.processElement2(events.scan(ShipmentStatus.IN_TRANSIT, 20), 4);
        harness.processElement2(events.scan(ShipmentStatus.AT_DESTINATION_HUB, 30), 5);
        harness.processElement2(events.scan(ShipmentStatus.OUT_FOR_DELIVERY, 50), 6);
        harness.processElement2(events.scan(ShipmentStatus.DELIVERED, 52), 7);
        watermarkAt(hoursLater(68)); // the promised day ended at hour 62, the parcel delivered
        assertThat(lastOrder().getTimedFlags()).isEmpty();

        // The courier reports, late, that the parcel went back before that delivery: no due time
        // of its own, and what held when the promised day ended changes with it.
        harness.processElement2(
                events.scan(ShipmentStatus.RTO_INITIATED, 51), hoursLater(70).toEpochMilli());

        assertThat(lastOrder().getTimedFlags()).containsExactly("EDD_BREACHED");
    }

    @Test
    void aDispatchReportedAfterTheCancellationBringsBackTheSlasItHeldOff() throws Exception {
        harness.processElement1(placed(LocalDate.parse("2026-11-21")), 1);
        harness.processElement1(
                events.event(OrderEventType.MANIFESTED, 4, new Manifest("DELHIVERY", "DL1001")), 2);
        harness.processElement1(events.event(OrderEventType.CANCELLED, 8, null), 3);
        watermarkAt(hoursLater(39)); // the manifest's pickup SLA and the promised day both passed
        assertThat(lastOrder().getTimedFlags()).isEmpty();

        // The warehouse reports, late, that the parcel had left before the cancellation came.
        harness.processElement1(
                events.event(OrderEventType.DISPATCHED, 6, null), hoursLater(40).toEpochMilli());

        assertThat(lastOrder().getTimedFlags()).containsExactly("NOT_PICKED_SLA", "EDD_BREACHED");
    }

    /**
     * The order keeps exactly these reviews (and its cleanup, later), with its one timer at the
     * first.
     */
    private void assertPendingReviews(Instant... times) throws Exception {
        TrackedOrder tracked = harness.tracked(ORDER_ID);
        assertThat(tracked.getReviews())
                .extracting(review -> Instant.ofEpochMilli(review.getAt()))
                .containsExactly(times);
        assertThat(tracked.getCleanupAt()).isGreaterThan(times[times.length - 1].toEpochMilli());
        assertThat(tracked.getTimerAt()).isEqualTo(times[0].toEpochMilli());
        assertThat(harness.numEventTimeTimers()).as("one timer per order").isOne();
    }

    private OrderState lastOrder() {
        List<OrderState> written = OrderEvents.ordersSent(harness);
        assertThat(written).as("order documents written").isNotEmpty();
        return written.get(written.size() - 1);
    }

    /** The timed flags of each order state the tracker emitted, in order. */
    private List<List<String>> timedFlagsWritten() {
        return OrderEvents.ordersSent(harness).stream()
                .map(order -> List.copyOf(order.getTimedFlags()))
                .toList();
    }

    private List<Long> indexVersionsWritten() {
        return OrderEvents.ordersSent(harness).stream().map(OrderDocument::indexVersion).toList();
    }

    private void watermarkAt(Instant time) throws Exception {
        harness.processBothWatermarks(new Watermark(time.toEpochMilli()));
    }

    private List<Alert> alerts() {
        return harness.getSideOutput(OrderTracker.ALERTS) == null
                ? List.of()
                : harness.getSideOutput(OrderTracker.ALERTS).stream()
                        .map(StreamRecord::getValue)
                        .toList();
    }

    private Alert last(AlertType type) {
        List<Alert> ofType = alerts().stream().filter(a -> a.getType() == type).toList();
        assertThat(ofType).as("alerts of type " + type).isNotEmpty();
        return ofType.get(ofType.size() - 1);
    }

    private OrderEvent placed(LocalDate promised) {
        OrderDetails details =
                OrderDetails.newBuilder()
                        .setCustomer(
                                new Customer(
                                        "Priya Sharma",
                                        "9876543210",
                                        new Address(
                                                "12 MG Road",
                                                null,
                                                "Bengaluru",
                                                "Karnataka",
                                                "560001")))
                        .setItems(List.of(new OrderItem("KURTA-M", null, 1, 79_900L)))
                        .setPaymentMode(PaymentMode.COD)
                        .setAmountPaise(79_900L)
                        .setParcel(new Parcel(30.0, 20.0, 5.0, 600))
                        .setWarehouseId("WH-BLR-1")
                        .setPromisedDeliveryDate(promised)
                        .build();
        return events.event(OrderEventType.PLACED, 0, details);
    }

    /** What the tracker reported to the risk model: first attempts, or outcomes. */
    private List<OutcomeReport> reportsToTheRiskModel(boolean firstAttempts) {
        var reports = harness.getSideOutput(OrderTracker.OUTCOMES);
        return reports == null
                ? List.of()
                : reports.stream()
                        .map(StreamRecord::getValue)
                        .filter(
                                report ->
                                        report.getSignals().get(0).contains("|first-attempt:")
                                                == firstAttempts)
                        .toList();
    }
}
