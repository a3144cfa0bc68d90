package io.ordertrack.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordertrack.api.security.ApiKeys;
import io.ordertrack.testkit.OpenApiDocument;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The alert and low-stock endpoints over HTTP against a real Elasticsearch with two tenants, and
 * every data endpoint of the OpenAPI document probed with hostile values of every parameter the
 * document declares by a tenant, an analyst and a metrics key: only 2xx or 4xx answers, never a
 * document of another tenant, never a customer field for an analyst, never anything but 403 for a
 * metrics key.
 */
class AlertAndStockApiIT {
    private static final String ACME_KEY = "acme-key";
    private static final String GLOBEX_KEY = "globex-key";
    private static final String ANALYST_KEY = "analyst-key";
    private static final String METRICS_KEY = "metrics-key";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The access of the routes that read sellers' data, whole documents or aggregates. */
    private static final Set<String> DATA_ACCESS = Set.of("SELLER_DATA", "AGGREGATES");

    /** The index's own tenant field, which no route takes: the first thing an attacker tries. */
    private static final String UNDOCUMENTED_TENANT_FILTER = "tenantId";

    private static int sequence = 1;
    @RegisterExtension static final TestApi testApi = new TestApi();
    private static ApiClient api;

    @BeforeAll
    static void start() throws IOException {
        TestApi.Indices indices = testApi.newIndices();
        index(
                indices.orders(),
                List.of(
                        OrderDocuments.order("acme", "WEB", "1")
                                .shipment("DELHIVERY", "A1")
                                .build(),
                        OrderDocuments.order("globex", "WEB", "1")
                                .shipment("DELHIVERY", "G1")
                                .build()),
                order -> order.path("orderId").asText());
        index(
                indices.alerts(),
                List.of(
                        alert("acme", "NDR", "OPEN", "WARNING", "2026-03-01T05:00:00Z"),
                        alert("acme", "NDR", "RESOLVED", "CRITICAL", "2026-03-02T05:00:00Z"),
                        alert(
                                "acme",
                                "STUCK_IN_TRANSIT",
                                "OPEN",
                                "WARNING",
                                "2026-03-03T05:00:00Z"),
                        alert("globex", "NDR", "OPEN", "WARNING", "2026-03-02T06:00:00Z")),
                alert -> alert.path("alertId").asText());
        index(
                indices.inventory(),
                List.of(
                        stock("acme", "KURTA-M", "WH-BLR-1", 2, true),
                        stock("acme", "SAREE-L", "WH-BLR-1", 0, true),
                        stock("acme", "JEANS-S", "WH-DEL-1", 40, false),
                        stock("globex", "LAMP-M", "WH-MUM-1", 1, true)),
                StockDocuments::idOf);
        index(
                indices.metrics(),
                List.of(
                        MetricDocuments.cohort("acme", "2026-03-01T05:30:00Z", "DELHIVERY", "COD")
                                .delivered(600)
                                .rto("CUSTOMER_REFUSED")
                                .build(),
                        MetricDocuments.cohort("globex", "2026-03-01T05:30:00Z", "G1", "COD")
                                .delivered(900)
                                .with("warehouseId", "G1")
                                .build()),
                MetricDocuments::idOf);

        ApiKeys keys =
                TestApi.keys(
                        Map.of(
                                ACME_KEY,
                                "acme",
                                GLOBEX_KEY,
                                "globex",
                                ANALYST_KEY,
                                ApiKeys.ANALYST_MARKER,
                                METRICS_KEY,
                                ApiKeys.METRICS_MARKER));
        api = testApi.start(indices, keys);
    }

