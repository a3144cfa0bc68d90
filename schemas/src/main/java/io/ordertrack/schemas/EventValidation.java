package io.ordertrack.schemas;

import io.ordertrack.avro.Address;
import io.ordertrack.avro.Cancellation;
import io.ordertrack.avro.CustomerUpdate;
import io.ordertrack.avro.Feedback;
import io.ordertrack.avro.InventoryEvent;
import io.ordertrack.avro.InventoryEventType;
import io.ordertrack.avro.Manifest;
import io.ordertrack.avro.NdrAction;
import io.ordertrack.avro.OrderDetails;
import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.OrderEventType;
import io.ordertrack.avro.OrderItem;
import io.ordertrack.avro.PaymentMode;
import io.ordertrack.avro.Refund;
import io.ordertrack.avro.Remittance;
import io.ordertrack.avro.RemittanceLine;
import io.ordertrack.avro.ReturnRequest;
import io.ordertrack.avro.TrackingScan;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Field-level checks of decoded events. A record that decodes but cannot be true (no tenant, a
 * manifest without AWB, a negative quantity) would corrupt an order; it goes to dead letters with
 * the reason returned here instead, by the job for what it reads and by the API's ingest gateway
 * for what it maps from webhooks.
 */
public final class EventValidation {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern PINCODE = Pattern.compile("[1-9][0-9]{5}");
    private static final int MAX_ID_LENGTH = 128;

    /**
     * Longest free text (a name, an address line, a courier's status text) accepted. Generous on
     * purpose: a long but real text is indexed (keywords past their limit are only not searchable),
     * while a producer's runaway field is refused rather than carried through every write.
     */
    public static final int MAX_TEXT_LENGTH = 65_536;

    /** The most parcels one remittance may pay: a courier's report for a month of a big seller. */
    public static final int MAX_REMITTANCE_LINES = 20_000;

    /** The most cash one parcel's line may carry: ₹10 lakh, far above any COD parcel. */
    public static final long MAX_LINE_PAISE = 100_000_000L;

    private EventValidation() {}

    /** Why an order event is invalid, or empty when it is valid. */
    public static Optional<String> problemOf(OrderEvent event) {
        return firstOf(
                identifier("tenantId", event.getTenantId()),
                identifier("channel", event.getChannel()),
                present("eventId", event.getEventId()),
                present("clientOrderId", event.getClientOrderId()),
                event.getType() == OrderEventType.UNKNOWN
                        ? Optional.of("unknown order event type")
                        : Optional.empty(),
                detailsOf(event),
                ndrActionOf(event),
                ownField(
                                event,
                                OrderEventType.RETURN_INSPECTED,
                                "inspection",
                                event.getInspection())
                        .or(() -> text("inspection.note", inspectionNote(event))),
                ownField(event, OrderEventType.REFUND_REFUSED, "refusal", event.getRefusal())
                        .or(() -> refusalReasonOf(event)));
    }

    /** The one event type that carries a field of its own carries it; no other type does. */
    private static Optional<String> ownField(
            OrderEvent event, OrderEventType owner, String field, Object value) {
        if (event.getType() == owner) {
            return value == null ? Optional.of(owner + " needs its " + field) : Optional.empty();
        }
        return value == null
                ? Optional.empty()
                : Optional.of(event.getType() + " carries no " + field);
    }

    private static Optional<String> refusalReasonOf(OrderEvent event) {
        if (event.getRefusal() == null) {
            return Optional.empty();
        }
        String reason = event.getRefusal().getReason();
        return reason.isBlank()
                ? Optional.of("refusal.reason is blank")
                : text("refusal.reason", reason);
    }

    private static String inspectionNote(OrderEvent event) {
        return event.getInspection() == null ? null : event.getInspection().getNote();
    }

