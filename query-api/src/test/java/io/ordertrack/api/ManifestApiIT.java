package io.ordertrack.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordertrack.api.security.ApiKeys;
import io.ordertrack.testkit.PdfText;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Courier manifests against the real Elasticsearch: one seller's parcels that left one warehouse
 * with one courier on one day in India, and no other, as JSON, CSV and a PDF read back by another
 * program (poppler's pdftotext) — every AWB and the totals the courier signs for.
 */
class ManifestApiIT {
    private static final String ACME_KEY = "acme-key";
    private static final String ALL_KEY = "all-key";
    private static final String MANIFEST =
            "/api/manifests?warehouse=WH-BLR-1&courier=DELHIVERY&day=2026-03-01";

    /** 00:30 on 1 March in India: the day's first minutes, still 28 February in UTC. */
    private static final Instant JUST_AFTER_MIDNIGHT = Instant.parse("2026-02-28T19:00:00Z");

    @RegisterExtension static final TestApi testApi = new TestApi();
    private static ApiClient api;
    private static final List<String> MANIFESTED = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        TestApi.Indices indices = testApi.newIndices();
        List<ObjectNode> orders = new ArrayList<>();
        // Acme's parcels from WH-BLR-1 with Delhivery on 1 March (India): 3 COD, 2 prepaid.
        orders.add(parcel("acme", "1001", "AWB1001", JUST_AFTER_MIDNIGHT).build());
        orders.add(
                parcel("acme", "1002", "AWB1002", at("05:00"))
                        .amountAndWeight(149_950, 1_250)
                        .build());
        orders.add(parcel("acme", "1003", "AWB1003", at("06:00")).prepaid().build());
        orders.add(
                parcel("acme", "=1004", "AWB1004", at("07:00"))
                        .destination("Hosur, Krishnagiri", "635109")
                        .build());
        orders.add(parcel("acme", "1005", "AWB1005", at("18:25")).prepaid().build());
        orders.forEach(order -> MANIFESTED.add(order.path("awb").asText()));
        // Not on it: the next day in India, another courier, another warehouse, another seller,
        // and an order not yet handed over.
        orders.add(
                parcel("acme", "2001", "AWB2001", Instant.parse("2026-03-01T18:31:00Z")).build());
        orders.add(
                OrderDocuments.order("acme", "WEB", "2002")
                        .shipment("BLUEDART", "AWB2002")
                        .handedOver("WH-BLR-1", at("09:00"))
                        .build());
        orders.add(
                OrderDocuments.order("acme", "WEB", "2003")
                        .shipment("DELHIVERY", "AWB2003")
                        .handedOver("WH-DEL-1", at("09:00"))
                        .build());
        orders.add(parcel("globex", "2004", "AWB2004", at("09:00")).build());
        orders.add(
                OrderDocuments.order("acme", "WEB", "2005")
                        .shipment("DELHIVERY", "AWB2005")
                        .build());
        // A busy day of another courier: sixty parcels, more than one printed page.
        for (int i = 0; i < 60; i++) {
            orders.add(
                    OrderDocuments.order("acme", "WEB", "3" + String.format("%03d", i))
                            .shipment("XPRESSBEES", "XB" + String.format("%06d", i))
                            .handedOver("WH-BLR-1", at("10:00").plusSeconds(i))
                            .build());
        }
        TestIndices.index(
                testApi.elasticsearch(), indices.orders(), orders, o -> o.path("orderId").asText());
        api =
                testApi.start(
                        indices,
                        TestApi.keys(
                                Map.of(
                                        ACME_KEY,
                                        "acme",
                                        "globex-key",
                                        "globex",
                                        ALL_KEY,
                                        ApiKeys.ALL_TENANTS_MARKER)));
    }

    @Test
    void theManifestListsTheSellersParcelsHandedToTheCourierThatDayInTheOrderTheyLeft() {
        ApiClient.Answer answer = api.get(MANIFEST, ACME_KEY);

        assertThat(answer.status()).isEqualTo(200);
        JsonNode manifest = answer.body();
        assertThat(manifest.path("parcels").findValuesAsText("awb"))
                .containsExactlyElementsOf(MANIFESTED);
        JsonNode totals = manifest.path("totals");
        assertThat(totals.path("parcels").asInt()).isEqualTo(5);
        assertThat(totals.path("items").asInt()).isEqualTo(10);
        assertThat(totals.path("codParcels").asInt()).isEqualTo(3);
        assertThat(totals.path("codPaise").asLong()).isEqualTo(99_800 + 149_950 + 99_800);
        assertThat(manifest.path("parcels").get(1).path("weightGrams").asInt()).isEqualTo(1_250);
        assertThat(manifest.toString()).doesNotContain("Asha", "9876543210", "MG Road");
        assertThat(api.get(MANIFEST, "globex-key").body().path("parcels").findValuesAsText("awb"))
                .as("another seller sees its own parcels only")
                .containsExactly("AWB2004");
    }

    @Test
    void asCsvEachParcelIsARowAndTheTotalsTheLast() {
        HttpResponse<String> csv = api.getText(MANIFEST + "&format=csv", ACME_KEY);

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
        assertThat(csv.headers().firstValue("Content-Disposition"))
                .contains("attachment; filename=\"manifest-DELHIVERY-WH-BLR-1-2026-03-01.csv\"");
        List<String> rows = csv.body().lines().toList();
        assertThat(rows).hasSize(7);
        assertThat(rows.get(0)).startsWith("awb,order,channel,destination_city,pincode,items");
        assertThat(rows.get(1)).startsWith("AWB1001,1001,WEB,Bengaluru,560001,2,,COD,998.00,");
        assertThat(rows.get(4))
                .as("a cell that looks like a formula, and one with a comma")
                .startsWith("AWB1004,'=1004,WEB,\"Hosur, Krishnagiri\",635109,");
        assertThat(rows.get(6)).isEqualTo("TOTAL,5 parcels,,,,10,1250,3 COD,3495.50,");
    }

    @Test
    void asPdfAnotherReaderFindsEveryAwbAndTheTotals() {
        HttpResponse<byte[]> pdf = api.getBytes(MANIFEST + "&format=pdf", ACME_KEY);

        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).contains("application/pdf");
        String text = PdfText.of(pdf.body());
        assertThat(text)
                .contains(MANIFESTED)
                .contains("Manifest: DELHIVERY pickup at WH-BLR-1")
                .contains("Pickup day 1 March 2026")
                .contains("Total: 5 parcels")
                .contains("3 COD")
                .contains("3,495.50")
                .contains("Received by (courier)")
                .doesNotContain("AWB2001", "AWB2002", "AWB2003", "AWB2004", "AWB2005");
        assertThat(text).contains("00:30").as("handed over in India's time");
        assertThat(lineWith(text, "AWB1002")).contains("1.250").contains("1,499.50");

        String busy =
                PdfText.of(
                        api.getBytes(
                                        MANIFEST.replace("DELHIVERY", "XPRESSBEES") + "&format=pdf",
                                        ACME_KEY)
                                .body());
        for (int i = 0; i < 60; i++) {
            assertThat(busy).contains("XB" + String.format("%06d", i));
        }
        assertThat(busy).contains("Total: 60 parcels").contains("page 2");
        assertThat(busy.split("AWB", -1).length - 1)
                .as("the table's header is repeated on every page")
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void aRequestThatNamesNoManifestIsRefusedNamingWhatIsMissing() {
        assertThat(
                        api.get("/api/manifests?courier=DELHIVERY&day=2026-03-01", ACME_KEY)
                                .body()
                                .path("parameter")
                                .asText())
                .isEqualTo("warehouse");
        assertThat(
                        api.get(MANIFEST.replace("2026-03-01", "1-3-2026"), ACME_KEY)
                                .body()
                                .path("parameter")
                                .asText())
                .isEqualTo("day");
        assertThat(api.get(MANIFEST + "&format=xls", ACME_KEY).status()).isEqualTo(400);
        assertThat(api.get(MANIFEST, ALL_KEY).body().path("parameter").asText())
                .isEqualTo("tenant");
        assertThat(
                        api.get(MANIFEST + "&tenant=acme", ALL_KEY)
                                .body()
                                .path("totals")
                                .path("parcels")
                                .asInt())
                .isEqualTo(5);
        assertThat(api.get(MANIFEST, null).status()).isEqualTo(401);
    }

    private static OrderDocuments.Builder parcel(
            String tenant, String order, String awb, Instant at) {
        return OrderDocuments.order(tenant, "WEB", order)
                .shipment("DELHIVERY", awb)
                .handedOver("WH-BLR-1", at);
    }

    /** A time on 1 March 2026 in India. */
    private static Instant at(String time) {
        return Instant.parse("2026-03-01T" + time + ":00+05:30");
    }

    private static String lineWith(String text, String needle) {
        return text.lines().filter(line -> line.contains(needle)).findFirst().orElse("");
    }
}
