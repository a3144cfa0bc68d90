package io.ordertrack.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrack.avro.OrderDetails;
import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.OrderEventType;
import io.ordertrack.avro.Refund;
import io.ordertrack.avro.ReturnRequest;
import io.ordertrack.avro.ShipmentStatus;
import io.ordertrack.avro.TrackingScan;
import io.ordertrack.simulator.Oracle.OrderTruth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every order's events, read back from a messy feed, form a valid history, and that history leads
 * to the truth the oracle states.
 */
class SimulationHistoryTest {
    private static final List<OrderEventType> STAGE_ORDER =
            List.of(
                    OrderEventType.PLACED,
                    OrderEventType.CONFIRMED,
                    OrderEventType.PICKED,
                    OrderEventType.PACKED,
                    OrderEventType.MANIFESTED,
                    OrderEventType.LABEL_SCANNED,
                    OrderEventType.DISPATCHED);
    private static final Set<ShipmentStatus> TERMINAL =
            Set.of(
                    ShipmentStatus.RTO_DELIVERED,
                    ShipmentStatus.LOST,
                    ShipmentStatus.DAMAGED,
                    ShipmentStatus.RETURN_DELIVERED);

    private static Feed feed;

    @BeforeAll
    static void run() {
        feed = Feed.of(SimulationOptions.defaults(11, 8_000).withPreNormalisedShare(1.0));
    }

    @Test
    void everyOrderStartsWithItsPlacementAndMovesThroughTheStagesInOrder() {
        for (OrderTruth order : feed.oracle.orders()) {
            List<OrderEvent> events = orderEventsOf(order);
            assertThat(events.get(0).getType())
                    .as(order.orderId())
                    .isEqualTo(OrderEventType.PLACED);
            List<OrderEventType> stages =
                    events.stream().map(OrderEvent::getType).filter(STAGE_ORDER::contains).toList();
            assertThat(stages)
                    .as(order.orderId())
                    .isSortedAccordingTo(Comparator.comparingInt(STAGE_ORDER::indexOf));
        }
    }

    @Test
    void aCancelledOrderNeverLeavesTheWarehouse() {
        for (OrderTruth order : feed.oracle.orders()) {
            if (orderEventsOf(order).stream()
                    .anyMatch(e -> e.getType() == OrderEventType.CANCELLED)) {
                assertThat(scansOf(order)).as(order.orderId()).isEmpty();
                assertThat(orderEventsOf(order))
                        .as(order.orderId())
                        .noneMatch(e -> e.getType() == OrderEventType.DISPATCHED);
            }
        }
    }

    @Test
    void courierScansFollowDispatchAndTheDeliveryRules() {
        for (OrderTruth order : feed.oracle.orders()) {
            List<TrackingScan> scans = realScans(order);
            if (scans.isEmpty()) {
                continue;
            }
            long dispatchedAt =
                    orderEventsOf(order).stream()
                            .filter(e -> e.getType() == OrderEventType.DISPATCHED)
                            .findFirst()
                            .orElseThrow()
                            .getEventTime()
                            .toEpochMilli();
            assertThat(scans.get(0).getStatus())
                    .as(order.orderId())
                    .isEqualTo(ShipmentStatus.PICKED_UP);
            assertThat(scans.get(0).getEventTime().toEpochMilli()).isGreaterThan(dispatchedAt);
            ShipmentStatus previous = null;
            boolean failedBefore = false;
            for (TrackingScan scan : scans) {
                ShipmentStatus status = scan.getStatus();
                if (status == ShipmentStatus.DELIVERED
                        || status == ShipmentStatus.DELIVERY_FAILED) {
                    assertThat(previous)
                            .as(order.orderId())
                            .isEqualTo(ShipmentStatus.OUT_FOR_DELIVERY);
                }
                if (status == ShipmentStatus.RTO_INITIATED) {
                    assertThat(failedBefore).as(order.orderId()).isTrue();
                }
                assertThat(previous == null || !TERMINAL.contains(previous))
                        .as(order.orderId() + " after " + previous)
                        .isTrue();
                failedBefore |= status == ShipmentStatus.DELIVERY_FAILED;
                previous = status;
            }
        }
    }