    @Test
    void alertsListTheCallersNewestChangeFirstPageByPage() {
        var first = api.get("/api/alerts?size=2", ACME_KEY);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().path("total").asLong()).isEqualTo(3);
        assertThat(ids(first.body(), "alerts"))
                .containsExactly("acme:STUCK_IN_TRANSIT:3", "acme:NDR:2");
        var second =
                api.get("/api/alerts?size=2&after=" + first.body().path("next").asText(), ACME_KEY);
        assertThat(ids(second.body(), "alerts")).containsExactly("acme:NDR:1");
        assertThat(second.body().path("next").isNull()).isTrue();
    }

    @Test
    void alertFiltersCombine() {
        assertThat(ids(api.get("/api/alerts?type=NDR&state=OPEN", ACME_KEY).body(), "alerts"))
                .containsExactly("acme:NDR:1");
        assertThat(ids(api.get("/api/alerts?severity=CRITICAL", ACME_KEY).body(), "alerts"))
                .containsExactly("acme:NDR:2");
        assertThat(
                        ids(
                                api.get("/api/alerts?from=2026-03-02&to=2026-03-02", ACME_KEY)
                                        .body(),
                                "alerts"))
                .containsExactly("acme:NDR:2");
        assertThat(ids(api.get("/api/alerts", GLOBEX_KEY).body(), "alerts"))
                .containsExactly("globex:NDR:4");
    }

    @Test
    void anOrdersAlertsAreFoundByItsIdWithinTheCallersTenantOnly() {
        assertThat(ids(api.get("/api/alerts?order=acme:WEB:3", ACME_KEY).body(), "alerts"))
                .containsExactly("acme:STUCK_IN_TRANSIT:3");
        assertThat(
                        api.get("/api/alerts/counts?order=acme:WEB:3", ACME_KEY)
                                .body()
                                .path("rows")
                                .get(0)
                                .path("total")
                                .asLong())
                .isEqualTo(1);
        assertThat(ids(api.get("/api/alerts?order=acme:WEB:3", GLOBEX_KEY).body(), "alerts"))
                .isEmpty();
    }

    @Test
    void alertCountsAreByTypeAndStateOfTheCallerOnly() {
        var answer = api.get("/api/alerts/counts", ACME_KEY);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("rows").toString())
                .isEqualTo(
                        "[{\"type\":\"NDR\",\"total\":2,\"OPEN\":1,\"RESOLVED\":1},"
                                + "{\"type\":\"STUCK_IN_TRANSIT\",\"total\":1,\"OPEN\":1,"
                                + "\"RESOLVED\":0}]");
    }

    @Test
    void lowStockListsTheCallersLowSkusLeastAvailableFirst() {
        var answer = api.get("/api/low-stock", ACME_KEY);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(ids(answer.body(), "stock"))
                .containsExactly("acme:SAREE-L:WH-BLR-1", "acme:KURTA-M:WH-BLR-1");
        assertThat(answer.body().path("stock").get(0).path("daysOfCover").asDouble())
                .isEqualTo(0.0);
        assertThat(ids(api.get("/api/low-stock?warehouse=WH-DEL-1", ACME_KEY).body(), "stock"))
                .isEmpty();
        assertThat(ids(api.get("/api/low-stock", GLOBEX_KEY).body(), "stock"))
                .containsExactly("globex:LAMP-M:WH-MUM-1");
    }

    @Test
    void badParametersAnswer400NamingTheParameter() {
        for (String[] bad :
                new String[][] {
                    {"/api/alerts?type=LATE", "type"},
                    {"/api/alerts?state=CLOSED", "state"},
                    {"/api/alerts?severity=" + "X".repeat(200), "severity"},
                    {"/api/alerts?size=0", "size"},
                    {"/api/alerts?after=bm90LWEtY3Vyc29y", "after"},
                    {"/api/alerts/counts?from=03/01/2026", "from"},
                    {"/api/low-stock?sku=", "sku"}
                }) {
            var answer = api.get(bad[0], ACME_KEY);
            assertThat(answer.status()).as(bad[0]).isEqualTo(400);
            assertThat(answer.body().path("parameter").asText()).as(bad[0]).isEqualTo(bad[1]);
        }
        assertThat(api.get("/api/alerts", null).status()).isEqualTo(401);
        assertThat(api.get("/api/low-stock", "wrong").status()).isEqualTo(401);
    }

    @Test
    void hostileParametersNeverAnswer5xxNorRevealAnotherTenant() throws IOException {
        // Every data route and query parameter the OpenAPI document declares: none is left out.
        List<OpenApiDocument.Route> routes = OpenApiDocument.routes();
        List<String> endpoints =
                routes.stream()
                        .filter(route -> DATA_ACCESS.contains(route.access()))
                        .map(OpenApiDocument.Route::path)
                        .filter(path -> !path.contains("{"))
                        .toList();
        List<String> parameters =
                Stream.concat(
                                routes.stream().flatMap(route -> route.queryParameters().stream()),
                                Stream.of(UNDOCUMENTED_TENANT_FILTER))
                        .distinct()
                        .toList();
        assertThat(endpoints).as("data routes of the OpenAPI document").isNotEmpty();
        List<String> values =
                List.of(
                        "globex",
                        "*",
                        "tenantId:globex",
                        "acme OR tenantId:globex",
                        "\" OR \"1\"=\"1",
                        "{\"match_all\":{}}",
                        "G1",
                        "tenant",
                        "tenant,courier",
                        "2026-99-99",
                        "-1",
                        "99999999999",
                        "x".repeat(200),
                        "x".repeat(20_000));
        for (String endpoint : endpoints) {
            for (String parameter : parameters) {
                for (String value : values) {
                    String call = endpoint + "?" + parameter + "=" + encode(value);
                    var answer = api.getText(call, ACME_KEY);
                    assertThat(answer.statusCode()).as(call).isIn(200, 400, 414, 431);
                    assertThat(answer.body()).as(call).doesNotContain("globex", "G1");
                    var analysed = api.getText(call, ANALYST_KEY);
                    assertThat(analysed.statusCode()).as(call).isIn(200, 400, 403, 414, 431);
                    assertThat(analysed.body())
                            .as("no customer field for an analyst: " + call)
                            .doesNotContain("Asha", "9876543210", "MG Road", "\"orderId\"");
                    assertThat(api.getText(call, METRICS_KEY).statusCode())
                            .as("no seller's data for a metrics key: " + call)
                            .isIn(403, 414, 431);
                }
            }
        }
        assertThat(api.getText("/api/orders/globex:WEB:1", ACME_KEY).statusCode()).isEqualTo(404);
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static ObjectNode alert(
            String tenant, String type, String state, String severity, String at) {
        ObjectNode alert = JSON.createObjectNode();
        int number = sequence++;
        alert.put("alertId", tenant + ":" + type + ":" + number);
        alert.put("tenantId", tenant);
        alert.put("type", type);
        alert.put("severity", severity);
        alert.put("state", state);
        alert.put("orderId", tenant + ":WEB:" + number);
        alert.putArray("reasons").add("reason " + number);
        alert.put("openedAt", at);
        alert.put("updatedAt", at);
        alert.put("version", 1);
        return alert;
    }

    /** Stock selling two a day: its days of cover are half what is available. */
    private static ObjectNode stock(
            String tenant, String sku, String warehouse, int available, boolean low) {
        return StockDocuments.stock(tenant, sku, warehouse, available)
                .low(low)
                .selling(2.0)
                .build();
    }

    private static List<String> ids(JsonNode body, String field) {
        return StreamSupport.stream(body.path(field).spliterator(), false)
                .map(
                        document ->
                                document.has("alertId")
                                        ? document.path("alertId").asText()
                                        : StockDocuments.idOf(document))
                .toList();
    }

    private static void index(
            String alias, List<ObjectNode> documents, Function<ObjectNode, String> idOf)
            throws IOException {
        TestIndices.index(testApi.elasticsearch(), alias, documents, idOf);
    }
}
