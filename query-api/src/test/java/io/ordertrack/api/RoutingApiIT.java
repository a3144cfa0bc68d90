package io.ordertrack.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordertrack.api.security.ApiKeys;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /api/routing} over HTTP against a real Elasticsearch holding the stock of two tenants: the
 * warehouses that can ship an order nearest first, splits, shortfalls, bad questions and tenant
 * isolation. (Answers checked against a brute force on a simulated run's stock: {@code
 * SimulatedRunIT}.)
 */
class RoutingApiIT {
    private static final String ACME_KEY = "acme-key";
    private static final String GLOBEX_KEY = "globex-key";
    private static final String ALL_TENANTS_KEY = "all-tenants-key";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension static final TestApi testApi = new TestApi();
    private static ApiClient api;

    @BeforeAll
    static void start() throws IOException {
        TestApi.Indices indices = testApi.newIndices();
        TestIndices.index(
                testApi.elasticsearch(),
                indices.orders(),
                List.of(
                        OrderDocuments.order("acme", "WEB", "1").build(),
                        OrderDocuments.order("globex", "WEB", "1").build()),
                order -> order.path("orderId").asText());
        TestIndices.index(
                testApi.elasticsearch(),
                indices.routing(),
                List.of(
                        verdict("acme:WEB:1", "acme", "WH-DEL", true, true, 1400.5),
                        verdict("acme:WEB:2", "acme", "WH-DEL", true, false, 0),
                        verdict("acme:WEB:3", "acme", "WH-DEL", true, true, 600.0),
                        verdict("acme:WEB:4", "acme", "WH-MUM", true, false, 0),
                        verdict("acme:WEB:5", "acme", "WH-MUM", false, false, 0),
                        verdict("globex:WEB:1", "globex", "GLX-BLR", true, true, 10.0)),
                order -> order.path("orderId").asText());
        TestIndices.index(
                testApi.elasticsearch(),
                indices.metrics(),
                List.of(
                        shipmentsTo("acme", "DELHIVERY", "COD", 24, 16),
                        shipmentsTo("acme", "BLUEDART", "COD", 36, 4),
                        shipmentsTo("acme", "DELHIVERY", "PREPAID", 40, 0),
                        shipmentsTo("globex", "GLX-COURIER", "COD", 40, 40)),
                MetricDocuments::idOf);
        TestIndices.index(
                testApi.elasticsearch(),
                indices.inventory(),
                List.of(
                        StockDocuments.stock("acme", "KURTA", "WH-DEL", 10).at("110001").build(),
                        StockDocuments.stock("acme", "SAREE", "WH-DEL", 10).at("110001").build(),
                        StockDocuments.stock("acme", "KURTA", "WH-MUM", 3).at("400001").build(),
                        StockDocuments.stock("acme", "SAREE", "WH-MUM", 1).at("400001").build(),
                        StockDocuments.stock("acme", "KURTA", "WH-MAA", 1).at("600001").build(),
                        StockDocuments.stock("acme", "LAMP", "WH-MAA", 0).at("600001").build(),
                        StockDocuments.stock("acme", "KURTA", "WH-NOWHERE", 50).build(),
                        StockDocuments.stock("globex", "KURTA", "GLX-BLR", 99).at("560001").build(),
                        StockDocuments.stock("globex", "TEAPOT", "GLX-BLR", 99)
                                .at("560001")
                                .build()),
                StockDocuments::idOf);
        ApiKeys keys =
                TestApi.keys(
                        Map.of(
                                ACME_KEY, "acme",
                                GLOBEX_KEY, "globex",
                                ALL_TENANTS_KEY, ApiKeys.ALL_TENANTS_MARKER));
        api = testApi.start(indices, keys);
    }

    @Test
    void warehousesHoldingTheWholeOrderAreRankedNearestFirstWithDistances() {
        var answer = route("destination=560001&items=KURTA:2,SAREE:1", ACME_KEY);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(ids(answer.body().path("warehouses")))
                .as("Mumbai is nearer Bengaluru than Delhi")
                .containsExactly("WH-MUM", "WH-DEL");
        assertThat(answer.body().path("warehouses").get(0).path("distanceKm").asDouble())
                .isBetween(800.0, 830.0);
        assertThat(answer.body().path("warehouses").get(0).path("state").asText())
                .isEqualTo("Maharashtra");
        assertThat(answer.body().path("split").isNull()).isTrue();
        assertThat(answer.body().path("short")).isEmpty();
        assertThat(answer.body().path("destination").path("state").asText()).isEqualTo("Karnataka");
        assertThat(answer.body().path("unlocatedWarehouses").asInt())
                .as("a warehouse with no PIN code cannot be ranked")
                .isEqualTo(1);
    }

