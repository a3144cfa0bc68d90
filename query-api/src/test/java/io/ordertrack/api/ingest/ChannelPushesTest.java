package io.ordertrack.api.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ordertrack.api.ingest.PushFormat.SourceKind;
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
import io.ordertrack.avro.RefundRefusal;
import io.ordertrack.avro.ReturnInspection;
import io.ordertrack.schemas.EventValidation;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChannelPushesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = PushSignaturesTest.ACME_SECRET;
    private static final IngestSources SOURCES =
            IngestSources.parse(
                    "channel shopify shopify acme "
                            + SECRET
                            + " WH-BLR-1\nchannel woocommerce ordertrack acme "
                            + SECRET
                            + " WH-BLR-1");
    private static final IngestSource SHOPIFY = SOURCES.of(SourceKind.CHANNEL, "shopify").get(0);
    private static final IngestSource WOOCOMMERCE =
            SOURCES.of(SourceKind.CHANNEL, "woocommerce").get(0);

    /** Modelled on Shopify's order resource, as its orders/create webhook sends it. */
    static final String SHOPIFY_ORDER =
            """
            {"id": 820982911946154508, "name": "#1001",
             "created_at": "2026-12-06T10:15:00+05:30", "updated_at": "2026-12-06T11:00:00+05:30",
             "cancelled_at": null, "cancel_reason": null,
             "currency": "INR", "total_price": "1198.00", "financial_status": "pending",
             "payment_gateway_names": ["Cash on Delivery (COD)"], "total_weight": 850,
             "phone": null,
             "shipping_address": {"first_name": "Asha", "last_name": "Rao",
                                  "address1": "14 Residency Road", "address2": "Flat 3B",
                                  "city": "Bengaluru", "province": "Karnataka", "zip": "560 025",
                                  "phone": "+91 98765-43210", "country_code": "IN"},
             "line_items": [{"sku": "TSHIRT-M", "title": "Cotton T-shirt", "quantity": 2,
                             "price": "499.00"},
                            {"sku": "SOCKS", "title": "Socks", "quantity": 1, "price": "200.00"}]}
            """;

    @Test
    void aShopifyOrderIsPlacedWithItsCustomerItemsAmountsAndTheSourcesWarehouse() throws Exception {
        OrderEvent event =
                ChannelPushes.eventOf(SHOPIFY, "wh_shop_1", null, JSON.readTree(SHOPIFY_ORDER));

        assertThat(event)
                .isEqualTo(
                        OrderEvent.newBuilder()
                                .setEventId("wh_shop_1")
                                .setEventTime(Instant.parse("2026-12-06T04:45:00Z"))
                                .setTenantId("acme")
                                .setChannel("SHOPIFY")
                                .setClientOrderId("#1001")
                                .setType(OrderEventType.PLACED)
                                .setNdrAction(null)
                                .setDetails(
                                        OrderDetails.newBuilder()
                                                .setCustomer(
                                                        new Customer(
                                                                "Asha Rao",
                                                                "+91 98765-43210",
                                                                new Address(
                                                                        "14 Residency Road",
                                                                        "Flat 3B",
                                                                        "Bengaluru",
                                                                        "Karnataka",
                                                                        "560025")))
                                                .setItems(
                                                        List.of(
                                                                new OrderItem(
                                                                        "TSHIRT-M",
                                                                        "Cotton T-shirt",
                                                                        2,
                                                                        49_900L),
                                                                new OrderItem(
                                                                        "SOCKS", "Socks", 1,
                                                                        20_000L)))
                                                .setPaymentMode(PaymentMode.COD)
                                                .setAmountPaise(119_800L)
                                                .setCurrency("INR")
                                                .setParcel(new Parcel(0.0, 0.0, 0.0, 850))
                                                .setWarehouseId("WH-BLR-1")
                                                .setPromisedDeliveryDate(null)
                                                .build())
                                .build());
        assertThat(EventValidation.problemOf(event)).isEmpty();
    }

    @Test
    void theShopifyTopicSaysUpdatedOrCancelledAndAnyOtherIsUnmappable() throws Exception {
        OrderEvent updated =
                ChannelPushes.eventOf(
                        SHOPIFY,
                        "wh_shop_2",
                        "orders/updated",
                        JSON.readTree(
                                SHOPIFY_ORDER.replace(
                                        "\"payment_gateway_names\": [\"Cash on Delivery (COD)\"]",
                                        "\"payment_gateway_names\": [\"razorpay\"]")));
        OrderEvent cancelled =
                ChannelPushes.eventOf(
                        SHOPIFY,
                        "wh_shop_3",
                        "orders/cancelled",
                        JSON.readTree(
                                SHOPIFY_ORDER
                                        .replace(
                                                "\"cancelled_at\": null",
                                                "\"cancelled_at\": \"2026-12-06T12:00:00+05:30\"")
                                        .replace(
                                                "\"cancel_reason\": null",
                                                "\"cancel_reason\": \"customer\"")));

        assertThat(updated.getType()).isEqualTo(OrderEventType.UPDATED);
        assertThat(updated.getEventTime()).isEqualTo(Instant.parse("2026-12-06T05:30:00Z"));
        assertThat(((OrderDetails) updated.getDetails()).getPaymentMode())
                .isEqualTo(PaymentMode.PREPAID);
        assertThat(cancelled.getType()).isEqualTo(OrderEventType.CANCELLED);
        assertThat(cancelled.getDetails()).isEqualTo(new Cancellation("customer"));
        assertThatThrownBy(
                        () ->
                                ChannelPushes.eventOf(
                                        SHOPIFY,
                                        "wh_shop_4",
                                        "products/create",
                                        JSON.readTree(SHOPIFY_ORDER)))
                .isInstanceOf(Unmappable.class)
                .hasMessageContaining("'products/create'");
    }

    @Test
    void aWarehousesCheckOfAReturnAndARefusedRefundArePushedInOrdertracksOwnJson()
            throws Exception {
        OrderEvent inspected =
                ChannelPushes.eventOf(
                        WOOCOMMERCE,
                        "wc_r1",
                        null,
                        JSON.readTree(
                                """
                                {"type": "RETURN_INSPECTED", "clientOrderId": "7001",
                                 "eventTime": "2026-12-09T11:00:00Z",
                                 "passed": false, "note": "tags removed"}
                                """));
        OrderEvent refused =
                ChannelPushes.eventOf(
                        WOOCOMMERCE,
                        "wc_r2",
                        null,
                        JSON.readTree(
                                """
                                {"type": "REFUND_REFUSED", "clientOrderId": "7001",
                                 "eventTime": "2026-12-09T12:00:00Z", "reason": "used goods"}
                                """));

        assertThat(inspected.getInspection())
                .isEqualTo(new ReturnInspection(false, "tags removed"));
        assertThat(EventValidation.problemOf(inspected)).isEmpty();
        assertThat(refused.getRefusal()).isEqualTo(new RefundRefusal("used goods"));
        assertThat(EventValidation.problemOf(refused)).isEmpty();
        assertThatThrownBy(
                        () ->
                                ChannelPushes.eventOf(
                                        WOOCOMMERCE,
                                        "wc_r3",
                                        null,
                                        JSON.readTree(
                                                "{\"type\": \"RETURN_INSPECTED\","
                                                    + " \"clientOrderId\": \"7001\", \"eventTime\":"
                                                    + " \"2026-12-09T11:00:00Z\", \"passed\":"
                                                    + " \"yes\"}")))
                .isInstanceOf(Unmappable.class)
                .hasMessage("passed must be true or false");
    }

    @Test
    void ordertracksOwnJsonCarriesEveryChannelEvent() throws Exception {
        OrderEvent placed =
                ChannelPushes.eventOf(
                        WOOCOMMERCE,
                        "wc_1",
                        null,
                        JSON.readTree(
                                """
                                {"type": "PLACED", "clientOrderId": "7001",
                                 "eventTime": "2026-12-06T09:00:00Z",
                                 "order": {"customer": {"name": "Ravi Kumar", "phone": "9876543210",
                                             "address": {"line1": "2 MG Road", "city": "Pune",
                                                         "state": "Maharashtra", "pincode": "411001"}},
                                           "items": [{"sku": "MUG", "quantity": 1,
                                                      "unitPricePaise": 34900}],
                                           "paymentMode": "PREPAID", "amountPaise": 34900,
                                           "parcel": {"lengthCm": 12, "breadthCm": 10,
                                                      "heightCm": 10, "weightGrams": 400},
                                           "promisedDeliveryDate": "2026-12-10"}}
                                """));
        OrderEvent manifested =
                ChannelPushes.eventOf(
                        WOOCOMMERCE,
                        "wc_2",
                        null,
                        JSON.readTree(
                                """
                                {"type": "MANIFESTED", "clientOrderId": "7001",
                                 "eventTime": "2026-12-06T15:00:00+05:30",
                                 "manifest": {"courier": "bluedart", "awb": "BD778899"}}
                                """));

        assertThat(placed.getChannel()).isEqualTo("WOOCOMMERCE");
        OrderDetails details = (OrderDetails) placed.getDetails();
        assertThat(details.getWarehouseId()).isEqualTo("WH-BLR-1");
        assertThat(details.getPromisedDeliveryDate()).isEqualTo(LocalDate.of(2026, 12, 10));
        assertThat(details.getParcel()).isEqualTo(new Parcel(12.0, 10.0, 10.0, 400));
        assertThat(EventValidation.problemOf(placed)).isEmpty();
        assertThat(manifested.getDetails()).isEqualTo(new Manifest("BLUEDART", "BD778899"));
        assertThat(manifested.getEventTime()).isEqualTo(Instant.parse("2026-12-06T09:30:00Z"));
        assertThatThrownBy(
                        () ->
                                ChannelPushes.eventOf(
                                        WOOCOMMERCE,
                                        "wc_3",
                                        null,
                                        JSON.readTree(
                                                "{\"type\": \"NDR_ACTION\", \"clientOrderId\":"
                                                        + " \"7001\", \"eventTime\":"
                                                        + " \"2026-12-06T09:00:00Z\"}")))
                .isInstanceOf(Unmappable.class)
                .hasMessage("NDR_ACTION is not an event a channel sends");
        assertThatThrownBy(
                        () ->
                                ChannelPushes.eventOf(
                                        WOOCOMMERCE,
                                        "wc_4",
                                        null,
                                        JSON.readTree("{\"type\": \"SHIPPED\"}")))
                .isInstanceOf(Unmappable.class)
                .hasMessage("type is not an order event type");
    }
}