    /** NDR_ACTION and only it carries an NDR action, which answers an attempt of a shipment. */
    private static Optional<String> ndrActionOf(OrderEvent event) {
        NdrAction action = event.getNdrAction();
        if (event.getType() != OrderEventType.NDR_ACTION) {
            return action == null
                    ? Optional.empty()
                    : Optional.of(event.getType() + " carries no NDR action");
        }
        if (action == null) {
            return Optional.of("NDR_ACTION needs its ndrAction");
        }
        if (action.getAttempt() < 1) {
            return Optional.of("NDR action answers attempt " + action.getAttempt());
        }
        CustomerUpdate customer = action.getCustomer();
        Address address = customer == null ? null : customer.getAddress();
        return firstOf(
                identifier("ndrAction.courier", action.getCourier()),
                present("ndrAction.awb", action.getAwb()),
                customer == null
                        ? Optional.empty()
                        : text("ndrAction.customer.phone", customer.getPhone()),
                address == null
                        ? Optional.empty()
                        : firstOf(
                                text("ndrAction.customer.address.line1", address.getLine1()),
                                text("ndrAction.customer.address.line2", address.getLine2()),
                                text("ndrAction.customer.address.city", address.getCity()),
                                text("ndrAction.customer.address.state", address.getState()),
                                PINCODE.matcher(address.getPincode()).matches()
                                        ? Optional.empty()
                                        : Optional.of("ndrAction pincode is not six digits")));
    }

    /** Why a tracking scan is invalid, or empty when it is valid. */
    public static Optional<String> problemOf(TrackingScan scan) {
        return firstOf(
                identifier("tenantId", scan.getTenantId()),
                identifier("courier", scan.getCourier()),
                present("eventId", scan.getEventId()),
                present("awb", scan.getAwb()),
                present("rawCode", scan.getRawCode()),
                text("rawText", scan.getRawText()),
                scan.getLocation() == null
                        ? Optional.empty()
                        : firstOf(
                                text("location.hub", scan.getLocation().getHub()),
                                text("location.city", scan.getLocation().getCity()),
                                text("location.pincode", scan.getLocation().getPincode())));
    }

    /** Why an inventory event is invalid, or empty when it is valid. */
    public static Optional<String> problemOf(InventoryEvent event) {
        return firstOf(
                identifier("tenantId", event.getTenantId()),
                identifier("warehouseId", event.getWarehouseId()),
                present("eventId", event.getEventId()),
                present("sku", event.getSku()),
                event.getType() == InventoryEventType.UNKNOWN
                        ? Optional.of("unknown inventory event type")
                        : Optional.empty(),
                event.getType() != InventoryEventType.ADJUSTED && event.getQuantity() < 0
                        ? Optional.of(event.getType() + " quantity " + event.getQuantity() + " < 0")
                        : Optional.empty(),
                event.getLowStockThreshold() != null && event.getLowStockThreshold() < 0
                        ? Optional.of("negative low-stock threshold")
                        : Optional.empty(),
                event.getWarehousePincode() != null
                                && !PINCODE.matcher(event.getWarehousePincode()).matches()
                        ? Optional.of("warehouse pincode is not six digits")
                        : Optional.empty());
    }

