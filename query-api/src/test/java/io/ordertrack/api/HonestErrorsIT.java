package io.ordertrack.api;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch._types.FieldValue;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordertrack.api.elasticsearch.PageCursor;
import io.ordertrack.api.elasticsearch.SearchLimits;
import io.ordertrack.api.http.ErrorHandling;
import io.ordertrack.api.http.RateLimits;
import io.ordertrack.api.security.ApiKeys;
import io.ordertrack.documents.Index;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.elasticsearch.client.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a client is told when things go wrong, against a real Elasticsearch made to refuse: overload
 * is a 503 worth retrying, a refusal caused by a parameter a 400 naming it, anything else a 500
 * with a request id that is in the log; no selection hits the cluster's bucket limit; a key past
 * its rate limit gets 429 while other keys do not.
 */
class HonestErrorsIT {
    private static final String ACME_KEY = "acme-key";
    private static final String GLOBEX_KEY = "globex-key";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A small cap on the groups of a count, so that real data can pass it. */
    private static final int GROUP_CAP = 50;

    @RegisterExtension static final TestApi testApi = new TestApi();

    @Test
    void anOverloadedClusterAnswers503WithRetryAfter() throws IOException {
        ApiClient api = apiOver(ordersIndexWith(orders("acme", 3)), RateLimits.none());
        testApi.clusterSetting("indices.breaker.request.limit", "1b");
        try {
            var answer = api.get("/api/orders/buckets", ACME_KEY);

            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.raw().headers().firstValue("Retry-After")).contains("5");
            assertThat(answer.body().path("message").asText()).contains("overloaded");
        } finally {
            testApi.clusterSetting("indices.breaker.request.limit", null);
        }
        assertThat(api.get("/api/orders/buckets", ACME_KEY).status()).isEqualTo(200);
    }

    @Test
    void noSelectionHitsTheClustersBucketLimit() throws IOException {
        List<ObjectNode> orders = new ArrayList<>();
        for (int warehouse = 0; warehouse < 50; warehouse++) {
            for (int courier = 0; courier < 10; courier++) {
                for (String stage :
                        List.of("PLACED", "MANIFESTED", "READY_TO_SHIP", "DISPATCHED")) {
                    ObjectNode order =
                            OrderDocuments.order(
                                            "acme", "WEB", warehouse + "-" + courier + "-" + stage)
                                    .shipment("COURIER-" + courier, "AWB" + orders.size())
                                    .build();
                    order.put("warehouseId", "WH-" + warehouse);
                    order.put("storeStage", stage);
                    orders.add(order);
                }
            }
        }
        ApiClient api = apiOver(ordersIndexWith(orders), RateLimits.none());
        // 50 warehouses × 10 couriers × 4 stages: 2,550 buckets nested, more than allowed here.
        testApi.clusterSetting("search.max_buckets", "1500");
        try {
            var answer = api.get("/api/store-orders", ACME_KEY);

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body().path("rows")).hasSize(500);
            answer.body()
                    .path("rows")
                    .forEach(row -> assertThat(row.path("totalUploaded").asInt()).isEqualTo(4));
        } finally {
            testApi.clusterSetting("search.max_buckets", null);
        }
    }

    @Test
    void aCountOfMoreGroupsThanItsCapAnswers400NamingTheFilterThatNarrowsIt() throws IOException {
        // 51 warehouses, one order each: the first 50 by one courier, the last by another.
        List<ObjectNode> orders = new ArrayList<>();
        for (int warehouse = 0; warehouse <= GROUP_CAP; warehouse++) {
            ObjectNode order =
                    OrderDocuments.order("acme", "WEB", "W" + warehouse)
                            .shipment(
                                    warehouse < GROUP_CAP ? "COURIER-A" : "COURIER-B",
                                    "AWB" + warehouse)
                            .build();
            order.put("warehouseId", "WH-" + warehouse);
            orders.add(order);
        }
        ApiClient api =
                apiOver(
                        ordersIndexWith(orders),
                        config ->
                                config.withSearchLimits(
                                        SearchLimits.DEFAULT.withMaxGroups(GROUP_CAP)));

        var refused = api.get("/api/store-orders", ACME_KEY);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("parameter").asText()).isEqualTo("warehouse");
        assertThat(refused.body().path("message").asText())
                .contains("more than " + GROUP_CAP + " groups");
        var atTheCap = api.get("/api/store-orders?courier=COURIER-A", ACME_KEY);
        assertThat(atTheCap.status()).isEqualTo(200);
        assertThat(atTheCap.body().path("rows")).hasSize(GROUP_CAP);
        assertThat(api.get("/api/store-orders?warehouse=WH-7", ACME_KEY).body().path("rows"))
                .hasSize(1);
    }

    @Test
    void valuesElasticsearchCouldNotTakeAnswer400NamingTheirParameter() throws IOException {
        ApiClient api = apiOver(ordersIndexWith(orders("acme", 3)), RateLimits.none());
        String[][] refused = {
            {"/api/orders?from=%2B100000-01-01T00:00:00Z", "from"},
            {"/api/orders/buckets?to=-000001-01-01T00:00:00Z", "to"},
            {"/api/alerts?from=%2B10000-01-01T00:00:00Z", "from"},
            {"/api/analytics/rto?to=%2B100000-01-01T00:00:00Z", "to"},
            {
                "/api/orders?after="
                        + PageCursor.encode(List.of(FieldValue.of("x"), FieldValue.of(1L))),
                "after"
            }
        };
        for (String[] call : refused) {
            var answer = api.get(call[0], ACME_KEY);
            assertThat(answer.status()).as(call[0]).isEqualTo(400);
            assertThat(answer.body().path("parameter").asText()).as(call[0]).isEqualTo(call[1]);
        }
    }

    @Test
    void anyOtherFailureIs500WithTheRequestIdThatIsInTheLog() throws IOException {
        // An orders index whose bucket is full text: Elasticsearch refuses to count by it.
        String broken = "orders-broken-" + UUID.randomUUID().toString().substring(0, 8);
        Request create = new Request("PUT", "/" + broken);
        create.setJsonEntity("{\"mappings\":{\"properties\":{\"bucket\":{\"type\":\"text\"}}}}");
        testApi.restClient().performRequest(create);
        ApiClient api = apiOver(broken, RateLimits.none());
        StringWriter log = new StringWriter();
        WriterAppender appender = capture(log);
        try {
            var answer = api.get("/api/orders/buckets", ACME_KEY);

            assertThat(answer.status()).isEqualTo(500);
            String requestId = answer.raw().headers().firstValue("X-Request-Id").orElseThrow();
            assertThat(answer.body().path("requestId").asText()).isEqualTo(requestId);
            assertThat(answer.body().path("message").asText()).isEqualTo("Internal server error");
            assertThat(log.toString()).contains("(request " + requestId + ")");
        } finally {
            release(appender);
        }
    }

    @Test
    void aKeyPastItsRateLimitGets429WhileOtherKeysAreServed() throws IOException {
        ApiClient api =
                apiOver(ordersIndexWith(orders("acme", 1)), RateLimits.parse("tenant=0.2:3"));
        for (int i = 0; i < 3; i++) {
            assertThat(api.get("/api/orders", ACME_KEY).status()).isEqualTo(200);
        }

        var refused = api.get("/api/orders", ACME_KEY);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.raw().headers().firstValue("Retry-After"))
                .hasValueSatisfying(
                        seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 5));
        assertThat(refused.body().path("status").asInt()).isEqualTo(429);
        assertThat(api.get("/api/orders", GLOBEX_KEY).status()).isEqualTo(200);
        assertThat(api.getText("/health", null).statusCode()).as("not limited").isIn(200, 503);
    }

    private static List<ObjectNode> orders(String tenant, int count) {
        List<ObjectNode> orders = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            orders.add(OrderDocuments.order(tenant, "WEB", String.valueOf(i)).build());
        }
        return orders;
    }

    private static String ordersIndexWith(List<ObjectNode> orders) throws IOException {
        String index = testApi.newIndex(Index.ORDERS);
        TestIndices.index(
                testApi.elasticsearch(), index, orders, order -> order.path("orderId").asText());
        return index;
    }

    private static ApiClient apiOver(String orders, RateLimits limits) {
        return apiOver(orders, config -> config.withRateLimits(limits));
    }

    private static ApiClient apiOver(String orders, UnaryOperator<ApiConfig> settings) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        return testApi.start(
                new TestApi.Indices(
                        orders,
                        "alerts-" + run,
                        "inventory-" + run,
                        "metrics-" + run,
                        "routing-" + run),
                ApiKeys.parse(
                        ApiKeys.hash(ACME_KEY) + " acme\n" + ApiKeys.hash(GLOBEX_KEY) + " globex"),
                settings);
    }

    /** Copies what the API's error handling logs into {@code log}. */
    private static WriterAppender capture(StringWriter log) {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        WriterAppender appender =
                WriterAppender.newBuilder()
                        .setName("captured-" + UUID.randomUUID())
                        .setTarget(log)
                        .setLayout(PatternLayout.newBuilder().withPattern("%m%n").build())
                        .build();
        appender.start();
        LoggerConfig errors =
                context.getConfiguration().getLoggerConfig(ErrorHandling.class.getName());
        errors.addAppender(appender, null, null);
        context.updateLoggers();
        return appender;
    }

    private static void release(WriterAppender appender) {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration()
                .getLoggerConfig(ErrorHandling.class.getName())
                .removeAppender(appender.getName());
        context.updateLoggers();
        appender.stop();
    }
}
