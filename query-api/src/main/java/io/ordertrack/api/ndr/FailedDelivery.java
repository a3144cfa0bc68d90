package io.ordertrack.api.ndr;

import com.fasterxml.jackson.databind.JsonNode;
import io.ordertrack.avro.ShipmentStatus;

/**
 * An order waiting for the seller's NDR action, as its document shows it: the courier failed to
 * deliver it and has not tried again since.
 *
 * @param attempt the failed attempts so far, the last of which the action answers (1 for the first)
 */
public record FailedDelivery(
        String orderId,
        String tenantId,
        String channel,
        String clientOrderId,
        String courier,
        String awb,
        int attempt) {

    /** An order refused an NDR action: it is not waiting for one. */
    public static final class NoActionAwaited extends RuntimeException {
        NoActionAwaited(String reason) {
            super("The order is not waiting for an NDR action: " + reason);
        }
    }

    /**
     * The failed delivery an order document shows.
     *
     * @throws NoActionAwaited saying why the order is not waiting for an action: its shipment is in
     *     another status than {@code DELIVERY_FAILED}, or no attempt of it failed
     */
    public static FailedDelivery awaitingActionIn(JsonNode order) {
        String status = order.path("shipmentStatus").asText("");
        if (!ShipmentStatus.DELIVERY_FAILED.name().equals(status)) {
            throw new NoActionAwaited(
                    status.isEmpty()
                            ? "it has no shipment yet"
                            : "its shipment is " + status + ", not DELIVERY_FAILED");
        }
        int attempts = order.path("ndr").path("attempts").asInt(0);
        if (attempts < 1) {
            throw new NoActionAwaited("it has no failed delivery attempt");
        }
        return new FailedDelivery(
                order.path("orderId").asText(),
                order.path("tenantId").asText(),
                order.path("channel").asText(),
                order.path("clientOrderId").asText(),
                order.path("courier").asText(),
                order.path("awb").asText(),
                attempts);
    }
}