    /** Why a courier's remittance is invalid, or empty when it is valid. */
    public static Optional<String> problemOf(Remittance remittance) {
        Optional<String> header =
                firstOf(
                        identifier("tenantId", remittance.getTenantId()),
                        identifier("courier", remittance.getCourier()),
                        present("eventId", remittance.getEventId()),
                        present("remittanceId", remittance.getRemittanceId()),
                        remittance.getLines().isEmpty()
                                ? Optional.of("remittance has no lines")
                                : Optional.empty(),
                        remittance.getLines().size() > MAX_REMITTANCE_LINES
                                ? Optional.of(
                                        "remittance has more than "
                                                + MAX_REMITTANCE_LINES
                                                + " lines")
                                : Optional.empty());
        if (header.isPresent()) {
            return header;
        }
        for (RemittanceLine line : remittance.getLines()) {
            Optional<String> awb = present("line awb", line.getAwb());
            if (awb.isPresent()) {
                return awb;
            }
            if (line.getAmountPaise() <= 0 || line.getAmountPaise() > MAX_LINE_PAISE) {
                return Optional.of(
                        "line " + line.getAwb() + " remits " + line.getAmountPaise() + " paise");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> detailsOf(OrderEvent event) {
        Object details = event.getDetails();
        Class<?> expected = expectedDetails(event.getType());
        if (expected == null) {
            return details == null
                    ? Optional.empty()
                    : Optional.of(event.getType() + " carries no details");
        }
        if (!expected.isInstance(details)) {
            return Optional.of(event.getType() + " needs " + expected.getSimpleName() + " details");
        }
        if (details instanceof OrderDetails order) {
            return problemOf(order);
        }
        if (details instanceof Refund refund && refund.getAmountPaise() <= 0) {
            return Optional.of("refund of " + refund.getAmountPaise() + " paise");
        }
        if (details instanceof Manifest manifest) {
            return firstOf(
                    identifier("courier", manifest.getCourier()),
                    present("awb", manifest.getAwb()));
        }
        return Optional.empty();
    }

    private static Class<?> expectedDetails(OrderEventType type) {
        return switch (type) {
            case PLACED, UPDATED -> OrderDetails.class;
            case MANIFESTED -> Manifest.class;
            case CANCELLED -> Cancellation.class;
            case RETURN_REQUESTED -> ReturnRequest.class;
            case REFUNDED -> Refund.class;
            case FEEDBACK -> Feedback.class;
            default -> null;
        };
    }

    private static Optional<String> problemOf(OrderDetails order) {
        if (order.getItems().isEmpty()) {
            return Optional.of("order has no items");
        }
        for (OrderItem item : order.getItems()) {
            Optional<String> itemText =
                    firstOf(present("item sku", item.getSku()), text("item name", item.getName()));
            if (itemText.isPresent()) {
                return itemText;
            }
            if (item.getQuantity() <= 0) {
                return Optional.of("item " + item.getSku() + " has quantity " + item.getQuantity());
            }
            if (item.getUnitPricePaise() < 0) {
                return Optional.of("item " + item.getSku() + " has a negative price");
            }
        }
        if (order.getAmountPaise() < 0) {
            return Optional.of("negative order amount");
        }
        if (order.getPaymentMode() == PaymentMode.UNKNOWN) {
            return Optional.of("unknown payment mode");
        }
        if (!PINCODE.matcher(order.getCustomer().getAddress().getPincode()).matches()) {
            return Optional.of("pincode is not six digits");
        }
        Optional<String> customerText = customerTextOf(order);
        if (customerText.isPresent()) {
            return customerText;
        }
        return present("warehouseId", order.getWarehouseId());
    }

    private static Optional<String> customerTextOf(OrderDetails order) {
        var customer = order.getCustomer();
        var address = customer.getAddress();
        return firstOf(
                text("customer name", customer.getName()),
                text("customer phone", customer.getPhone()),
                text("address line1", address.getLine1()),
                text("address line2", address.getLine2()),
                text("address city", address.getCity()),
                text("address state", address.getState()));
    }

    private static Optional<String> text(String field, String value) {
        return value != null && value.length() > MAX_TEXT_LENGTH
                ? Optional.of(field + " is longer than " + MAX_TEXT_LENGTH + " characters")
                : Optional.empty();
    }

    private static Optional<String> identifier(String field, String value) {
        return value != null && IDENTIFIER.matcher(value).matches()
                ? Optional.empty()
                : Optional.of(field + " must be 1-64 letters, digits, '_', '.' or '-'");
    }

    private static Optional<String> present(String field, String value) {
        if (value == null || value.isBlank()) {
            return Optional.of(field + " is blank");
        }
        return value.length() > MAX_ID_LENGTH
                ? Optional.of(field + " is longer than " + MAX_ID_LENGTH + " characters")
                : Optional.empty();
    }

    @SafeVarargs
    private static Optional<String> firstOf(Optional<String>... checks) {
        for (Optional<String> check : checks) {
            if (check.isPresent()) {
                return check;
            }
        }
        return Optional.empty();
    }
}
