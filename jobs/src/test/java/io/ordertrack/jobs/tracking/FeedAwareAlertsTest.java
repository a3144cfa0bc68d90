package io.ordertrack.jobs.tracking;

import static io.ordertrack.jobs.tracking.OrderEvents.hoursLater;
import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrack.avro.Alert;
import io.ordertrack.avro.AlertSeverity;
import io.ordertrack.avro.AlertState;
import io.ordertrack.avro.AlertType;
import io.ordertrack.avro.Manifest;
import io.ordertrack.avro.NdrReason;
import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.OrderEventType;
import io.ordertrack.avro.OrderState;
import io.ordertrack.avro.ShipmentStatus;
import io.ordertrack.domain.alerts.FeedWaits;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.junit.jupiter.api.Test;

/**
 * The SLA alerts page only on evidence that the parcel is late, not that its courier's scans are;
 * an alert's content is always its order's; and what the alerts say depends on the feeds alone, not
 * on how fast or in which interleaving the job read them.
 */
class FeedAwareAlertsTest {
    private final OrderEvents events = new OrderEvents();

    /** A parcel in transit from hour 20; its next scan, at hour 66, is true before the 68 h SLA. */
    private List<Step> inTransitThenScannedAt66(int scanArrivesAt) {
        List<Step> steps = new ArrayList<>();
        steps.add(Step.order(manifest(), 4));
        steps.add(Step.scan(events.scan(ShipmentStatus.PICKED_UP, 10), 10));
        steps.add(Step.scan(events.scan(ShipmentStatus.IN_TRANSIT, 20), 20));
        steps.add(Step.scan(events.scan(ShipmentStatus.AT_DESTINATION_HUB, 66), scanArrivesAt));
        return steps;
    }

    @Test
    void aCourierWhoseScansComeInLateBatchesIsNotMistakenForAStuckParcel() throws Exception {
        try (TrackerHarness tracker = TrackerHarness.withFeedReadings(tracker(FeedWaits.DEFAULT))) {
            List<Step> steps = inTransitThenScannedAt66(74);
            // The courier's feed: live up to hour 25, then nothing until a batch at hour 74.
            steps.add(Step.feed(10, 10));
            steps.add(Step.feed(20, 20));
            steps.add(Step.feed(25, 25));
            steps.add(Step.feed(74, 73));
            steps.add(Step.watermark(75));

            run(tracker, steps);

            assertThat(alerts(tracker)).noneMatch(a -> a.getType() == AlertType.STUCK_IN_TRANSIT);
        }
    }

    @Test
    void aCourierThatSendsNothingIsWaitedForTwelveHoursThenTheAlertSaysSo() throws Exception {
        try (TrackerHarness tracker = TrackerHarness.withFeedReadings(tracker(FeedWaits.DEFAULT))) {
            List<Step> steps = inTransitThenScannedAt66(90).subList(0, 3);
            steps = new ArrayList<>(steps);
            steps.add(Step.feed(10, 10));
            steps.add(Step.feed(20, 20));
            steps.add(Step.watermark(79));
            run(tracker, steps);
            assertThat(alerts(tracker)).noneMatch(a -> a.getType() == AlertType.STUCK_IN_TRANSIT);

            run(tracker, List.of(Step.watermark(81)));

            Alert stuck = last(tracker, AlertType.STUCK_IN_TRANSIT);
            assertThat(stuck.getState()).isEqualTo(AlertState.OPEN);
            assertThat(stuck.getOpenedAt()).isEqualTo(hoursLater(68));
            assertThat(stuck.getUpdatedAt()).isEqualTo(hoursLater(80));
            assertThat(stuck.getReasons())
                    .containsExactly(
                            "no scan for 48 h",
                            "DELHIVERY had sent no scan after the due time for 12 h: decided"
                                    + " without its feed");
        }
    }

