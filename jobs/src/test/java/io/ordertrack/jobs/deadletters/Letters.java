package io.ordertrack.jobs.deadletters;

import io.ordertrack.avro.Address;
import io.ordertrack.avro.Customer;
import io.ordertrack.avro.Feedback;
import io.ordertrack.avro.OrderDetails;
import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.OrderEventType;
import io.ordertrack.avro.OrderItem;
import io.ordertrack.avro.Parcel;
import io.ordertrack.avro.PaymentMode;
import io.ordertrack.schemas.AvroCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** Dead letters and the personal data in them, for the dead-letters command's tests. */
final class Letters {
    static final Instant MORNING = Instant.parse("2026-12-03T08:00:00Z");
    static final Instant NOON = Instant.parse("2026-12-03T12:00:00Z");
    static final Instant EVENING = Instant.parse("2026-12-03T18:00:00Z");

    static final String NAME = "Priya Sharma";
    static final String PHONE = "+91 98765-43210";
    static final String STREET = "12 MG Road";
    static final String EMAIL = "priya.sharma@example.com";
    static final String COMMENT = "call Priya on 9876543210";

    private Letters() {}

    /** An order placed by a customer with a name, phone and address, and no warehouse. */
    static OrderEvent placedWithoutWarehouse(String clientOrderId) {
        OrderDetails details =
                OrderDetails.newBuilder()
                        .setCustomer(
                                new Customer(
                                        NAME,
                                        PHONE,
                                        new Address(
                                                STREET, null, "Bengaluru", "Karnataka", "560001")))
                        .setItems(List.of(new OrderItem("KURTA-M", "Kurta", 1, 79_900L)))
                        .setPaymentMode(PaymentMode.COD)
                        .setAmountPaise(79_900L)
                        .setParcel(new Parcel(30.0, 20.0, 5.0, 600))
                        .setWarehouseId("")
                        .build();
        return event(clientOrderId, OrderEventType.PLACED, details);
    }

    /** A customer's feedback, free text with her phone in it. */
    static OrderEvent feedback(String clientOrderId) {
        return event(clientOrderId, OrderEventType.FEEDBACK, new Feedback(2, COMMENT));
    }

    static byte[] encoded(OrderEvent event) {
        return AvroCodec.of(OrderEvent.class).encode(event);
    }

    /** An order document as Elasticsearch refused it. */
    static byte[] orderDocument() {
        return ("{\"orderId\":\"acme:SHOPIFY:1001\",\"customer\":{\"name\":\""
                        + NAME
                        + "\",\"phone\":\"9876543210\",\"address\":{\"line1\":\""
                        + STREET
                        + "\",\"pincode\":\"560001\"}},\"note\":\"mail "
                        + EMAIL
                        + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    static StoredLetter letter(
            int partition, long offset, Instant time, String source, String reason, byte[] value) {
        return new StoredLetter(
                new LetterId(partition, offset),
                time,
                source,
                0,
                offset,
                reason,
                "acme:SHOPIFY:1001".getBytes(StandardCharsets.UTF_8),
                value);
    }

    private static OrderEvent event(String clientOrderId, OrderEventType type, Object details) {
        return OrderEvent.newBuilder()
                .setEventId("event-" + clientOrderId + "-" + type)
                .setEventTime(MORNING)
                .setTenantId("acme")
                .setChannel("SHOPIFY")
                .setClientOrderId(clientOrderId)
                .setType(type)
                .setDetails(details)
                .build();
    }
}
