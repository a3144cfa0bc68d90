package io.ordertrack.api;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch._types.Refresh;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordertrack.api.elasticsearch.SearchLimits;
import io.ordertrack.api.security.ApiKeys;
import io.ordertrack.documents.Index;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.elasticsearch.client.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A search that runs out of its time on the real Elasticsearch is answered 503 with {@code
 * Retry-After}, never as a partial answer. Elasticsearch reads a search's time from a clock it
 * updates about every 200 ms, so only a search that works for well over that can run out of even a
 * 1 ms timeout: the store-order counts of 100,000 orders in as many groups (the most a count
 * gathers), read in 101 rounds that each visit every order, take it about 2 s on this machine.
 */
class SearchTimeoutIT {
    private static final String ACME_KEY = "acme-key";
    private static final ApiKeys KEYS = ApiKeys.parse(ApiKeys.hash(ACME_KEY) + " acme");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final int WAREHOUSES = 1_000;
    private static final int COURIERS = 100;
    private static final int ORDERS_PER_BULK = 20_000;

    @RegisterExtension static final TestApi testApi = new TestApi();
    private static String orders;

    @BeforeAll
    static void indexOneOrderPerWarehouseAndCourier() throws IOException {
        orders = testApi.newIndex(Index.ORDERS);
        List<ObjectNode> batch = new ArrayList<>();
        for (int courier = 0; courier < COURIERS; courier++) {
            for (int warehouse = 0; warehouse < WAREHOUSES; warehouse++) {
                // Only what the store-order counts read: the rest of an order adds indexing time.
                ObjectNode order = JSON.createObjectNode();
                order.put("tenantId", "acme");
                order.put("warehouseId", "WH-" + warehouse);
                order.put("courier", "COURIER-" + courier);
                order.put("storeStage", "DISPATCHED");
                batch.add(order);
            }
            if (batch.size() >= ORDERS_PER_BULK || courier == COURIERS - 1) {
                index(batch, courier == COURIERS - 1);
                batch.clear();
            }
        }
    }

    @AfterAll
    static void deleteTheOrders() throws IOException {
        testApi.restClient().performRequest(new Request("DELETE", "/" + orders + "-v1"));
    }

    @Test
    void aSearchThatRunsOutOfItsTimeAnswers503WithRetryAfterNotAPartialAnswer() {
        ApiClient api =
                testApi.start(
                        indices(),
                        KEYS,
                        config ->
                                config.withSearchLimits(
                                        SearchLimits.DEFAULT.withTimeout(Duration.ofMillis(1))));

        var answer = api.get("/api/store-orders", ACME_KEY);

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.raw().headers().firstValue("Retry-After")).contains("5");
        assertThat(answer.body().path("status").asInt()).isEqualTo(503);
        assertThat(answer.body().has("rows")).isFalse();
        assertThat(answer.body().path("requestId").asText())
                .isEqualTo(answer.raw().headers().firstValue("X-Request-Id").orElseThrow());
    }

    @Test
    void withTheDefaultTimeTheSameCountsAreWhole() {
        ApiClient api = testApi.start(indices(), KEYS, config -> config);

        var answer = api.get("/api/store-orders", ACME_KEY);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("rows")).hasSize(WAREHOUSES * COURIERS);
    }

    private static TestApi.Indices indices() {
        return new TestApi.Indices(
                orders,
                "alerts-" + orders,
                "inventory-" + orders,
                "metrics-" + orders,
                "routing-" + orders);
    }

    private static void index(List<ObjectNode> batch, boolean last) throws IOException {
        var response =
                testApi.elasticsearch()
                        .bulk(
                                b -> {
                                    b.refresh(last ? Refresh.True : Refresh.False);
                                    for (ObjectNode order : batch) {
                                        b.operations(
                                                op ->
                                                        op.index(
                                                                i ->
                                                                        i.index(orders)
                                                                                .document(order)));
                                    }
                                    return b;
                                });
        assertThat(response.errors()).as("bulk errors").isFalse();
    }
}