    @Test
    void aGraceWaitsForAScanLateOnItsOwnAtTheCostOfPagingThatMuchLater() throws Exception {
        FeedWaits sixHours =
                FeedWaits.DEFAULT.withGrace(AlertType.STUCK_IN_TRANSIT, Duration.ofHours(6));
        try (TrackerHarness noGrace = TrackerHarness.withLiveFeed(tracker(FeedWaits.DEFAULT));
                TrackerHarness withGrace = TrackerHarness.withLiveFeed(tracker(sixHours))) {
            for (TrackerHarness tracker : List.of(noGrace, withGrace)) {
                run(tracker, hourByHour(inTransitThenScannedAt66(71), 90));
            }

            assertThat(alerts(noGrace))
                    .filteredOn(a -> a.getType() == AlertType.STUCK_IN_TRANSIT)
                    .extracting(Alert::getState, Alert::getUpdatedAt)
                    .as("paged at the due time, resolved when the late scan arrived")
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(AlertState.OPEN, hoursLater(68)),
                            org.assertj.core.groups.Tuple.tuple(
                                    AlertState.RESOLVED, hoursLater(71)));
            assertThat(alerts(withGrace)).noneMatch(a -> a.getType() == AlertType.STUCK_IN_TRANSIT);
        }
    }

    @Test
    void anOutForDeliveryScanThatArrivesAfterTheDeliveryShowsTheMissedDayAsOneResolvedAlert()
            throws Exception {
        try (TrackerHarness tracker = OrderEvents.tracker()) {
            List<Step> steps = new ArrayList<>();
            steps.add(Step.order(manifest(), 4));
            steps.add(Step.scan(events.scan(ShipmentStatus.PICKED_UP, 10), 10));
            steps.add(Step.scan(events.scan(ShipmentStatus.DELIVERED, 50), 50));
            // Out for delivery on the first day (10:30 India time), reported two days late.
            steps.add(Step.scan(events.scan(ShipmentStatus.OUT_FOR_DELIVERY, 24), 70));
            run(tracker, hourByHour(steps, 80));

            assertThat(alerts(tracker))
                    .filteredOn(a -> a.getType() == AlertType.OFD_NOT_DELIVERED)
                    .singleElement()
                    .satisfies(
                            ofd -> {
                                assertThat(ofd.getState()).isEqualTo(AlertState.RESOLVED);
                                assertThat(ofd.getOpenedAt())
                                        .isEqualTo(Instant.parse("2026-11-21T18:30:00Z"));
                                assertThat(ofd.getUpdatedAt()).isEqualTo(hoursLater(70));
                            });
        }
    }

    @Test
    void anNdrAlertAlwaysSaysTheOrdersAttemptsAndItsChangeTimesNeverGoBack() throws Exception {
        try (TrackerHarness tracker = OrderEvents.tracker()) {
            OrderEvent manifest = manifest();
            tracker.processElement1(manifest, at(4));
            tracker.processElement2(events.failed(NdrReason.CUSTOMER_UNAVAILABLE, 44), at(44));
            tracker.processElement2(events.failed(NdrReason.ADDRESS_INCORRECT, 70), at(70));
            RoutedScan late = events.failed(NdrReason.CUSTOMER_REFUSED, 50);
            tracker.processElement2(late, at(80));
            tracker.processElement2(late, at(81)); // redelivered: nothing visible changes

            List<Alert> ndr =
                    alerts(tracker).stream().filter(a -> a.getType() == AlertType.NDR).toList();
            assertThat(ndr)
                    .extracting(Alert::getVersion, Alert::getSeverity, a -> a.getReasons().get(0))
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(
                                    1L,
                                    AlertSeverity.WARNING,
                                    "attempt 1 failed: CUSTOMER_UNAVAILABLE"),
                            org.assertj.core.groups.Tuple.tuple(
                                    2L,
                                    AlertSeverity.WARNING,
                                    "attempt 2 failed: ADDRESS_INCORRECT"),
                            org.assertj.core.groups.Tuple.tuple(
                                    3L,
                                    AlertSeverity.CRITICAL,
                                    "attempt 3 failed: ADDRESS_INCORRECT"));
            assertThat(ndr)
                    .extracting(Alert::getUpdatedAt)
                    .containsExactly(hoursLater(44), hoursLater(70), hoursLater(80));
            assertThat(ndr).allSatisfy(a -> assertThat(a.getOpenedAt()).isEqualTo(hoursLater(44)));
        }
    }

    @Test
    void theAlertsDependOnTheFeedsAloneNotOnHowTheJobInterleavedOrCaughtUpWithThem()
            throws Exception {
        List<Step> feed = new ArrayList<>();
        feed.add(Step.order(events.event(OrderEventType.PLACED, 0, null), 0));
        feed.add(Step.order(manifest(), 4));
        feed.add(Step.scan(events.scan(ShipmentStatus.PICKED_UP, 30), 30));
        feed.add(Step.scan(events.scan(ShipmentStatus.IN_TRANSIT, 40), 55));
        feed.add(Step.scan(events.scan(ShipmentStatus.IN_TRANSIT, 60), 61));
        feed.add(Step.scan(events.failed(NdrReason.CUSTOMER_UNAVAILABLE, 130), 131));
        feed.add(Step.scan(events.scan(ShipmentStatus.OUT_FOR_DELIVERY, 150), 200));
        feed.add(Step.scan(events.failed(NdrReason.ADDRESS_INCORRECT, 152), 152));
        feed.add(Step.scan(events.scan(ShipmentStatus.RTO_INITIATED, 170), 171));
        for (int hour = 0; hour <= 210; hour += 5) {
            feed.add(Step.feed(hour, hour < 100 || hour > 160 ? hour - 1 : 98));
        }

        // As it happened: each record as it arrived, the watermark close behind.
        List<Step> live = new ArrayList<>(feed);
        live.sort((a, b) -> Integer.compare(a.arrivesAt, b.arrivesAt));
        List<Step> asItHappened = hourByHour(live, 220);
        // A replay: the feed clocks first, then the scans topic read ahead of the orders topic,
        // and the watermark catching up only at the end.
        List<Step> replayed = new ArrayList<>();
        feed.stream().filter(s -> s.reading).forEach(replayed::add);
        live.stream().filter(s -> s.scan != null).forEach(replayed::add);
        live.stream().filter(s -> s.order != null).forEach(replayed::add);
        replayed.add(Step.watermark(220));

        try (TrackerHarness first =
                        TrackerHarness.withFeedReadings(tracker(FeedWaits.DEFAULT))
                                .holdingRecords();
                TrackerHarness second =
                        TrackerHarness.withFeedReadings(tracker(FeedWaits.DEFAULT))
                                .holdingRecords()) {
            run(first, asItHappened);
            run(second, replayed);

            assertThat(alerts(first))
                    .extracting(Alert::getType)
                    .contains(AlertType.NOT_PICKED, AlertType.STUCK_IN_TRANSIT, AlertType.NDR);
            assertThat(byAlert(alerts(second))).isEqualTo(byAlert(alerts(first)));
            OrderState lastOfFirst = lastOrder(first);
            OrderState lastOfSecond = lastOrder(second);
            assertThat(lastOfSecond.getTimedFlags()).isEqualTo(lastOfFirst.getTimedFlags());
            assertThat(lastOfSecond.getFlagsAsOf()).isEqualTo(lastOfFirst.getFlagsAsOf());
        }
    }

    /** The steps in arrival order, with the watermark passing every hour up to {@code end}. */
    private static List<Step> hourByHour(List<Step> steps, int end) {
        List<Step> sorted = new ArrayList<>(steps);
        sorted.sort((a, b) -> Integer.compare(a.arrivesAt, b.arrivesAt));
        List<Step> timed = new ArrayList<>();
        int next = 0;
        for (int hour = 0; hour <= end; hour++) {
            while (next < sorted.size() && sorted.get(next).arrivesAt <= hour) {
                timed.add(sorted.get(next++));
            }
            timed.add(Step.watermark(hour));
        }
        return timed;
    }

    /** Every version of every alert, by alert: the order between different alerts is no fact. */
    private static Map<String, List<Alert>> byAlert(List<Alert> alerts) {
        Map<String, List<Alert>> byAlert = new TreeMap<>();
        alerts.forEach(
                a -> byAlert.computeIfAbsent(a.getAlertId(), id -> new ArrayList<>()).add(a));
        return byAlert;
    }

    private static OrderTracker tracker(FeedWaits waits) {
        return OrderEvents.newTracker(waits);
    }

    private OrderEvent manifest() {
        return events.event(OrderEventType.MANIFESTED, 4, new Manifest("DELHIVERY", "DL1001"));
    }

    private static long at(int hours) {
        return hoursLater(hours).toEpochMilli();
    }

    private static void run(TrackerHarness tracker, List<Step> steps) throws Exception {
        for (Step step : steps) {
            if (step.order != null) {
                tracker.processElement1(step.order, at(step.arrivesAt));
            } else if (step.scan != null) {
                tracker.processElement2(step.scan, at(step.arrivesAt));
            } else if (step.reading) {
                tracker.feedReading(hoursLater(step.arrivesAt), hoursLater(step.clock));
            } else {
                tracker.processBothWatermarks(new Watermark(at(step.arrivesAt)));
            }
        }
    }

    private static List<Alert> alerts(TrackerHarness tracker) {
        return tracker.getSideOutput(OrderTracker.ALERTS) == null
                ? List.of()
                : tracker.getSideOutput(OrderTracker.ALERTS).stream()
                        .map(StreamRecord::getValue)
                        .toList();
    }

    private static Alert last(TrackerHarness tracker, AlertType type) {
        List<Alert> ofType = alerts(tracker).stream().filter(a -> a.getType() == type).toList();
        assertThat(ofType).as("alerts of type " + type).isNotEmpty();
        return ofType.get(ofType.size() - 1);
    }

    private static OrderState lastOrder(TrackerHarness tracker) {
        List<OrderState> sent = OrderEvents.ordersSent(tracker);
        return sent.get(sent.size() - 1);
    }

    /** One thing that reaches the tracker, at an hour after the order was placed. */
    private record Step(
            OrderEvent order, RoutedScan scan, boolean reading, int arrivesAt, int clock) {
        static Step order(OrderEvent event, int arrivesAt) {
            return new Step(event, null, false, arrivesAt, 0);
        }

        static Step scan(RoutedScan scan, int arrivesAt) {
            return new Step(null, scan, false, arrivesAt, 0);
        }

        static Step feed(int arrivesAt, int clock) {
            return new Step(null, null, true, arrivesAt, clock);
        }

        static Step watermark(int at) {
            return new Step(null, null, false, at, 0);
        }
    }
}
