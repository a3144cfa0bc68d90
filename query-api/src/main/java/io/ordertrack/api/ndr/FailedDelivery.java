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

    /**
     * Whether an action is still to be published for the failed delivery its order document shows:
     * yes while an answer is due ({@code ndr.actionDueBy}: not after the deadline, nor after the
     * attempt the courier returns the parcel after); no when this very action already answers the
     * attempt (a retried request, answered as the first time).
     *
     * @throws NoActionAwaited when another action answered the attempt, or no answer is due
     */
    public boolean stillToPublish(JsonNode order, String actionId) {
        for (JsonNode answer : order.path("ndr").path("actions")) {
            if (answer.path("attempt").asInt() == attempt) {
                if (answer.path("actionId").asText().equals(actionId)) {
                    return false;
                }
                throw new NoActionAwaited(
                        "attempt " + attempt + " was already answered by another action");
            }
        }
        if (!order.path("ndr").path("actionDueBy").isTextual()) {
            throw new NoActionAwaited(
                    "no answer is due for attempt "
                            + attempt
                            + " any more: its deadline has passed, or the courier returns the"
                            + " parcel after it");
        }
        return true;
    }
}
