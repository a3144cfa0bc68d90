package io.ordertrack.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordertrack.api.security.ApiKeys;
import io.ordertrack.documents.Index;
import io.ordertrack.testkit.OpenApiDocument;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The API against its own OpenAPI document, over a real Elasticsearch: every route answers each key
 * role as its {@code x-access} says, takes exactly the parameters the document lists, and every
 * list's {@code next} can be followed to the end over data with the longest ids and group values
 * the indices can hold.
 */
class ApiContractIT {
    /** Tenant ids, channels and SKUs are at most 64 characters, client order ids 128. */
    private static final String TENANT = "zenith-electronics-" + "x".repeat(64 - 19);

    private static final String CHANNEL = "FLIPKART-" + "C".repeat(64 - 9);
    private static final String OTHER_TENANT = "globex";

    /** Group values reach the keyword limit of 1,024 characters, of any script. */
    private static final List<String> STATES =
            List.of(
                    "Andaman and Nicobar Islands",
                    "अंडमान और निकोबार द्वीपसमूह ".repeat(40).substring(0, 1_024),
                    "\"quoted\\\" \u0001\u0002 🏝".repeat(120).substring(0, 1_024),
                    "Ω".repeat(1_024));

    private static final String TENANT_KEY = "tenant-key";
    private static final String OTHER_KEY = "other-key";
    private static final String ANALYST_KEY = "analyst-key";
    private static final String METRICS_KEY = "metrics-key";
    private static final String ALL_TENANTS_KEY = "all-tenants-key";

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension static final TestApi testApi = new TestApi();
    private static ApiClient api;
    private static List<OpenApiDocument.Route> routes;

