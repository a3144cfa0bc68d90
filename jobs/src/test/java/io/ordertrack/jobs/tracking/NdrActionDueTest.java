package io.ordertrack.jobs.tracking;

import static io.ordertrack.jobs.tracking.OrderEvents.ORDER_ID;
import static io.ordertrack.jobs.tracking.OrderEvents.hoursLater;
import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrack.avro.Address;
import io.ordertrack.avro.Alert;
import io.ordertrack.avro.AlertState;
import io.ordertrack.avro.AlertType;
import io.ordertrack.avro.CustomerUpdate;
import io.ordertrack.avro.Manifest;
import io.ordertrack.avro.NdrAction;
import io.ordertrack.avro.NdrActionType;
import io.ordertrack.avro.NdrReason;
import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.OrderEventType;
import io.ordertrack.avro.OrderState;
import io.ordertrack.avro.ShipmentStatus;
import io.ordertrack.domain.alerts.FeedWaits;
import io.ordertrack.domain.documents.OrderDocument;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * After a failed attempt the seller can act until the courier's next round (08:00 India time the
 * next day): NDR_ACTION_DUE says so, with the deadline, until the seller answers, the courier moves
 * on or the deadline passes. The order is placed at 10:00 IST on 20 November; hour 8 is 18:00 IST,
 * hour 22 is 08:00 IST on the 21st.
 */
class NdrActionDueTest {
    private static final Instant NEXT_ROUND = hoursLater(22);

    private TrackerHarness harness;
    private final OrderEvents events = new OrderEvents();

    @BeforeEach
    void openHarness() throws Exception {
        harness = OrderEvents.tracker();
        harness.processElement1(
                events.event(OrderEventType.MANIFESTED, 0, new Manifest("DELHIVERY", "DL1001")), 1);
        harness.processElement2(events.scan(ShipmentStatus.PICKED_UP, 2), 2);
        harness.processElement2(events.scan(ShipmentStatus.OUT_FOR_DELIVERY, 6), 3);
    }

    @AfterEach
    void closeHarness() throws Exception {
        harness.close();
    }

    @Test
    void aFailedAttemptOpensTheAlertWithItsDeadlineAndTheDeadlinePassingEndsIt() throws Exception {
        harness.processElement2(events.failed(NdrReason.CUSTOMER_UNAVAILABLE, 8), 4);

        Alert due = last();
        assertThat(due.getState()).isEqualTo(AlertState.OPEN);
        assertThat(due.getOpenedAt()).isEqualTo(hoursLater(8));
        assertThat(due.getReasons().get(0))
                .isEqualTo(
                        "attempt 1 failed: act by 21 Nov 08:00 IST, before the courier's next"
                                + " attempt");
        OrderDocument.Ndr ndr = OrderDocument.of(lastOrder()).ndr();
        assertThat(ndr.actionDueBy()).isEqualTo(NEXT_ROUND);
        assertThat(lastOrder().getTimedFlags()).contains("NDR_ACTION_DUE");

        watermarkAt(NEXT_ROUND.minusMillis(1));
        assertThat(last().getState()).isEqualTo(AlertState.OPEN);
        watermarkAt(NEXT_ROUND);
        assertThat(last().getState()).isEqualTo(AlertState.RESOLVED);
        assertThat(last().getResolvedAt()).isEqualTo(NEXT_ROUND);
        assertThat(OrderDocument.of(lastOrder()).ndr().actionDueBy()).isNull();
        assertThat(lastOrder().getTimedFlags()).doesNotContain("NDR_ACTION_DUE");
    }

