package io.ordertrack.domain.returns;

import static io.ordertrack.domain.lifecycle.OrderFixtures.hoursLater;
import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.OrderEventType;
import io.ordertrack.avro.OrderState;
import io.ordertrack.avro.Refund;
import io.ordertrack.avro.RefundRefusal;
import io.ordertrack.avro.ReturnInspection;
import io.ordertrack.avro.ReturnRequest;
import io.ordertrack.avro.ShipmentStatus;
import io.ordertrack.avro.TrackingScan;
import io.ordertrack.documents.ReturnStage;
import io.ordertrack.domain.documents.OrderDocument;
import io.ordertrack.domain.lifecycle.CourierCodes;
import io.ordertrack.domain.lifecycle.OrderFixtures;
import io.ordertrack.domain.lifecycle.OrderLifecycle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class CustomerReturnsTest {
    private static final OrderLifecycle LIFECYCLE = new OrderLifecycle(CourierCodes.bundled());

    private final OrderState order = OrderFixtures.newOrder();

    @Test
    void aReturnMovesFromRequestToRefundWithTheTimeOfEachStep() {
        deliveredOrder();
        List<ReturnStage> stages = new ArrayList<>();
        for (SpecificRecord step : returnSteps()) {
            apply(step);
            stages.add(CustomerReturns.standingOf(order).stage());
        }

        assertThat(stages)
                .containsExactly(
                        ReturnStage.REQUESTED,
                        ReturnStage.PICKED_UP,
                        ReturnStage.IN_TRANSIT,
                        ReturnStage.RECEIVED,
                        ReturnStage.QC_PASSED,
                        ReturnStage.REFUNDED);
        CustomerReturns.Standing view = OrderDocument.of(order).customerReturn();
        assertThat(view.stage()).isEqualTo(ReturnStage.REFUNDED);
        assertThat(view.since()).isEqualTo(hoursLater(230));
        assertThat(view.reason()).isEqualTo("size does not fit");
        assertThat(view.requestedAt()).isEqualTo(hoursLater(120));
        assertThat(view.pickedUpAt()).isEqualTo(hoursLater(150));
        assertThat(view.inTransitAt()).isEqualTo(hoursLater(170));
        assertThat(view.receivedAt()).isEqualTo(hoursLater(200));
        assertThat(view.inspectedAt()).isEqualTo(hoursLater(210));
        assertThat(view.inspectionPassed()).isTrue();
        assertThat(view.refundPaise()).isEqualTo(79_900L);
        assertThat(view.refusalReason()).isNull();
        assertThat(OrderDocument.of(order).timeline())
                .anyMatch(s -> s.code().equals("REFUNDED") && "₹799".equals(s.detail()))
                .anyMatch(s -> s.code().equals("RETURN_INSPECTED") && "passed".equals(s.detail()));
    }

    @Test
    void theSameEventsInAnyOrderOfArrivalGiveTheSameReturn() {
        deliveredOrder();
        List<SpecificRecord> steps = new ArrayList<>(returnSteps());
        Collections.reverse(steps);
        steps.forEach(this::apply);
        steps.forEach(this::apply); // redelivered: each refund counts once

        CustomerReturns.Standing view = OrderDocument.of(order).customerReturn();
        assertThat(view.stage()).isEqualTo(ReturnStage.REFUNDED);
        assertThat(view.refundPaise()).isEqualTo(79_900L);
        assertThat(view.reason()).isEqualTo("size does not fit");
    }

    @Test
    void aFailedCheckThenARefusalStandsAsRefusedUntilALaterPartialRefund() {
        deliveredOrder();
        apply(request(120, "not as described"));
        apply(OrderFixtures.scan(ShipmentStatus.RETURN_DELIVERED, hoursLater(200)));
        apply(inspection(210, false, "tags removed, worn"));
        assertThat(CustomerReturns.standingOf(order).stage()).isEqualTo(ReturnStage.QC_FAILED);
        assertThat(CustomerReturns.standingOf(order).since()).isEqualTo(hoursLater(210));

        apply(refusal(215, "used goods"));
        assertThat(CustomerReturns.standingOf(order).stage()).isEqualTo(ReturnStage.REFUND_REFUSED);
        assertThat(OrderDocument.of(order).customerReturn().refundPaise()).isNull();

        apply(refund(240, 20_000L)); // goodwill: a part refunded after all
        CustomerReturns.Standing view = OrderDocument.of(order).customerReturn();
        assertThat(view.stage()).isEqualTo(ReturnStage.REFUNDED);
        assertThat(view.refundPaise()).isEqualTo(20_000L);
        assertThat(view.refusalReason()).isEqualTo("used goods");
        assertThat(view.inspectionNote()).isEqualTo("tags removed, worn");
    }

    @Test
    void aSecondRefundAddsUpAndTheLatestRequestGivesTheReason() {
        deliveredOrder();
        apply(request(130, "changed mind"));
        apply(request(120, "size does not fit")); // an earlier request arriving late
        apply(refund(230, 50_000L));
        apply(refund(240, 29_900L));

        CustomerReturns.Standing view = OrderDocument.of(order).customerReturn();
        assertThat(view.reason()).isEqualTo("changed mind");
        assertThat(view.requestedAt()).isEqualTo(hoursLater(120));
        assertThat(view.refundPaise()).isEqualTo(79_900L);
        assertThat(view.since()).isEqualTo(hoursLater(240));
    }

    @Test
    void aRefundOfAnOrderNeverReturnedIsNoReturn() {
        apply(OrderFixtures.placed(hoursLater(0)));
        apply(OrderFixtures.cancelled(hoursLater(2)));
        apply(refund(5, 79_900L));

        assertThat(CustomerReturns.standingOf(order)).isNull();
        assertThat(OrderDocument.of(order).customerReturn()).isNull();
    }

    @Test
    void aRefundFromBeforeTheReturnIsNotTheReturns() {
        deliveredOrder();
        apply(refund(80, 10_000L)); // goodwill, for a late parcel
        apply(request(120, "size does not fit"));

        CustomerReturns.Standing view = OrderDocument.of(order).customerReturn();
        assertThat(view.stage()).isEqualTo(ReturnStage.REQUESTED);
        assertThat(view.refundPaise()).isNull();
        assertThat(view.refundedAt()).isNull();

        apply(refund(230, 79_900L));
        assertThat(OrderDocument.of(order).customerReturn().refundPaise()).isEqualTo(79_900L);
    }

    @Test
    void twoChecksOfTheSameInstantEndTheSameWhicheverArrivesFirst() {
        deliveredOrder();
        apply(request(120, "size does not fit"));
        OrderEvent passed = inspection(210, true, null);
        OrderEvent failed = inspection(210, false, "torn");
        apply(passed);
        apply(failed);
        OrderState other = OrderFixtures.newOrder();
        LIFECYCLE.apply(other, failed);
        LIFECYCLE.apply(other, passed);

        assertThat(CustomerReturns.standingOf(order).stage()).isEqualTo(ReturnStage.QC_FAILED);
        assertThat(CustomerReturns.standingOf(other).stage()).isEqualTo(ReturnStage.QC_FAILED);
    }

    @Test
    void aReturnRefundedBeforeBuildsThatKeptReturnsShowsFromItsMilestonesAndTimeline() {
        deliveredOrder();
        apply(request(120, "wrong item sent"));
        apply(OrderFixtures.scan(ShipmentStatus.RETURN_DELIVERED, hoursLater(200)));
        apply(refund(230, 79_900L));
        order.setCustomerReturn(null); // as an older build kept the order

        CustomerReturns.Standing view = OrderDocument.of(order).customerReturn();
        assertThat(view.stage()).isEqualTo(ReturnStage.REFUNDED);
        assertThat(view.since()).isEqualTo(hoursLater(230));
        assertThat(view.reason()).isEqualTo("wrong item sent");
        assertThat(view.refundPaise()).as("the amount was not kept").isNull();
    }

    @Test
    void aReturnTheCourierScansWithoutTheChannelsRequestIsStillAReturn() {
        deliveredOrder();
        apply(OrderFixtures.scan(ShipmentStatus.RETURN_PICKED_UP, hoursLater(150)));

        CustomerReturns.Standing view = OrderDocument.of(order).customerReturn();
        assertThat(view.stage()).isEqualTo(ReturnStage.PICKED_UP);
        assertThat(view.reason()).isNull();
    }

    private void deliveredOrder() {
        apply(OrderFixtures.placed(hoursLater(0)));
        apply(OrderFixtures.manifested(hoursLater(3)));
        apply(OrderFixtures.scan(ShipmentStatus.PICKED_UP, hoursLater(20)));
        apply(OrderFixtures.scan(ShipmentStatus.DELIVERED, hoursLater(70)));
    }

    private List<SpecificRecord> returnSteps() {
        return List.of(
                request(120, "size does not fit"),
                OrderFixtures.scan(ShipmentStatus.RETURN_PICKED_UP, hoursLater(150)),
                OrderFixtures.scan(ShipmentStatus.RETURN_IN_TRANSIT, hoursLater(170)),
                OrderFixtures.scan(ShipmentStatus.RETURN_DELIVERED, hoursLater(200)),
                inspection(210, true, null),
                refund(230, 79_900L));
    }

    private void apply(SpecificRecord record) {
        if (record instanceof OrderEvent event) {
            LIFECYCLE.apply(order, event);
        } else {
            LIFECYCLE.apply(order, (TrackingScan) record);
        }
    }

    private static OrderEvent request(int hours, String reason) {
        return OrderFixtures.event(
                OrderEventType.RETURN_REQUESTED, hoursLater(hours), new ReturnRequest(reason));
    }

    private static OrderEvent inspection(int hours, boolean passed, String note) {
        OrderEvent event =
                OrderFixtures.event(OrderEventType.RETURN_INSPECTED, hoursLater(hours), null);
        event.setInspection(new ReturnInspection(passed, note));
        return event;
    }

    private static OrderEvent refusal(int hours, String reason) {
        OrderEvent event =
                OrderFixtures.event(OrderEventType.REFUND_REFUSED, hoursLater(hours), null);
        event.setRefusal(new RefundRefusal(reason));
        return event;
    }

    private static OrderEvent refund(int hours, long paise) {
        return OrderFixtures.event(OrderEventType.REFUNDED, hoursLater(hours), new Refund(paise));
    }
}
