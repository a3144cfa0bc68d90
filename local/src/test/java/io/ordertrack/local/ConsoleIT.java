package io.ordertrack.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch._types.Refresh;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordertrack.api.elasticsearch.ElasticsearchClients;
import io.ordertrack.api.health.HealthThresholds;
import io.ordertrack.api.security.ApiKeys;
import io.ordertrack.documents.Index;
import io.ordertrack.documents.IndexBootstrap;
import io.ordertrack.documents.SellersTime;
import io.ordertrack.simulator.FeedProducer;
import io.ordertrack.simulator.SimulationOptions;
import io.ordertrack.testkit.OpenApiDocument;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The seller console in headless Chromium against the real stack (Kafka, the job on a Flink
 * MiniCluster, Elasticsearch, the API) fed by the simulator: every view shows what the API answers
 * the same question, for the signed-in seller only, and every request the page sends is one the
 * OpenAPI document describes. Screenshots of each view land in {@code target/console-screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {
    @RegisterExtension static final MiniClusterExtension FLINK = TestFlink.cluster();

    private static final SimulationOptions RUN =
            SimulationOptions.defaults(23, 600).withOrdersPerDay(400);

    /** No progress for 5 s is "behind": a stopped job shows on the console within seconds. */
    private static final HealthThresholds THRESHOLDS =
            new HealthThresholds(
                    Duration.ofSeconds(5), Duration.ofMinutes(2), 10_000, Duration.ofMinutes(10));

    private static final String SELLER_KEY = ApiKeys.newKey();
    private static final String OTHER_SELLER_KEY = ApiKeys.newKey();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ANALYTICS_FROM = "2026-10-25";
    private static final String ANALYTICS_TO = "2026-12-31";

    /** A small run: rates from 5 shipments, so that the charts have points. */
    private static final String MIN_SAMPLE = "5";

    /** When the seeded incidents began and were detected (the run's data is of late 2026). */
    private static final String STALL_SINCE = "2026-12-01T02:00:00Z";

    private static final String STALL_OPENED = "2026-12-01T08:00:00Z";
    private static final String STALL_HUB = "HUB-CONSOLE-7";
    private static final String THEIR_SILENT_CHANNEL = "THEIR-CHANNEL";

    private static RunningSystem system;
    private static ConsolePage page;
    private static String sellerTenant;

    /** The open hub stall's id and the seller's parcels in it. */
    private static String stallId;

    private static List<String> stallParcels;

    /** The seller's orders whose parcels wait in the stall. */
    private static List<JsonNode> stallOrders;

    @BeforeAll
    static void feedTheRunAndOpenTheConsole() throws Exception {
        SimulatedRun run = SimulatedRun.of(RUN);
        system =
                RunningSystem.start(
                        "console-" + Long.toString(System.currentTimeMillis(), 36),
                        Map.of(
                                run.world().tenants().get(0).id(), SELLER_KEY,
                                run.world().tenants().get(1).id(), OTHER_SELLER_KEY),
                        List.of(),
                        THRESHOLDS);
        try (FeedProducer producer =
                        new FeedProducer(RunningSystem.kafkaBootstrapServers(), system.topics());
                ElasticsearchClients elasticsearch =
                        ElasticsearchClients.create(RunningSystem.elasticsearchUrl())) {
            producer.send(run.records().iterator());
            OracleComparison.awaitFinalDocuments(
                    elasticsearch, system.ordersIndex, run.oracle(), run.records());
        }
        system.awaitInputConsumed();
        sellerTenant = run.world().tenants().get(0).id();
        seedIncidentsAndFeeds(sellerTenant, run.world().tenants().get(1).id());
        page = ConsolePage.open(system.apiUrl());
    }

    @AfterAll
    static void closeTheConsoleAndTheSystem() throws Exception {
        if (page != null) {
            page.close();
        }
        system.close();
        system.discard();
    }

    @Test
    @Order(1)
    void aWrongKeyIsRefusedWithAClearMessageAndTheSignInStays() {
        page.load();
        page.screenshot("sign-in");
        page.signIn("not-a-key-of-anyone");

        page.waitUntil(() -> page.text("sign-in-message").contains("refused"));
        assertThat(page.text("sign-in-message")).contains("wrong or has been revoked");
        assertThat(page.shown("view-sign-in")).isTrue();
        assertThat(page.shown("nav")).isFalse();
    }

    @Test
    @Order(2)
    void signedInTheOrdersViewShowsTheBucketCountsAndTheFirstPageTheApiAnswers() throws Exception {
        page.signIn(SELLER_KEY);
        JsonNode counts = api("/api/orders/buckets");
        JsonNode firstPage = api("/api/orders?size=20");

        page.waitUntilShows(
                () -> page.attributes("#orders-table tr[data-order-id]", "data-order-id"),
                orderIds(firstPage));
        page.waitUntilShows(() -> bucketTabs(), expectedTabs(counts));
        assertThat(page.text("orders-total"))
                .isEqualTo("Orders 1–20 of " + firstPage.path("total").asLong());
        page.screenshot("orders");

        page.click("#orders-next");
        JsonNode secondPage =
                api("/api/orders?size=20&after=" + encode(firstPage.path("next").asText()));
        page.waitUntilShows(
                () -> page.attributes("#orders-table tr[data-order-id]", "data-order-id"),
                orderIds(secondPage));
        page.click("button[data-bucket=DELIVERED]");
        JsonNode delivered = api("/api/orders?size=20&bucket=DELIVERED");
        page.waitUntilShows(
                () -> page.attributes("#orders-table tr[data-order-id]", "data-order-id"),
                orderIds(delivered));

        page.choose("orders-size", "100");
        JsonNode hundred = api("/api/orders?size=100&bucket=DELIVERED");
        page.waitUntilShows(
                () -> page.attributes("#orders-table tr[data-order-id]", "data-order-id"),
                orderIds(hundred));
        page.choose("orders-size", "20");
    }

    @Test
    @Order(3)
    void theSearchBoxFindsAnOrderByAwbClientOrderIdCustomerNameAndPhone() throws Exception {
        JsonNode order = api("/api/orders?size=1&bucket=DELIVERED").path("orders").get(0);
        page.click("button[data-bucket=ALL]");
        for (String value :
                List.of(
                        order.path("awb").asText(),
                        order.path("clientOrderId").asText(),
                        order.path("customer").path("name").asText(),
                        order.path("customer").path("phone").asText())) {
            page.type("q", value);
            page.click("#order-search button[type=submit]");
            List<String> expected = orderIds(api("/api/orders?size=20&q=" + encode(value)));

            assertThat(expected).as(value).contains(order.path("orderId").asText());
            page.waitUntilShows(
                    () -> page.attributes("#orders-table tr[data-order-id]", "data-order-id"),
                    expected);
        }
        page.screenshot("search");
    }

    @Test
    @Order(4)
    void anotherSellersOrderIsNeitherFoundNorOpened() throws Exception {
        JsonNode theirs = api("/api/orders?size=1&bucket=DELIVERED", OTHER_SELLER_KEY);
        JsonNode order = theirs.path("orders").get(0);

        page.type("q", order.path("awb").asText());
        page.click("#order-search button[type=submit]");
        page.waitUntil(() -> page.text("orders-total").equals("No orders match"));
        assertThat(page.rows("orders-table")).isEmpty();

        page.go("order/" + order.path("orderId").asText());
        page.waitUntil(() -> page.shown("problem"));
        assertThat(page.text("problem")).isEqualTo("Order not found");
        assertThat(page.text("order-body")).isEmpty();
        page.go("orders");
        page.click("#order-search button[type=reset]");
    }

    @Test
    @Order(5)
    void anOrderShowsItsLayersTimelineAttemptsRiskAndAlertsAsTheApiHasThem() throws Exception {
        JsonNode order = orderWithFailedAttempts();
        String orderId = order.path("orderId").asText();
        JsonNode alerts = api("/api/alerts?size=100&order=" + encode(orderId));

        page.go("order/" + orderId);
        page.waitUntil(
                () -> page.text("order-title").contains(order.path("clientOrderId").asText()));
        List<String> codes = new ArrayList<>();
        order.path("timeline").forEach(step -> codes.add(step.path("code").asText()));
        List<String> steps = page.texts("#order-timeline .step");
        assertThat(steps).hasSize(codes.size());
        for (int i = 0; i < codes.size(); i++) {
            assertThat(steps.get(i)).startsWith(codes.get(i));
        }
        assertThat(page.texts("#order-ndr li")).hasSize(order.path("ndr").path("reasons").size());
        assertThat(page.text("order-risk")).isEqualTo(order.path("risk").path("score").asText());
        assertThat(page.text("order-status"))
                .contains(order.path("stage").asText())
                .contains(order.path("shipmentStatus").asText());
        assertThat(page.rows("order-alerts")).hasSize(alerts.path("alerts").size());
        page.screenshot("order");
    }

    @Test
    @Order(6)
    void theStoreGridIsTheApisAndACellOpensExactlyTheOrdersItCounts() throws Exception {
        JsonNode store = api("/api/store-orders");
        List<List<String>> expected = new ArrayList<>();
        store.path("rows")
                .forEach(
                        row -> {
                            List<String> cells =
                                    new ArrayList<>(
                                            cells(
                                                    row,
                                                    "warehouseId",
                                                    "courier",
                                                    "totalUploaded",
                                                    "PLACED",
                                                    "MANIFESTED",
                                                    "READY_TO_SHIP",
                                                    "DISPATCHED"));
                            // A courier's manifests; orders with no courier yet have none.
                            cells.add(
                                    row.path("courier").asText().equals("UNASSIGNED")
                                            ? "—"
                                            : "CSV PDF");
                            expected.add(cells);
                        });

        page.go("store");
        page.waitUntilShows(() -> page.rows("store-table"), expected);
        page.screenshot("store");

        JsonNode row = store.path("rows").get(0);
        String stage = row.path("DISPATCHED").asLong() > 0 ? "DISPATCHED" : "PLACED";
        page.click("#store-table tbody tr:first-child button[data-stage=" + stage + "]");
        page.waitUntil(() -> page.text("orders-total").endsWith(" of " + row.path(stage).asLong()));
        page.click("#order-search button[type=reset]");
    }

    @Test
    @Order(6)
    void aStoreRowGivesTheCouriersManifestOfTheChosenPickupDay() throws Exception {
        JsonNode shipped = api("/api/orders?size=1&storeStage=DISPATCHED").path("orders").get(0);
        String day =
                LocalDate.ofInstant(
                                Instant.parse(shipped.path("leftWarehouseAt").asText()),
                                SellersTime.ZONE)
                        .toString();
        String warehouse = shipped.path("warehouseId").asText();
        String courier = shipped.path("courier").asText();
        JsonNode manifest =
                api(
                        "/api/manifests?warehouse="
                                + warehouse
                                + "&courier="
                                + courier
                                + "&day="
                                + day);
        assertThat(manifest.path("parcels").findValuesAsText("awb"))
                .contains(shipped.path("awb").asText());

        page.go("store");
        page.fill("manifest-day", day);
        page.click(
                "#store-table button[data-manifest=pdf][aria-label='PDF manifest of "
                        + courier
                        + " at "
                        + warehouse
                        + "']");
        page.waitUntil(
                () ->
                        page.requests().stream()
                                .anyMatch(
                                        uri ->
                                                uri.getPath().equals("/api/manifests")
                                                        && uri.getQuery().contains("day=" + day)
                                                        && uri.getQuery().contains("format=pdf")));
        assertThat(page.shown("problem")).as("the manifest was served").isFalse();
    }

    @Test
    @Order(7)
    void theReturnsViewShowsTheApisStagesWaitingAndReturnsAndAStageTabOpensItsOwn()
            throws Exception {
        JsonNode stages = api("/api/returns/stages");
        JsonNode returns = api("/api/returns?size=20");
        List<List<String>> tabs = new ArrayList<>();
        tabs.add(
                List.of(
                        "ALL",
                        String.valueOf(
                                stages.path("open").asLong() + stages.path("closed").asLong())));
        List<List<String>> waiting = new ArrayList<>();
        stages.path("stages")
                .forEach(
                        stage -> {
                            tabs.add(cells(stage, "stage", "count"));
                            if (stage.has("ageing")) {
                                waiting.add(
                                        List.of(
                                                stage.path("stage").asText(),
                                                stage.path("count").asText(),
                                                stage.path("ageing").path("UNDER_A_DAY").asText(),
                                                stage.path("ageing")
                                                        .path("OVER_SEVEN_DAYS")
                                                        .asText()));
                            }
                        });
        assertThat(returns.path("total").asLong()).as("the run has returns").isPositive();

        page.go("returns");
        page.waitUntilShows(
                () -> page.attributes("#returns-table tr[data-order-id]", "data-order-id"),
                returnedOrderIds(returns));
        page.waitUntilShows(() -> tabs("return-tabs", "data-stage"), tabs);
        page.waitUntilShows(
                () ->
                        page.rows("return-ageing").stream()
                                .map(
                                        row ->
                                                List.of(
                                                        row.get(0).toUpperCase().replace(' ', '_'),
                                                        row.get(1),
                                                        row.get(2),
                                                        row.get(5)))
                                .toList(),
                waiting);
        page.screenshot("returns");

        page.click("button[data-stage=REFUNDED]");
        JsonNode refunded = api("/api/returns?size=20&returnStage=REFUNDED");
        page.waitUntilShows(
                () -> page.attributes("#returns-table tr[data-order-id]", "data-order-id"),
                returnedOrderIds(refunded));
        assertThat(page.texts("#returns-table tbody tr td:last-child"))
                .as("each refunded return shows its refund")
                .allMatch(refund -> refund.startsWith("₹"));
        page.click("button[data-stage=ALL]");
    }

    @Test
    @Order(7)
    void theCodViewShowsTheApisTotalsPerCourierAndACouriersRowOpensItsParcels() throws Exception {
        JsonNode totals = api("/api/cod");
        JsonNode parcels = api("/api/cod/parcels?size=20");
        List<List<String>> rows = new ArrayList<>();
        totals.path("couriers")
                .forEach(
                        row ->
                                rows.add(
                                        List.of(
                                                row.path("courier").asText(),
                                                row.path("parcels").asText(),
                                                row.path("owed").path("parcels").asText())));
        assertThat(rows).as("the run has COD parcels").isNotEmpty();

        page.go("cod");
        page.waitUntilShows(
                () -> page.attributes("#cod-parcels tr[data-awb]", "data-awb"), awbsOf(parcels));
        page.waitUntilShows(
                () ->
                        page.rows("cod-totals").stream()
                                .filter(row -> !row.get(0).equals("All couriers"))
                                .map(
                                        row ->
                                                List.of(
                                                        row.get(0)
                                                                .substring(
                                                                        0,
                                                                        row.get(0).indexOf(" · ")),
                                                        row.get(1),
                                                        row.get(5)))
                                .toList(),
                rows);
        page.screenshot("cod");

        String courier = rows.get(rows.size() - 1).get(0);
        page.click("#cod-totals tr[data-courier='" + courier + "'] button");
        JsonNode ofCourier = api("/api/cod/parcels?size=20&courier=" + courier);
        page.waitUntilShows(
                () -> page.attributes("#cod-parcels tr[data-awb]", "data-awb"), awbsOf(ofCourier));
    }

    private static List<String> awbsOf(JsonNode answer) {
        return StreamSupport.stream(answer.path("parcels").spliterator(), false)
                .map(row -> row.path("awb").asText())
                .toList();
    }

    private static List<String> returnedOrderIds(JsonNode answer) {
        return StreamSupport.stream(answer.path("returns").spliterator(), false)
                .map(row -> row.path("orderId").asText())
                .toList();
    }

    @Test
    @Order(7)
    void channelOrdersAreTheApis() throws Exception {
        List<List<String>> expected = new ArrayList<>();
        api("/api/channel-orders")
                .path("rows")
                .forEach(
                        row ->
                                expected.add(
                                        cells(
                                                row,
                                                "tenantId",
                                                "channel",
                                                "UNFULFILLED",
                                                "FULFILLED",
                                                "ISSUE")));

        page.go("channels");
        page.waitUntilShows(() -> page.rows("channel-table"), expected);
        assertThat(expected).isNotEmpty();
        page.screenshot("channels");
    }

    @Test
    @Order(8)
    void alertsShowTheApisCountsAndItsOpenAlertsNewestFirst() throws Exception {
        List<List<String>> counts = new ArrayList<>();
        api("/api/alerts/counts")
                .path("rows")
                .forEach(row -> counts.add(cells(row, "type", "OPEN", "RESOLVED", "total")));
        JsonNode open = api("/api/alerts?state=OPEN&size=20");
        List<String> openIds = new ArrayList<>();
        open.path("alerts").forEach(alert -> openIds.add(alert.path("alertId").asText()));

        page.go("alerts");
        page.waitUntilShows(() -> page.rows("alert-counts"), counts);
        page.waitUntilShows(
                () -> page.attributes("#alerts-table tr[data-alert-id]", "data-alert-id"), openIds);
        assertThat(openIds).isNotEmpty();
        page.screenshot("alerts");

        page.fill("a-state", "RESOLVED");
        page.click("#alert-filters button[type=submit]");
        JsonNode resolved = api("/api/alerts?state=RESOLVED&size=20");
        List<String> resolvedIds = new ArrayList<>();
        resolved.path("alerts").forEach(alert -> resolvedIds.add(alert.path("alertId").asText()));
        page.waitUntilShows(
                () -> page.attributes("#alerts-table tr[data-alert-id]", "data-alert-id"),
                resolvedIds);
    }

    @Test
    @Order(9)
    void theAlertsViewShowsOpenIncidentsFirstEachOpeningItsParcelsAndTheirOrders()
            throws Exception {
        List<String> expected = new ArrayList<>();
        api("/api/incidents?state=OPEN&size=100")
                .path("incidents")
                .forEach(incident -> expected.add(incident.path("incidentId").asText()));
        JsonNode resolved = api("/api/incidents?state=RESOLVED&size=10");
        resolved.path("incidents")
                .forEach(incident -> expected.add(incident.path("incidentId").asText()));
        assertThat(expected).as("the stall open, then the resolved silent feed").hasSize(2);

        page.go("alerts");
        page.waitUntilShows(
                () -> page.attributes("#incidents-table tr[data-incident-id]", "data-incident-id"),
                expected);
        assertThat(expected.get(0)).isEqualTo(stallId);
        List<String> stall = page.rows("incidents-table").get(0);
        assertThat(stall.subList(0, 5))
                .containsExactly(
                        "Hub stall",
                        "DELHIVERY",
                        STALL_HUB + ", Bengaluru",
                        String.valueOf(stallOrders.size()),
                        "1");
        assertThat(stall.subList(5, 7)).doesNotContain("—");
        assertThat(stall.get(7)).isEqualTo("OPEN");
        assertThat(page.rows("incidents-table").get(1)).contains("Feed silent", "RESOLVED");
        assertThat(page.text("incidents-table"))
                .as("another seller's incident and parcels are not shown")
                .doesNotContain(THEIR_SILENT_CHANNEL, "THEIR-AWB");

        page.click("#incidents-table tr[data-incident-id] button[aria-expanded]");
        page.waitUntilShows(
                () -> page.attributes("#incidents-table [data-parcel]", "data-parcel"),
                stallParcels);
        page.screenshot("incidents");

        JsonNode order = stallOrders.get(0);
        page.click("#incidents-table [data-parcel='" + stallParcels.get(0) + "']");
        page.waitUntil(
                () -> page.text("order-title").contains(order.path("clientOrderId").asText()));
        assertThat(page.text("order-status")).contains(order.path("awb").asText());
    }

    @Test
    @Order(10)
    void theFeedsViewShowsEachFeedOfTheSellerSilentOnesFirstAndHighlighted() throws Exception {
        JsonNode feeds = api("/api/feed-health?size=1000");
        List<String> expected = new ArrayList<>();
        feeds.path("feeds").forEach(feed -> expected.add(feed.path("feedId").asText()));
        assertThat(expected)
                .containsExactly(
                        "COURIER:BLUEDART|" + sellerTenant,
                        "CHANNEL:SHOPIFY|" + sellerTenant,
                        "COURIER:DELHIVERY|" + sellerTenant);

        page.go("feeds");
        page.waitUntilShows(
                () -> page.attributes("#feeds-table tr[data-feed-id]", "data-feed-id"), expected);
        assertThat(page.attributes("#feeds-table tr[data-feed-id]", "class"))
                .containsExactly("silent", "", "");
        List<String> silent = page.rows("feeds-table").get(0);
        assertThat(silent.subList(0, 2)).containsExactly("Courier", "BLUEDART");
        assertThat(silent.get(2)).startsWith("SILENT since");
        assertThat(silent.subList(3, 6)).containsExactly("0", "110.5", "7.5%");
        assertThat(silent.get(6)).isEqualTo("X77 “Shipment parked” ×14; Z01 “Bagged” ×3");
        assertThat(silent.subList(7, 11))
                .containsExactly("3", "1", "20 s / 1.0 min / 1.5 min", "40");
        assertThat(page.text("feeds-table")).doesNotContain("WH-THEIRS");
        page.screenshot("feeds");

        page.fill("fh-state", "OK");
        page.click("#feed-filters button[type=submit]");
        page.waitUntilShows(
                () -> page.attributes("#feeds-table tr[data-feed-id]", "data-feed-id"),
                expected.subList(1, 3));
        page.fill("fh-state", "");
        page.click("#feed-filters button[type=submit]");
    }

    @Test
    @Order(11)
    void lowStockIsTheApis() throws Exception {
        List<List<String>> expected = new ArrayList<>();
        api("/api/low-stock?size=100")
                .path("stock")
                .forEach(
                        row ->
                                expected.add(
                                        cells(
                                                row,
                                                "sku",
                                                "warehouseId",
                                                "available",
                                                "lowStockThreshold")));

        page.go("stock");
        page.waitUntilShows(
                () -> page.rows("stock-table").stream().map(r -> r.subList(0, 4)).toList(),
                expected);
        page.screenshot("stock");
    }

    @Test
    @Order(12)
    void analyticsShowTheApisScorecardTurnaroundAndRoutingMisses() throws Exception {
        String range =
                "&from=" + ANALYTICS_FROM + "&to=" + ANALYTICS_TO + "&minSample=" + MIN_SAMPLE;
        List<List<String>> scorecard = new ArrayList<>();
        api("/api/analytics/couriers?groupBy=courier" + range)
                .path("rows")
                .forEach(
                        row ->
                                scorecard.add(
                                        cells(
                                                row,
                                                "courier",
                                                "shipments",
                                                "delivered",
                                                "rto",
                                                "lost",
                                                "open")));
        List<List<String>> turnaround = new ArrayList<>();
        api("/api/analytics/turnaround?groupBy=courier" + range)
                .path("rows")
                .forEach(row -> turnaround.add(cells(row, "courier", "delivered")));
        List<List<String>> misses = new ArrayList<>();
        api("/api/analytics/routing?groupBy=warehouse" + range)
                .path("rows")
                .forEach(row -> misses.add(cells(row, "warehouse", "orders", "judged", "misses")));

        page.go("analytics");
        page.fill("an-from", ANALYTICS_FROM);
        page.fill("an-to", ANALYTICS_TO);
        page.fill("an-min", MIN_SAMPLE);
        page.click("#analytics-filters button[type=submit]");
        page.waitUntilShows(
                () -> page.rows("courier-table").stream().map(r -> r.subList(0, 6)).toList(),
                scorecard);
        page.waitUntilShows(
                () -> page.rows("turnaround-table").stream().map(r -> r.subList(0, 2)).toList(),
                turnaround);
        page.waitUntilShows(
                () -> page.rows("routing-misses-table").stream().map(r -> r.subList(0, 4)).toList(),
                misses);
        assertThat(scorecard).isNotEmpty();
        page.waitUntil(() -> page.attributes("#rto-chart canvas", "width").size() == 1);
        page.waitUntil(() -> page.attributes("#ndr-chart canvas", "width").size() == 1);
        page.screenshot("analytics");
        page.scrollTo("ndr-chart");
        page.screenshot("analytics-ndr");
    }

    @Test
    @Order(13)
    void routingRanksTheWarehousesTheApiRanks() throws Exception {
        JsonNode order = api("/api/orders?size=1").path("orders").get(0);
        String destination = order.path("customer").path("address").path("pincode").asText();
        String items = order.path("items").get(0).path("sku").asText() + ":1";
        JsonNode answer =
                api("/api/routing?destination=" + destination + "&items=" + encode(items));
        List<String> ranked = new ArrayList<>();
        answer.path("warehouses").forEach(w -> ranked.add(w.path("warehouseId").asText()));

        page.go("routing");
        page.type("r-destination", destination);
        page.type("r-items", items);
        page.click("#routing-form button[type=submit]");
        page.waitUntil(() -> page.text("routing-answer").startsWith("To " + destination));
        assertThat(page.rows("routing-warehouses").stream().map(r -> r.get(1)).toList())
                .isEqualTo(ranked);
        page.screenshot("routing");
    }

    @Test
    @Order(14)
    void theOrdersViewRefreshesByItselfAndSaysHowFreshItIs() {
        page.go("orders");
        Pattern age = Pattern.compile("updated (\\d+) s ago");
        page.waitUntil(() -> secondsAgo(age) >= 3);
        page.waitUntil(() -> secondsAgo(age) <= 1);
    }

    @Test
    @Order(15)
    void everyRequestThePageSentIsOneTheOpenApiDocumentDescribesWithoutTheKey() throws Exception {
        List<OpenApiDocument.Route> routes = OpenApiDocument.routes();
        List<URI> requests = page.requests();
        List<String> undescribed = new ArrayList<>();
        for (URI request : requests) {
            String path = request.getRawPath();
            if (!path.startsWith("/api/") && !path.equals("/health")) {
                continue;
            }
            Optional<OpenApiDocument.Route> route =
                    routes.stream()
                            .filter(r -> r.method().equals("GET") && matches(r.path(), path))
                            .findFirst();
            if (route.isEmpty()) {
                undescribed.add(request + ": no such path");
                continue;
            }
            for (String parameter : parameterNames(request)) {
                if (!route.get().queryParameters().contains(parameter)) {
                    undescribed.add(request + ": parameter " + parameter);
                }
            }
        }

        assertThat(requests)
                .map(URI::getPath)
                .contains(
                        "/api/orders",
                        "/api/orders/buckets",
                        "/api/store-orders",
                        "/api/channel-orders",
                        "/api/alerts",
                        "/api/alerts/counts",
                        "/api/incidents",
                        "/api/feed-health",
                        "/api/low-stock",
                        "/api/analytics/rto",
                        "/api/analytics/couriers",
                        "/api/routing",
                        "/health");
        assertThat(undescribed).isEmpty();
        assertThat(requests).map(URI::toString).noneMatch(url -> url.contains(SELLER_KEY));
    }

    @Test
    @Order(16)
    void aJobThatStopsMakingProgressShowsTheBehindBannerUntilItIsBack() throws Exception {
        system.cancelJob();
        page.waitUntil(() -> page.shown("behind"));
        JsonNode health = JSON.readTree(system.getPublic("/health").body());
        assertThat(page.text("behind")).contains("The data is behind");
        assertThat(health.path("status").asText()).isNotEqualTo("UP");
        page.screenshot("behind");

        system.resumeFromLatestCheckpoint();
        await().atMost(Duration.ofSeconds(90))
                .until(
                        () ->
                                JSON.readTree(system.getPublic("/health").body())
                                        .path("status")
                                        .asText()
                                        .equals("UP"));
        page.waitUntil(() -> !page.shown("behind"));
    }

    /**
     * Writes what the job writes for incidents and feed health: an open hub stall holding three of
     * the seller's parcels and one of the other seller's, the STUCK alert of one of the seller's
     * parcels pointing at it, a resolved silent feed of the seller's, a silent channel of the other
     * seller's only; the feed health of both sellers and of the platform.
     */
    private static void seedIncidentsAndFeeds(String seller, String other) throws Exception {
        stallOrders = new ArrayList<>();
        api("/api/orders?size=100")
                .path("orders")
                .forEach(
                        order -> {
                            if (order.hasNonNull("awb") && stallOrders.size() < 3) {
                                stallOrders.add(order);
                            }
                        });
        stallParcels =
                stallOrders.stream()
                        .map(
                                order ->
                                        seller
                                                + ":"
                                                + order.path("courier").asText()
                                                + ":"
                                                + order.path("awb").asText())
                        .toList();
        stallId = "HUB_STALL:DELHIVERY:" + STALL_HUB + ":console";
        String silentId = "FEED_SILENT:BLUEDART:console";
        List<ObjectNode> alerts =
                List.of(
                        incidentAlert(stallId, seller, "HUB_STALL", stallParcels)
                                .put("hub", STALL_HUB)
                                .put("city", "Bengaluru"),
                        incidentAlert(
                                        stallId,
                                        other,
                                        "HUB_STALL",
                                        List.of(other + ":DELHIVERY:THEIR-AWB"))
                                .put("hub", STALL_HUB)
                                .put("city", "Bengaluru"),
                        incidentAlert(silentId, seller, "FEED_SILENT", stallParcels.subList(0, 1))
                                .put("courier", "BLUEDART")
                                .put("state", "RESOLVED")
                                .put("resolvedAt", "2026-12-01T09:00:00Z")
                                .put("openedAt", "2026-11-30T08:00:00Z"),
                        incidentAlert(
                                        "FEED_SILENT:" + THEIR_SILENT_CHANNEL + ":console",
                                        other,
                                        "FEED_SILENT",
                                        List.of(other + ":DELHIVERY:THEIR-AWB"))
                                .put("channel", THEIR_SILENT_CHANNEL),
                        stuckAt(stallId, seller, stallOrders.get(0)));
        List<ObjectNode> feeds =
                List.of(
                        feed("COURIER", "DELHIVERY", seller, false),
                        feed("COURIER", "BLUEDART", seller, true),
                        feed("CHANNEL", "SHOPIFY", seller, false),
                        feed("WAREHOUSE", "WH-THEIRS", other, true),
                        feed("COURIER", "BLUEDART", "*", true));
        try (ElasticsearchClients elasticsearch =
                ElasticsearchClients.create(RunningSystem.elasticsearchUrl())) {
            IndexBootstrap.ensureIndex(
                    elasticsearch.client(), system.feedHealthIndex, Index.FEED_HEALTH);
            index(elasticsearch, system.alertsIndex, alerts, a -> a.path("alertId").asText());
            index(elasticsearch, system.feedHealthIndex, feeds, f -> f.path("feedId").asText());
        }
    }

    /** An incident alert as the job's {@code IncidentAlerts} builds it. */
    private static ObjectNode incidentAlert(
            String incidentId, String tenant, String type, List<String> parcels) {
        ObjectNode alert = JSON.createObjectNode();
        alert.put("alertId", incidentId + "|" + tenant);
        alert.put("tenantId", tenant);
        alert.put("type", type);
        alert.put("severity", "CRITICAL");
        alert.put("state", "OPEN");
        alert.put("courier", "DELHIVERY");
        alert.put("incidentId", incidentId);
        alert.put("since", STALL_SINCE);
        alert.put("openedAt", STALL_OPENED);
        alert.put("updatedAt", STALL_OPENED);
        alert.put("version", 1);
        parcels.forEach(alert.putArray("parcels")::add);
        alert.put("parcelCount", parcels.size());
        alert.putArray("reasons").add(parcels.size() + " of your parcels wait there");
        return alert;
    }

    /** The STUCK_IN_TRANSIT alert of an order whose parcel waits in an incident. */
    private static ObjectNode stuckAt(String incidentId, String tenant, JsonNode order) {
        ObjectNode alert = JSON.createObjectNode();
        alert.put("alertId", tenant + ":STUCK_IN_TRANSIT:console:" + order.path("awb").asText());
        alert.put("tenantId", tenant);
        alert.put("type", "STUCK_IN_TRANSIT");
        alert.put("severity", "WARNING");
        alert.put("state", "OPEN");
        alert.put("orderId", order.path("orderId").asText());
        alert.put("courier", order.path("courier").asText());
        alert.put("awb", order.path("awb").asText());
        alert.put("incidentId", incidentId);
        alert.putArray("reasons").add("waits at " + STALL_HUB);
        alert.put("openedAt", STALL_OPENED);
        alert.put("updatedAt", STALL_OPENED);
        alert.put("version", 1);
        return alert;
    }

    /** A feed's health document as the job writes it. */
    private static ObjectNode feed(String kind, String name, String tenant, boolean silent) {
        ObjectNode feed = JSON.createObjectNode();
        feed.put("feedId", kind + ":" + name + "|" + tenant);
        feed.put("tenantId", tenant);
        feed.put("kind", kind);
        feed.put("name", name);
        feed.put("state", silent ? "SILENT" : "OK");
        feed.put("asOf", "2026-12-01T08:00:00Z");
        if (silent) {
            feed.put("silentSince", "2026-12-01T05:00:00Z");
            feed.put("incidentId", "FEED_SILENT:" + name + ":console");
        }
        feed.put("eventsLastHour", silent ? 0 : 120);
        feed.put("usualEventsPerHour", 110.5);
        feed.put("events", 9_000);
        feed.put("unmappedShare", 0.075);
        var codes = feed.putArray("unknownCodes");
        codes.addObject().put("code", "X77").put("text", "Shipment parked").put("scans", 14);
        codes.addObject().put("code", "Z01").put("text", "Bagged").put("scans", 3);
        feed.put("duplicates", 3);
        feed.put("regressions", 1);
        feed.put("lagP50Ms", 20_000);
        feed.put("lagP90Ms", 60_000);
        feed.put("lagP99Ms", 90_000);
        feed.put("live", kind.equals("COURIER") ? 40 : 0);
        feed.put("lastArrivalAt", "2026-12-01T05:00:00Z");
        return feed;
    }

    private static void index(
            ElasticsearchClients elasticsearch,
            String alias,
            List<ObjectNode> documents,
            Function<ObjectNode, String> idOf)
            throws Exception {
        var response =
                elasticsearch
                        .client()
                        .bulk(
                                b -> {
                                    b.refresh(Refresh.True);
                                    for (ObjectNode document : documents) {
                                        b.operations(
                                                op ->
                                                        op.index(
                                                                i ->
                                                                        i.index(alias)
                                                                                .id(
                                                                                        idOf.apply(
                                                                                                document))
                                                                                .document(
                                                                                        document)));
                                    }
                                    return b;
                                });
        assertThat(response.errors()).as("bulk errors: %s", response.items()).isFalse();
    }

    private static JsonNode api(String pathAndQuery) throws Exception {
        return api(pathAndQuery, SELLER_KEY);
    }

    private static JsonNode api(String pathAndQuery, String key) throws Exception {
        var answer = system.get(pathAndQuery, key);
        assertThat(answer.statusCode()).as(pathAndQuery).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    /** An order of the seller with failed delivery attempts, and so a long timeline. */
    private static JsonNode orderWithFailedAttempts() throws Exception {
        JsonNode page = api("/api/orders?size=100&bucket=RETURNED");
        return StreamSupport.stream(page.path("orders").spliterator(), false)
                .filter(order -> order.path("ndr").path("attempts").asInt() > 0)
                .findFirst()
                .orElse(page.path("orders").get(0));
    }

    private static List<String> orderIds(JsonNode answer) {
        return StreamSupport.stream(answer.path("orders").spliterator(), false)
                .map(order -> order.path("orderId").asText())
                .toList();
    }

    private static List<String> cells(JsonNode row, String... fields) {
        return Arrays.stream(fields).map(field -> row.path(field).asText()).toList();
    }

    private static List<List<String>> bucketTabs() {
        return tabs("bucket-tabs", "data-bucket");
    }

    /** Each tab of a tab list: what it selects (its attribute) and its count. */
    private static List<List<String>> tabs(String tabList, String attribute) {
        List<String> buckets = page.attributes("#" + tabList + " button", attribute);
        List<String> counts = page.texts("#" + tabList + " button .count");
        List<List<String>> tabs = new ArrayList<>();
        for (int i = 0; i < buckets.size() && i < counts.size(); i++) {
            tabs.add(List.of(buckets.get(i), counts.get(i)));
        }
        return tabs;
    }

    private static List<List<String>> expectedTabs(JsonNode counts) {
        List<List<String>> tabs = new ArrayList<>();
        tabs.add(List.of("ALL", counts.path("total").asText()));
        counts.path("buckets")
                .fields()
                .forEachRemaining(
                        bucket -> tabs.add(List.of(bucket.getKey(), bucket.getValue().asText())));
        return tabs;
    }

    private static long secondsAgo(Pattern age) {
        var matcher = age.matcher(page.text("updated"));
        return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
    }

    /** Whether a documented path (with {@code {templates}}) matches a requested one. */
    private static boolean matches(String documented, String requested) {
        return Pattern.matches(documented.replaceAll("\\{[^}]+}", "[^/]+"), requested);
    }

    private static List<String> parameterNames(URI request) {
        String query = request.getRawQuery();
        if (query == null) {
            return List.of();
        }
        return Arrays.stream(query.split("&"))
                .map(pair -> URLDecoder.decode(pair.split("=", 2)[0], StandardCharsets.UTF_8))
                .toList();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
