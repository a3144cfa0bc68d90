package io.ordertrack.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.OrderEventType;
import io.ordertrack.avro.ShipmentStatus;
import io.ordertrack.avro.TrackingScan;
import io.ordertrack.simulator.Feed.SentScan;
import io.ordertrack.simulator.Oracle.OrderTruth;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The oracle's alert timeline: each true condition of an order, when it began and stopped, and when
 * the feeds had sent enough to know it began. Checked against the expected alerts and, on a heavily
 * messy run, against the stream as sent.
 */
class AlertTimelineTest {
    private static final long DAY = 86_400_000L;
    private static final Set<String> RAISED_BY_A_SCAN =
            Set.of("NDR", "NDR_ACTION_DUE", "COURIER_ERROR");

    private static Feed heavy;
    private static Feed clean;

    /** A run so short that some of its couriers fall silent before a condition begins. */
    private static Feed brief;

    @BeforeAll
    static void run() {
        heavy =
                Feed.of(
                        SimulationOptions.defaults(13, 4_000)
                                .withMess(Messiness.HEAVY)
                                .withPreNormalisedShare(1.0));
        clean =
                Feed.of(
                        SimulationOptions.defaults(14, 3_000)
                                .withMess(Messiness.NONE)
                                .withPreNormalisedShare(1.0));
        brief =
                Feed.of(
                        SimulationOptions.defaults(2, 50)
                                .withMess(Messiness.HEAVY)
                                .withPreNormalisedShare(1.0));
    }

    @Test
    void everyExpectedAlertIsOneConditionOfTheTimelineBeginningWhenItWasDue() {
        for (Feed feed : List.of(heavy, clean)) {
            Set<String> expected =
                    feed.oracle.alerts().stream()
                            .filter(alert -> !alert.type().equals("LOW_STOCK"))
                            .map(a -> a.type() + " " + a.subject() + " " + a.dueAt())
                            .collect(Collectors.toSet());
            List<String> timeline =
                    feed.oracle.alertTimeline().stream()
                            .map(t -> t.type() + " " + t.orderId() + " " + t.startAt())
                            .toList();

            assertThat(timeline).doesNotHaveDuplicates();
            assertThat(Set.copyOf(timeline)).isEqualTo(expected);
        }
        assertThat(heavy.oracle.alertTimeline().stream().map(AlertTruth::type).distinct())
                .containsExactlyInAnyOrder(
                        "NOT_PICKED",
                        "STUCK_IN_TRANSIT",
                        "OFD_NOT_DELIVERED",
                        "NDR",
                        "NDR_ACTION_DUE",
                        "COURIER_ERROR",
                        "EDD_BREACH");
    }

    @Test
    void noConditionIsKnownBeforeItBeganNorStopsBeforeIt() {
        for (Feed feed : List.of(heavy, clean)) {
            assertThat(feed.oracle.alertTimeline())
                    .allSatisfy(
                            truth -> {
                                assertThat(truth.evidenceAt())
                                        .as(truth.toString())
                                        .isGreaterThanOrEqualTo(truth.startAt());
                                if (truth.endAt() != null) {
                                    assertThat(truth.endAt())
                                            .as(truth.toString())
                                            .isGreaterThan(truth.startAt());
                                }
                            });
        }
    }

    @Test
    void anNdrSaysHowManyAttemptsFailedInTheEndAndHowSevereThatIs() {
        Map<String, OrderTruth> orders = byId(heavy.oracle.orders());
        List<AlertTruth> ndrs =
                heavy.oracle.alertTimeline().stream().filter(t -> t.type().equals("NDR")).toList();

        assertThat(ndrs).isNotEmpty();
        for (AlertTruth ndr : ndrs) {
            int attempts = orders.get(ndr.orderId()).truth().ndrAttempts();
            assertThat(ndr.detail())
                    .isEqualTo(
                            "attempts "
                                    + attempts
                                    + ", "
                                    + (attempts >= 3 ? "CRITICAL" : "WARNING"));
            assertThat(ndr.endAt()).as("delivered or returning").isNotNull();
        }
        assertThat(ndrs).anyMatch(ndr -> ndr.detail().endsWith("CRITICAL"));
    }

    /** Recomputed from the records as sent, by the definitions of {@link AlertTruth}. */
    @Test
    void theEvidenceIsWhenTheStreamHadSentEnoughToKnow() {
        for (Feed feed : List.of(heavy, brief)) {
            Map<String, OrderTruth> orders = byId(feed.oracle.orders());
            for (AlertTruth truth : feed.oracle.alertTimeline()) {
                OrderTruth order = orders.get(truth.orderId());
                long evidence =
                        RAISED_BY_A_SCAN.contains(truth.type())
                                ? Math.max(
                                        sentRaising(feed, order, truth), manifestSent(feed, order))
                                : Math.max(
                                        orderSentBy(feed, order, truth.startAt()),
                                        accountHeardPast(feed, order, truth.startAt()));
                assertThat(truth.evidenceAt()).as(truth.toString()).isEqualTo(evidence);
            }
        }
        assertThat(brief.oracle.alertTimeline())
                .as("a condition whose courier is not heard from again is known when the run ends")
                .anyMatch(t -> t.evidenceAt() == runEnd(brief));
    }

