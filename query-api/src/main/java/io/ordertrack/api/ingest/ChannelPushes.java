package io.ordertrack.api.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.ordertrack.avro.Address;
import io.ordertrack.avro.Cancellation;
import io.ordertrack.avro.Customer;
import io.ordertrack.avro.Manifest;
import io.ordertrack.avro.OrderDetails;
import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.OrderEventType;
import io.ordertrack.avro.OrderItem;
import io.ordertrack.avro.Parcel;
import io.ordertrack.avro.PaymentMode;
import io.ordertrack.avro.Refund;
import io.ordertrack.avro.RefundRefusal;
import io.ordertrack.avro.ReturnInspection;
import io.ordertrack.avro.ReturnRequest;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Sales channels' order webhooks as {@link OrderEvent}s of the channel the source is named after
 * ({@code shopify} → {@code SHOPIFY}), each with the webhook's id as its event id.
 *
 * <ul>
 *   <li>{@link PushFormat#SHOPIFY}: Shopify's order resource; the webhook's topic (header {@code
 *       X-Shopify-Topic}, {@code orders/create} when absent) says PLACED, UPDATED or CANCELLED. The
 *       order ships from the source's warehouse; cash on delivery when a payment gateway's name
 *       says so.
 *   <li>{@link PushFormat#ORDERTRACK}: {@code {"type", "clientOrderId", "eventTime", "order" |
 *       "manifest" | "reason" | "refundPaise"}}, every order event type a channel sends, with the
 *       fields of the Avro schema (see the API's documentation).
 * </ul>
 */
final class ChannelPushes {
    /** The header of a Shopify webhook's topic. */
    static final String SHOPIFY_TOPIC_HEADER = "X-Shopify-Topic";

    private ChannelPushes() {}

    /**
     * The event of a channel's webhook {@code push}, pushed by {@code source} as {@code webhookId};
     * {@code shopifyTopic} is the topic header of a Shopify webhook, or null.
     */
    static OrderEvent eventOf(
            IngestSource source, String webhookId, String shopifyTopic, JsonNode push)
            throws Unmappable {
        OrderEvent.Builder event =
                OrderEvent.newBuilder()
                        .setEventId(webhookId)
                        .setTenantId(source.tenantId())
                        .setChannel(source.name().toUpperCase(Locale.ROOT))
                        .setDetails(null)
                        .setNdrAction(null);
        return switch (source.format()) {
            case SHOPIFY -> shopify(event, source, shopifyTopic, push);
            case ORDERTRACK -> ordertrack(event, source, push);
            default -> throw new IllegalArgumentException("not a channel's: " + source.format());
        };
    }

    private static OrderEvent shopify(
            OrderEvent.Builder event, IngestSource source, String topic, JsonNode order)
            throws Unmappable {
        event.setClientOrderId(PushFields.required(order, "name"));
        String shopifyTopic = topic == null ? "orders/create" : topic;
        switch (shopifyTopic) {
            case "orders/create" ->
                    event.setType(OrderEventType.PLACED)
                            .setEventTime(PushFields.time(order, "created_at"))
                            .setDetails(shopifyDetails(order, source.warehouseId()));
            case "orders/updated" ->
                    event.setType(OrderEventType.UPDATED)
                            .setEventTime(PushFields.time(order, "updated_at"))
                            .setDetails(shopifyDetails(order, source.warehouseId()));
            case "orders/cancelled" ->
                    event.setType(OrderEventType.CANCELLED)
                            .setEventTime(PushFields.time(order, "cancelled_at"))
                            .setDetails(
                                    new Cancellation(PushFields.optional(order, "cancel_reason")));
            default ->
                    throw new Unmappable(
                            "Shopify topic '" + shopifyTopic + "' is not one ordertrack reads");
        }
        return event.build();
    }

    private static OrderDetails shopifyDetails(JsonNode order, String warehouseId)
            throws Unmappable {
        JsonNode address = PushFields.object(order, "shipping_address");
        String name = PushFields.optional(address, "name");
        if (name == null) {
            name =
                    (orEmpty(PushFields.optional(address, "first_name"))
                                    + " "
                                    + orEmpty(PushFields.optional(address, "last_name")))
                            .strip();
        }
        String phone = PushFields.optional(address, "phone");
        if (phone == null) {
            phone = PushFields.required(order, "phone");
        }
        List<OrderItem> items = new ArrayList<>();
        for (JsonNode item : PushFields.array(order, "line_items")) {
            items.add(
                    new OrderItem(
                            PushFields.required(item, "sku"),
                            PushFields.optional(item, "title"),
                            PushFields.wholeNumber(item, "quantity"),
                            PushFields.paise(item, "price")));
        }
        String weight = PushFields.optional(order, "total_weight");
        return OrderDetails.newBuilder()
                .setCustomer(
                        new Customer(
                                name,
                                phone,
                                new Address(
                                        PushFields.required(address, "address1"),
                                        PushFields.optional(address, "address2"),
                                        PushFields.required(address, "city"),
                                        PushFields.required(address, "province"),
                                        PushFields.required(address, "zip").replace(" ", ""))))
                .setItems(items)
                .setPaymentMode(cashOnDelivery(order) ? PaymentMode.COD : PaymentMode.PREPAID)
                .setAmountPaise(PushFields.paise(order, "total_price"))
                .setCurrency(orDefault(PushFields.optional(order, "currency"), "INR"))
                // Shopify sends the weight only; a parcel's size is known once it is packed.
                .setParcel(
                        new Parcel(
                                0.0,
                                0.0,
                                0.0,
                                weight == null ? 0 : PushFields.wholeNumber(order, "total_weight")))
                .setWarehouseId(warehouseId)
                .setPromisedDeliveryDate(null)
                .build();
    }

    /** Whether one of the order's payment gateways is cash on delivery. */
    private static boolean cashOnDelivery(JsonNode order) {
        for (JsonNode gateway : order.path("payment_gateway_names")) {
            String name = gateway.asText().toLowerCase(Locale.ROOT);
            if (name.contains("cash on delivery") || name.matches(".*\\bcod\\b.*")) {
                return true;
            }
        }
        return false;
    }

    private static OrderEvent ordertrack(
            OrderEvent.Builder event, IngestSource source, JsonNode push) throws Unmappable {
        OrderEventType type;
        try {
            type = OrderEventType.valueOf(PushFields.required(push, "type"));
        } catch (IllegalArgumentException e) {
            throw new Unmappable("type is not an order event type");
        }
        event.setType(type)
                .setClientOrderId(PushFields.required(push, "clientOrderId"))
                .setEventTime(PushFields.time(push, "eventTime"));
        switch (type) {
            case PLACED, UPDATED ->
                    event.setDetails(
                            orderDetails(PushFields.object(push, "order"), source.warehouseId()));
            case MANIFESTED -> {
                JsonNode manifest = PushFields.object(push, "manifest");
                event.setDetails(
                        new Manifest(
                                PushFields.required(manifest, "courier").toUpperCase(Locale.ROOT),
                                PushFields.required(manifest, "awb")));
            }
            case CANCELLED ->
                    event.setDetails(new Cancellation(PushFields.optional(push, "reason")));
            case RETURN_REQUESTED ->
                    event.setDetails(new ReturnRequest(PushFields.optional(push, "reason")));
            case REFUNDED -> event.setDetails(new Refund(longOf(push, "refundPaise")));
            case RETURN_INSPECTED -> {
                JsonNode passed = push.get("passed");
                if (passed == null || !passed.isBoolean()) {
                    throw new Unmappable("passed must be true or false");
                }
                event.setInspection(
                        new ReturnInspection(
                                passed.asBoolean(), PushFields.optional(push, "note")));
            }
            case REFUND_REFUSED ->
                    event.setRefusal(new RefundRefusal(PushFields.required(push, "reason")));
            case CONFIRMED, PICKED, PACKED, LABEL_SCANNED, DISPATCHED -> {
                // No details.
            }
            default -> throw new Unmappable(type + " is not an event a channel sends");
        }
        return event.build();
    }

    private static OrderDetails orderDetails(JsonNode order, String defaultWarehouse)
            throws Unmappable {
        JsonNode customer = PushFields.object(order, "customer");
        JsonNode address = PushFields.object(customer, "address");
        JsonNode parcel = PushFields.object(order, "parcel");
        List<OrderItem> items = new ArrayList<>();
        for (JsonNode item : PushFields.array(order, "items")) {
            items.add(
                    new OrderItem(
                            PushFields.required(item, "sku"),
                            PushFields.optional(item, "name"),
                            PushFields.wholeNumber(item, "quantity"),
                            longOf(item, "unitPricePaise")));
        }
        PaymentMode mode;
        try {
            mode = PaymentMode.valueOf(PushFields.required(order, "paymentMode"));
        } catch (IllegalArgumentException e) {
            throw new Unmappable("order.paymentMode is COD or PREPAID");
        }
        String warehouse = PushFields.optional(order, "warehouseId");
        if (warehouse == null) {
            warehouse = defaultWarehouse;
        }
        if (warehouse == null) {
            throw new Unmappable("order.warehouseId is missing and the source names none");
        }
        String promised = PushFields.optional(order, "promisedDeliveryDate");
        return OrderDetails.newBuilder()
                .setCustomer(
                        new Customer(
                                PushFields.required(customer, "name"),
                                PushFields.required(customer, "phone"),
                                new Address(
                                        PushFields.required(address, "line1"),
                                        PushFields.optional(address, "line2"),
                                        PushFields.required(address, "city"),
                                        PushFields.required(address, "state"),
                                        PushFields.required(address, "pincode"))))
                .setItems(items)
                .setPaymentMode(mode)
                .setAmountPaise(longOf(order, "amountPaise"))
                .setCurrency(orDefault(PushFields.optional(order, "currency"), "INR"))
                .setParcel(
                        new Parcel(
                                doubleOf(parcel, "lengthCm"),
                                doubleOf(parcel, "breadthCm"),
                                doubleOf(parcel, "heightCm"),
                                PushFields.wholeNumber(parcel, "weightGrams")))
                .setWarehouseId(warehouse)
                .setPromisedDeliveryDate(promised == null ? null : dateOf(promised))
                .build();
    }

    private static LocalDate dateOf(String text) throws Unmappable {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new Unmappable("order.promisedDeliveryDate is not a date (YYYY-MM-DD): " + text);
        }
    }

    private static long longOf(JsonNode node, String field) throws Unmappable {
        String text = PushFields.required(node, field);
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new Unmappable(field + " is not a whole number: " + text);
        }
    }

    private static double doubleOf(JsonNode node, String field) throws Unmappable {
        String text = PushFields.required(node, field);
        try {
            double value = Double.parseDouble(text);
            if (!Double.isFinite(value)) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new Unmappable(field + " is not a number: " + text);
        }
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    private static String orDefault(String text, String otherwise) {
        return text == null ? otherwise : text;
    }
}