    @Test
    void anOrderNoWarehouseHoldsWholeIsSplitAndWhatNobodyHoldsIsShort() {
        var answer = route("destination=560001&items=KURTA:12,LAMP:1", ACME_KEY);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("warehouses")).isEmpty();
        JsonNode split = answer.body().path("split");
        assertThat(split.path("fewestWarehouses").asBoolean()).isTrue();
        assertThat(ids(split.path("shipments"))).containsExactlyInAnyOrder("WH-MUM", "WH-DEL");
        int shipped = 0;
        for (JsonNode shipment : split.path("shipments")) {
            shipped += shipment.path("items").get(0).path("quantity").asInt();
        }
        assertThat(shipped).isEqualTo(12);
        assertThat(answer.body().path("short").get(0).path("sku").asText()).isEqualTo("LAMP");
        assertThat(answer.body().path("short").get(0).path("available").asInt()).isZero();
    }

    @Test
    void aTenantNeverRoutesFromAnotherTenantsWarehouses() {
        var acme = route("destination=560001&items=KURTA:60", ACME_KEY);
        var teapot = route("destination=560001&items=TEAPOT:1", ACME_KEY);
        var missing = route("destination=560001&items=NO-SUCH-SKU:1", ACME_KEY);
        var tampered = route("destination=560001&items=KURTA:1&tenant=globex", ACME_KEY);

        assertThat(acme.body().toString()).doesNotContain("GLX-BLR");
        assertThat(acme.body().path("short").get(0).path("available").asInt()).isEqualTo(14);
        assertThat(teapot.status()).isEqualTo(400);
        assertThat(teapot.body().path("parameter").asText()).isEqualTo("items");
        assertThat(teapot.body().path("message").asText())
                .isEqualTo(
                        missing.body().path("message").asText().replace("NO-SUCH-SKU", "TEAPOT"));
        assertThat(tampered.body().toString()).doesNotContain("GLX-BLR");
    }

    @Test
    void anAnalystKeyNamesTheTenant() {
        var without = route("destination=560001&items=KURTA:1", ALL_TENANTS_KEY);
        var globex = route("destination=560001&items=KURTA:1&tenant=globex", ALL_TENANTS_KEY);

        assertThat(without.status()).isEqualTo(400);
        assertThat(without.body().path("parameter").asText()).isEqualTo("tenant");
        assertThat(ids(globex.body().path("warehouses"))).containsExactly("GLX-BLR");
        assertThat(globex.body().path("warehouses").get(0).path("distanceKm").asDouble()).isZero();
    }

    @Test
    void withAPaymentModeTheAnswerTellsTheRtoRateToTheDestinationPerCourier() {
        var answer = route("destination=560001&items=KURTA:1&paymentMode=COD", ACME_KEY);
        var without = route("destination=560001&items=KURTA:1", ACME_KEY);
        var bad = route("destination=560001&items=KURTA:1&paymentMode=CASH", ACME_KEY);

        JsonNode rto = answer.body().path("rto");
        assertThat(rto.path("paymentMode").asText()).isEqualTo("COD");
        List<String> couriers = new ArrayList<>();
        rto.path("byCourier")
                .forEach(
                        courier ->
                                couriers.add(
                                        courier.path("courier").asText()
                                                + " "
                                                + courier.path("rtoRate")
                                                        .path("value")
                                                        .asDouble()));
        assertThat(couriers).containsExactlyInAnyOrder("DELHIVERY 0.4", "BLUEDART 0.1");
        assertThat(without.body().has("rto")).isFalse();
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().path("parameter").asText()).isEqualTo("paymentMode");
    }

    @Test
    void theRoutingMissRateIsPerWarehouseOverTheJudgedOrdersOfTheCallerOnly() {
        var answer = api.get("/api/analytics/routing?minSample=1", ACME_KEY);

        assertThat(answer.status()).isEqualTo(200);
        JsonNode rows = answer.body().path("rows");
        List<String> lines = new ArrayList<>();
        rows.forEach(
                row ->
                        lines.add(
                                row.path("warehouse").asText()
                                        + " orders="
                                        + row.path("orders").asInt()
                                        + " judged="
                                        + row.path("judged").asInt()
                                        + " misses="
                                        + row.path("misses").asInt()
                                        + " rate="
                                        + row.path("missRate").path("value").asDouble()
                                        + " km="
                                        + row.path("extraKm").asDouble()
                                        + " perMiss="
                                        + row.path("extraKmPerMiss").asDouble()));
        assertThat(lines)
                .containsExactlyInAnyOrder(
                        "WH-DEL orders=3 judged=3 misses=2 rate=0.6666666666666666 km=2000.5"
                                + " perMiss=1000.3",
                        "WH-MUM orders=2 judged=1 misses=0 rate=0.0 km=0.0 perMiss=0.0");
        assertThat(answer.body().toString()).doesNotContain("GLX-BLR");
    }

    @Test
    void anAnalystSeesTheMissRatePerTenant() {
        var answer = api.get("/api/analytics/routing?groupBy=tenant&minSample=1", ALL_TENANTS_KEY);
        var bad = api.get("/api/analytics/routing?groupBy=courier", ALL_TENANTS_KEY);

        List<String> tenants = new ArrayList<>();
        answer.body()
                .path("rows")
                .forEach(
                        row ->
                                tenants.add(
                                        row.path("tenant").asText()
                                                + " "
                                                + row.path("misses").asInt()));
        assertThat(tenants).containsExactlyInAnyOrder("acme 2", "globex 1");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().path("parameter").asText()).isEqualTo("groupBy");
    }

    @Test
    void anOrderShowsItsRoutingVerdictAndNeverAnotherTenants() {
        var acme = api.get("/api/orders/acme:WEB:1", ACME_KEY);
        var foreign = api.get("/api/orders/globex:WEB:1", ACME_KEY);

        assertThat(acme.body().path("routing").path("miss").asBoolean()).isTrue();
        assertThat(acme.body().path("routing").path("extraKm").asDouble()).isEqualTo(1400.5);
        assertThat(foreign.status()).isEqualTo(404);
    }

    @Test
    void badQuestionsAnswer400NamingTheParameter() {
        String[][] cases = {
            {"items=KURTA:1", "destination"},
            {"destination=56000&items=KURTA:1", "destination"},
            {"destination=999999&items=KURTA:1", "destination"},
            {"destination=560001", "items"},
            {"destination=560001&items=KURTA", "items"},
            {"destination=560001&items=KURTA:0", "items"},
            {"destination=560001&items=KURTA:-1", "items"},
            {"destination=560001&items=KURTA:999999999", "items"},
            {"destination=560001&items=KURTA:1,KURTA:2", "items"},
            {"destination=560001&items=KURTA:1,", "items"},
            {"destination=560001&items=" + encode("tenantId:globex OR *:1"), "items"},
            {"destination=560001&items=" + manyLines(51), "items"},
            {"destination=560001&items=KURTA:1&limit=0", "limit"}
        };
        for (String[] bad : cases) {
            var answer = route(bad[0], ACME_KEY);
            assertThat(answer.status()).as(bad[0]).isEqualTo(400);
            assertThat(answer.body().path("parameter").asText()).as(bad[0]).isEqualTo(bad[1]);
        }
        assertThat(route("destination=560001&items=KURTA:1", null).status()).isEqualTo(401);
        assertThat(
                        route("destination=560001&items=" + manyLines(50), ACME_KEY)
                                .body()
                                .path("message")
                                .asText())
                .as("fifty lines are a question, not too long a parameter")
                .startsWith("no warehouse of the tenant stocks SKU-0");
    }

    private static ApiClient.Answer route(String query, String key) {
        return api.get("/api/routing?" + query, key);
    }

    private static List<String> ids(JsonNode warehouses) {
        List<String> ids = new ArrayList<>();
        warehouses.forEach(warehouse -> ids.add(warehouse.path("warehouseId").asText()));
        return ids;
    }

    private static String manyLines(int count) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            lines.add("SKU-" + i + "-" + "X".repeat(100) + ":1");
        }
        return String.join(",", lines);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Shipments of a seller to Bengaluru (560001), delivered and returned to origin. */
    private static ObjectNode shipmentsTo(
            String tenant, String courier, String paymentMode, int delivered, int rto) {
        MetricDocuments cohort =
                MetricDocuments.cohort(tenant, "2026-03-01T05:30:00Z", courier, paymentMode)
                        .with("pincode", "560001");
        for (int i = 0; i < delivered; i++) {
            cohort.delivered(600);
        }
        for (int i = 0; i < rto; i++) {
            cohort.rto();
        }
        return cohort.build();
    }

    private static ObjectNode verdict(
            String orderId,
            String tenant,
            String warehouse,
            boolean judged,
            boolean miss,
            double extraKm) {
        ObjectNode verdict = JSON.createObjectNode();
        verdict.put("orderId", orderId);
        verdict.put("tenantId", tenant);
        verdict.put("placedAt", "2026-03-01T05:00:00Z");
        verdict.put("warehouseId", warehouse);
        verdict.put("destinationPincode", "560001");
        verdict.put("judged", judged);
        verdict.put("miss", miss);
        verdict.put("extraKm", extraKm);
        return verdict;
    }
}
