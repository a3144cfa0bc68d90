package io.ordertrack.api;

import static io.ordertrack.api.OrderDocuments.ACME;
import static io.ordertrack.api.OrderDocuments.GLOBEX;
import static io.ordertrack.api.OrderDocuments.MARCH_1_MORNING;
import static io.ordertrack.api.OrderDocuments.order;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordertrack.api.elasticsearch.DocumentSearch;
import io.ordertrack.api.security.ApiKeys;
import io.ordertrack.documents.Index;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A seller with more orders than a page counts exactly: the list says "at least 10,000" rather than
 * make Elasticsearch count every match on every page; the bucket counts stay exact.
 */
class LargeOrderListIT {
    private static final String ACME_KEY = "acme-key";
    private static final ApiKeys KEYS = ApiKeys.parse(ApiKeys.hash(ACME_KEY) + " " + ACME);
    private static final int ACME_ORDERS = DocumentSearch.EXACT_TOTAL_UP_TO + 50;

    @RegisterExtension static final TestApi testApi = new TestApi();
    private static ApiClient api;

    @BeforeAll
    static void start() throws IOException {
        String alias = testApi.newIndex(Index.ORDERS);
        List<ObjectNode> orders = new ArrayList<>();
        for (int i = 0; i < ACME_ORDERS; i++) {
            orders.add(
                    order(ACME, "WEB", "SO-" + i)
                            .shipment("DELHIVERY", "AWB-" + i)
                            .placedAt(MARCH_1_MORNING.plus(Duration.ofMinutes(i)))
                            .build());
        }
        for (int i = 0; i < 5; i++) {
            orders.add(order(GLOBEX, "WEB", "SO-" + i).shipment("DELHIVERY", "AWB-G" + i).build());
        }
        TestIndices.index(testApi.elasticsearch(), alias, orders, o -> o.path("orderId").asText());
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
    void aListOfMoreThanTenThousandOrdersSaysAtLeastTenThousandAndStillPages() {
        var first = api.get("/api/orders?size=20", ACME_KEY);

        assertThat(first.status()).isEqualTo(200);
        JsonNode body = first.body();
        assertThat(body.path("total").asLong()).isEqualTo(DocumentSearch.EXACT_TOTAL_UP_TO);
        assertThat(body.path("totalExact").asBoolean(true)).isFalse();
        assertThat(body.path("orders")).hasSize(20);
        assertThat(body.path("orders").get(0).path("clientOrderId").asText())
                .as("newest first")
                .isEqualTo("SO-" + (ACME_ORDERS - 1));
        assertThat(body.path("orders").findValuesAsText("tenantId")).containsOnly(ACME);

        var second = api.get("/api/orders?size=20&after=" + body.path("next").asText(), ACME_KEY);
        assertThat(second.body().path("orders").get(0).path("clientOrderId").asText())
                .isEqualTo("SO-" + (ACME_ORDERS - 21));
    }

    @Test
    void aSmallListIsCountedExactly() {
        var answer = api.get("/api/orders?awb=AWB-7", ACME_KEY);

        assertThat(answer.body().path("total").asLong()).isEqualTo(1);
        assertThat(answer.body().path("totalExact").asBoolean(false)).isTrue();
    }

    @Test
    void theBucketCountsStayExact() {
        var counts = api.get("/api/orders/buckets", ACME_KEY);

        assertThat(counts.status()).isEqualTo(200);
        assertThat(counts.body().path("total").asLong()).isEqualTo(ACME_ORDERS);
    }
}