    @Test
    void itIsDecidedByTheClockWhateverTheCouriersFeedHasSent() throws Exception {
        try (TrackerHarness quiet =
                TrackerHarness.withFeedReadings(OrderEvents.newTracker(FeedWaits.DEFAULT))) {
            quiet.processElement2(events.scan(ShipmentStatus.OUT_FOR_DELIVERY, 6), 1);
            quiet.processElement2(events.failed(NdrReason.CUSTOMER_UNAVAILABLE, 8), 2);
            // The courier's feed clock, kept to the minute, falls just short of the failure.
            quiet.feedReading(hoursLater(8), hoursLater(8).minusSeconds(30));
            quiet.processBothWatermarks(new Watermark(hoursLater(8).toEpochMilli()));
            Alert opened = lastOf(quiet);
            assertThat(opened.getState()).isEqualTo(AlertState.OPEN);
            assertThat(opened.getReasons()).hasSize(1);

            quiet.processBothWatermarks(new Watermark(NEXT_ROUND.toEpochMilli()));
            assertThat(lastOf(quiet).getState()).isEqualTo(AlertState.RESOLVED);
            assertThat(lastOf(quiet).getResolvedAt()).isEqualTo(NEXT_ROUND);
        }
    }

    @Test
    void theSellersAnswerEndsItAndShowsOnTheOrderWithoutTheNewDetails() throws Exception {
        harness.processElement2(events.failed(NdrReason.ADDRESS_INCOMPLETE, 8), 4);
        harness.processElement1(
                answer(
                        10,
                        1,
                        NdrActionType.REATTEMPT,
                        new CustomerUpdate(
                                "+919812345678",
                                new Address(
                                        "Flat 4B, 12 MG Road",
                                        null,
                                        "Bengaluru",
                                        "Karnataka",
                                        "560001"))),
                5);

        assertThat(last().getState()).isEqualTo(AlertState.RESOLVED);
        assertThat(last().getResolvedAt()).isEqualTo(hoursLater(10));
        OrderState order = lastOrder();
        OrderDocument.Ndr ndr = OrderDocument.of(order).ndr();
        assertThat(ndr.actionDueBy()).isNull();
        assertThat(ndr.actions())
                .singleElement()
                .satisfies(
                        action -> {
                            assertThat(action.attempt()).isEqualTo(1);
                            assertThat(action.action()).isEqualTo("REATTEMPT");
                            assertThat(action.at()).isEqualTo(hoursLater(10));
                            assertThat(action.reattemptOn()).isEqualTo(LocalDate.of(2026, 11, 22));
                            assertThat(action.newPhone()).isTrue();
                            assertThat(action.newAddress()).isTrue();
                            assertThat(action.actionId()).startsWith("event-");
                        });
        assertThat(order.getTimeline())
                .anySatisfy(
                        step -> {
                            assertThat(step.getCode()).isEqualTo("NDR_ACTION");
                            assertThat(step.getDetail())
                                    .isEqualTo(
                                            "re-attempt after attempt 1, on 2026-11-22, with a"
                                                    + " new phone and address");
                        });
        assertThat(order.toString()).doesNotContain("9812345678").doesNotContain("Flat 4B");
    }

    @Test
    void anAnswerToAnEarlierAttemptLeavesTheLatestOneDue() throws Exception {
        harness.processElement2(events.failed(NdrReason.CUSTOMER_UNAVAILABLE, 8), 4);
        harness.processElement2(events.scan(ShipmentStatus.OUT_FOR_DELIVERY, 23), 5);
        harness.processElement2(events.failed(NdrReason.CUSTOMER_UNAVAILABLE, 26), 6);
        harness.processElement1(answer(27, 1, NdrActionType.REATTEMPT, null), 7);

        assertThat(last().getState()).isEqualTo(AlertState.OPEN);
        assertThat(last().getReasons().get(0)).startsWith("attempt 2 failed: act by 22 Nov");

        harness.processElement1(answer(28, 2, NdrActionType.RETURN, null), 8);
        assertThat(last().getState()).isEqualTo(AlertState.RESOLVED);
    }

