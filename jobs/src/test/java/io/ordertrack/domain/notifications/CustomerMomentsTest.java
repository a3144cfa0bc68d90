package io.ordertrack.domain.notifications;

import static io.ordertrack.domain.lifecycle.OrderFixtures.hoursLater;
import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrack.avro.CustomerMoment;
import io.ordertrack.avro.CustomerNotification;
import io.ordertrack.avro.CustomerOption;
import io.ordertrack.avro.NdrReason;
import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.OrderEventType;
import io.ordertrack.avro.OrderState;
import io.ordertrack.avro.Refund;
import io.ordertrack.avro.ShipmentStatus;
import io.ordertrack.avro.TrackingScan;
import io.ordertrack.domain.lifecycle.CourierCodes;
import io.ordertrack.domain.lifecycle.OrderFixtures;
import io.ordertrack.domain.lifecycle.OrderLifecycle;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CustomerMomentsTest {
    private static final OrderLifecycle LIFECYCLE = new OrderLifecycle(CourierCodes.bundled());
    private static final String TRACK = "https://track.example.in/track/?reference=";

    private final OrderState order = OrderFixtures.newOrder();
    private final List<CustomerNotification> told = new ArrayList<>();

    @Test
    void aDeliveryWithOneFailedAttemptTellsEachMomentOnceInOrder() {
        apply(OrderFixtures.placed(hoursLater(0)));
        apply(OrderFixtures.manifested(hoursLater(2)));
        apply(OrderFixtures.stage(OrderEventType.DISPATCHED, hoursLater(5)));
        apply(OrderFixtures.scan(ShipmentStatus.PICKED_UP, hoursLater(6)));
        apply(OrderFixtures.scan(ShipmentStatus.IN_TRANSIT, hoursLater(20)));
        apply(OrderFixtures.scan(ShipmentStatus.OUT_FOR_DELIVERY, hoursLater(40)));
        apply(OrderFixtures.failed(NdrReason.CUSTOMER_UNREACHABLE, hoursLater(44)));
        apply(OrderFixtures.scan(ShipmentStatus.OUT_FOR_DELIVERY, hoursLater(64)));
        apply(OrderFixtures.scan(ShipmentStatus.DELIVERED, hoursLater(66)));

        assertThat(told)
                .extracting(CustomerNotification::getNotificationId)
                .containsExactly(
                        "acme-fashion:SHOPIFY:1001/SHIPPED",
                        "acme-fashion:SHOPIFY:1001/OUT_FOR_DELIVERY/1",
                        "acme-fashion:SHOPIFY:1001/DELIVERY_FAILED/1",
                        "acme-fashion:SHOPIFY:1001/OUT_FOR_DELIVERY/2",
                        "acme-fashion:SHOPIFY:1001/DELIVERED");
        CustomerNotification shipped = complete(told.get(0));
        assertThat(shipped.getAt()).isEqualTo(hoursLater(5));
        assertThat(shipped.getPhone()).isEqualTo("+919876543210");
        assertThat(shipped.getTrackingUrl()).isEqualTo(TRACK + "DL1001");
        assertThat(shipped.getMessage())
                .isEqualTo(
                        "Hi Priya! Your order 1001 has shipped with DELHIVERY. Track it: "
                                + TRACK
                                + "DL1001");
        CustomerNotification outForDelivery = complete(told.get(1));
        assertThat(outForDelivery.getAmountToCollectPaise()).isEqualTo(79_900L);
        assertThat(outForDelivery.getMessage()).contains("Please keep ₹799 ready.");
        CustomerNotification failed = complete(told.get(2));
        assertThat(failed.getNdrReason()).isEqualTo(NdrReason.CUSTOMER_UNREACHABLE);
        assertThat(failed.getCustomerOptions())
                .containsExactly(
                        CustomerOption.UPDATE_PHONE,
                        CustomerOption.RESCHEDULE,
                        CustomerOption.KEEP_CASH_READY);
        assertThat(failed.getMessage())
                .contains("we could not reach you by phone")
                .contains("Reply with a number we can call, or reply with a day that suits you");
        assertThat(complete(told.get(4)).getMessage())
                .isEqualTo("Hi Priya! Your order 1001 has been delivered. Thank you!");
    }

    @Test
    void duplicatesAndLateScansTellNothingAgain() {
        TrackingScan outForDelivery =
                OrderFixtures.scan(ShipmentStatus.OUT_FOR_DELIVERY, hoursLater(40));
        apply(OrderFixtures.placed(hoursLater(0)));
        apply(OrderFixtures.manifested(hoursLater(2)));
        apply(outForDelivery);
        apply(outForDelivery);
        apply(OrderFixtures.scan(ShipmentStatus.DELIVERED, hoursLater(42)));
        apply(OrderFixtures.scan(ShipmentStatus.IN_TRANSIT, hoursLater(30)));
        apply(OrderFixtures.scan(ShipmentStatus.DELIVERED, hoursLater(43)));

        assertThat(told)
                .extracting(CustomerNotification::getMoment)
                .containsExactly(CustomerMoment.OUT_FOR_DELIVERY, CustomerMoment.DELIVERED);
    }

    @Test
    void aDeliveryScanReadBeforeTheRestTellsOnlyThatItWasDelivered() {
        apply(OrderFixtures.placed(hoursLater(0)));
        apply(OrderFixtures.manifested(hoursLater(2)));
        apply(OrderFixtures.scan(ShipmentStatus.DELIVERED, hoursLater(42)));
        apply(OrderFixtures.scan(ShipmentStatus.OUT_FOR_DELIVERY, hoursLater(40)));
        apply(OrderFixtures.scan(ShipmentStatus.PICKED_UP, hoursLater(6)));

        assertThat(told)
                .extracting(CustomerNotification::getMoment)
                .containsExactly(CustomerMoment.DELIVERED);
    }

    @Test
    void aCancelledOrderIsToldOnlyOfItsRefund() {
        apply(OrderFixtures.placed(hoursLater(0)));
        apply(OrderFixtures.manifested(hoursLater(2)));
        apply(OrderFixtures.cancelled(hoursLater(3)));
        apply(OrderFixtures.scan(ShipmentStatus.PICKED_UP, hoursLater(6)));
        OrderEvent refund =
                OrderFixtures.event(OrderEventType.REFUNDED, hoursLater(8), new Refund(79_950L));
        apply(refund);
        apply(refund);

        assertThat(told).hasSize(1);
        CustomerNotification refunded = complete(told.get(0));
        assertThat(refunded.getMoment()).isEqualTo(CustomerMoment.REFUNDED);
        assertThat(refunded.getRefundPaise()).isEqualTo(79_950L);
        assertThat(refunded.getMessage())
                .isEqualTo("Hi Priya! A refund of ₹799.50 for your order 1001 has been issued.");
    }

    @Test
    void anOrderKeptByABuildBeforeNotificationsIsNotToldWhatItAlreadyPassed() {
        apply(OrderFixtures.placed(hoursLater(0)));
        apply(OrderFixtures.manifested(hoursLater(2)));
        apply(OrderFixtures.scan(ShipmentStatus.IN_TRANSIT, hoursLater(20)));
        told.clear();
        order.setNotifiedMoments(null);

        apply(OrderFixtures.scan(ShipmentStatus.AT_DESTINATION_HUB, hoursLater(30)));
        apply(OrderFixtures.scan(ShipmentStatus.OUT_FOR_DELIVERY, hoursLater(40)));

        assertThat(told)
                .extracting(CustomerNotification::getMoment)
                .containsExactly(CustomerMoment.OUT_FOR_DELIVERY);
    }

    @Test
    void rupeesAreWrittenWithIndianGrouping() {
        assertThat(NotificationTexts.rupees(12_345_600L)).isEqualTo("₹1,23,456");
        assertThat(NotificationTexts.rupees(5L)).isEqualTo("₹0.05");
    }

    private void apply(OrderEvent event) {
        if (LIFECYCLE.apply(order, event)) {
            told.addAll(CustomerMoments.newlyReached(order, event));
        }
    }

    private void apply(TrackingScan scan) {
        if (LIFECYCLE.apply(order, scan)) {
            told.addAll(CustomerMoments.newlyReached(order, null));
        }
    }

    private static CustomerNotification complete(CustomerNotification notification) {
        return NotificationTexts.complete(notification, TRACK);
    }
}