    @Test
    void everyCustomerReturnEndsAsItsEventsSayWithEveryWayAReturnCanEnd() {
        Map<String, Integer> endings = new TreeMap<>();
        for (OrderTruth order : feed.oracle.orders()) {
            ReturnTruth truth = order.truth().customerReturn();
            assertThat(truth != null)
                    .as(order.orderId())
                    .isEqualTo(order.outcome().equals("RETURNED_BY_CUSTOMER"));
            if (truth == null) {
                continue;
            }
            endings.merge(truth.stage(), 1, Integer::sum);
            List<OrderEvent> events = orderEventsOf(order);
            OrderEvent request = only(events, OrderEventType.RETURN_REQUESTED);
            assertThat(((ReturnRequest) request.getDetails()).getReason())
                    .isEqualTo(truth.reason());
            long refunded =
                    events.stream()
                            .filter(e -> e.getType() == OrderEventType.REFUNDED)
                            .mapToLong(e -> ((Refund) e.getDetails()).getAmountPaise())
                            .sum();
            assertThat(refunded)
                    .as(order.orderId())
                    .isEqualTo(truth.refundPaise() == null ? 0 : truth.refundPaise());
            long amount =
                    ((OrderDetails) only(events, OrderEventType.PLACED).getDetails())
                            .getAmountPaise();
            assertThat(refunded).as(order.orderId()).isBetween(0L, amount);
            List<OrderEvent> checks =
                    events.stream()
                            .filter(e -> e.getType() == OrderEventType.RETURN_INSPECTED)
                            .toList();
            assertThat(checks.size())
                    .as(order.orderId())
                    .isEqualTo(truth.stage().equals("RECEIVED") ? 0 : 1);
            checks.forEach(
                    check ->
                            assertThat(check.getEventTime().toEpochMilli())
                                    .isGreaterThan(scanAt(order, ShipmentStatus.RETURN_DELIVERED)));
            assertThat(
                            events.stream()
                                    .filter(e -> e.getType() == OrderEventType.REFUND_REFUSED)
                                    .map(e -> e.getRefusal().getReason())
                                    .findFirst()
                                    .orElse(null))
                    .isEqualTo(truth.refusalReason());
        }
        assertThat(endings)
                .containsOnlyKeys(
                        "RECEIVED", "QC_PASSED", "QC_FAILED", "REFUNDED", "REFUND_REFUSED");
        assertThat(endings.get("REFUNDED")).isGreaterThan(endings.get("REFUND_REFUSED"));
    }

    private static OrderEvent only(List<OrderEvent> events, OrderEventType type) {
        List<OrderEvent> of = events.stream().filter(e -> e.getType() == type).toList();
        assertThat(of).hasSize(1);
        return of.get(0);
    }

    private static long scanAt(OrderTruth order, ShipmentStatus status) {
        return realScans(order).stream()
                .filter(s -> s.getStatus() == status)
                .mapToLong(s -> s.getEventTime().toEpochMilli())
                .min()
                .orElseThrow();
    }

    @Test
    void theHistoryLeadsToTheTruthTheOracleStates() {
        for (OrderTruth order : feed.oracle.orders()) {
            List<TrackingScan> scans = realScans(order);
            List<OrderEvent> events = orderEventsOf(order);
            assertThat(finalStatus(events, scans))
                    .as(order.orderId())
                    .isEqualTo(order.truth().shipmentStatus());
            assertThat(finalStage(events)).as(order.orderId()).isEqualTo(order.truth().stage());
            assertThat(
                            scans.stream()
                                    .filter(s -> s.getStatus() == ShipmentStatus.DELIVERY_FAILED)
                                    .count())
                    .as(order.orderId())
                    .isEqualTo(order.truth().ndrAttempts());
            assertThat(events.size() + scansOf(order).size())
                    .as(order.orderId())
                    .isEqualTo(order.truth().events());
        }
    }

