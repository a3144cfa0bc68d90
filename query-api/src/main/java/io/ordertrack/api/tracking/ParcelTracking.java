package io.ordertrack.api.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The public view of an order document ({@link TrackedParcel}), and the check a customer passes to
 * see it: the last four digits of the phone on the order, or its delivery PIN code.
 */
public final class ParcelTracking {
    /** The steps of the seller's side a customer cares about, in the customer's words. */
    private static final Map<String, String> ORDER_STEPS =
            Map.of(
                    "PLACED", "Order placed",
                    "CONFIRMED", "Order confirmed",
                    "PACKED", "Packed",
                    "DISPATCHED", "Handed to the courier",
                    "CANCELLED", "Order cancelled",
                    "RETURN_REQUESTED", "Return requested",
                    "REFUNDED", "Refunded");

    /** The courier's scans a customer cares about, in the customer's words. */
    private static final Map<String, String> SCAN_STEPS =
            Map.ofEntries(
                    Map.entry("PICKED_UP", "Picked up by the courier"),
                    Map.entry("IN_TRANSIT", "In transit"),
                    Map.entry("AT_DESTINATION_HUB", "Reached the delivery hub"),
                    Map.entry("HELD", "Held at a hub"),
                    Map.entry("MISROUTED", "Sent the wrong way: being redirected"),
                    Map.entry("OUT_FOR_DELIVERY", "Out for delivery"),
                    Map.entry("DELIVERY_FAILED", "Delivery attempted"),
                    Map.entry("DELIVERED", "Delivered"),
                    Map.entry("RTO_INITIATED", "Being returned to the seller"),
                    Map.entry("RTO_IN_TRANSIT", "On its way back to the seller"),
                    Map.entry("RTO_DELIVERED", "Returned to the seller"),
                    Map.entry("RETURN_PICKED_UP", "Return picked up"),
                    Map.entry("RETURN_IN_TRANSIT", "Return on its way to the seller"),
                    Map.entry("RETURN_DELIVERED", "Return received by the seller"));

    /** {@code Bangalore_Nelmngla_H (Karnataka)}: a place named in parentheses. */
    private static final Pattern IN_PARENTHESES = Pattern.compile(".*\\(([^()]+)\\)\\s*");

    /** {@code Nagpur hub}, {@code Nagpur Hub}. */
    private static final Pattern HUB_OF_CITY =
            Pattern.compile("(.+?)\\s+hub", Pattern.CASE_INSENSITIVE);

    private ParcelTracking() {}