    @BeforeAll
    static void start() throws IOException {
        TestApi.Indices indices = testApi.newIndices();
        List<ObjectNode> orderDocuments = new ArrayList<>();
        List<ObjectNode> alertDocuments = new ArrayList<>();
        List<ObjectNode> stock = new ArrayList<>();
        List<ObjectNode> verdicts = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String clientOrderId = ("OD" + i + "-").repeat(40).substring(0, 128);
            ObjectNode order =
                    OrderDocuments.order(TENANT, CHANNEL, clientOrderId)
                            .shipment("DELHIVERY", "AWB" + i)
                            .placedAt(OrderDocuments.MARCH_1_MORNING.plusSeconds(i % 3 * 60))
                            .build();
            orderDocuments.add(order);
            String orderId = order.path("orderId").asText();
            alertDocuments.add(alert(orderId, i));
            stock.add(
                    StockDocuments.stock(
                                    TENANT,
                                    ("SKU-" + i + "-").repeat(20).substring(0, 64),
                                    "WH-" + i,
                                    i % 2)
                            .low(i < 4)
                            .build());
            verdicts.add(verdict(orderId, "WH-" + "W".repeat(60) + i));
        }
        orderDocuments.add(OrderDocuments.order(OTHER_TENANT, "WEB", "1").build());
        TestIndices.index(
                testApi.elasticsearch(),
                indices.orders(),
                orderDocuments,
                o -> o.path("orderId").asText());
        TestIndices.index(
                testApi.elasticsearch(),
                indices.alerts(),
                alertDocuments,
                a -> a.path("alertId").asText());
        TestIndices.index(
                testApi.elasticsearch(), indices.inventory(), stock, StockDocuments::idOf);
        TestIndices.index(
                testApi.elasticsearch(),
                indices.routing(),
                verdicts,
                v -> v.path("orderId").asText());
        List<ObjectNode> cohorts = new ArrayList<>();
        for (String state : STATES) {
            for (String city : List.of("Port Blair", state)) {
                cohorts.add(
                        MetricDocuments.cohort(TENANT, "2026-03-01T05:00:00Z", "DELHIVERY", "COD")
                                .delivered(600)
                                .with("state", state)
                                .with("city", city)
                                .build());
            }
        }
        TestIndices.index(
                testApi.elasticsearch(),
                indices.metrics(),
                cohorts,
                cohort ->
                        UUID.nameUUIDFromBytes(
                                        (cohort.path("state").asText() + cohort.path("city"))
                                                .getBytes(StandardCharsets.UTF_8))
                                .toString());
        ApiKeys keys =
                TestApi.keys(
                        Map.of(
                                TENANT_KEY, TENANT,
                                OTHER_KEY, OTHER_TENANT,
                                ANALYST_KEY, ApiKeys.ANALYST_MARKER,
                                METRICS_KEY, ApiKeys.METRICS_MARKER,
                                ALL_TENANTS_KEY, ApiKeys.ALL_TENANTS_MARKER));
        api = testApi.start(indices, keys);
        routes = OpenApiDocument.routes();
    }

    @Test
    void everyRouteAnswersEachRoleAsItsDocumentedAccessSays() {
        // Signed webhooks and customers' tracking take no key: a key changes nothing there.
        List<String> keyless = List.of("PUBLIC", "SIGNED_PUSH", "PARCEL_TRACKING");
        Map<String, List<String>> mayUse =
                Map.of(
                        TENANT_KEY,
                        with(keyless, "SELLER_DATA", "SELLER_ACTIONS", "AGGREGATES"),
                        ANALYST_KEY,
                        with(keyless, "AGGREGATES"),
                        METRICS_KEY,
                        with(keyless, "METRICS"),
                        ALL_TENANTS_KEY,
                        with(keyless, "SELLER_DATA", "SELLER_ACTIONS", "AGGREGATES", "METRICS"));
        Map<String, String> unexpected = new TreeMap<>();
        for (OpenApiDocument.Route route : routes) {
            for (Map.Entry<String, List<String>> key : mayUse.entrySet()) {
                int status = api.callText(route.method(), callOf(route), key.getKey()).statusCode();
                boolean allowed = key.getValue().contains(route.access());
                if (allowed ? status == 403 || status == 401 : status != 403) {
                    unexpected.put(
                            key.getKey() + " " + route.path(), route.access() + " → " + status);
                }
            }
        }
        assertThat(unexpected).isEmpty();
        assertThat(api.getText("/metrics", null).statusCode()).isEqualTo(401);
        assertThat(api.getText("/health", null).statusCode()).isIn(200, 503);
    }

    @Test
    void anAnalystReadsAggregatesAcrossTenantsButNoCustomer() {
        var buckets = api.get("/api/orders/buckets", ANALYST_KEY);
        assertThat(buckets.status()).isEqualTo(200);
        assertThat(buckets.body().path("total").asLong()).isEqualTo(8);

        var orders = api.get("/api/orders?awb=AWB1", ANALYST_KEY);
        assertThat(orders.status()).isEqualTo(403);
        assertThat(orders.raw().body()).doesNotContain("AWB1", TENANT);
        assertThat(api.get("/api/orders?awb=AWB1", ALL_TENANTS_KEY).body().path("total").asLong())
                .isEqualTo(1);
        assertThat(api.getText("/metrics", METRICS_KEY).body())
                .contains("ordertrack_http_request_duration_seconds")
                .doesNotContain(TENANT, OTHER_TENANT);
    }

    @Test
    void everyDocumentedParameterIsTakenAndAnyOtherAnswers400NamingIt() {
        Map<String, String> unexpected = new TreeMap<>();
        for (OpenApiDocument.Route route : routes) {
            if (route.path().equals("/health")) {
                continue;
            }
            for (String parameter : route.queryParameters()) {
                var answer = api.call(route.method(), callOf(route, parameter), ALL_TENANTS_KEY);
                if (answer.status() == 400
                        && answer.body().path("message").asText().startsWith("unknown")) {
                    unexpected.put(route.path() + " " + parameter, "refused as unknown");
                }
            }
            var misspelt = api.call(route.method(), callOf(route, "bukcet"), ALL_TENANTS_KEY);
            if (misspelt.status() != 400
                    || !misspelt.body().path("parameter").asText().equals("bukcet")) {
                unexpected.put(route.path() + " bukcet", "answered " + misspelt.status());
            }
        }
        assertThat(unexpected).isEmpty();
        var misspelt = api.get("/api/orders?bukcet=LIVE", TENANT_KEY);
        assertThat(misspelt.body().path("message").asText())
                .isEqualTo(
                        "unknown parameter bukcet; this endpoint takes after, awb, bucket,"
                                + " channel, clientOrderId, courier, from, name, paymentMode,"
                                + " phone, pincode, q, size, sku, sort, status, storeStage, to,"
                                + " warehouse");
    }

    @Test
    void everyListsNextLeadsToItsEndOverTheLongestIds() {
        Function<JsonNode, String> orderId = o -> o.path("orderId").asText();
        for (String sort : List.of("-placedAt", "placedAt", "-lastEventAt", "lastEventAt")) {
            assertThat(walk("/api/orders?size=2&sort=" + sort, "orders", orderId))
                    .as(sort)
                    .hasSize(7)
                    .doesNotHaveDuplicates()
                    .allSatisfy(id -> assertThat(id).hasSize(64 + 1 + 64 + 1 + 128));
        }
        assertThat(walk("/api/alerts?size=2", "alerts", a -> a.path("alertId").asText()))
                .hasSize(7)
                .doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(id.length()).isGreaterThan(330));
        assertThat(walk("/api/low-stock?size=1", "stock", StockDocuments::idOf))
                .hasSize(4)
                .doesNotHaveDuplicates();
    }

    @Test
    void analyticsPagesOfAnyUnicodeGroupValueLeadToTheirEnd() {
        for (String grouping : List.of("state", "state,city", "courier,state,city")) {
            List<String> seen =
                    walk(
                            "/api/analytics/rto?minSample=1&size=1&groupBy="
                                    + URLEncoder.encode(grouping, StandardCharsets.UTF_8),
                            "rows",
                            row -> row.path("state").asText() + "/" + row.path("city").asText());
            assertThat(seen).as(grouping).doesNotHaveDuplicates();
            assertThat(seen.stream().map(group -> group.substring(0, group.indexOf('/'))))
                    .as(grouping)
                    .containsExactlyInAnyOrderElementsOf(
                            grouping.equals("state")
                                    ? STATES
                                    : STATES.stream()
                                            .flatMap(s -> List.of(s, s).stream())
                                            .toList());
        }
        List<String> warehouses =
                walk(
                        "/api/analytics/routing?minSample=1&size=2&groupBy=tenant,warehouse",
                        "rows",
                        row -> row.path("tenant").asText() + "/" + row.path("warehouse").asText());
        assertThat(warehouses).hasSize(7).doesNotHaveDuplicates();
    }

    @Test
    void theRoutingPlannerReadsEveryStockDocumentItNeeds() throws IOException {
        String inventory = testApi.newIndex(Index.INVENTORY);
        List<ObjectNode> stock = new ArrayList<>();
        for (int i = 0; i < 6_000; i++) {
            stock.add(located(String.format("WH-A%04d", i), 0));
        }
        stock.add(located("WH-Z", 3));
        TestIndices.index(testApi.elasticsearch(), inventory, stock, StockDocuments::idOf);
        ApiClient planner =
                testApi.start(
                        new TestApi.Indices(
                                TestApi.absentIndex("orders"),
                                TestApi.absentIndex("alerts"),
                                inventory,
                                TestApi.absentIndex("metrics"),
                                TestApi.absentIndex("routing")),
                        TestApi.keys(Map.of(TENANT_KEY, TENANT)));

        var answer = planner.get("/api/routing?destination=560001&items=RARE:1", TENANT_KEY);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("warehouses").get(0).path("warehouseId").asText())
                .as("held only by the warehouse sorted after 6,000 stock documents")
                .isEqualTo("WH-Z");
    }

    private static ObjectNode located(String warehouse, int available) {
        return StockDocuments.stock(TENANT, "RARE", warehouse, available)
                .low(false)
                .at("110001")
                .build();
    }

    /** Every page of a list, each page's {@code next} passed as {@code after}; the ids seen. */
    private static List<String> walk(
            String firstPage, String field, Function<JsonNode, String> idOf) {
        List<String> seen = new ArrayList<>();
        String call = firstPage;
        for (int page = 0; page < 100; page++) {
            var answer = api.get(call, TENANT_KEY);
            assertThat(answer.status())
                    .as("%s (%d characters)", call, call.length())
                    .isEqualTo(200);
            answer.body().path(field).forEach(document -> seen.add(idOf.apply(document)));
            JsonNode next = answer.body().path("next");
            if (next.isNull() || next.isMissingNode()) {
                return seen;
            }
            call = firstPage + "&after=" + URLEncoder.encode(next.asText(), StandardCharsets.UTF_8);
        }
        throw new AssertionError("no end after 100 pages of " + firstPage);
    }

    /** A call of a documented route with its required parameters (and one more to try). */
    private static List<String> with(List<String> accesses, String... more) {
        List<String> all = new ArrayList<>(accesses);
        all.addAll(List.of(more));
        return all;
    }

    private static String callOf(OpenApiDocument.Route route, String... more) {
        List<String> query = new ArrayList<>();
        for (OpenApiDocument.Parameter parameter : route.parameters()) {
            if (parameter.required() && "query".equals(parameter.in())) {
                query.add(parameter.name() + "=" + encode(parameter.example()));
            }
        }
        for (String name : more) {
            query.add(name + "=" + sampleOf(name));
        }
        String resolved =
                route.path()
                        .replace("{orderId}", encode(TENANT + ":WEB:1"))
                        .replace("{courier}", "delhivery")
                        .replace("{channel}", "shopify");
        for (OpenApiDocument.Parameter parameter : route.parameters()) {
            if ("path".equals(parameter.in())) {
                resolved =
                        resolved.replace("{" + parameter.name() + "}", encode(parameter.example()));
            }
        }
        return query.isEmpty() ? resolved : resolved + "?" + String.join("&", query);
    }

    /** A harmless value of a parameter, for checking that it is taken. */
    private static String sampleOf(String parameter) {
        return switch (parameter) {
            case "size", "limit", "minSample" -> "5";
            case "from", "to" -> "2026-03-01";
            case "groupBy" -> "tenant";
            case "interval" -> "day";
            case "sort" -> "placedAt";
            case "bucket" -> "LIVE";
            case "status" -> "DELIVERED";
            case "paymentMode" -> "COD";
            case "type" -> "NDR";
            case "state" -> "OPEN";
            case "severity" -> "WARNING";
            case "destination" -> "560001";
            case "items" -> "KURTA:1";
            case "phone" -> "9876543210";
            default -> "x";
        };
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static ObjectNode alert(String orderId, int number) {
        ObjectNode alert = JSON.createObjectNode();
        alert.put("alertId", TENANT + ":OFD_NOT_DELIVERED:" + orderId);
        alert.put("tenantId", TENANT);
        alert.put("type", "OFD_NOT_DELIVERED");
        alert.put("severity", "WARNING");
        alert.put("state", "OPEN");
        alert.put("orderId", orderId);
        alert.putArray("reasons").add("out for delivery since morning");
        String at = "2026-03-0" + (1 + number % 3) + "T05:00:00Z";
        alert.put("openedAt", at);
        alert.put("updatedAt", at);
        alert.put("version", 1);
        return alert;
    }

    private static ObjectNode verdict(String orderId, String warehouse) {
        ObjectNode verdict = JSON.createObjectNode();
        verdict.put("orderId", orderId);
        verdict.put("tenantId", TENANT);
        verdict.put("placedAt", "2026-03-01T05:00:00Z");
        verdict.put("warehouseId", warehouse);
        verdict.put("destinationPincode", "560001");
        verdict.put("judged", true);
        verdict.put("miss", false);
        verdict.put("extraKm", 0);
        return verdict;
    }
}