    @Test
    void messyDeliveryNeverChangesWhatHappened() {
        for (OrderTruth order : feed.oracle.orders()) {
            if (order.mess().contains("SCAN_BEFORE_MANIFEST")) {
                String manifest =
                        orderEventsOf(order).stream()
                                .filter(e -> e.getType() == OrderEventType.MANIFESTED)
                                .findFirst()
                                .orElseThrow()
                                .getEventId();
                int firstScan =
                        scansOf(order).stream()
                                .mapToInt(s -> feed.arrival.get(s.getEventId()))
                                .min()
                                .orElseThrow();
                assertThat(feed.arrival.get(manifest)).as(order.orderId()).isGreaterThan(firstScan);
            }
        }
        assertThat(feed.oracle.orders()).anyMatch(o -> o.mess().contains("SCAN_BEFORE_MANIFEST"));
    }

    /** Distinct order events by event time. */
    @Test
    void theTruthSaysWhenEachOrderWasDispatchedAndDelivered() {
        for (OrderTruth order : feed.oracle.orders()) {
            assertThat(order.truth().dispatchedAt())
                    .as(order.orderId())
                    .isEqualTo(
                            orderEventsOf(order).stream()
                                    .filter(e -> e.getType() == OrderEventType.DISPATCHED)
                                    .map(OrderEvent::getEventTime)
                                    .findFirst()
                                    .orElse(null));
            assertThat(order.truth().deliveredAt())
                    .as(order.orderId())
                    .isEqualTo(
                            scansOf(order).stream()
                                    .filter(s -> s.getStatus() == ShipmentStatus.DELIVERED)
                                    .map(TrackingScan::getEventTime)
                                    .findFirst()
                                    .orElse(null));
        }
        assertThat(feed.oracle.orders()).anyMatch(o -> o.truth().deliveredAt() != null);
    }

    private static List<OrderEvent> orderEventsOf(OrderTruth order) {
        Map<String, OrderEvent> distinct = new LinkedHashMap<>();
        feed.orderEvents
                .getOrDefault(order.orderId(), List.of())
                .forEach(e -> distinct.putIfAbsent(e.getEventId(), e));
        List<OrderEvent> events = new ArrayList<>(distinct.values());
        events.sort(Comparator.comparing(OrderEvent::getEventTime));
        return events;
    }

    /** Distinct scans by event time. */
    private static List<TrackingScan> scansOf(OrderTruth order) {
        Map<String, TrackingScan> distinct = new LinkedHashMap<>();
        feed.scansOf(order).forEach(s -> distinct.putIfAbsent(s.getEventId(), s));
        List<TrackingScan> scans = new ArrayList<>(distinct.values());
        scans.sort(Comparator.comparing(TrackingScan::getEventTime));
        return scans;
    }

    /** Scans that report what happened: no undocumented codes, errors or stale regressions. */
    private static List<TrackingScan> realScans(OrderTruth order) {
        List<TrackingScan> scans = new ArrayList<>();
        for (TrackingScan scan : scansOf(order)) {
            boolean afterDelivery =
                    !scans.isEmpty()
                            && scans.get(scans.size() - 1).getStatus() == ShipmentStatus.DELIVERED;
            boolean stale =
                    order.mess().contains("REGRESSION")
                            && afterDelivery
                            && scan.getStatus() == ShipmentStatus.OUT_FOR_DELIVERY;
            if (scan.getStatus() != null
                    && scan.getStatus() != ShipmentStatus.COURIER_ERROR
                    && !stale) {
                scans.add(scan);
            }
        }
        return scans;
    }

    private static String finalStatus(List<OrderEvent> events, List<TrackingScan> scans) {
        if (!scans.isEmpty()) {
            return scans.get(scans.size() - 1).getStatus().name();
        }
        boolean manifested =
                events.stream().anyMatch(e -> e.getType() == OrderEventType.MANIFESTED);
        return manifested ? ShipmentStatus.MANIFESTED.name() : null;
    }

    private static String finalStage(List<OrderEvent> events) {
        String stage = "RECEIVED";
        for (OrderEvent event : events) {
            stage =
                    switch (event.getType()) {
                        case CONFIRMED -> "CONFIRMED";
                        case PICKED -> "PICKING";
                        case PACKED -> "PACKED";
                        case LABEL_SCANNED -> "READY_TO_SHIP";
                        case DISPATCHED -> "DISPATCHED";
                        case CANCELLED -> "CANCELLED";
                        default -> stage;
                    };
        }
        return stage;
    }
}