    /**
     * Whether {@code check} is the last four digits of the order's phone or its six-digit delivery
     * PIN code (compared in constant time).
     */
    public static boolean passes(JsonNode order, String check) {
        String expected =
                check.length() == 4
                        ? lastFour(order.path("customer").path("phone").asText(""))
                        : order.path("customer").path("address").path("pincode").asText("");
        return !expected.isEmpty()
                && MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.UTF_8),
                        check.getBytes(StandardCharsets.UTF_8));
    }

    private static String lastFour(String phone) {
        String digits = phone.replaceAll("\\D", "");
        return digits.length() < 4 ? "" : digits.substring(digits.length() - 4);
    }

    /** The public view of the order. */
    public static TrackedParcel viewOf(JsonNode order) {
        CustomerStatus status = statusOf(order);
        JsonNode estimate = order.path("deliveryEstimate");
        boolean onItsWay =
                status == CustomerStatus.SHIPPED
                        || status == CustomerStatus.IN_TRANSIT
                        || status == CustomerStatus.AT_DELIVERY_HUB
                        || status == CustomerStatus.OUT_FOR_DELIVERY
                        || status == CustomerStatus.DELIVERY_ATTEMPTED
                        || status == CustomerStatus.HELD_UP;
        return new TrackedParcel(
                text(order, "clientOrderId"),
                text(order, "courier"),
                text(order, "awb"),
                status,
                status.text(),
                instant(order, "placedAt"),
                order.hasNonNull("promisedDeliveryDate")
                        ? LocalDate.parse(
                                order.get("promisedDeliveryDate").asText().substring(0, 10))
                        : null,
                onItsWay && estimate.hasNonNull("expectedAt")
                        ? new TrackedParcel.ExpectedDelivery(
                                instant(estimate, "expectedAt"),
                                instant(estimate, "earliest"),
                                instant(estimate, "latest"))
                        : null,
                status == CustomerStatus.DELIVERED
                        ? instant(order.path("milestones"), "DELIVERED")
                        : null,
                text(order.path("customer").path("address"), "city"),
                stepsOf(order.path("timeline")));
    }

    static CustomerStatus statusOf(JsonNode order) {
        String stage = order.path("stage").asText("");
        if (stage.equals("CANCELLED")) {
            return CustomerStatus.CANCELLED;
        }
        String shipment = order.path("shipmentStatus").asText("");
        return switch (shipment) {
            case "PICKED_UP", "IN_TRANSIT", "HELD", "MISROUTED", "UNKNOWN" ->
                    CustomerStatus.IN_TRANSIT;
            case "AT_DESTINATION_HUB" -> CustomerStatus.AT_DELIVERY_HUB;
            case "OUT_FOR_DELIVERY" -> CustomerStatus.OUT_FOR_DELIVERY;
            case "DELIVERY_FAILED" -> CustomerStatus.DELIVERY_ATTEMPTED;
            case "DELIVERED" -> CustomerStatus.DELIVERED;
            case "RTO_INITIATED", "RTO_IN_TRANSIT", "RTO_OUT_FOR_DELIVERY" ->
                    CustomerStatus.RETURNING_TO_SELLER;
            case "RTO_DELIVERED" -> CustomerStatus.RETURNED_TO_SELLER;
            case "RETURN_REQUESTED" -> CustomerStatus.RETURN_REQUESTED;
            case "RETURN_PICKED_UP", "RETURN_IN_TRANSIT" -> CustomerStatus.RETURN_IN_PROGRESS;
            case "RETURN_DELIVERED" -> CustomerStatus.RETURNED;
            case "LOST", "DAMAGED", "DISPOSED", "COURIER_ERROR" -> CustomerStatus.HELD_UP;
            default -> beforeShipping(stage);
        };
    }

    private static CustomerStatus beforeShipping(String stage) {
        return switch (stage) {
            case "PACKED", "READY_TO_SHIP" -> CustomerStatus.PACKED;
            case "DISPATCHED" -> CustomerStatus.SHIPPED;
            default -> CustomerStatus.ORDERED;
        };
    }

    private static List<TrackedParcel.Step> stepsOf(JsonNode timeline) {
        List<TrackedParcel.Step> steps = new ArrayList<>();
        for (JsonNode step : timeline) {
            String code = step.path("code").asText("");
            String text =
                    "SCAN".equals(step.path("source").asText())
                            ? SCAN_STEPS.get(code)
                            : ORDER_STEPS.get(code);
            if (text != null) {
                steps.add(
                        new TrackedParcel.Step(
                                instant(step, "at"), text, cityOf(text(step, "location"))));
            }
        }
        return steps;
    }

    /**
     * The city of a scan's place: named in parentheses ({@code Bangalore_Nelmngla_H (Karnataka)}),
     * or before "hub" ({@code Nagpur hub}); else none, since a facility's own name may say more
     * than a city.
     */
    static String cityOf(String location) {
        if (location == null) {
            return null;
        }
        Matcher parentheses = IN_PARENTHESES.matcher(location);
        if (parentheses.matches()) {
            return parentheses.group(1).strip();
        }
        Matcher hub = HUB_OF_CITY.matcher(location.strip());
        return hub.matches() ? hub.group(1) : null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() ? value.asText() : null;
    }

    private static Instant instant(JsonNode node, String field) {
        String value = text(node, field);
        return value == null ? null : Instant.parse(value);
    }
}
