package io.ordertrack.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
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
 * The returns view against the real Elasticsearch: a seller's customer returns with the age of
 * their stage and of each step, filtered and searched like orders, counted per stage with their
 * refunds and ageing; another seller's never.
 */
class ReturnsApiIT {
    private static final String ACME_KEY = "acme-key";
    private static final String GLOBEX_KEY = "globex-key";
    private static final Instant NOW = Instant.now();

    @RegisterExtension static final TestApi testApi = new TestApi();
    private static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        TestApi.Indices indices = testApi.newIndices();
        List<ObjectNode> orders = new ArrayList<>();
        orders.add(returned("1001", "AWB1001", "REQUESTED", ago(5, 0), "changed mind").build());
        orders.add(
                returned("1002", "AWB1002", "RECEIVED", ago(96, 0), "size does not fit")
                        .customer("Rahul Nair", "9123456789")
                        .build());
        orders.add(
                returned("1003", "AWB1003", "QC_FAILED", ago(200, 0), "not as described")
                        .inspected(false, "tags removed")
                        .build());
        orders.add(
                returned("1004", "AWB1004", "REFUNDED", ago(30, 0), "damaged on arrival")
                        .inspected(true, null)
                        .refunded(99_800)
                        .build());
        orders.add(
                returned("1005", "AWB1005", "REFUND_REFUSED", ago(50, 0), "changed mind")
                        .inspected(false, "worn and washed")
                        .refused("quality check failed: worn and washed")
                        .build());
        orders.add(
                returned("1006", "AWB1006", "REFUNDED", ago(60, 0), "wrong item sent")
                        .inspected(true, null)
                        .refunded(49_900)
                        .build());
        // Not returns: an order in transit; another seller's return.
        orders.add(
                OrderDocuments.order("acme", "SHOPIFY", "2001")
                        .shipment("DELHIVERY", "AWB2001")
                        .build());
        orders.add(
                OrderDocuments.order("globex", "SHOPIFY", "3001")
                        .shipment("DELHIVERY", "AWB3001")
                        .customerReturn("RECEIVED", ago(100, 0), "changed mind")
                        .build());
        TestIndices.index(
                testApi.elasticsearch(), indices.orders(), orders, o -> o.path("orderId").asText());
        api = testApi.start(indices, TestApi.keys(Map.of(ACME_KEY, "acme", GLOBEX_KEY, "globex")));
    }

    private static OrderDocuments.Builder returned(
            String clientOrderId, String awb, String stage, Instant since, String reason) {
        return OrderDocuments.order("acme", "SHOPIFY", clientOrderId)
                .shipment("DELHIVERY", awb)
                .customerReturn(stage, since, reason);
    }

    private static Instant ago(int hours, int minutes) {
        return NOW.minus(Duration.ofHours(hours).plusMinutes(minutes));
    }

    @Test
    void theSellersReturnsAreListedNewestRequestedFirstWithHowLongEachStepTook() {
        ApiClient.Answer answer = api.get("/api/returns", ACME_KEY);

        assertThat(answer.status()).isEqualTo(200);
        JsonNode returns = answer.body().path("returns");
        assertThat(returns.findValuesAsText("clientOrderId"))
                .containsExactly("1001", "1004", "1002", "1005", "1006", "1003");
        assertThat(answer.body().path("total").asInt()).isEqualTo(6);

        JsonNode received = find(returns, "1002");
        assertThat(received.path("stage").asText()).isEqualTo("RECEIVED");
        assertThat(received.path("open").asBoolean()).isTrue();
        assertThat(received.path("ageHours").asDouble()).isCloseTo(96.0, within(0.2));
        assertThat(received.path("totalHours").asDouble()).isCloseTo(96.0 + 72, within(0.2));
        assertThat(received.path("steps").findValuesAsText("step"))
                .containsExactly("REQUESTED", "PICKED_UP", "IN_TRANSIT", "RECEIVED");
        assertThat(received.path("steps").get(0).path("hours").asDouble()).isEqualTo(24.0);
        assertThat(received.path("steps").get(3).path("hours").asDouble())
                .isCloseTo(96.0, within(0.2));
        assertThat(received.path("customerName").asText()).isEqualTo("Rahul Nair");
        assertThat(answer.body().toString())
                .as("no phone or street address in the returns view")
                .doesNotContain("9123456789", "9876543210", "MG Road");

        JsonNode refunded = find(returns, "1004");
        assertThat(refunded.path("open").asBoolean()).isFalse();
        assertThat(refunded.path("ageHours").isNull()).isTrue();
        assertThat(refunded.path("refundPaise").asLong()).isEqualTo(99_800);
        assertThat(refunded.path("totalHours").asDouble()).isEqualTo(5 * 24.0);
        assertThat(refunded.path("steps").findValuesAsText("step"))
                .containsExactly(
                        "REQUESTED",
                        "PICKED_UP",
                        "IN_TRANSIT",
                        "RECEIVED",
                        "QC_PASSED",
                        "REFUNDED");
        assertThat(refunded.path("steps").get(5).path("hours").isNull()).isTrue();
        assertThat(find(returns, "1005").path("refusalReason").asText())
                .isEqualTo("quality check failed: worn and washed");
    }

    @Test
    void returnsAreFilteredByStageAndAgeAndSearchedLikeOrders() {
        assertThat(clientOrderIds("/api/returns?returnStage=REFUNDED"))
                .containsExactly("1004", "1006");
        assertThat(clientOrderIds("/api/returns?olderThanDays=3&sort=since"))
                .as("at their stage over three days, longest first")
                .containsExactly("1003", "1002");
        assertThat(clientOrderIds("/api/returns?q=AWB1005")).containsExactly("1005");
        assertThat(clientOrderIds("/api/returns?q=rahul")).containsExactly("1002");
        assertThat(clientOrderIds("/api/returns?q=9123456789")).containsExactly("1002");
        assertThat(clientOrderIds("/api/returns?size=4")).hasSize(4);
        String next = api.get("/api/returns?size=4", ACME_KEY).body().path("next").asText();
        assertThat(clientOrderIds("/api/returns?size=4&after=" + next))
                .containsExactly("1006", "1003");
        assertThat(
                        api.get("/api/returns", GLOBEX_KEY)
                                .body()
                                .path("returns")
                                .findValuesAsText("clientOrderId"))
                .as("another seller sees its own returns only")
                .containsExactly("3001");
    }

    @Test
    void theStagesCountTheReturnsTheirRefundsAndHowLongTheOpenOnesHaveWaited() {
        JsonNode answer = api.get("/api/returns/stages", ACME_KEY).body();

        assertThat(answer.path("stages").findValuesAsText("stage"))
                .containsExactly(
                        "REQUESTED",
                        "PICKED_UP",
                        "IN_TRANSIT",
                        "RECEIVED",
                        "QC_PASSED",
                        "QC_FAILED",
                        "REFUNDED",
                        "REFUND_REFUSED");
        JsonNode refunded = stage(answer, "REFUNDED");
        assertThat(refunded.path("count").asInt()).isEqualTo(2);
        assertThat(refunded.path("refundPaise").asLong()).isEqualTo(99_800 + 49_900);
        assertThat(refunded.has("ageing")).as("a closed stage has no waiting").isFalse();
        assertThat(answer.path("refundPaise").asLong()).isEqualTo(99_800 + 49_900);
        assertThat(answer.path("open").asInt()).isEqualTo(3);
        assertThat(answer.path("closed").asInt()).isEqualTo(3);

        JsonNode requested = stage(answer, "REQUESTED").path("ageing");
        assertThat(requested.path("UNDER_A_DAY").asInt()).isEqualTo(1);
        JsonNode received = stage(answer, "RECEIVED");
        assertThat(received.path("ageing").path("THREE_TO_SEVEN_DAYS").asInt()).isEqualTo(1);
        assertThat(received.path("ageing").path("UNDER_A_DAY").asInt()).isZero();
        assertThat(Instant.parse(received.path("oldestSince").asText()))
                .isCloseTo(ago(96, 0), within(Duration.ofSeconds(1)));
        assertThat(stage(answer, "QC_FAILED").path("ageing").path("OVER_SEVEN_DAYS").asInt())
                .isEqualTo(1);
        assertThat(stage(answer, "PICKED_UP").path("count").asInt()).isZero();
        assertThat(
                        stage(
                                        api.get("/api/returns/stages?courier=BLUEDART", ACME_KEY)
                                                .body(),
                                        "REFUNDED")
                                .path("count")
                                .asInt())
                .as("the order filters apply")
                .isZero();
    }

    @Test
    void aBadReturnsRequestIsAClear400() {
        for (String bad :
                List.of(
                        "/api/returns?returnStage=LOST",
                        "/api/returns?olderThanDays=-1",
                        "/api/returns?olderThanDays=soon",
                        "/api/returns?sort=amount",
                        "/api/returns?stage=RECEIVED",
                        "/api/returns/stages?returnStage=refunded")) {
            ApiClient.Answer answer = api.get(bad, ACME_KEY);
            assertThat(answer.status()).as(bad).isEqualTo(400);
            assertThat(answer.body().path("error").asText()).as(bad).isNotBlank();
        }
        assertThat(api.get("/api/returns", "no-such-key").status()).isEqualTo(401);
    }

    private static List<String> clientOrderIds(String path) {
        ApiClient.Answer answer = api.get(path, ACME_KEY);
        assertThat(answer.status()).as(path).isEqualTo(200);
        return answer.body().path("returns").findValuesAsText("clientOrderId");
    }

    private static JsonNode find(JsonNode returns, String clientOrderId) {
        return rowWith(returns, "clientOrderId", clientOrderId);
    }

    private static JsonNode stage(JsonNode answer, String stage) {
        return rowWith(answer.path("stages"), "stage", stage);
    }

    private static JsonNode rowWith(JsonNode rows, String field, String value) {
        for (JsonNode row : rows) {
            if (row.path(field).asText().equals(value)) {
                return row;
            }
        }
        throw new AssertionError("no row with " + field + " " + value);
    }
}