    @Test
    void lateScansAndCourierBatchesKeepAConditionUnknownForAWhile() {
        Map<String, OrderTruth> orders = byId(heavy.oracle.orders());

        assertThat(heavy.oracle.alertTimeline())
                .anyMatch(t -> t.type().equals("NDR") && t.evidenceAt() - t.startAt() >= DAY);
        List<AlertTruth> batched =
                heavy.oracle.alertTimeline().stream()
                        .filter(
                                t ->
                                        orders.get(t.orderId())
                                                .mess()
                                                .contains(FeedMess.COURIER_BATCH.name()))
                        .toList();
        assertThat(batched).hasSizeGreaterThan(50);
        assertThat(batched).allMatch(t -> t.evidenceAt() > t.startAt());
    }

    @Test
    void inACleanFeedAConditionRaisedByAScanIsKnownAsItHappens() {
        assertThat(clean.oracle.alertTimeline())
                .filteredOn(t -> RAISED_BY_A_SCAN.contains(t.type()))
                .isNotEmpty()
                .allMatch(t -> t.evidenceAt() == t.startAt());
    }

    /** When the first copy of the scan that raised the condition was sent. */
    private static long sentRaising(Feed feed, OrderTruth order, AlertTruth truth) {
        ShipmentStatus status =
                truth.type().equals("COURIER_ERROR")
                        ? ShipmentStatus.COURIER_ERROR
                        : ShipmentStatus.DELIVERY_FAILED;
        List<TrackingScan> reports =
                feed.scansOf(order).stream().filter(scan -> scan.getStatus() == status).toList();
        TrackingScan raising =
                truth.type().equals("NDR_ACTION_DUE")
                        // Each failed attempt raises its own: the one at the condition's start.
                        ? reports.stream()
                                .filter(s -> s.getEventTime().toEpochMilli() == truth.startAt())
                                .findFirst()
                                .orElseThrow()
                        : reports.stream()
                                .min(Comparator.comparing(TrackingScan::getEventTime))
                                .orElseThrow();
        assertThat(raising.getEventTime().toEpochMilli()).isEqualTo(truth.startAt());
        return feed.sentAt(raising.getEventId());
    }

    private static long manifestSent(Feed feed, OrderTruth order) {
        return feed.orderEvents.get(order.orderId()).stream()
                .filter(event -> event.getType() == OrderEventType.MANIFESTED)
                .mapToLong(event -> feed.sentAt(event.getEventId()))
                .min()
                .orElseThrow();
    }

    /** When every event of the order that happened by {@code at} had been sent, or {@code at}. */
    private static long orderSentBy(Feed feed, OrderTruth order, long at) {
        long sent = at;
        for (OrderEvent event : feed.orderEvents.get(order.orderId())) {
            if (event.getEventTime().toEpochMilli() <= at) {
                sent = Math.max(sent, feed.sentAt(event.getEventId()));
            }
        }
        for (TrackingScan scan : feed.scansOf(order)) {
            if (scan.getEventTime().toEpochMilli() <= at) {
                sent = Math.max(sent, feed.sentAt(scan.getEventId()));
            }
        }
        return sent;
    }

    /**
     * When the first scan of the order's courier account that happened at or after {@code at} was
     * sent; the end of the run if none was.
     */
    private static long accountHeardPast(Feed feed, OrderTruth order, long at) {
        String account = order.tenantId() + "/" + order.courier();
        return feed.sentScans.stream()
                .filter(sent -> sent.account().equals(account))
                .filter(sent -> !sent.scan().getEventId().endsWith("-invalid"))
                .filter(sent -> sent.eventAt() >= at)
                .mapToLong(SentScan::sentAt)
                .findFirst()
                .orElse(runEnd(feed));
    }

    /**
     * When the run's last order event or scan was sent (remittances, which reach only the COD
     * ledger, can come after it).
     */
    private static long runEnd(Feed feed) {
        return feed.records.stream()
                .filter(record -> record.topic() != SimulatedRecord.Topic.REMITTANCES)
                .mapToLong(SimulatedRecord::timestamp)
                .max()
                .orElseThrow();
    }

    private static Map<String, OrderTruth> byId(List<OrderTruth> orders) {
        return orders.stream().collect(Collectors.toMap(OrderTruth::orderId, Function.identity()));
    }
}
