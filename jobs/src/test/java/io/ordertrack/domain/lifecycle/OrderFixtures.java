package io.ordertrack.domain.lifecycle;

import io.ordertrack.avro.Address;
import io.ordertrack.avro.Cancellation;
import io.ordertrack.avro.Customer;
import io.ordertrack.avro.Manifest;
import io.ordertrack.avro.OrderDetails;
import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.OrderEventType;
import io.ordertrack.avro.OrderItem;
import io.ordertrack.avro.OrderState;
import io.ordertrack.avro.Parcel;
import io.ordertrack.avro.PaymentMode;
import io.ordertrack.avro.ShipmentStatus;
import io.ordertrack.avro.TrackingScan;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Named instants and builders of one order's events. */
public final class OrderFixtures {
    public static final Instant PLACED_AT = Instant.parse("2026-11-20T04:30:00Z");
    public static final String TENANT = "acme-fashion";
    public static final String ORDER_ID = "acme-fashion:SHOPIFY:1001";
    public static final String COURIER = "DELHIVERY";
    public static final String AWB = "DL1001";

    private static int nextEventId;

    private OrderFixtures() {}

    public static Instant hoursLater(int hours) {
        return PLACED_AT.plus(Duration.ofHours(hours));
    }

    public static OrderState newOrder() {
        return OrderLifecycle.newOrder(ORDER_ID, TENANT, "SHOPIFY", "1001");
    }

    public static OrderDetails details(String phone, int quantity) {
        return OrderDetails.newBuilder()
                .setCustomer(
                        new Customer(
                                "Priya Sharma",
                                phone,
                                new Address(
                                        "12 MG Road", null, "Bengaluru", "Karnataka", "560001")))
                .setItems(List.of(new OrderItem("KURTA-M", "Kurta", quantity, 79_900L)))
                .setPaymentMode(PaymentMode.COD)
                .setAmountPaise(79_900L * quantity)
                .setParcel(new Parcel(30.0, 20.0, 5.0, 600))
                .setWarehouseId("WH-BLR-1")
                .build();
    }

    public static OrderEvent placed(Instant at) {
        return event(OrderEventType.PLACED, at, details("+91 98765-43210", 1));
    }

    public static OrderEvent stage(OrderEventType type, Instant at) {
        return event(type, at, null);
    }

    public static OrderEvent manifested(Instant at) {
        return event(OrderEventType.MANIFESTED, at, new Manifest(COURIER, AWB));
    }

    public static OrderEvent cancelled(Instant at) {
        return event(OrderEventType.CANCELLED, at, new Cancellation("customer changed mind"));
    }

    public static OrderEvent event(OrderEventType type, Instant at, Object details) {
        return OrderEvent.newBuilder()
                .setEventId("order-event-" + nextEventId++)
                .setEventTime(at)
                .setTenantId(TENANT)
                .setChannel("SHOPIFY")
                .setClientOrderId("1001")
                .setType(type)
                .setDetails(details)
                .build();
    }

    public static TrackingScan scan(ShipmentStatus status, Instant at) {
        return TrackingScan.newBuilder()
                .setEventId("scan-" + nextEventId++)
                .setEventTime(at)
                .setTenantId(TENANT)
                .setCourier(COURIER)
                .setAwb(AWB)
                .setStatus(status)
                .setRawCode(status == null ? "X-99" : status.name())
                .setRawText("courier says so")
                .build();
    }

    public static TrackingScan failed(io.ordertrack.avro.NdrReason reason, Instant at) {
        TrackingScan scan = scan(ShipmentStatus.DELIVERY_FAILED, at);
        scan.setNdrReason(reason);
        return scan;
    }

    /** A scan with only the courier's raw code, as courier feeds send them. */
    public static TrackingScan rawScan(String rawCode, Instant at) {
        TrackingScan scan = scan(null, at);
        scan.setRawCode(rawCode);
        return scan;
    }
}
