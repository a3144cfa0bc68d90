package io.ordertrack.api;

import static io.ordertrack.api.OrderDocuments.ACME;
import static io.ordertrack.api.OrderDocuments.GLOBEX;
import static io.ordertrack.api.OrderDocuments.MARCH_1_MORNING;
import static io.ordertrack.api.OrderDocuments.MARCH_2_MORNING;
import static io.ordertrack.api.OrderDocuments.MARCH_3_MORNING;
import static io.ordertrack.api.OrderDocuments.order;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.ordertrack.api.elasticsearch.ElasticsearchClients;
import io.ordertrack.api.http.ApiConnector;
import io.ordertrack.api.security.ApiKeys;
import io.ordertrack.documents.Index;
import io.ordertrack.documents.Indices;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The order endpoints over HTTP against a real Elasticsearch holding two tenants' orders. */
class OrderApiIT {
    private static final String ACME_KEY = "acme-key";
    private static final String GLOBEX_KEY = "globex-key";
    private static final String ALL_TENANTS_KEY = "all-tenants-key";
    private static final ApiKeys KEYS =
            ApiKeys.parse(
                    String.join(
                            "\n",
                            ApiKeys.hash(ACME_KEY) + " " + ACME,
                            ApiKeys.hash(GLOBEX_KEY) + " " + GLOBEX,
                            ApiKeys.hash(ALL_TENANTS_KEY) + " " + ApiKeys.ALL_TENANTS_MARKER));

    private static final ObjectNode ACME_WEB_1001 =
            order(ACME, "WEB", "SO-1001")
                    .shipment("DELHIVERY", "AWB-SHARED")
                    .placedAt(MARCH_1_MORNING)
                    .build();
    private static final ObjectNode ACME_SHOPIFY_1001 =
            order(ACME, "SHOPIFY", "SO-1001")
                    .shipment("BLUEDART", "AWB-SHARED")
                    .placedAt(MARCH_3_MORNING)
                    .build();
    private static final ObjectNode ACME_WEB_1002 =
            order(ACME, "WEB", "SO-1002")
                    .shipment("DELHIVERY", "AWB-ACME-2")
                    .placedAt(MARCH_2_MORNING)
                    .customer("Rohan Mehta", "9123456780")
                    .bucket("NOT_PICKED", "READY_TO_SHIP", "UNFULFILLED")
                    .build();
    private static final ObjectNode GLOBEX_WEB_1001 =
            order(GLOBEX, "WEB", "SO-1001")
                    .shipment("DELHIVERY", "AWB-SHARED")
                    .placedAt(MARCH_2_MORNING)
                    .build();

    @RegisterExtension static final TestApi testApi = new TestApi();
    private static ApiClient api;

    @BeforeAll
    static void start() throws IOException {
        String alias = testApi.newIndex(Index.ORDERS);
        TestIndices.index(
                testApi.elasticsearch(),
                alias,
                List.of(ACME_WEB_1001, ACME_SHOPIFY_1001, ACME_WEB_1002, GLOBEX_WEB_1001),
                OrderApiIT::id);

        api = testApi.start(indices(alias), KEYS);
    }

    @Test
    void anOrderIsReturnedAsStored() {
        var answer = api.get("/api/orders/" + id(ACME_WEB_1001), ACME_KEY);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(ACME_WEB_1001);
    }

