package io.ordertrack.domain.input;

import static io.ordertrack.domain.lifecycle.OrderFixtures.hoursLater;
import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrack.avro.Address;
import io.ordertrack.avro.CustomerUpdate;
import io.ordertrack.avro.Manifest;
import io.ordertrack.avro.NdrAction;
import io.ordertrack.avro.NdrActionType;
import io.ordertrack.avro.OrderDetails;
import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.OrderEventType;
import io.ordertrack.avro.Refund;
import io.ordertrack.avro.RefundRefusal;
import io.ordertrack.avro.Remittance;
import io.ordertrack.avro.RemittanceLine;
import io.ordertrack.avro.ReturnInspection;
import io.ordertrack.avro.ShipmentStatus;
import io.ordertrack.avro.TrackingScan;
import io.ordertrack.domain.lifecycle.OrderFixtures;
import io.ordertrack.schemas.EventValidation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventValidationTest {
    @Test
    void aCompleteOrderIsValid() {
        assertThat(EventValidation.problemOf(OrderFixtures.placed(hoursLater(0)))).isEmpty();
        assertThat(EventValidation.problemOf(OrderFixtures.manifested(hoursLater(3)))).isEmpty();
        assertThat(
                        EventValidation.problemOf(
                                OrderFixtures.stage(OrderEventType.PICKED, hoursLater(2))))
                .isEmpty();
    }

    @Test
    void anItemWithoutQuantityIsInvalid() {
        OrderEvent event =
                OrderFixtures.event(
                        OrderEventType.PLACED,
                        hoursLater(0),
                        OrderFixtures.details("9876543210", 0));

        assertThat(EventValidation.problemOf(event)).hasValue("item KURTA-M has quantity 0");
    }

    @Test
    void aLongNameIsValidButARunawayOneIsNot() {
        OrderEvent longName = OrderFixtures.placed(hoursLater(0));
        OrderDetails details = (OrderDetails) longName.getDetails();
        details.getCustomer().setName("A".repeat(40_000));

        assertThat(EventValidation.problemOf(longName)).isEmpty();

        details.getCustomer().setName("A".repeat(EventValidation.MAX_TEXT_LENGTH + 1));

        assertThat(EventValidation.problemOf(longName))
                .hasValue("customer name is longer than 65536 characters");
    }

    @Test
    void anItemSkuIsBoundedLikeTheInventorysOwn() {
        OrderEvent order = OrderFixtures.placed(hoursLater(0));
        ((OrderDetails) order.getDetails()).getItems().get(0).setSku("S".repeat(129));

        assertThat(EventValidation.problemOf(order))
                .hasValue("item sku is longer than 128 characters");
    }

    @Test
    void aPlacedOrderWithoutDetailsIsInvalid() {
        OrderEvent event = OrderFixtures.event(OrderEventType.PLACED, hoursLater(0), null);

        assertThat(EventValidation.problemOf(event)).hasValue("PLACED needs OrderDetails details");
    }

    @Test
    void aManifestWithoutAwbIsInvalid() {
        OrderEvent event =
                OrderFixtures.event(
                        OrderEventType.MANIFESTED, hoursLater(3), new Manifest("DELHIVERY", " "));

        assertThat(EventValidation.problemOf(event)).hasValue("awb is blank");
    }

    @Test
    void aTenantIdWithQuerySyntaxIsInvalid() {
        OrderEvent event = OrderFixtures.placed(hoursLater(0));
        event.setTenantId("acme OR *");

        assertThat(EventValidation.problemOf(event))
                .get()
                .asString()
                .startsWith("tenantId must be");
    }

    @Test
    void anUnknownEventTypeIsInvalid() {
        OrderEvent event = OrderFixtures.stage(OrderEventType.UNKNOWN, hoursLater(1));

        assertThat(EventValidation.problemOf(event)).hasValue("unknown order event type");
    }

    @Test
    void anNdrActionIsCarriedByNdrActionEventsOnlyAndAnswersAnAttemptOfAShipment() {
        OrderEvent answer = OrderFixtures.event(OrderEventType.NDR_ACTION, hoursLater(30), null);
        assertThat(EventValidation.problemOf(answer)).hasValue("NDR_ACTION needs its ndrAction");

        NdrAction action =
                new NdrAction(
                        NdrActionType.REATTEMPT,
                        1,
                        "DELHIVERY",
                        "DL1001",
                        null,
                        new CustomerUpdate(
                                "+919812345678",
                                new Address(
                                        "12 MG Road", null, "Bengaluru", "Karnataka", "560001")));
        answer.setNdrAction(action);
        assertThat(EventValidation.problemOf(answer)).isEmpty();

        action.getCustomer().getAddress().setPincode("56000");
        assertThat(EventValidation.problemOf(answer))
                .hasValue("ndrAction pincode is not six digits");
        action.getCustomer().getAddress().setPincode("560001");
        action.setAttempt(0);
        assertThat(EventValidation.problemOf(answer)).hasValue("NDR action answers attempt 0");
        action.setAttempt(1);
        action.setAwb("");
        assertThat(EventValidation.problemOf(answer)).hasValue("ndrAction.awb is blank");

        OrderEvent picked = OrderFixtures.stage(OrderEventType.PICKED, hoursLater(2));
        picked.setNdrAction(action);
        assertThat(EventValidation.problemOf(picked)).hasValue("PICKED carries no NDR action");
    }

    @Test
    void aReturnsInspectionAndARefundRefusalAreCarriedByTheirOwnEventTypesOnly() {
        OrderEvent inspected =
                OrderFixtures.event(OrderEventType.RETURN_INSPECTED, hoursLater(200), null);
        assertThat(EventValidation.problemOf(inspected))
                .hasValue("RETURN_INSPECTED needs its inspection");
        inspected.setInspection(new ReturnInspection(false, "N".repeat(70_000)));
        assertThat(EventValidation.problemOf(inspected))
                .hasValue("inspection.note is longer than 65536 characters");
        inspected.setInspection(new ReturnInspection(false, "tags removed"));
        assertThat(EventValidation.problemOf(inspected)).isEmpty();

        OrderEvent refused =
                OrderFixtures.event(OrderEventType.REFUND_REFUSED, hoursLater(210), null);
        assertThat(EventValidation.problemOf(refused)).hasValue("REFUND_REFUSED needs its refusal");
        refused.setRefusal(new RefundRefusal(" "));
        assertThat(EventValidation.problemOf(refused)).hasValue("refusal.reason is blank");
        refused.setRefusal(new RefundRefusal("used goods"));
        assertThat(EventValidation.problemOf(refused)).isEmpty();

        refused.setInspection(new ReturnInspection(true, null));
        assertThat(EventValidation.problemOf(refused))
                .hasValue("REFUND_REFUSED carries no inspection");
    }

    @Test
    void aRefundIsOfAPositiveAmount() {
        OrderEvent refund =
                OrderFixtures.event(OrderEventType.REFUNDED, hoursLater(220), new Refund(-100L));
        assertThat(EventValidation.problemOf(refund)).hasValue("refund of -100 paise");
        refund.setDetails(new Refund(49_900L));
        assertThat(EventValidation.problemOf(refund)).isEmpty();
    }

    @Test
    void aScanNeedsAnAwbAndARawCode() {
        TrackingScan scan = OrderFixtures.scan(ShipmentStatus.IN_TRANSIT, hoursLater(20));
        assertThat(EventValidation.problemOf(scan)).isEmpty();

        scan.setRawCode("");
        assertThat(EventValidation.problemOf(scan)).hasValue("rawCode is blank");
    }

    @Test
    void aRemittancePaysPositiveCashForNamedParcelsWithinBounds() {
        Remittance remittance =
                new Remittance(
                        "rem-1",
                        hoursLater(300),
                        "acme",
                        "DELHIVERY",
                        "UTR0001",
                        new ArrayList<>(List.of(new RemittanceLine("DL123", 79_900L))));
        assertThat(EventValidation.problemOf(remittance)).isEmpty();

        remittance.getLines().add(new RemittanceLine("DL124", 0L));
        assertThat(EventValidation.problemOf(remittance)).hasValue("line DL124 remits 0 paise");
        remittance
                .getLines()
                .set(1, new RemittanceLine("DL124", 1L + EventValidation.MAX_LINE_PAISE));
        assertThat(EventValidation.problemOf(remittance))
                .hasValue("line DL124 remits 100000001 paise");
        remittance.getLines().set(1, new RemittanceLine(" ", 100L));
        assertThat(EventValidation.problemOf(remittance)).hasValue("line awb is blank");

        remittance.getLines().clear();
        assertThat(EventValidation.problemOf(remittance)).hasValue("remittance has no lines");
        for (int i = 0; i <= EventValidation.MAX_REMITTANCE_LINES; i++) {
            remittance.getLines().add(new RemittanceLine("DL" + i, 100L));
        }
        assertThat(EventValidation.problemOf(remittance))
                .hasValue("remittance has more than 20000 lines");

        remittance.getLines().subList(1, remittance.getLines().size()).clear();
        remittance.setRemittanceId("");
        assertThat(EventValidation.problemOf(remittance)).hasValue("remittanceId is blank");
    }
}
