package io.ordertrack.schemas;

import io.ordertrack.avro.Address;
import io.ordertrack.avro.Customer;
import io.ordertrack.avro.InventoryEvent;
import io.ordertrack.avro.InventoryEventType;
import io.ordertrack.avro.OrderDetails;
import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.OrderEventType;
import io.ordertrack.avro.OrderItem;
import io.ordertrack.avro.Parcel;
import io.ordertrack.avro.PaymentMode;
import io.ordertrack.avro.ScanLocation;
import io.ordertrack.avro.ShipmentStatus;
import io.ordertrack.avro.TrackingScan;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** One realistic record of each input topic, every optional field set. */
final class TopicSamples {
    static final Instant AT = Instant.parse("2026-11-20T09:15:00Z");

    private TopicSamples() {}

    static OrderEvent placedOrder() {
        Customer customer =
                Customer.newBuilder()
                        .setName("Asha Verma")
                        .setPhone("+91 98765-43210")
                        .setAddress(
                                Address.newBuilder()
                                        .setLine1("12 MG Road")
                                        .setLine2("Flat 4B")
                                        .setCity("Bengaluru")
                                        .setState("Karnataka")
                                        .setPincode("560001")
                                        .build())
                        .build();
        OrderDetails details =
                OrderDetails.newBuilder()
                        .setCustomer(customer)
                        .setItems(
                                List.of(
                                        OrderItem.newBuilder()
                                                .setSku("TSHIRT-M")
                                                .setName("Cotton T-shirt, M")
                                                .setQuantity(2)
                                                .setUnitPricePaise(49_900)
                                                .build()))
                        .setPaymentMode(PaymentMode.COD)
                        .setAmountPaise(99_800)
                        .setParcel(new Parcel(30.0, 20.0, 5.0, 400))
                        .setWarehouseId("BLR-1")
                        .setPromisedDeliveryDate(LocalDate.of(2026, 11, 25))
                        .build();
        return OrderEvent.newBuilder()
                .setEventId("ord-1")
                .setEventTime(AT)
                .setTenantId("acme")
                .setChannel("SHOPIFY")
                .setClientOrderId("1001")
                .setType(OrderEventType.PLACED)
                .setDetails(details)
                .build();
    }

    static TrackingScan scan() {
        return TrackingScan.newBuilder()
                .setEventId("scan-1")
                .setEventTime(AT)
                .setTenantId("acme")
                .setCourier("DELHIVERY")
                .setAwb("1490211234567")
                .setStatus(ShipmentStatus.IN_TRANSIT)
                .setRawCode("UD")
                .setRawText("Shipment in transit to Bhiwandi hub")
                .setLocation(new ScanLocation("Bhiwandi_HB", "Bhiwandi", "421302"))
                .build();
    }

    static InventoryEvent stockReceived() {
        return InventoryEvent.newBuilder()
                .setEventId("inv-1")
                .setEventTime(AT)
                .setTenantId("acme")
                .setSku("TSHIRT-M")
                .setWarehouseId("BLR-1")
                .setType(InventoryEventType.RECEIVED)
                .setQuantity(40)
                .setLowStockThreshold(5)
                .setWarehousePincode("560001")
                .build();
    }
}
