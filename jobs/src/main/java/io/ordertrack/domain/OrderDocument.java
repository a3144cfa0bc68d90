package io.ordertrack.domain;

import io.ordertrack.avro.Address;
import io.ordertrack.avro.OrderDetails;
import io.ordertrack.avro.OrderState;
import io.ordertrack.avro.Parcel;
import io.ordertrack.avro.TimelineEntry;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/**
 * The live view of one order, as indexed into the {@code orders} index (id = order id). Its field
 * names are those of the index mapping ({@code elasticsearch/orders-index.json}).
 */
public record OrderDocument(
        String orderId,
        String tenantId,
        String channel,
        String clientOrderId,
        Customer customer,
        List<Item> items,
        List<String> skus,
        String paymentMode,
        Long amountPaise,
        String currency,
        ParcelSize parcel,
        String warehouseId,
        LocalDate promisedDeliveryDate,
        String stage,
        String shipmentStatus,
        String bucket,
        List<String> flags,
        String courier,
        String awb,
        Instant placedAt,
        Instant lastEventAt,
        long version,
        List<Step> timeline) {

    /** The customer, with the phone in its normalised ten-digit form. */
    public record Customer(String name, String phone, Place address) {}

    public record Place(String line1, String line2, String city, String state, String pincode) {}

    public record Item(String sku, String name, int quantity, long unitPricePaise) {}

    public record ParcelSize(double lengthCm, double breadthCm, double heightCm, int weightGrams) {}

    /** One event in the order's history, in event-time order. */
    public record Step(Instant at, String source, String code, String detail, String location) {}

    /** The document of an order in its current state. */
    public static OrderDocument of(OrderState order) {
        OrderDetails details = order.getDetails();
        return new OrderDocument(
                order.getOrderId(),
                order.getTenantId(),
                order.getChannel(),
                order.getClientOrderId(),
                details == null ? null : customerOf(details),
                details == null ? List.of() : itemsOf(details),
                details == null ? List.of() : skusOf(details),
                details == null ? null : details.getPaymentMode().name(),
                details == null ? null : details.getAmountPaise(),
                details == null ? null : details.getCurrency(),
                details == null ? null : parcelOf(details.getParcel()),
                details == null ? null : details.getWarehouseId(),
                details == null ? null : details.getPromisedDeliveryDate(),
                order.getStage().name(),
                order.getShipmentStatus() == null ? null : order.getShipmentStatus().name(),
                Bucket.of(order).name(),
                order.getCourierError() ? List.of("COURIER_ERROR") : List.of(),
                order.getCourier(),
                order.getAwb(),
                order.getPlacedAt(),
                order.getLastEventAt(),
                order.getVersion(),
                timelineOf(order.getTimeline()));
    }

    private static Customer customerOf(OrderDetails details) {
        Address address = details.getCustomer().getAddress();
        return new Customer(
                details.getCustomer().getName(),
                PhoneNumbers.normalise(details.getCustomer().getPhone()),
                new Place(
                        address.getLine1(),
                        address.getLine2(),
                        address.getCity(),
                        address.getState(),
                        address.getPincode()));
    }

    private static List<Item> itemsOf(OrderDetails details) {
        return details.getItems().stream()
                .map(i -> new Item(i.getSku(), i.getName(), i.getQuantity(), i.getUnitPricePaise()))
                .toList();
    }

    private static List<String> skusOf(OrderDetails details) {
        return details.getItems().stream().map(i -> i.getSku()).distinct().toList();
    }

    private static ParcelSize parcelOf(Parcel parcel) {
        return new ParcelSize(
                parcel.getLengthCm(),
                parcel.getBreadthCm(),
                parcel.getHeightCm(),
                parcel.getWeightGrams());
    }

    private static List<Step> timelineOf(List<TimelineEntry> entries) {
        return entries.stream()
                .sorted(Comparator.comparing(TimelineEntry::getAt))
                .map(
                        e ->
                                new Step(
                                        e.getAt(),
                                        e.getSource(),
                                        e.getCode(),
                                        e.getDetail(),
                                        e.getLocation()))
                .toList();
    }
}