    @Test
    void anAttemptReportedAfterItsDeadlineIsNoLongerACallToAction() throws Exception {
        harness.processElement2(events.failed(NdrReason.CUSTOMER_UNAVAILABLE, 8), 4);
        watermarkAt(NEXT_ROUND);
        assertThat(last().getState()).isEqualTo(AlertState.RESOLVED);
        int published = alertsOfType().size();

        // The second attempt (hour 32, 18:00 IST on the 21st) reaches the job two days late.
        harness.processElement2(events.scan(ShipmentStatus.OUT_FOR_DELIVERY, 26), 5);
        harness.processElement2(
                events.failed(NdrReason.CUSTOMER_UNAVAILABLE, 32), hoursLater(80).toEpochMilli());

        assertThat(alertsOfType()).hasSize(published);
        assertThat(lastOrder().getNdrActionDueBy()).isNull();
        assertThat(lastOrder().getTimedFlags()).doesNotContain("NDR_ACTION_DUE");
    }

    @Test
    void theCouriersNextRoundBeforeTheDeadlineEndsIt() throws Exception {
        harness.processElement2(events.failed(NdrReason.CUSTOMER_UNAVAILABLE, 8), 4);
        harness.processElement2(events.scan(ShipmentStatus.OUT_FOR_DELIVERY, 20), 5);

        assertThat(last().getState()).isEqualTo(AlertState.RESOLVED);
        assertThat(last().getResolvedAt()).isEqualTo(hoursLater(20));
    }

    @Test
    void afterTheLastAttemptBeforeReturnThereIsNothingToActOn() throws Exception {
        for (int attempt = 1; attempt <= 3; attempt++) {
            harness.processElement2(events.failed(NdrReason.CUSTOMER_REFUSED, 24 * attempt), 10);
            harness.processElement2(
                    events.scan(ShipmentStatus.OUT_FOR_DELIVERY, 24 * attempt + 20), 10);
        }
        harness.processElement2(events.failed(NdrReason.CUSTOMER_REFUSED, 24 * 4), 10);
        watermarkAt(hoursLater(24 * 5));

        List<Alert> due = alertsOfType();
        assertThat(due).extracting(Alert::getState).last().isEqualTo(AlertState.RESOLVED);
        assertThat(due).noneMatch(alert -> alert.getReasons().get(0).startsWith("attempt 3"));
    }

    private OrderEvent answer(
            int hours, int attempt, NdrActionType action, CustomerUpdate customer) {
        OrderEvent event = events.event(OrderEventType.NDR_ACTION, hours, null);
        event.setNdrAction(
                new NdrAction(
                        action,
                        attempt,
                        "DELHIVERY",
                        "DL1001",
                        action == NdrActionType.REATTEMPT ? LocalDate.of(2026, 11, 22) : null,
                        customer));
        return event;
    }

    private void watermarkAt(Instant time) throws Exception {
        harness.processBothWatermarks(new Watermark(time.toEpochMilli()));
    }

    private List<Alert> alertsOfType() {
        return alertsOfType(harness);
    }

    private static Alert lastOf(TrackerHarness tracker) {
        List<Alert> due = alertsOfType(tracker);
        assertThat(due).as("NDR_ACTION_DUE alerts").isNotEmpty();
        return due.get(due.size() - 1);
    }

    private static List<Alert> alertsOfType(TrackerHarness tracker) {
        return tracker.getSideOutput(OrderTracker.ALERTS) == null
                ? List.of()
                : tracker.getSideOutput(OrderTracker.ALERTS).stream()
                        .map(StreamRecord::getValue)
                        .filter(alert -> alert.getType() == AlertType.NDR_ACTION_DUE)
                        .toList();
    }

    private Alert last() {
        List<Alert> due = alertsOfType();
        assertThat(due).as("NDR_ACTION_DUE alerts of " + ORDER_ID).isNotEmpty();
        return due.get(due.size() - 1);
    }

    private OrderState lastOrder() {
        List<OrderState> written = OrderEvents.ordersSent(harness);
        assertThat(written).as("order documents written").isNotEmpty();
        return written.get(written.size() - 1);
    }
}
