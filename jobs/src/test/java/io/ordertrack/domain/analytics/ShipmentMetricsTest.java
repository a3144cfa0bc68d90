package io.ordertrack.domain.analytics;

import static io.ordertrack.domain.lifecycle.OrderFixtures.hoursLater;
import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrack.avro.CohortMetrics;
import io.ordertrack.avro.NdrReason;
import io.ordertrack.avro.OrderEventType;
import io.ordertrack.avro.OrderState;
import io.ordertrack.avro.PaymentMode;
import io.ordertrack.avro.ShipmentFacts;
import io.ordertrack.avro.ShipmentOutcome;
import io.ordertrack.avro.ShipmentStatus;
import io.ordertrack.domain.documents.MetricDocument;
import io.ordertrack.domain.lifecycle.CourierCodes;
import io.ordertrack.domain.lifecycle.OrderFixtures;
import io.ordertrack.domain.lifecycle.OrderLifecycle;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShipmentMetricsTest {
    private final OrderLifecycle lifecycle = new OrderLifecycle(CourierCodes.bundled());

    @Test
    void anOrderThatHasNotLeftTheWarehouseIsNotAShipmentYet() {
        OrderState order = OrderFixtures.newOrder();
        lifecycle.apply(order, OrderFixtures.placed(hoursLater(0)));
        lifecycle.apply(order, OrderFixtures.manifested(hoursLater(1)));

        assertThat(ShipmentMetrics.factsOf(order, false)).isNull();
    }

    @Test
    void aDeliveredShipmentCountsInTheIndianHourItWasDispatched() {
        OrderState order = dispatched(Duration.ofMinutes(190));
        lifecycle.apply(order, OrderFixtures.scan(ShipmentStatus.PICKED_UP, hoursLater(4)));
        lifecycle.apply(order, OrderFixtures.scan(ShipmentStatus.DELIVERED, hoursLater(50)));

        ShipmentFacts facts = ShipmentMetrics.factsOf(order, false);

        // Placed 10:00 IST, dispatched 13:10 IST: the cohort of 13:00 IST (07:30 UTC).
        assertThat(facts.getCohort().getHour()).isEqualTo(Instant.parse("2026-11-20T07:30:00Z"));
        assertThat(facts.getCohort().getCourier()).isEqualTo("DELHIVERY");
        assertThat(facts.getCohort().getPincode()).isEqualTo("560001");
        assertThat(facts.getCohort().getState()).isEqualTo("Karnataka");
        assertThat(facts.getCohort().getCity()).isEqualTo("Bengaluru");
        assertThat(facts.getCohort().getChannel()).isEqualTo("SHOPIFY");
        assertThat(facts.getCohort().getPaymentMode()).isEqualTo(PaymentMode.COD);
        assertThat(facts.getCohort().getWarehouseId()).isEqualTo("WH-BLR-1");
        assertThat(facts.getOutcome()).isEqualTo(ShipmentOutcome.DELIVERED);
        assertThat(facts.getTurnaroundMinutes()).isEqualTo(50 * 60 - 190);
        assertThat(facts.getNdrReasons()).isEmpty();
    }

    @Test
    void failedAttemptsThenRtoCountAsAnRtoWithItsReasonsAndNoTurnaround() {
        OrderState order = dispatched(Duration.ofHours(3));
        lifecycle.apply(
                order, OrderFixtures.failed(NdrReason.CUSTOMER_UNAVAILABLE, hoursLater(50)));
        lifecycle.apply(order, OrderFixtures.failed(NdrReason.CUSTOMER_REFUSED, hoursLater(74)));
        lifecycle.apply(order, OrderFixtures.scan(ShipmentStatus.RTO_INITIATED, hoursLater(80)));

        ShipmentFacts facts = ShipmentMetrics.factsOf(order, true);

        assertThat(facts.getOutcome()).isEqualTo(ShipmentOutcome.RTO);
        assertThat(facts.getNdrReasons())
                .containsExactly(NdrReason.CUSTOMER_UNAVAILABLE, NdrReason.CUSTOMER_REFUSED);
        assertThat(facts.getTurnaroundMinutes()).isNull();
        assertThat(facts.getStuck()).isTrue();
    }

    @Test
    void withoutADispatchEventTheFirstScanOnTheWaySaysWhenItLeftAndALateDispatchMovesIt() {
        OrderState order = OrderFixtures.newOrder();
        lifecycle.apply(order, OrderFixtures.placed(hoursLater(0)));
        lifecycle.apply(order, OrderFixtures.manifested(hoursLater(1)));
        lifecycle.apply(order, OrderFixtures.scan(ShipmentStatus.PICKED_UP, hoursLater(6)));
        Instant byScan = ShipmentMetrics.factsOf(order, false).getCohort().getHour();

        lifecycle.apply(order, OrderFixtures.stage(OrderEventType.DISPATCHED, hoursLater(3)));

        assertThat(byScan).isEqualTo(hoursLater(6));
        assertThat(ShipmentMetrics.factsOf(order, false).getCohort().getHour())
                .isEqualTo(hoursLater(3));
    }

    @Test
    void indianHoursStartAtHalfPastUtcHours() {
        assertThat(ShipmentMetrics.hourOf(Instant.parse("2026-11-20T07:10:00Z")))
                .isEqualTo(Instant.parse("2026-11-20T06:30:00Z"));
        assertThat(ShipmentMetrics.hourOf(Instant.parse("2026-11-20T18:30:00Z")))
                .as("midnight in India")
                .isEqualTo(Instant.parse("2026-11-20T18:30:00Z"));
    }

    @Test
    void aCohortCountsItsShipmentsAndARetractionTakesExactlyOneBackOut() {
        ShipmentFacts delivered = facts(ShipmentOutcome.DELIVERED, List.of(), 2_000L);
        ShipmentFacts rescued =
                facts(ShipmentOutcome.DELIVERED, List.of(NdrReason.CUSTOMER_UNAVAILABLE), 3_000L);
        ShipmentFacts returned =
                facts(
                        ShipmentOutcome.RTO,
                        List.of(NdrReason.CUSTOMER_REFUSED, NdrReason.CUSTOMER_REFUSED),
                        null);
        CohortMetrics metrics = ShipmentMetrics.emptyMetrics(delivered.getCohort());

        ShipmentMetrics.count(metrics, delivered, 1);
        ShipmentMetrics.count(metrics, rescued, 1);
        ShipmentMetrics.count(metrics, returned, 1);

        assertThat(metrics.getShipments()).isEqualTo(3);
        assertThat(metrics.getDelivered()).isEqualTo(2);
        assertThat(metrics.getRto()).isEqualTo(1);
        assertThat(metrics.getNdrShipments()).isEqualTo(2);
        assertThat(metrics.getNdrDelivered()).isEqualTo(1);
        assertThat(metrics.getNdrRto()).isEqualTo(1);
        assertThat(metrics.getNdrAttempts()).isEqualTo(3);
        assertThat(metrics.getNdrReasons())
                .isEqualTo(Map.of("CUSTOMER_UNAVAILABLE", 1L, "CUSTOMER_REFUSED", 2L));
        assertThat(metrics.getFirstAttemptDelivered()).isEqualTo(1);
        assertThat(metrics.getTurnaroundMinutes()).containsExactly(2_000L, 3_000L);

        ShipmentMetrics.count(metrics, rescued, -1);

        CohortMetrics withoutRescued = ShipmentMetrics.emptyMetrics(delivered.getCohort());
        ShipmentMetrics.count(withoutRescued, delivered, 1);
        ShipmentMetrics.count(withoutRescued, returned, 1);
        assertThat(metrics).isEqualTo(withoutRescued);

        ShipmentMetrics.count(metrics, delivered, -1);
        ShipmentMetrics.count(metrics, returned, -1);
        assertThat(ShipmentMetrics.isEmpty(metrics)).isTrue();
        assertThat(metrics).isEqualTo(ShipmentMetrics.emptyMetrics(delivered.getCohort()));
    }

    /**
     * The rescue rate per NDR reason counts each shipment once, under the reason of its first
     * failed attempt: the moment the seller could first act.
     */
    @Test
    void aRescueCountsUnderTheReasonOfTheFirstFailedAttempt() {
        ShipmentFacts rescuedAfterRefusal =
                facts(
                        ShipmentOutcome.DELIVERED,
                        List.of(NdrReason.CUSTOMER_REFUSED, NdrReason.CUSTOMER_UNAVAILABLE),
                        3_000L);
        ShipmentFacts returnedAfterRefusal =
                facts(ShipmentOutcome.RTO, List.of(NdrReason.CUSTOMER_REFUSED), null);
        ShipmentFacts stillOut =
                facts(ShipmentOutcome.OPEN, List.of(NdrReason.ADDRESS_INCOMPLETE), null);
        CohortMetrics metrics = ShipmentMetrics.emptyMetrics(stillOut.getCohort());

        ShipmentMetrics.count(metrics, rescuedAfterRefusal, 1);
        ShipmentMetrics.count(metrics, returnedAfterRefusal, 1);
        ShipmentMetrics.count(metrics, stillOut, 1);

        assertThat(metrics.getNdrFirstReasons())
                .isEqualTo(Map.of("CUSTOMER_REFUSED", 2L, "ADDRESS_INCOMPLETE", 1L));
        assertThat(metrics.getNdrFirstReasonsDelivered()).isEqualTo(Map.of("CUSTOMER_REFUSED", 1L));

        ShipmentMetrics.count(metrics, rescuedAfterRefusal, -1);
        assertThat(metrics.getNdrFirstReasons())
                .isEqualTo(Map.of("CUSTOMER_REFUSED", 1L, "ADDRESS_INCOMPLETE", 1L));
        assertThat(metrics.getNdrFirstReasonsDelivered()).isEmpty();
    }

    @Test
    void cohortIdsAreTheSameForTheSameCohortAndDifferForAnother() {
        ShipmentFacts one = facts(ShipmentOutcome.OPEN, List.of(), null);
        ShipmentFacts same = facts(ShipmentOutcome.DELIVERED, List.of(), 10L);
        ShipmentFacts prepaid = facts(ShipmentOutcome.OPEN, List.of(), null);
        prepaid.getCohort().setPaymentMode(PaymentMode.PREPAID);

        assertThat(ShipmentMetrics.cohortId(one.getCohort()))
                .startsWith("acme-fashion:")
                .isEqualTo(ShipmentMetrics.cohortId(same.getCohort()))
                .isNotEqualTo(ShipmentMetrics.cohortId(prepaid.getCohort()));
    }

    @Test
    void theDocumentCarriesEveryTurnaroundAscendingDuplicatesIncluded() {
        ShipmentFacts fast = facts(ShipmentOutcome.DELIVERED, List.of(), 30L);
        ShipmentFacts slow = facts(ShipmentOutcome.DELIVERED, List.of(), 45L);
        CohortMetrics metrics = ShipmentMetrics.emptyMetrics(fast.getCohort());
        ShipmentMetrics.count(metrics, slow, 1);
        ShipmentMetrics.count(metrics, fast, 1);
        ShipmentMetrics.count(metrics, fast, 1);

        MetricDocument document = MetricDocument.of(metrics);

        assertThat(document.turnaroundMinutes()).containsExactly(30L, 30L, 45L);
        assertThat(MetricDocument.of(ShipmentMetrics.emptyMetrics(fast.getCohort())))
                .extracting(MetricDocument::turnaroundMinutes)
                .isNull();
    }

    private OrderState dispatched(Duration afterPlaced) {
        OrderState order = OrderFixtures.newOrder();
        lifecycle.apply(order, OrderFixtures.placed(hoursLater(0)));
        lifecycle.apply(order, OrderFixtures.manifested(hoursLater(1)));
        lifecycle.apply(
                order,
                OrderFixtures.stage(
                        OrderEventType.DISPATCHED, OrderFixtures.PLACED_AT.plus(afterPlaced)));
        return order;
    }

    private ShipmentFacts facts(
            ShipmentOutcome outcome, List<NdrReason> reasons, Long turnaroundMinutes) {
        OrderState order = dispatched(Duration.ofHours(3));
        ShipmentFacts facts = ShipmentMetrics.factsOf(order, false);
        facts.setOutcome(outcome);
        facts.setNdrReasons(reasons);
        facts.setTurnaroundMinutes(turnaroundMinutes);
        return facts;
    }
}
