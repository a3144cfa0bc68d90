package io.ordertrack.api.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ordertrack.api.elasticsearch.ElasticsearchClients;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ParcelTrackingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An order document as the job writes it, out for delivery. */
    static final String ORDER =
            """
            {"orderId": "acme:SHOPIFY:#1001", "tenantId": "acme", "channel": "SHOPIFY",
             "clientOrderId": "#1001",
             "customer": {"name": "Asha Rao", "phone": "9876543210",
                          "address": {"line1": "14 Residency Road", "line2": "Flat 3B",
                                      "city": "Bengaluru", "state": "Karnataka",
                                      "pincode": "560025"}},
             "stage": "DISPATCHED", "shipmentStatus": "OUT_FOR_DELIVERY",
             "courier": "DELHIVERY", "awb": "1490810000123",
             "placedAt": "2026-12-03T04:45:00Z", "promisedDeliveryDate": "2026-12-06",
             "deliveryEstimate": {"expectedAt": "2026-12-06T10:30:00Z",
                                  "earliest": "2026-12-06T06:00:00Z",
                                  "latest": "2026-12-06T14:00:00Z", "lane": "DELHIVERY 560"},
             "milestones": {"OUT_FOR_DELIVERY": "2026-12-06T03:00:00Z"},
             "risk": {"score": 71, "reasons": ["COD to a PIN code with many returns"]},
             "timeline": [
               {"at": "2026-12-03T04:45:00Z", "source": "ORDER", "code": "PLACED"},
               {"at": "2026-12-03T09:00:00Z", "source": "ORDER", "code": "UPDATED",
                "detail": "address changed"},
               {"at": "2026-12-04T06:00:00Z", "source": "ORDER", "code": "DISPATCHED"},
               {"at": "2026-12-04T12:00:00Z", "source": "SCAN", "code": "IN_TRANSIT",
                "detail": "Bag received, rider Ramesh 98450 12345", "location": "Nagpur hub"},
               {"at": "2026-12-05T20:00:00Z", "source": "SCAN", "code": "AT_DESTINATION_HUB",
                "location": "Bangalore_Nelmngla_H (Bengaluru)"},
               {"at": "2026-12-05T21:00:00Z", "source": "SCAN", "code": "UNMAPPED",
                "detail": "ZX-42"},
               {"at": "2026-12-06T03:00:00Z", "source": "SCAN", "code": "OUT_FOR_DELIVERY",
                "location": "BLR_Koramangala_DC"}]}
            """;

    @Test
    void theCheckIsTheLastFourDigitsOfThePhoneOrThePinCode() throws Exception {
        JsonNode order = JSON.readTree(ORDER);

        assertThat(ParcelTracking.passes(order, "3210")).isTrue();
        assertThat(ParcelTracking.passes(order, "560025")).isTrue();
        assertThat(ParcelTracking.passes(order, "3211")).isFalse();
        assertThat(ParcelTracking.passes(order, "560001")).isFalse();
        assertThat(ParcelTracking.passes(JSON.readTree("{\"customer\": {}}"), "0000")).isFalse();
    }

    @Test
    void theCustomerSeesStatusExpectedDeliveryAndCityLevelStepsOnly() throws Exception {
        TrackedParcel parcel = ParcelTracking.viewOf(JSON.readTree(ORDER));

        assertThat(parcel.orderNumber()).isEqualTo("#1001");
        assertThat(parcel.status()).isEqualTo(CustomerStatus.OUT_FOR_DELIVERY);
        assertThat(parcel.statusText()).isEqualTo("Out for delivery today");
        assertThat(parcel.promisedDeliveryDate()).isEqualTo(LocalDate.of(2026, 12, 6));
        assertThat(parcel.expectedDelivery().at()).isEqualTo(Instant.parse("2026-12-06T10:30:00Z"));
        assertThat(parcel.destinationCity()).isEqualTo("Bengaluru");
        assertThat(parcel.steps())
                .containsExactly(
                        new TrackedParcel.Step(
                                Instant.parse("2026-12-03T04:45:00Z"), "Order placed", null),
                        new TrackedParcel.Step(
                                Instant.parse("2026-12-04T06:00:00Z"),
                                "Handed to the courier",
                                null),
                        new TrackedParcel.Step(
                                Instant.parse("2026-12-04T12:00:00Z"), "In transit", "Nagpur"),
                        new TrackedParcel.Step(
                                Instant.parse("2026-12-05T20:00:00Z"),
                                "Reached the delivery hub",
                                "Bengaluru"),
                        new TrackedParcel.Step(
                                Instant.parse("2026-12-06T03:00:00Z"), "Out for delivery", null));
        String shown = ElasticsearchClients.objectMapper().writeValueAsString(parcel);
        assertThat(shown)
                .doesNotContain("Asha", "Residency", "Flat 3B", "9876543210", "3210", "560025")
                .doesNotContain("Ramesh", "98450", "address changed", "ZX-42", "Koramangala")
                .doesNotContain("risk", "acme", "71");
    }

    @Test
    void aDeliveredParcelShowsWhenAndNoLongerAnEstimate() throws Exception {
        JsonNode delivered =
                JSON.readTree(
                        ORDER.replace(
                                        "\"shipmentStatus\": \"OUT_FOR_DELIVERY\"",
                                        "\"shipmentStatus\": \"DELIVERED\"")
                                .replace(
                                        "\"milestones\": {",
                                        "\"milestones\": {\"DELIVERED\":"
                                                + " \"2026-12-06T08:12:00Z\", "));

        TrackedParcel parcel = ParcelTracking.viewOf(delivered);

        assertThat(parcel.status()).isEqualTo(CustomerStatus.DELIVERED);
        assertThat(parcel.deliveredAt()).isEqualTo(Instant.parse("2026-12-06T08:12:00Z"));
        assertThat(parcel.expectedDelivery()).isNull();
    }

    @Test
    void beforeShippingTheSellersStageSpeaksAndACancelledOrderSaysSo() throws Exception {
        assertThat(ParcelTracking.statusOf(JSON.readTree("{\"stage\": \"RECEIVED\"}")))
                .isEqualTo(CustomerStatus.ORDERED);
        assertThat(ParcelTracking.statusOf(JSON.readTree("{\"stage\": \"READY_TO_SHIP\"}")))
                .isEqualTo(CustomerStatus.PACKED);
        assertThat(
                        ParcelTracking.statusOf(
                                JSON.readTree(
                                        "{\"stage\": \"CANCELLED\", \"shipmentStatus\":"
                                                + " \"IN_TRANSIT\"}")))
                .isEqualTo(CustomerStatus.CANCELLED);
        assertThat(ParcelTracking.statusOf(JSON.readTree("{\"shipmentStatus\": \"LOST\"}")))
                .isEqualTo(CustomerStatus.HELD_UP);
    }
}
