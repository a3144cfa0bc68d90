package io.ordertrack.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The COD view against the real Elasticsearch: a seller's parcels' cash totalled per courier —
 * collected, remitted, owed by days since delivery, overdue, mismatched, remitted but not delivered
 * — and listed oldest delivery first, filtered and paged; another seller's never.
 */
class CodApiIT {
    private static final String ACME_KEY = "acme-key";
    private static final Instant NOW = Instant.now();
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension static final TestApi testApi = new TestApi();
    private static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        TestApi.Indices indices = testApi.newIndices();
        List<ObjectNode> parcels = new ArrayList<>();
        parcels.add(
                parcel("acme", "DELHIVERY", "DL1", "PENDING", 79_900L, 0, hoursAgo(240))
                        .put("overdue", true));
        parcels.add(
                paid(
                        parcel("acme", "DELHIVERY", "DL2", "SHORT", 100_000L, 90_000, hoursAgo(48)),
                        "UTR-A",
                        90_000));
        parcels.add(
                paid(
                        parcel(
                                "acme",
                                "DELHIVERY",
                                "DL3",
                                "REMITTED",
                                50_000L,
                                50_000,
                                hoursAgo(120)),
                        "UTR-A",
                        50_000));
        parcels.add(parcel("acme", "BLUEDART", "BD4", "EXCESS", 30_000L, 40_000, hoursAgo(96)));
        parcels.add(parcel("acme", "BLUEDART", "BD5", "NOT_DELIVERED", null, 25_000, null));
        parcels.add(parcel("acme", "BLUEDART", "BD6", "PENDING", 60_000L, 0, hoursAgo(5)));
        parcels.add(parcel("globex", "DELHIVERY", "GX1", "PENDING", 999_900L, 0, hoursAgo(300)));
        TestIndices.index(
                testApi.elasticsearch(), indices.cod(), parcels, p -> p.path("parcelId").asText());
        api =
                testApi.start(
                        indices, TestApi.keys(Map.of(ACME_KEY, "acme", "globex-key", "globex")));
    }

    @Test
    void theSellersCashIsTotalledPerCourierAndOverAll() {
        ApiClient.Answer answer = api.get("/api/cod", ACME_KEY);

        assertThat(answer.status()).isEqualTo(200);
        JsonNode delhivery = row(answer.body(), "DELHIVERY");
        assertThat(delhivery.path("tenantId").asText()).isEqualTo("acme");
        assertThat(delhivery.path("parcels").asLong()).isEqualTo(3);
        assertThat(delhivery.path("collectedPaise").asLong()).isEqualTo(229_900);
        assertThat(delhivery.path("remittedPaise").asLong()).isEqualTo(140_000);
        assertThat(delhivery.path("owedPaise").asLong()).isEqualTo(89_900);
        assertThat(delhivery.path("owed").path("parcels").asLong()).isEqualTo(2);
        assertThat(delhivery.path("owed").path("ageing").path("OVER_SEVEN_DAYS").asLong())
                .isEqualTo(1);
        assertThat(delhivery.path("owed").path("ageing").path("ONE_TO_THREE_DAYS").asLong())
                .isEqualTo(1);
        assertThat(delhivery.path("overdue").path("parcels").asLong()).isEqualTo(1);
        assertThat(delhivery.path("overdue").path("owedPaise").asLong()).isEqualTo(79_900);
        assertThat(delhivery.path("shortPaid").path("differencePaise").asLong()).isEqualTo(-10_000);

        JsonNode bluedart = row(answer.body(), "BLUEDART");
        assertThat(bluedart.path("owed").path("ageing").path("UNDER_A_DAY").asLong()).isEqualTo(1);
        assertThat(bluedart.path("overPaid").path("parcels").asLong()).isEqualTo(1);
        assertThat(bluedart.path("overPaid").path("differencePaise").asLong()).isEqualTo(10_000);
        assertThat(bluedart.path("notDelivered").path("parcels").asLong()).isEqualTo(1);
        assertThat(bluedart.path("notDelivered").path("remittedPaise").asLong()).isEqualTo(25_000);
        assertThat(bluedart.path("states").path("NOT_DELIVERED").asLong()).isEqualTo(1);

        JsonNode total = answer.body().path("total");
        assertThat(total.path("parcels").asLong()).isEqualTo(6);
        assertThat(total.path("collectedPaise").asLong()).isEqualTo(319_900);
        assertThat(total.path("remittedPaise").asLong()).isEqualTo(205_000);
        assertThat(total.path("owedPaise").asLong()).isEqualTo(149_900);
        assertThat(answer.body().path("couriers")).hasSize(2);
        assertThat(answer.body().toString())
                .as("another seller's parcels")
                .doesNotContain("999900", "GX1");
    }

    @Test
    void theParcelsAreListedOldestDeliveryFirstPageByPage() {
        ApiClient.Answer first = api.get("/api/cod/parcels?size=4", ACME_KEY);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().path("total").asInt()).isEqualTo(6);
        assertThat(first.body().path("parcels").findValuesAsText("awb"))
                .containsExactly("DL1", "DL3", "BD4", "DL2");
        ApiClient.Answer second =
                api.get(
                        "/api/cod/parcels?size=4&after=" + first.body().path("next").asText(),
                        ACME_KEY);
        assertThat(second.body().path("parcels").findValuesAsText("awb"))
                .as("the parcel no delivery is known of last")
                .containsExactly("BD6", "BD5");
        assertThat(second.body().path("next").isNull()).isTrue();
    }

    @Test
    void theFiltersNarrowTotalsAndParcelsAlike() {
        assertThat(awbs("/api/cod/parcels?state=SHORT")).containsExactly("DL2");
        assertThat(awbs("/api/cod/parcels?overdue=true")).containsExactly("DL1");
        assertThat(awbs("/api/cod/parcels?remittanceId=UTR-A")).containsExactly("DL3", "DL2");
        assertThat(awbs("/api/cod/parcels?awb=BD4")).containsExactly("BD4");
        assertThat(awbs("/api/cod/parcels?courier=BLUEDART")).containsExactly("BD4", "BD6", "BD5");
        assertThat(awbs("/api/cod/parcels?awb=GX1")).as("another seller's parcel").isEmpty();
        ApiClient.Answer recent =
                api.get("/api/cod?from=" + NOW.minus(Duration.ofDays(3)), ACME_KEY);
        assertThat(recent.body().path("total").path("parcels").asLong())
                .as("delivered in the last three days")
                .isEqualTo(2);
        assertThat(api.get("/api/cod?courier=BLUEDART", ACME_KEY).body().path("couriers"))
                .singleElement()
                .satisfies(row -> assertThat(row.path("courier").asText()).isEqualTo("BLUEDART"));
    }

    @Test
    void aBadCodRequestIsAClear400AndNoKeyA401() {
        for (String bad :
                List.of(
                        "/api/cod?state=LOST",
                        "/api/cod?overdue=maybe",
                        "/api/cod?from=yesterday",
                        "/api/cod?bucket=LIVE",
                        "/api/cod/parcels?size=0",
                        "/api/cod/parcels?after=garbage")) {
            ApiClient.Answer answer = api.get(bad, ACME_KEY);
            assertThat(answer.status()).as(bad).isEqualTo(400);
            assertThat(answer.body().path("error").asText()).as(bad).isNotBlank();
        }
        assertThat(api.get("/api/cod", null).status()).isEqualTo(401);
    }

    private static List<String> awbs(String path) {
        ApiClient.Answer answer = api.get(path, ACME_KEY);
        assertThat(answer.status()).as(path).isEqualTo(200);
        return answer.body().path("parcels").findValuesAsText("awb");
    }

    private static JsonNode row(JsonNode answer, String courier) {
        for (JsonNode row : answer.path("couriers")) {
            if (row.path("courier").asText().equals(courier)) {
                return row;
            }
        }
        throw new AssertionError("no row of " + courier + " in " + answer);
    }

    private static Instant hoursAgo(int hours) {
        return NOW.minus(Duration.ofHours(hours));
    }

    /** A parcel's document as the job writes it. */
    private static ObjectNode parcel(
            String tenant,
            String courier,
            String awb,
            String state,
            Long expected,
            long remitted,
            Instant deliveredAt) {
        ObjectNode parcel = JSON.createObjectNode();
        parcel.put("parcelId", tenant + ":" + courier + ":" + awb);
        parcel.put("tenantId", tenant);
        parcel.put("courier", courier);
        parcel.put("awb", awb);
        parcel.put("state", state);
        parcel.put("remittedPaise", remitted);
        parcel.putArray("remittances");
        parcel.put("overdue", false);
        if (expected == null) {
            parcel.put("outstandingPaise", 0);
            return parcel;
        }
        parcel.put("orderId", tenant + ":SHOPIFY:" + awb);
        parcel.put("expectedPaise", expected);
        parcel.put("outstandingPaise", Math.max(0, expected - remitted));
        parcel.put("differencePaise", remitted - expected);
        parcel.put("deliveredAt", deliveredAt.toString());
        parcel.put("dueBy", deliveredAt.plus(Duration.ofDays(7)).toString());
        return parcel;
    }

    private static ObjectNode paid(ObjectNode parcel, String remittanceId, long paise) {
        ObjectNode remittance = parcel.withArray("remittances").addObject();
        remittance.put("remittanceId", remittanceId);
        remittance.put("remittedAt", NOW.minus(Duration.ofHours(1)).toString());
        remittance.put("amountPaise", paise);
        return parcel;
    }
}
