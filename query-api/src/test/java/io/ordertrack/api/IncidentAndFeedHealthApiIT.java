package io.ordertrack.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordertrack.api.security.ApiKeys;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /api/incidents} and {@code /api/feed-health} over HTTP against a real Elasticsearch,
 * holding incidents as the job writes them (one alert per tenant, that tenant's parcels only), the
 * order alerts pointing at them, and the feed health documents of two tenants and of the platform:
 * a tenant never sees another's parcels or feeds, an analyst sees each incident once across tenants
 * and the platform's feeds.
 */
class IncidentAndFeedHealthApiIT {
    private static final String ACME_KEY = "acme-key";
    private static final String GLOBEX_KEY = "globex-key";
    private static final String ANALYST_KEY = "analyst-key";
    private static final String ALL_TENANTS_KEY = "all-tenants-key";
    private static final String METRICS_KEY = "metrics-key";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Detected last: a hub of Delhivery in Bengaluru, 2 parcels of acme's and 1 of globex's. */
    private static final String BLR_STALL = "HUB_STALL:DELHIVERY:BLR-HUB:1772514000000";

    /** A hub of Ekart with 150 parcels of acme's (100 listed) and 5 of globex's. */
    private static final String DEL_STALL = "HUB_STALL:EKART:DEL-HUB:1772427600000";

    /** The earliest, resolved: Bluedart's feed went silent for acme's parcels only. */
    private static final String BLUEDART_SILENT = "FEED_SILENT:BLUEDART:1772341200000";

    @RegisterExtension static final TestApi testApi = new TestApi();
    private static ApiClient api;

    @BeforeAll
    static void start() throws IOException {
        TestApi.Indices indices = testApi.newIndices();
        List<ObjectNode> alerts = new ArrayList<>();
        alerts.add(
                hubStall(BLR_STALL, "acme", "DELHIVERY", "BLR-HUB", "2026-03-03T05:00:00Z")
                        .parcels(parcels("acme", "DELHIVERY", "A", 2), 2)
                        .build());
        alerts.add(
                hubStall(BLR_STALL, "globex", "DELHIVERY", "BLR-HUB", "2026-03-03T05:00:00Z")
                        .parcels(parcels("globex", "DELHIVERY", "G", 1), 1)
                        .build());
        alerts.add(
                hubStall(DEL_STALL, "acme", "EKART", "DEL-HUB", "2026-03-02T05:00:00Z")
                        .parcels(parcels("acme", "EKART", "E", 100), 150)
                        .build());
        alerts.add(
                hubStall(DEL_STALL, "globex", "EKART", "DEL-HUB", "2026-03-02T05:00:00Z")
                        .parcels(parcels("globex", "EKART", "GE", 5), 5)
                        .build());
        alerts.add(
                new IncidentAlert(
                                BLUEDART_SILENT,
                                "acme",
                                "FEED_SILENT",
                                "BLUEDART",
                                "2026-03-01T05:00:00Z")
                        .parcels(parcels("acme", "BLUEDART", "B", 4), 4)
                        .resolvedAt("2026-03-01T09:00:00Z")
                        .build());
        alerts.add(stuck("acme", "A0", BLR_STALL));
        alerts.add(stuck("acme", "A1", BLR_STALL));
        alerts.add(stuck("globex", "G0", BLR_STALL));
        alerts.add(stuck("acme", "X9", null));
        TestIndices.index(
                testApi.elasticsearch(),
                indices.alerts(),
                alerts,
                alert -> alert.path("alertId").asText());
        TestIndices.index(
                testApi.elasticsearch(),
                indices.feedHealth(),
                List.of(
                        feed("COURIER", "DELHIVERY", "acme", "OK"),
                        feed("COURIER", "BLUEDART", "acme", "SILENT"),
                        feed("CHANNEL", "SHOPIFY", "acme", "OK"),
                        feed("COURIER", "DELHIVERY", "globex", "OK"),
                        feed("WAREHOUSE", "WH-GLOBEX", "globex", "SILENT"),
                        feed("COURIER", "DELHIVERY", "*", "OK"),
                        feed("COURIER", "BLUEDART", "*", "SILENT"),
                        feed("WAREHOUSE", "WH-GLOBEX", "*", "SILENT")),
                feed -> feed.path("feedId").asText());
        api =
                testApi.start(
                        indices,
                        TestApi.keys(
                                Map.of(
                                        ACME_KEY, "acme",
                                        GLOBEX_KEY, "globex",
                                        ANALYST_KEY, ApiKeys.ANALYST_MARKER,
                                        ALL_TENANTS_KEY, ApiKeys.ALL_TENANTS_MARKER,
                                        METRICS_KEY, ApiKeys.METRICS_MARKER)));
    }

    @Test
    void aTenantSeesItsOwnIncidentsNewestFirstWithItsParcelsOnly() {
        var answer = api.get("/api/incidents", ACME_KEY);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(ids(answer.body())).containsExactly(BLR_STALL, DEL_STALL, BLUEDART_SILENT);
        assertThat(answer.body().path("total").asLong()).isEqualTo(3);
        assertThat(answer.body().path("totalExact").asBoolean()).isTrue();
        JsonNode stall = answer.body().path("incidents").get(0);
        assertThat(stall.path("type").asText()).isEqualTo("HUB_STALL");
        assertThat(stall.path("state").asText()).isEqualTo("OPEN");
        assertThat(stall.path("courier").asText()).isEqualTo("DELHIVERY");
        assertThat(stall.path("hub").asText()).isEqualTo("BLR-HUB");
        assertThat(stall.path("city").asText()).isEqualTo("Bengaluru");
        assertThat(stall.path("since").asText()).isEqualTo("2026-03-03T01:00:00Z");
        assertThat(texts(stall.path("parcels")))
                .containsExactly("acme:DELHIVERY:A0", "acme:DELHIVERY:A1");
        assertThat(stall.path("parcelCount").asLong()).isEqualTo(2);
        assertThat(texts(stall.path("tenants"))).containsExactly("acme");
        assertThat(stall.path("orderAlerts").asLong())
                .as("acme's two STUCK alerts of the stall, not globex's")
                .isEqualTo(2);
        assertThat(texts(stall.path("reasons"))).containsExactly("2 of your parcels wait there");
        assertThat(answer.raw().body()).doesNotContain("globex");

        var theirs = api.get("/api/incidents", GLOBEX_KEY);
        assertThat(ids(theirs.body())).containsExactly(BLR_STALL, DEL_STALL);
        JsonNode their = theirs.body().path("incidents").get(0);
        assertThat(texts(their.path("parcels"))).containsExactly("globex:DELHIVERY:G0");
        assertThat(their.path("orderAlerts").asLong()).isEqualTo(1);
        assertThat(theirs.raw().body()).doesNotContain("acme");
    }

    @Test
    void anAnalystSeesEachIncidentOnceAcrossTenants() {
        for (String key : List.of(ANALYST_KEY, ALL_TENANTS_KEY)) {
            var answer = api.get("/api/incidents", key);

            assertThat(answer.status()).isEqualTo(200);
            assertThat(ids(answer.body()))
                    .as(key)
                    .containsExactly(BLR_STALL, DEL_STALL, BLUEDART_SILENT);
            JsonNode blr = answer.body().path("incidents").get(0);
            assertThat(blr.path("parcelCount").asLong()).isEqualTo(3);
            assertThat(texts(blr.path("tenants"))).containsExactly("acme", "globex");
            assertThat(blr.path("tenantCount").asLong()).isEqualTo(2);
            assertThat(texts(blr.path("parcels")))
                    .containsExactly(
                            "acme:DELHIVERY:A0", "acme:DELHIVERY:A1", "globex:DELHIVERY:G0");
            assertThat(blr.path("orderAlerts").asLong()).isEqualTo(3);
            assertThat(blr.has("reasons")).as("reasons speak to one seller").isFalse();
            JsonNode del = answer.body().path("incidents").get(1);
            assertThat(del.path("parcelCount").asLong()).isEqualTo(155);
            assertThat(del.path("parcels")).hasSize(100);
            assertThat(texts(del.path("parcels"))).allMatch(p -> p.startsWith("acme:EKART:"));
            assertThat(del.path("orderAlerts").asLong()).isZero();
            JsonNode silent = answer.body().path("incidents").get(2);
            assertThat(silent.path("state").asText()).isEqualTo("RESOLVED");
            assertThat(silent.path("resolvedAt").asText()).isEqualTo("2026-03-01T09:00:00Z");
            assertThat(silent.has("hub")).isFalse();
        }
    }

    @Test
    void incidentFiltersCombineAndOrderAlertsAreNeverListed() {
        assertThat(ids(api.get("/api/incidents?type=FEED_SILENT", ACME_KEY).body()))
                .containsExactly(BLUEDART_SILENT);
        assertThat(ids(api.get("/api/incidents?type=HUB_STALL&state=OPEN", ACME_KEY).body()))
                .containsExactly(BLR_STALL, DEL_STALL);
        assertThat(ids(api.get("/api/incidents?state=RESOLVED", ANALYST_KEY).body()))
                .containsExactly(BLUEDART_SILENT);
        assertThat(ids(api.get("/api/incidents?courier=EKART", ANALYST_KEY).body()))
                .containsExactly(DEL_STALL);
        assertThat(ids(api.get("/api/incidents?from=2026-03-02&to=2026-03-02", ACME_KEY).body()))
                .containsExactly(DEL_STALL);
        assertThat(ids(api.get("/api/incidents?from=2026-03-02T05:00:00Z", ANALYST_KEY).body()))
                .containsExactly(BLR_STALL, DEL_STALL);
        assertThat(ids(api.get("/api/incidents?courier=BLUEDART", GLOBEX_KEY).body())).isEmpty();
    }

    @Test
    void incidentsArePagedToTheirEndForTenantsAndAnalysts() {
        assertThat(walk("/api/incidents?size=1", ACME_KEY))
                .containsExactly(BLR_STALL, DEL_STALL, BLUEDART_SILENT);
        assertThat(walk("/api/incidents?size=2", ANALYST_KEY))
                .containsExactly(BLR_STALL, DEL_STALL, BLUEDART_SILENT);
        var first = api.get("/api/incidents?size=2", ANALYST_KEY);
        assertThat(first.body().path("total").asLong())
                .as("incidents, not their alerts")
                .isEqualTo(3);
    }

    @Test
    void aTenantSeesItsOwnShareOfEachFeedSilentOnesFirst() {
        var answer = api.get("/api/feed-health", ACME_KEY);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(feedIds(answer.body()))
                .containsExactly(
                        "COURIER:BLUEDART|acme", "CHANNEL:SHOPIFY|acme", "COURIER:DELHIVERY|acme");
        assertThat(answer.body().path("total").asLong()).isEqualTo(3);
        JsonNode silent = answer.body().path("feeds").get(0);
        assertThat(silent.path("state").asText()).isEqualTo("SILENT");
        assertThat(silent.path("unknownCodes").get(0).path("code").asText()).isEqualTo("X77");
        assertThat(silent.path("lagP99Ms").asLong()).isEqualTo(90_000);
        assertThat(answer.raw().body()).doesNotContain("globex");
        assertThat(feedIds(api.get("/api/feed-health", GLOBEX_KEY).body()))
                .containsExactly("WAREHOUSE:WH-GLOBEX|globex", "COURIER:DELHIVERY|globex");
    }

    @Test
    void anAnalystSeesThePlatformsFeeds() {
        for (String key : List.of(ANALYST_KEY, ALL_TENANTS_KEY)) {
            assertThat(feedIds(api.get("/api/feed-health", key).body()))
                    .as(key)
                    .containsExactly(
                            "COURIER:BLUEDART|*", "WAREHOUSE:WH-GLOBEX|*", "COURIER:DELHIVERY|*");
        }
    }

    @Test
    void feedFiltersCombineAndPage() {
        assertThat(feedIds(api.get("/api/feed-health?kind=COURIER", ACME_KEY).body()))
                .containsExactly("COURIER:BLUEDART|acme", "COURIER:DELHIVERY|acme");
        assertThat(feedIds(api.get("/api/feed-health?state=OK&kind=COURIER", ACME_KEY).body()))
                .containsExactly("COURIER:DELHIVERY|acme");
        assertThat(feedIds(api.get("/api/feed-health?name=DELHIVERY", ANALYST_KEY).body()))
                .containsExactly("COURIER:DELHIVERY|*");
        assertThat(feedIds(api.get("/api/feed-health?name=WH-GLOBEX", ACME_KEY).body())).isEmpty();
        var first = api.get("/api/feed-health?size=2", ACME_KEY);
        var second =
                api.get(
                        "/api/feed-health?size=2&after="
                                + encode(first.body().path("next").asText()),
                        ACME_KEY);
        assertThat(feedIds(second.body())).containsExactly("COURIER:DELHIVERY|acme");
        assertThat(second.body().path("next").isNull()).isTrue();
    }

    @Test
    void badParametersAnswer400NamingTheParameter() {
        for (String[] bad :
                new String[][] {
                    {"/api/incidents?type=NDR", "type"},
                    {"/api/incidents?type=hub_stall", "type"},
                    {"/api/incidents?state=CLOSED", "state"},
                    {"/api/incidents?courier=" + "X".repeat(200), "courier"},
                    {"/api/incidents?size=0", "size"},
                    {"/api/incidents?size=101", "size"},
                    {"/api/incidents?after=bm90LWEtY3Vyc29y", "after"},
                    {"/api/incidents?after=" + encode(cursor("[null,\"x\"]")), "after"},
                    {"/api/incidents?from=03/01/2026", "from"},
                    {"/api/incidents?hub=BLR-HUB", "hub"},
                    {"/api/feed-health?kind=PRINTER", "kind"},
                    {"/api/feed-health?state=QUIET", "state"},
                    {"/api/feed-health?name=", "name"},
                    {"/api/feed-health?size=1001", "size"},
                    {"/api/feed-health?tenantId=globex", "tenantId"}
                }) {
            var answer = api.get(bad[0], ACME_KEY);
            assertThat(answer.status()).as(bad[0]).isEqualTo(400);
            assertThat(answer.body().path("parameter").asText()).as(bad[0]).isEqualTo(bad[1]);
            assertThat(answer.body().path("error").asText()).as(bad[0]).isEqualTo("Bad Request");
        }
        assertThat(api.get("/api/incidents", null).status()).isEqualTo(401);
        assertThat(api.get("/api/incidents", METRICS_KEY).status()).isEqualTo(403);
        assertThat(api.get("/api/feed-health", METRICS_KEY).status()).isEqualTo(403);
    }

    /** Every page of a list, each page's {@code next} passed as {@code after}; the ids seen. */
    private static List<String> walk(String firstPage, String key) {
        List<String> seen = new ArrayList<>();
        String call = firstPage;
        for (int page = 0; page < 10; page++) {
            var answer = api.get(call, key);
            assertThat(answer.status()).as(call).isEqualTo(200);
            seen.addAll(ids(answer.body()));
            JsonNode next = answer.body().path("next");
            if (next.isNull()) {
                return seen;
            }
            call = firstPage + "&after=" + encode(next.asText());
        }
        throw new AssertionError("no end after 10 pages of " + firstPage);
    }

    /** An incident alert as {@code IncidentAlerts} builds it. */
    private static final class IncidentAlert {
        private final ObjectNode alert = JSON.createObjectNode();

        IncidentAlert(String incidentId, String tenant, String type, String courier, String at) {
            alert.put("alertId", incidentId + "|" + tenant);
            alert.put("tenantId", tenant);
            alert.put("type", type);
            alert.put("severity", "CRITICAL");
            alert.put("state", "OPEN");
            alert.put("courier", courier);
            alert.put("incidentId", incidentId);
            alert.put("since", java.time.Instant.parse(at).minusSeconds(4 * 3600).toString());
            alert.put("openedAt", at);
            alert.put("updatedAt", at);
            alert.put("version", 1);
        }

        IncidentAlert at(String hub, String city) {
            alert.put("hub", hub);
            alert.put("city", city);
            return this;
        }

        IncidentAlert parcels(List<String> listed, int count) {
            ArrayNode parcels = alert.putArray("parcels");
            listed.forEach(parcels::add);
            alert.put("parcelCount", count);
            alert.putArray("reasons").add(count + " of your parcels wait there");
            return this;
        }

        IncidentAlert resolvedAt(String at) {
            alert.put("state", "RESOLVED");
            alert.put("resolvedAt", at);
            alert.put("updatedAt", at);
            alert.put("version", 2);
            return this;
        }

        ObjectNode build() {
            return alert;
        }
    }

    private static IncidentAlert hubStall(
            String incidentId, String tenant, String courier, String hub, String at) {
        return new IncidentAlert(incidentId, tenant, "HUB_STALL", courier, at)
                .at(hub, hub.startsWith("BLR") ? "Bengaluru" : "Delhi");
    }

    private static List<String> parcels(String tenant, String courier, String prefix, int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> tenant + ":" + courier + ":" + prefix + i)
                .toList();
    }

    /** A STUCK_IN_TRANSIT alert of one order, pointing at an incident (or none). */
    private static ObjectNode stuck(String tenant, String awb, String incidentId) {
        ObjectNode alert = JSON.createObjectNode();
        alert.put("alertId", tenant + ":STUCK_IN_TRANSIT:" + awb);
        alert.put("tenantId", tenant);
        alert.put("type", "STUCK_IN_TRANSIT");
        alert.put("severity", "WARNING");
        alert.put("state", "OPEN");
        alert.put("orderId", tenant + ":WEB:" + awb);
        alert.put("awb", awb);
        if (incidentId != null) {
            alert.put("incidentId", incidentId);
        }
        alert.putArray("reasons").add("no scan for 3 days");
        alert.put("openedAt", "2026-03-03T06:00:00Z");
        alert.put("updatedAt", "2026-03-03T06:00:00Z");
        alert.put("version", 1);
        return alert;
    }

    /** A feed health document as the job writes it. */
    private static ObjectNode feed(String kind, String name, String tenant, String state) {
        ObjectNode feed = JSON.createObjectNode();
        feed.put("feedId", kind + ":" + name + "|" + tenant);
        feed.put("tenantId", tenant);
        feed.put("kind", kind);
        feed.put("name", name);
        feed.put("state", state);
        feed.put("asOf", "2026-03-03T06:00:00Z");
        if (state.equals("SILENT")) {
            feed.put("silentSince", "2026-03-03T02:00:00Z");
            feed.put("incidentId", kind + ":" + name + ":silent");
        }
        feed.put("eventsLastHour", state.equals("SILENT") ? 0 : 120);
        feed.put("usualEventsPerHour", 110.5);
        feed.put("events", 9_000);
        feed.put("unmappedShare", 0.02);
        ArrayNode codes = feed.putArray("unknownCodes");
        codes.addObject().put("code", "X77").put("text", "Shipment parked").put("scans", 14);
        feed.put("duplicates", 3);
        feed.put("regressions", 1);
        feed.put("lagP50Ms", 20_000);
        feed.put("lagP90Ms", 60_000);
        feed.put("lagP99Ms", 90_000);
        feed.put("live", kind.equals("COURIER") ? 40 : 0);
        feed.put("lastArrivalAt", "2026-03-03T05:59:00Z");
        return feed;
    }

    private static String cursor(String json) {
        return java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> ids(JsonNode body) {
        return StreamSupport.stream(body.path("incidents").spliterator(), false)
                .map(incident -> incident.path("incidentId").asText())
                .toList();
    }

    private static List<String> feedIds(JsonNode body) {
        return StreamSupport.stream(body.path("feeds").spliterator(), false)
                .map(feed -> feed.path("feedId").asText())
                .toList();
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
