package io.ordertrack.domain.delivery;

import static io.ordertrack.domain.lifecycle.OrderFixtures.hoursLater;
import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrack.avro.AlertType;
import io.ordertrack.avro.Manifest;
import io.ordertrack.avro.NdrReason;
import io.ordertrack.avro.OrderEventType;
import io.ordertrack.avro.OrderState;
import io.ordertrack.avro.ShipmentStatus;
import io.ordertrack.domain.delivery.ExpectedDelivery.Estimate;
import io.ordertrack.domain.delivery.ExpectedDelivery.Progress;
import io.ordertrack.domain.lifecycle.CourierCodes;
import io.ordertrack.domain.lifecycle.OrderFixtures;
import io.ordertrack.domain.lifecycle.OrderLifecycle;
import io.ordertrack.domain.risk.RtoRisk;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpectedDeliveryTest {
    private static final String LANE = "acme-fashion|DELHIVERY WH-BLR-1 → Karnataka";

    private final OrderLifecycle lifecycle = new OrderLifecycle(CourierCodes.bundled());
    private final ExpectedDelivery model =
            new ExpectedDelivery(new ExpectedDelivery.Settings(3, 0.1, 0.9));
    private final Map<String, RemainingHours> learned = new HashMap<>();
    private final ExpectedDelivery.Memory memory =
            key -> learned.getOrDefault(key, RemainingHours.NONE);

    @Test
    void aDeliveredParcelTeachesTheHoursItStillTookFromEachPointOfItsWayUnderEachLane() {
        OrderState order = outForDelivery("DELHIVERY", 48);
        lifecycle.apply(order, OrderFixtures.scan(ShipmentStatus.DELIVERED, hoursLater(52)));

        List<ExpectedDelivery.Lesson> lessons = ExpectedDelivery.lessonsOf(order);

        // Picked up at 4 h, at the destination hub at 30, out at 48, delivered at 52 (the
        // seller's dispatch at 3 h teaches nothing: only the courier's reports do).
        assertThat(lessons)
                .filteredOn(lesson -> lesson.key().startsWith(LANE + "|"))
                .containsExactly(
                        new ExpectedDelivery.Lesson(LANE + "|LEFT_WAREHOUSE", 48),
                        new ExpectedDelivery.Lesson(LANE + "|AT_DESTINATION_HUB", 22),
                        new ExpectedDelivery.Lesson(LANE + "|OUT_FOR_DELIVERY", 4));
        assertThat(lessons)
                .extracting(lesson -> lesson.key().substring(0, lesson.key().lastIndexOf('|')))
                .containsOnly(
                        LANE,
                        "acme-fashion|WH-BLR-1 → Karnataka",
                        "acme-fashion|DELHIVERY",
                        "acme-fashion|all");
    }

    /** A return after the delivery does not take back what the delivery teaches. */
    @Test
    void aDeliveredParcelReturnedLaterStillTeaches() {
        OrderState order = outForDelivery("DELHIVERY", 48);
        lifecycle.apply(order, OrderFixtures.scan(ShipmentStatus.DELIVERED, hoursLater(52)));
        lifecycle.apply(
                order, OrderFixtures.scan(ShipmentStatus.RETURN_PICKED_UP, hoursLater(120)));

        assertThat(ExpectedDelivery.lessonsOf(order))
                .contains(new ExpectedDelivery.Lesson(LANE + "|OUT_FOR_DELIVERY", 4));
    }

    @Test
    void aParcelThatWasNotDeliveredTeachesNothing() {
        OrderState order = outForDelivery("DELHIVERY", 48);
        lifecycle.apply(order, OrderFixtures.failed(NdrReason.CUSTOMER_REFUSED, hoursLater(50)));
        lifecycle.apply(order, OrderFixtures.scan(ShipmentStatus.RTO_INITIATED, hoursLater(51)));

        assertThat(ExpectedDelivery.lessonsOf(order)).isEmpty();
    }

    @Test
    void aParcelIsPredictedFromItsLatestReportWithTheRangeOfItsLane() throws Exception {
        teachOutForDeliveryTaking("DELHIVERY", 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        OrderState order = outForDelivery("DELHIVERY", 48);

        Estimate estimate = model.estimate(order, hoursLater(48), memory).orElseThrow();

        assertThat(estimate.from()).isEqualTo(Progress.OUT_FOR_DELIVERY);
        assertThat(estimate.since()).isEqualTo(hoursLater(48));
        assertThat(estimate.lane()).isEqualTo("DELHIVERY WH-BLR-1 → Karnataka");
        assertThat(estimate.sample()).isEqualTo(10);
        assertThat(estimate.expectedAt()).isEqualTo(hoursLater(55));
        assertThat(estimate.earliest()).isEqualTo(hoursLater(51));
        assertThat(estimate.latest()).isEqualTo(hoursLater(59));
    }

    @Test
    void aParcelThatHasWaitedLongerThanMostIsExpectedAfterThem() throws Exception {
        teachOutForDeliveryTaking("DELHIVERY", 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        OrderState order = outForDelivery("DELHIVERY", 48);

        Estimate estimate = model.estimate(order, hoursLater(56), memory).orElseThrow();

        assertThat(estimate.expectedAt()).isEqualTo(hoursLater(58));
        assertThat(estimate.earliest()).isAfter(hoursLater(56));
    }

    @Test
    void aLaneTaughtTooLittleGivesWayToAWiderOne() throws Exception {
        teachOutForDeliveryTaking("BLUEDART", 2, 2, 2);
        teachOutForDeliveryTaking("DELHIVERY", 20, 20);
        OrderState order = outForDelivery("DELHIVERY", 48);

        Estimate estimate = model.estimate(order, hoursLater(48), memory).orElseThrow();

        assertThat(estimate.lane()).isEqualTo("WH-BLR-1 → Karnataka");
        assertThat(estimate.sample()).isEqualTo(5);
    }

    @Test
    void nothingIsPredictedBeforeTheParcelLeftNorOnceItWasDelivered() throws Exception {
        teachOutForDeliveryTaking("DELHIVERY", 2, 3, 4);
        OrderState order = OrderFixtures.newOrder();
        lifecycle.apply(order, OrderFixtures.placed(hoursLater(0)));
        lifecycle.apply(order, OrderFixtures.manifested(hoursLater(1)));
        assertThat(model.estimate(order, hoursLater(2), memory)).isEmpty();

        OrderState delivered = outForDelivery("DELHIVERY", 48);
        lifecycle.apply(delivered, OrderFixtures.scan(ShipmentStatus.DELIVERED, hoursLater(50)));
        assertThat(model.estimate(delivered, hoursLater(50), memory)).isEmpty();
    }

    @Test
    void theBreachIsPredictedWhileTheExpectedDeliveryIsAfterThePromisedDay() throws Exception {
        teachOutForDeliveryTaking("DELHIVERY", 30, 30, 30);
        OrderState order = outForDelivery("DELHIVERY", 48);
        // Out for delivery at 10:00 IST on 22 November, expected a day and a half later.
        order.getDetails().setPromisedDeliveryDate(LocalDate.parse("2026-11-22"));
        Estimate late = model.estimate(order, hoursLater(48), memory).orElseThrow();

        assertThat(model.conditions(order, late, hoursLater(48), false))
                .containsOnlyKeys(AlertType.EDD_BREACH_PREDICTED);
        assertThat(model.conditions(order, late, hoursLater(48), false))
                .extractingByKey(AlertType.EDD_BREACH_PREDICTED)
                .satisfies(
                        condition ->
                                assertThat(condition.reasons().get(0))
                                        .isEqualTo(
                                                "expected 23 Nov 16:00 IST (80% between 23 Nov"
                                                        + " 14:24 IST and 23 Nov 17:36 IST), after"
                                                        + " the promised 2026-11-22"));
        // Once the promised day is over it is no prediction: EDD_BREACH says so. Kept if open.
        Instant dayOver = Instant.parse("2026-11-22T18:30:00Z");
        assertThat(model.conditions(order, late, dayOver, false)).isEmpty();
        assertThat(model.conditions(order, late, dayOver, true)).isNotEmpty();

        order.getDetails().setPromisedDeliveryDate(LocalDate.parse("2026-11-24"));
        assertThat(model.conditions(order, late, hoursLater(48), true)).isEmpty();
        assertThat(model.conditions(order, null, hoursLater(48), true)).isEmpty();
    }

    @Test
    void aCancelledOrderWhoseParcelLeftAnywayIsNotExpected() throws Exception {
        teachOutForDeliveryTaking("DELHIVERY", 2, 3, 4);
        OrderState order = OrderFixtures.newOrder();
        lifecycle.apply(order, OrderFixtures.placed(hoursLater(0)));
        lifecycle.apply(
                order,
                OrderFixtures.event(
                        OrderEventType.MANIFESTED,
                        hoursLater(1),
                        new Manifest("DELHIVERY", "AWB1")));
        lifecycle.apply(order, OrderFixtures.cancelled(hoursLater(2)));
        lifecycle.apply(order, OrderFixtures.scan(ShipmentStatus.PICKED_UP, hoursLater(4)));
        lifecycle.apply(order, OrderFixtures.scan(ShipmentStatus.OUT_FOR_DELIVERY, hoursLater(48)));

        assertThat(model.estimate(order, hoursLater(48), memory)).isEmpty();
    }

    @Test
    void whatTheScorerIsSentOfAnOrderBeingCaughtUpPredictsAsTheWholeOrderDoes() throws Exception {
        teachOutForDeliveryTaking("DELHIVERY", 2, 3, 4, 5);
        OrderState order = outForDelivery("DELHIVERY", 48);

        assertThat(model.estimate(RtoRisk.inputsOf(order), hoursLater(49), memory))
                .isPresent()
                .isEqualTo(model.estimate(order, hoursLater(49), memory));
    }

    /** Placed, manifested to a courier, dispatched at 3 h, picked up, at the hub at 30 h, out. */
    private OrderState outForDelivery(String courier, int outAtHour) {
        OrderState order = OrderFixtures.newOrder();
        lifecycle.apply(order, OrderFixtures.placed(hoursLater(0)));
        lifecycle.apply(
                order,
                OrderFixtures.event(
                        OrderEventType.MANIFESTED, hoursLater(1), new Manifest(courier, "AWB1")));
        lifecycle.apply(order, OrderFixtures.stage(OrderEventType.DISPATCHED, hoursLater(3)));
        lifecycle.apply(order, OrderFixtures.scan(ShipmentStatus.PICKED_UP, hoursLater(4)));
        lifecycle.apply(
                order, OrderFixtures.scan(ShipmentStatus.AT_DESTINATION_HUB, hoursLater(30)));
        lifecycle.apply(
                order, OrderFixtures.scan(ShipmentStatus.OUT_FOR_DELIVERY, hoursLater(outAtHour)));
        return order;
    }

    private void teachOutForDeliveryTaking(String courier, int... hours) {
        for (int taking : hours) {
            OrderState order = outForDelivery(courier, 48);
            lifecycle.apply(
                    order, OrderFixtures.scan(ShipmentStatus.DELIVERED, hoursLater(48 + taking)));
            for (ExpectedDelivery.Lesson lesson : ExpectedDelivery.lessonsOf(order)) {
                learned.merge(
                        lesson.key(),
                        RemainingHours.NONE.plus(lesson.hours()),
                        RemainingHours::plus);
            }
        }
    }
}
