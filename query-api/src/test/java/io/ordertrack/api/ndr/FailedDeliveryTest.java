package io.ordertrack.api.ndr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class FailedDeliveryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anOrderWhoseDeliveryFailedAwaitsAnAnswerToItsLastAttempt() {
        ObjectNode order = order("DELIVERY_FAILED", 2);

        assertThat(FailedDelivery.awaitingActionIn(order))
                .isEqualTo(
                        new FailedDelivery(
                                "acme:SHOPIFY:1001",
                                "acme",
                                "SHOPIFY",
                                "1001",
                                "DELHIVERY",
                                "AWB123",
                                2));
    }

    @Test
    void anOrderOnItsWayOrDeliveredAwaitsNoAction() {
        assertThatThrownBy(() -> FailedDelivery.awaitingActionIn(order("OUT_FOR_DELIVERY", 1)))
                .isInstanceOf(FailedDelivery.NoActionAwaited.class)
                .hasMessage(
                        "The order is not waiting for an NDR action: its shipment is"
                                + " OUT_FOR_DELIVERY, not DELIVERY_FAILED");
        assertThatThrownBy(() -> FailedDelivery.awaitingActionIn(order("RTO_INITIATED", 3)))
                .hasMessageContaining("its shipment is RTO_INITIATED");
    }

    @Test
    void anOrderNotYetShippedAwaitsNoAction() {
        ObjectNode order = order("DELIVERY_FAILED", 1);
        order.remove("shipmentStatus");

        assertThatThrownBy(() -> FailedDelivery.awaitingActionIn(order))
                .hasMessageEndingWith("it has no shipment yet");
    }

    @Test
    void aFailedStatusWithoutAFailedAttemptAwaitsNoAction() {
        ObjectNode withoutNdr = order("DELIVERY_FAILED", 0);
        withoutNdr.remove("ndr");

        assertThatThrownBy(() -> FailedDelivery.awaitingActionIn(order("DELIVERY_FAILED", 0)))
                .hasMessageEndingWith("it has no failed delivery attempt");
        assertThatThrownBy(() -> FailedDelivery.awaitingActionIn(withoutNdr))
                .hasMessageEndingWith("it has no failed delivery attempt");
    }

    private static ObjectNode order(String shipmentStatus, int attempts) {
        ObjectNode order = JSON.createObjectNode();
        order.put("orderId", "acme:SHOPIFY:1001");
        order.put("tenantId", "acme");
        order.put("channel", "SHOPIFY");
        order.put("clientOrderId", "1001");
        order.put("courier", "DELHIVERY");
        order.put("awb", "AWB123");
        order.put("shipmentStatus", shipmentStatus);
        order.putObject("ndr").put("attempts", attempts);
        return order;
    }
}
