package io.ordertrack.local;

import io.ordertrack.avro.Address;
import io.ordertrack.avro.Customer;
import io.ordertrack.avro.Manifest;
import io.ordertrack.avro.NdrReason;
import io.ordertrack.avro.OrderDetails;
import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.OrderEventType;
import io.ordertrack.avro.OrderItem;
import io.ordertrack.avro.Parcel;
import io.ordertrack.avro.PaymentMode;
import io.ordertrack.avro.ScanLocation;
import io.ordertrack.avro.ShipmentStatus;
import io.ordertrack.avro.TrackingScan;
import io.ordertrack.documents.SellersTime;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Builders of the events of one order, as a channel, a warehouse and a courier would send them. The
 * hand-written end-to-end tests speak through these.
 */
public final class SampleOrders {

    private final String tenantId;
    private final String channel;
    private final String clientOrderId;

    private SampleOrders(String tenantId, String channel, String clientOrderId) {
        this.tenantId = tenantId;
        this.channel = channel;
        this.clientOrderId = clientOrderId;
    }

    /** The events of one order of a tenant on a channel. */
    public static SampleOrders order(String tenantId, String channel, String clientOrderId) {
        return new SampleOrders(tenantId, channel, clientOrderId);
    }

    /** A customer at a real destination. */
    public record Destination(
            String customerName,
            String phone,
            String line1,
            String city,
            String state,
            String pincode) {}

    /** An order placed with one line of {@code quantity} units of {@code sku}. */
    public OrderEvent placed(
            Instant at,
            Destination destination,
            String sku,
            int quantity,
            long unitPricePaise,
            PaymentMode paymentMode,
            String warehouseId) {
        OrderDetails details =
                OrderDetails.newBuilder()
                        .setCustomer(
                                new Customer(
                                        destination.customerName(),
                                        destination.phone(),
                                        new Address(
                                                destination.line1(),
                                                null,
                                                destination.city(),
                                                destination.state(),
                                                destination.pincode())))
                        .setItems(List.of(new OrderItem(sku, null, quantity, unitPricePaise)))
                        .setPaymentMode(paymentMode)
                        .setAmountPaise(unitPricePaise * quantity)
                        .setParcel(new Parcel(30.0, 20.0, 10.0, 800))
                        .setWarehouseId(warehouseId)
                        .setPromisedDeliveryDate(
                                LocalDate.ofInstant(at, SellersTime.ZONE).plusDays(5))
                        .build();
        return event(at, OrderEventType.PLACED, details);
    }

    /**
     * A stage event that carries no details: confirmed, picked, packed, label scanned, dispatched.
     */
    public OrderEvent stage(Instant at, OrderEventType type) {
        return event(at, type, null);
    }

    /** The courier and AWB assigned to the order. */
    public OrderEvent manifested(Instant at, String courier, String awb) {
        return event(at, OrderEventType.MANIFESTED, new Manifest(courier, awb));
    }

    /** A courier scan of the order's shipment, with the courier's own code. */
    public TrackingScan scan(
            Instant at,
            String courier,
            String awb,
            ShipmentStatus status,
            String rawCode,
            String hub) {
        return scanBuilder(at, courier, awb, status, rawCode)
                .setLocation(new ScanLocation(hub, null, null))
                .build();
    }

    /** A failed delivery attempt with its reason. */
    public TrackingScan failedDelivery(
            Instant at, String courier, String awb, NdrReason reason, String rawCode) {
        return scanBuilder(at, courier, awb, ShipmentStatus.DELIVERY_FAILED, rawCode)
                .setNdrReason(reason)
                .build();
    }

    private TrackingScan.Builder scanBuilder(
            Instant at, String courier, String awb, ShipmentStatus status, String rawCode) {
        return TrackingScan.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setEventTime(at)
                .setTenantId(tenantId)
                .setCourier(courier)
                .setAwb(awb)
                .setStatus(status)
                .setRawCode(rawCode)
                .setRawText(status.name().replace('_', ' ').toLowerCase(java.util.Locale.ROOT));
    }

    private OrderEvent event(Instant at, OrderEventType type, Object details) {
        return OrderEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setEventTime(at)
                .setTenantId(tenantId)
                .setChannel(channel)
                .setClientOrderId(clientOrderId)
                .setType(type)
                .setDetails(details)
                .build();
    }
}