    @Test
    void anUnknownOrderIs404() {
        var answer = api.get("/api/orders/acme:WEB:NOPE", ACME_KEY);

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body().path("status").asInt()).isEqualTo(404);
        assertThat(answer.body().path("error").asText()).isEqualTo("Not Found");
    }

    @Test
    void anotherTenantsOrderIsIndistinguishableFromAMissingOne() {
        var foreign = api.get("/api/orders/" + id(GLOBEX_WEB_1001), ACME_KEY);
        var missing = api.get("/api/orders/globex:WEB:NOPE", ACME_KEY);

        assertThat(foreign.status()).isEqualTo(404);
        ((ObjectNode) foreign.body()).remove("requestId");
        ((ObjectNode) missing.body()).remove("requestId");
        assertThat(foreign.body()).isEqualTo(missing.body());
        assertThat(api.get("/api/orders/" + id(GLOBEX_WEB_1001), GLOBEX_KEY).status())
                .isEqualTo(200);
    }

    @Test
    void searchByAwbReturnsOnlyTheCallersOrdersNewestFirst() {
        var answer = api.get("/api/orders?awb=AWB-SHARED", ACME_KEY);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(orderIds(answer.body()))
                .containsExactly(id(ACME_SHOPIFY_1001), id(ACME_WEB_1001));
        assertThat(answer.body().path("total").asLong()).isEqualTo(2);

        assertThat(orderIds(api.get("/api/orders?awb=AWB-SHARED", GLOBEX_KEY).body()))
                .containsExactly(id(GLOBEX_WEB_1001));
    }

    @Test
    void aCourierNarrowsAnAwbSearch() {
        var answer = api.get("/api/orders?awb=AWB-SHARED&courier=BLUEDART", ACME_KEY);

        assertThat(orderIds(answer.body())).containsExactly(id(ACME_SHOPIFY_1001));
        assertThat(answer.body().path("total").asLong()).isEqualTo(1);
    }

    @Test
    void searchByClientOrderIdIgnoresCaseAndStaysInTheTenant() {
        var answer = api.get("/api/orders?clientOrderId=so-1001", ACME_KEY);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(orderIds(answer.body()))
                .containsExactly(id(ACME_SHOPIFY_1001), id(ACME_WEB_1001));
    }

    @Test
    void anAnalystKeyReadsAcrossTenants() {
        var answer = api.get("/api/orders?awb=AWB-SHARED", ALL_TENANTS_KEY);

        assertThat(orderIds(answer.body()))
                .containsExactly(id(ACME_SHOPIFY_1001), id(GLOBEX_WEB_1001), id(ACME_WEB_1001));
        assertThat(api.get("/api/orders/" + id(GLOBEX_WEB_1001), ALL_TENANTS_KEY).status())
                .isEqualTo(200);
    }

    @Test
    void querySyntaxInParametersIsPlainText() {
        for (String value : List.of("*", "AWB*", "* OR *", "AWB-SHARED OR *", "\"", "tenantId:*")) {
            var answer = api.get("/api/orders?awb=" + encode(value), ACME_KEY);

            assertThat(answer.status()).as(value).isEqualTo(200);
            assertThat(answer.body().path("orders").size()).as(value).isZero();
            assertThat(answer.body().path("total").asLong()).as(value).isZero();
        }
        assertThat(api.get("/api/orders/" + encode("*"), ACME_KEY).status()).isEqualTo(404);
    }

    @Test
    void callsWithoutAValidKeyAreUnauthorized() {
        assertThat(api.get("/api/orders/" + id(ACME_WEB_1001), null).status()).isEqualTo(401);
        assertThat(api.get("/api/orders?awb=AWB-SHARED", "not-a-key").status()).isEqualTo(401);
        assertThat(
                        api.getWithHeader("/api/orders?awb=AWB-SHARED", "Authorization", "Bearer x")
                                .status())
                .isEqualTo(401);
        assertThat(
                        api.getWithHeader(
                                        "/api/orders?awb=AWB-SHARED",
                                        "Authorization",
                                        "Bearer " + ACME_KEY)
                                .status())
                .isEqualTo(200);
    }

    @Test
    void badParametersAnswer400NamingTheParameter() {
        assertBadParameter(api.get("/api/orders?awb=" + "A".repeat(129), ACME_KEY), "awb");
        assertBadParameter(
                api.get("/api/orders?clientOrderId=" + "A".repeat(5_000), ACME_KEY),
                "clientOrderId");
        assertBadParameter(api.get("/api/orders?bucket=LOST", ACME_KEY), "bucket");
        assertBadParameter(api.get("/api/orders?status=live", ACME_KEY), "status");
        assertBadParameter(api.get("/api/orders?paymentMode=CARD", ACME_KEY), "paymentMode");
        assertBadParameter(api.get("/api/orders?size=101", ACME_KEY), "size");
        assertBadParameter(api.get("/api/orders?size=-1", ACME_KEY), "size");
        assertBadParameter(api.get("/api/orders?sort=price", ACME_KEY), "sort");
        assertBadParameter(api.get("/api/orders?from=yesterday", ACME_KEY), "from");
        assertBadParameter(api.get("/api/orders/buckets?to=2026-13-01", ACME_KEY), "to");
        assertBadParameter(api.get("/api/orders?after=" + encode("[1,\"x\"]"), ACME_KEY), "after");
        assertBadParameter(api.get("/api/orders?phone=12-34", ACME_KEY), "phone");
    }

    @Test
    void theOrderListPagesThroughEveryOrderOnceNewestFirst() {
        var first = api.get("/api/orders?size=2", ACME_KEY);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().path("total").asLong()).isEqualTo(3);
        assertThat(orderIds(first.body()))
                .containsExactly(id(ACME_SHOPIFY_1001), id(ACME_WEB_1002));

        var second =
                api.get("/api/orders?size=2&after=" + first.body().path("next").asText(), ACME_KEY);
        assertThat(orderIds(second.body())).containsExactly(id(ACME_WEB_1001));
        assertThat(second.body().path("next").isNull()).isTrue();

        assertThat(orderIds(api.get("/api/orders?sort=placedAt", ACME_KEY).body()))
                .containsExactly(id(ACME_WEB_1001), id(ACME_WEB_1002), id(ACME_SHOPIFY_1001));
    }

    @Test
    void theListFiltersCombine() {
        assertThat(orderIds(api.get("/api/orders?bucket=NOT_PICKED", ACME_KEY).body()))
                .containsExactly(id(ACME_WEB_1002));
        assertThat(
                        orderIds(
                                api.get(
                                                "/api/orders?courier=DELHIVERY&from=2026-03-01&to=2026-03-01",
                                                ACME_KEY)
                                        .body()))
                .containsExactly(id(ACME_WEB_1001));
        assertThat(orderIds(api.get("/api/orders?sku=TSHIRT-M&paymentMode=COD", ACME_KEY).body()))
                .hasSize(3);
        assertThat(orderIds(api.get("/api/orders?pincode=110001", ACME_KEY).body())).isEmpty();
    }

    @Test
    void customersAreFoundByPartOfTheirNameAnyCaseOrByPhone() {
        assertThat(orderIds(api.get("/api/orders?name=" + encode("rohan meh"), ACME_KEY).body()))
                .containsExactly(id(ACME_WEB_1002));
        assertThat(orderIds(api.get("/api/orders?name=ASHA", ACME_KEY).body()))
                .containsExactly(id(ACME_SHOPIFY_1001), id(ACME_WEB_1001));
        assertThat(
                        orderIds(
                                api.get("/api/orders?phone=" + encode("+91 91234-56780"), ACME_KEY)
                                        .body()))
                .containsExactly(id(ACME_WEB_1002));
        assertThat(orderIds(api.get("/api/orders?name=ASHA", GLOBEX_KEY).body()))
                .containsExactly(id(GLOBEX_WEB_1001));
    }

    @Test
    void theSearchBoxFindsAnOrderByAwbClientOrderIdNameOrPhoneOfTheCallerOnly() {
        assertThat(orderIds(api.get("/api/orders?q=AWB-ACME-2", ACME_KEY).body()))
                .containsExactly(id(ACME_WEB_1002));
        assertThat(orderIds(api.get("/api/orders?q=so-1002", ACME_KEY).body()))
                .containsExactly(id(ACME_WEB_1002));
        assertThat(orderIds(api.get("/api/orders?q=" + encode("rohan me"), ACME_KEY).body()))
                .containsExactly(id(ACME_WEB_1002));
        assertThat(orderIds(api.get("/api/orders?q=" + encode("+91 91234-56780"), ACME_KEY).body()))
                .containsExactly(id(ACME_WEB_1002));
        assertThat(orderIds(api.get("/api/orders?q=AWB-SHARED", GLOBEX_KEY).body()))
                .containsExactly(id(GLOBEX_WEB_1001));
        assertThat(orderIds(api.get("/api/orders?q=AWB-ACME-2", GLOBEX_KEY).body())).isEmpty();
    }

    @Test
    void theSearchBoxIsPlainTextAndNarrowsTheCountsToo() {
        assertThat(orderIds(api.get("/api/orders?q=" + encode("awb:* OR *"), ACME_KEY).body()))
                .isEmpty();
        assertThat(api.get("/api/orders/buckets?q=so-1001", ACME_KEY).body().path("total").asLong())
                .isEqualTo(2);
        assertThat(api.get("/api/store-orders?q=AWB-ACME-2", ACME_KEY).body().path("rows").size())
                .isEqualTo(1);
        assertThat(
                        api.get("/api/channel-orders?q=AWB-ACME-2", ACME_KEY)
                                .body()
                                .path("rows")
                                .get(0)
                                .path("UNFULFILLED")
                                .asLong())
                .isEqualTo(1);
    }

    @Test
    void aStoreOrdersCellOpensExactlyTheOrdersItCounts() {
        var cell =
                api.get(
                        "/api/orders?warehouse=WH-BLR-1&courier=DELHIVERY&storeStage=DISPATCHED",
                        ACME_KEY);

        assertThat(cell.body().path("total").asLong()).isEqualTo(1);
        assertThat(orderIds(cell.body())).containsExactly(id(ACME_WEB_1001));
        assertThat(orderIds(api.get("/api/orders?storeStage=READY_TO_SHIP", ACME_KEY).body()))
                .containsExactly(id(ACME_WEB_1002));
        assertBadParameter(api.get("/api/orders?storeStage=CANCELLED", ACME_KEY), "storeStage");
    }

    @Test
    void bucketCountsCoverEveryBucketOfTheCallerOnly() {
        var answer = api.get("/api/orders/buckets", ACME_KEY);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("buckets").toString())
                .isEqualTo(
                        "{\"NOT_PICKED\":1,\"LIVE\":2,\"DELIVERED\":0,\"RETURNED\":0,"
                                + "\"CANCELLED\":0,\"ERROR\":0}");
        assertThat(answer.body().path("total").asLong()).isEqualTo(3);
        assertThat(
                        api.get("/api/orders/buckets?from=2026-03-02", ACME_KEY)
                                .body()
                                .path("total")
                                .asLong())
                .isEqualTo(2);
        assertThat(api.get("/api/orders/buckets", ALL_TENANTS_KEY).body().path("total").asLong())
                .isEqualTo(4);
    }

    @Test
    void storeOrdersCountEachWarehouseAndCourier() {
        var answer = api.get("/api/store-orders", ACME_KEY);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("rows").toString())
                .isEqualTo(
                        "[{\"warehouseId\":\"WH-BLR-1\",\"courier\":\"BLUEDART\","
                                + "\"totalUploaded\":1,\"PLACED\":0,\"MANIFESTED\":0,"
                                + "\"READY_TO_SHIP\":0,\"DISPATCHED\":1},"
                                + "{\"warehouseId\":\"WH-BLR-1\",\"courier\":\"DELHIVERY\","
                                + "\"totalUploaded\":2,\"PLACED\":0,\"MANIFESTED\":0,"
                                + "\"READY_TO_SHIP\":1,\"DISPATCHED\":1}]");
    }

    @Test
    void channelOrdersCountEachChannelOfTheCallerOnly() {
        var answer = api.get("/api/channel-orders", ACME_KEY);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("rows").toString())
                .isEqualTo(
                        "[{\"tenantId\":\"acme\",\"channel\":\"SHOPIFY\","
                                + "\"UNFULFILLED\":0,\"FULFILLED\":1,\"ISSUE\":0},"
                                + "{\"tenantId\":\"acme\",\"channel\":\"WEB\",\"UNFULFILLED\":1,"
                                + "\"FULFILLED\":1,\"ISSUE\":0}]");
    }

    @Test
    void metricsCountRequestsByRouteTemplateAndStatusWithoutTheirValues() {
        api.get("/api/orders/acme:WEB:9876543210", ACME_KEY);
        api.get("/api/orders?phone=9876543210", ACME_KEY);

        var answer = api.getText("/metrics", ALL_TENANTS_KEY);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body())
                .contains(
                        "ordertrack_http_request_duration_seconds_count{method=\"GET\","
                                + "route=\"/api/orders/{orderId}\",status=\"404\"}")
                .contains("route=\"/api/orders\",status=\"200\"")
                .doesNotContain("9876543210");
        assertThat(api.get("/metrics", null).status()).isEqualTo(401);
    }

    @Test
    void metricsShowTheJvmNextToTheApisOwn() {
        api.get("/api/orders?phone=9876543210", ACME_KEY);

        var answer = api.getText("/metrics", ALL_TENANTS_KEY);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type"))
                .hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(answer.body())
                .contains("ordertrack_http_request_duration_seconds_count{")
                .contains("ordertrack_health_status{status=\"UP\"}")
                .contains("jvm_memory_used_bytes{area=\"heap\"}")
                .contains("jvm_gc_collection_seconds_count{")
                .contains("jvm_threads_current ");
    }

    @Test
    void theOpenApiSpecDescribesEveryEndpointAndItsUiIsServed() {
        var spec = api.getText("/openapi.yaml", null);

        assertThat(spec.statusCode()).isEqualTo(200);
        for (Routes.Route route : Routes.TABLE) {
            if (route.documented()) {
                assertThat(spec.body()).contains("  " + route.path() + ":");
            }
        }
        var page = api.getText("/docs", null);
        assertThat(page.statusCode()).isEqualTo(200);
        String bundle =
                page.body()
                        .replaceAll("(?s).*<script src=\"([^\"]+swagger-ui-bundle.js)\".*", "$1");
        assertThat(api.getText(bundle, null).statusCode()).isEqualTo(200);
    }

    @Test
    void aRequestTooLargeForTheServerStillAnswersTheJsonProblemShape() {
        var answer =
                api.get(
                        "/api/orders?awb=" + "A".repeat(ApiConnector.REQUEST_HEADER_SIZE),
                        ACME_KEY);

        assertThat(answer.status()).isBetween(400, 499);
        assertThat(answer.raw().headers().firstValue("Content-Type").orElse(""))
                .startsWith("application/json");
        assertThat(answer.body().path("status").asInt()).isEqualTo(answer.status());
        assertThat(answer.body().path("message").asText()).isEqualTo("The request is too large");
    }

    @Test
    void healthIsDownWhileNoJobHasWrittenAHeartbeatThoughElasticsearchIsUp() {
        var answer = api.get("/health", null);

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.body().path("status").asText()).isEqualTo("DOWN");
        assertThat(answer.body().path("elasticsearch").asText()).isEqualTo("UP");
        assertThat(answer.body().path("reason").asText())
                .startsWith("no heartbeat from the order tracking job");
    }

    @Test
    void healthIsDownWhenElasticsearchIsUnreachable() throws IOException {
        String closedPort = "http://127.0.0.1:" + freePort();
        try (ElasticsearchClients unreachable = ElasticsearchClients.create(closedPort)) {
            Javalin down =
                    App.create(config(closedPort, "orders"), unreachable.client())
                            .start("127.0.0.1", 0);
            try {
                var answer = new ApiClient(down.port()).get("/health", null);

                assertThat(answer.status()).isEqualTo(503);
                assertThat(answer.body().path("status").asText()).isEqualTo("DOWN");
                assertThat(answer.body().path("elasticsearch").asText()).isEqualTo("DOWN");
            } finally {
                down.stop();
            }
        }
    }

    @Test
    void anAliasThatDoesNotExistYetFindsNothing() {
        String missing = "orders-missing-" + UUID.randomUUID().toString().substring(0, 8);
        var client = testApi.start(indices(missing), KEYS);

        var search = client.get("/api/orders?awb=AWB-SHARED", ACME_KEY);
        assertThat(search.status()).isEqualTo(200);
        assertThat(search.body().path("total").asLong()).isZero();
        assertThat(client.get("/api/orders/" + id(ACME_WEB_1001), ACME_KEY).status())
                .isEqualTo(404);
    }

    private static TestApi.Indices indices(String alias) {
        return new TestApi.Indices(
                alias,
                "alerts-" + alias,
                "inventory-" + alias,
                "metrics-" + alias,
                "routing-" + alias);
    }

    private static ApiConfig config(String elasticsearchUrl, String alias) {
        TestApi.Indices indices = indices(alias);
        return ApiConfig.onLoopback(
                elasticsearchUrl,
                new Indices(
                        indices.orders(),
                        indices.alerts(),
                        indices.inventory(),
                        indices.metrics(),
                        indices.routing(),
                        Indices.DEFAULT.jobStatus(),
                        Indices.DEFAULT.feedHealth(),
                        Indices.DEFAULT.cod()),
                KEYS);
    }

    private static String id(JsonNode order) {
        return order.path("orderId").asText();
    }

    private static List<String> orderIds(JsonNode body) {
        return StreamSupport.stream(body.path("orders").spliterator(), false)
                .map(OrderApiIT::id)
                .toList();
    }

    private static void assertBadParameter(ApiClient.Answer answer, String parameter) {
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("status").asInt()).isEqualTo(400);
        assertThat(answer.body().path("error").asText()).isEqualTo("Bad Request");
        assertThat(answer.body().path("parameter").asText()).isEqualTo(parameter);
        assertThat(answer.body().path("message").asText().toLowerCase(Locale.ROOT))
                .contains(parameter.toLowerCase(Locale.ROOT));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
