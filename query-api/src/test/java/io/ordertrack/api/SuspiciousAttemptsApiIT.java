package io.ordertrack.api;

import static io.ordertrack.api.OrderDocuments.ACME;
import static io.ordertrack.api.OrderDocuments.GLOBEX;
import static io.ordertrack.api.OrderDocuments.order;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordertrack.api.security.ApiKeys;
import io.ordertrack.documents.Index;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /api/analytics/attempts} counts the failed attempts on the order documents per courier
 * × hub, the suspicious ones and their share, for the caller's orders only.
 */
class SuspiciousAttemptsApiIT {
    private static final String ACME_KEY = "acme-key";
    private static final String ALL_TENANTS_KEY = "all-key";
    private static final ApiKeys KEYS =
            ApiKeys.parse(
                    String.join(
                            "\n",
                            ApiKeys.hash(ACME_KEY) + " " + ACME,
                            ApiKeys.hash(ALL_TENANTS_KEY) + " " + ApiKeys.ALL_TENANTS_MARKER));

    @RegisterExtension static final TestApi testApi = new TestApi();
    private static ApiClient api;

    @BeforeAll
    static void start() throws IOException {
        String alias = testApi.newIndex(Index.ORDERS);
        List<ObjectNode> orders =
                List.of(
                        order(ACME, "WEB", "1")
                                .shipment("DELHIVERY", "D1")
                                .attempt("Sikar hub", true)
                                .attempt("Sikar hub", true)
                                .build(),
                        order(ACME, "WEB", "2")
                                .shipment("DELHIVERY", "D2")
                                .attempt("Sikar hub", false)
                                .build(),
                        order(ACME, "WEB", "3")
                                .shipment("DELHIVERY", "D3")
                                .attempt("Pune hub", false)
                                .build(),
                        order(ACME, "WEB", "4")
                                .shipment("BLUEDART", "B4")
                                .attempt("Sikar hub", true)
                                .build(),
                        order(GLOBEX, "WEB", "5")
                                .shipment("DELHIVERY", "D5")
                                .attempt("Sikar hub", true)
                                .build(),
                        order(ACME, "WEB", "6").shipment("DELHIVERY", "D6").build());
        TestIndices.index(
                testApi.elasticsearch(), alias, orders, order -> order.path("orderId").asText());
        api =
                testApi.start(
                        new TestApi.Indices(
                                alias,
                                "alerts-" + alias,
                                "inventory-" + alias,
                                "metrics-" + alias,
                                "routing-" + alias),
                        KEYS);
    }

    @Test
    void eachCourierAndHubHasItsAttemptsAndTheShareThatLookFakeHighestFirst() {
        var answer = api.get("/api/analytics/attempts?minSample=1", ACME_KEY);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(rows(answer.body()))
                .containsExactly(
                        "BLUEDART Sikar hub 1 1 1.0",
                        "DELHIVERY Sikar hub 3 2 0.6666666666666666",
                        "DELHIVERY Pune hub 1 0 0.0");
    }

    @Test
    void anAllTenantsKeySeesEverySellersAttemptsAndFiltersNarrowThem() {
        assertThat(rows(api.get("/api/analytics/attempts?minSample=1", ALL_TENANTS_KEY).body()))
                .contains("DELHIVERY Sikar hub 4 3 0.75");
        assertThat(
                        rows(
                                api.get(
                                                "/api/analytics/attempts?minSample=1&courier=BLUEDART",
                                                ACME_KEY)
                                        .body()))
                .containsExactly("BLUEDART Sikar hub 1 1 1.0");
    }

    @Test
    void aShareUnderTheMinimumSampleIsHidden() {
        JsonNode row = api.get("/api/analytics/attempts", ACME_KEY).body().path("rows").get(0);

        assertThat(row.path("suspiciousRate").path("value").isNull()).isTrue();
        assertThat(row.path("suspiciousRate").path("enoughSample").asBoolean()).isFalse();
    }

    private static List<String> rows(JsonNode body) {
        List<String> rows = new ArrayList<>();
        for (JsonNode row : body.path("rows")) {
            rows.add(
                    String.join(
                            " ",
                            row.path("courier").asText(),
                            row.path("hub").asText(),
                            row.path("failedAttempts").asText(),
                            row.path("suspicious").asText(),
                            row.path("suspiciousRate").path("value").asText()));
        }
        return rows;
    }
}
