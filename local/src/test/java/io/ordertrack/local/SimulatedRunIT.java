package io.ordertrack.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordertrack.api.elasticsearch.ElasticsearchClients;
import io.ordertrack.api.security.ApiKeys;
import io.ordertrack.avro.CustomerMoment;
import io.ordertrack.avro.CustomerNotification;
import io.ordertrack.documents.SellersTime;
import io.ordertrack.geo.Pincodes;
import io.ordertrack.geo.Place;
import io.ordertrack.schemas.AvroCodec;
import io.ordertrack.schemas.RecordKeys;
import io.ordertrack.simulator.FeedProducer;
import io.ordertrack.simulator.Oracle;
import io.ordertrack.simulator.SimulatedRecord;
import io.ordertrack.simulator.SimulationOptions;
import io.ordertrack.simulator.World;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A messy simulator run (raw courier codes only, duplicates, disorder, late scans, scans before
 * their manifest, courier regressions, undocumented codes, bad records) through the real Kafka,
 * Flink and Elasticsearch, every order compared with the simulator's oracle.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SimulatedRunIT {
    @RegisterExtension static final MiniClusterExtension FLINK = TestFlink.cluster();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AvroCodec<CustomerNotification> NOTIFICATIONS =
            AvroCodec.of(CustomerNotification.class);

    /** Five days of a small seller platform: long enough for stock to run low and be restocked. */
    static final SimulationOptions RUN =
            SimulationOptions.defaults(21, 2_000)
                    .withOrdersPerDay(400)
                    .withMisroutedShare(0.15)
                    .withFakeAttempts(0.1);

    private static final String ACME_KEY = ApiKeys.newKey();
    private static final String ALL_TENANTS_KEY = ApiKeys.newKey();
    private static final List<String> DIMENSIONS = List.of("courier", "paymentMode");

    private static RunningSystem system;
    private static ElasticsearchClients elasticsearch;
    private static Oracle oracle;
    private static Map<String, ObjectNode> documents;
    private static List<SimulatedRecord> records;
    private static World world;

    @BeforeAll
    static void feedTheRunThroughTheSystem() throws Exception {
        system =
                RunningSystem.start(
                        "sim-" + Long.toString(System.currentTimeMillis(), 36),
                        Map.of(
                                "acme-fashion",
                                ACME_KEY,
                                ApiKeys.ALL_TENANTS_MARKER,
                                ALL_TENANTS_KEY));
        elasticsearch = ElasticsearchClients.create(RunningSystem.elasticsearchUrl());
        SimulatedRun run = SimulatedRun.of(RUN);
        records = run.records();
        oracle = run.oracle();
        world = run.world();
        try (FeedProducer producer =
                new FeedProducer(RunningSystem.kafkaBootstrapServers(), system.topics())) {
            producer.send(records.iterator());
        }
        documents =
                OracleComparison.awaitFinalDocuments(
                        elasticsearch, system.ordersIndex, oracle, records);
    }

    @AfterAll
    static void stopTheSystem() throws Exception {
        elasticsearch.close();
        system.close();
    }

    @Test
    void everyOrderIsWhatTheOracleSays() {
        assertThat(oracle.orders())
                .anyMatch(o -> o.mess().contains("REGRESSION"))
                .anyMatch(o -> o.mess().contains("SCAN_BEFORE_MANIFEST"))
                .anyMatch(o -> o.mess().contains("LATE_SCAN"))
                .anyMatch(o -> o.mess().contains("UNKNOWN_CODE"))
                .anyMatch(o -> o.truth().ndrAttempts() > 1)
                .anyMatch(o -> returnEndsAs(o, "REFUNDED"))
                .anyMatch(o -> returnEndsAs(o, "REFUND_REFUSED"));

        OracleComparison.assertMatches(oracle, records, documents);
        Set<String> timedFlags = new TreeSet<>();
        documents
                .values()
                .forEach(
                        document ->
                                document.path("flags")
                                        .forEach(flag -> timedFlags.add(flag.asText())));
        assertThat(timedFlags)
                .as("flags raised by time alone, compared above")
                .contains("STUCK", "NOT_PICKED_SLA", "EDD_BREACHED");
    }

    private static boolean returnEndsAs(Oracle.OrderTruth order, String stage) {
        return order.truth().customerReturn() != null
                && order.truth().customerReturn().stage().equals(stage);
    }

    @Test
    void customersAreToldEachMomentOnceAndEveryDeliveredOneThatItWasDelivered() {
        List<CustomerNotification> told =
                AlertTrust.records(
                                RunningSystem.kafkaBootstrapServers(),
                                system.notifications,
                                AlertTrust.SETTLED)
                        .stream()
                        .map(NOTIFICATIONS::decode)
                        .toList();
        Map<String, Oracle.OrderTruth> truths =
                oracle.orders().stream()
                        .collect(Collectors.toMap(Oracle.OrderTruth::orderId, o -> o));

        assertThat(told)
                .extracting(CustomerNotification::getNotificationId)
                .doesNotHaveDuplicates();
        Map<String, Instant> deliveredTold = new TreeMap<>();
        for (CustomerNotification notification : told) {
            Oracle.OrderTruth truth = truths.get(notification.getOrderId());
            assertThat(truth).as(notification.getNotificationId()).isNotNull();
            assertThat(notification.getTrackingUrl())
                    .endsWith("=" + URLEncoder.encode(truth.awb(), StandardCharsets.UTF_8));
            assertThat(notification.getMessage()).isNotBlank();
            if (notification.getMoment() == CustomerMoment.DELIVERED) {
                deliveredTold.put(notification.getOrderId(), notification.getAt());
            }
            if (notification.getMoment() == CustomerMoment.DELIVERY_FAILED) {
                assertThat(notification.getAttempt())
                        .as(notification.getNotificationId())
                        .isBetween(1, truth.truth().ndrAttempts());
                assertThat(notification.getCustomerOptions()).isNotEmpty();
            }
        }
        // Told at the true delivery time, every order delivered in the end (one delivered and
        // then returned may have stood at its return already when the delivery scan was read).
        Map<String, String> differences = new TreeMap<>();
        deliveredTold.forEach(
                (orderId, at) -> {
                    Instant truth = truths.get(orderId).truth().deliveredAt();
                    if (!at.equals(truth)) {
                        differences.put(orderId, "told delivered at " + at + ", truly " + truth);
                    }
                });
        long deliveredInTheEnd = 0;
        for (Oracle.OrderTruth order : oracle.orders()) {
            if ("DELIVERED".equals(order.truth().shipmentStatus())) {
                deliveredInTheEnd++;
                if (!deliveredTold.containsKey(order.orderId())) {
                    differences.put(order.orderId(), "delivered, never told");
                }
            }
        }
        assertThat(deliveredInTheEnd).isGreaterThan(100);
        assertThat(differences).as("delivered orders told otherwise").isEmpty();
        assertThat(told)
                .extracting(CustomerNotification::getMoment)
                .contains(
                        CustomerMoment.SHIPPED,
                        CustomerMoment.OUT_FOR_DELIVERY,
                        CustomerMoment.DELIVERY_FAILED);
    }

    @Test
    void everyVersionIsTheNumberOfDistinctEventsOfItsOrder() {
        oracle.orders()
                .forEach(
                        order ->
                                assertThat(documents.get(order.orderId()).path("version").asLong())
                                        .as(order.orderId())
                                        .isEqualTo(order.truth().events()));
    }

    @Test
    void everyBadRecordLandsInDeadLettersOnceAndNoneBecomesAnOrder() {
        int bad = oracle.summary().badRecords().values().stream().mapToInt(Long::intValue).sum();

        assertThat(
                        DeadLetters.count(
                                RunningSystem.kafkaBootstrapServers(), system.deadLetters, bad))
                .isEqualTo(bad);
        assertThat(documents.keySet()).noneMatch(id -> id.contains(":INVALID-"));
    }

    @Test
    void undocumentedCourierCodesAreCountedOnTheirOrders() {
        oracle.orders().stream()
                .filter(o -> o.mess().contains("UNKNOWN_CODE"))
                .forEach(
                        order ->
                                assertThat(
                                                documents
                                                        .get(order.orderId())
                                                        .path("unmappedScans")
                                                        .asInt())
                                        .as(order.orderId())
                                        .isEqualTo(1));
    }

    @Test
    void theOrderAlertsAreTheOraclesNoneMissingNoneExtraNoneTwice() throws Exception {
        Set<String> expected = AlertComparison.expected(oracle, records);
        Set<String> fired =
                AlertComparison.fired(elasticsearch, system.alertsIndex, oracle, expected);

        assertThat(expected)
                .anyMatch(a -> a.startsWith("NOT_PICKED"))
                .anyMatch(a -> a.startsWith("STUCK_IN_TRANSIT"))
                .anyMatch(a -> a.startsWith("OFD_NOT_DELIVERED"))
                .anyMatch(a -> a.startsWith("NDR"))
                .anyMatch(a -> a.startsWith("COURIER_ERROR"))
                .anyMatch(a -> a.startsWith("EDD_BREACH"));
        assertThat(fired).as("missing").containsAll(expected);
        assertThat(fired).as("extra").isSubsetOf(expected);
        assertThat(AlertComparison.idsAndTheirConditions(elasticsearch, system.alertsIndex))
                .as("one alert per tenant, type and order")
                .allSatisfy(
                        line ->
                                assertThat(line.substring(0, line.indexOf(" = ")))
                                        .isEqualTo(line.substring(line.indexOf(" = ") + 3)));
    }

    @Test
    void everyPlacedOrderHasARoutingVerdictConsistentWithWhereItsWarehousesAre() throws Exception {
        Map<String, ObjectNode> verdicts = new HashMap<>();
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(2))
                .until(
                        () -> {
                            verdicts.clear();
                            IndexSearch.all(elasticsearch, system.routingIndex)
                                    .forEach(hit -> verdicts.put(hit.id(), hit.source()));
                            return verdicts.keySet()
                                    .containsAll(
                                            oracle.orders().stream()
                                                    .map(Oracle.OrderTruth::orderId)
                                                    .toList());
                        });
        List<String> differences = new ArrayList<>();
        int misses = 0;
        for (Oracle.OrderTruth order : oracle.orders()) {
            ObjectNode verdict = verdicts.get(order.orderId());
            String expected =
                    order.nearestStockedWarehouseId() == null
                            ? "not judged"
                            : "nearest "
                                    + order.nearestStockedWarehouseId()
                                    + (order.nearestStockedWarehouseId().equals(order.warehouseId())
                                            ? ", no miss"
                                            : ", miss");
            String judged =
                    !verdict.path("judged").asBoolean()
                            ? "not judged"
                            : "nearest "
                                    + verdict.path("nearestWarehouseId").asText()
                                    + (verdict.path("miss").asBoolean() ? ", miss" : ", no miss");
            if (!judged.equals(expected)) {
                differences.add(order.orderId() + ": " + judged + " instead of " + expected);
            }
            if (verdict.path("miss").asBoolean()) {
                misses++;
                Place destination = Pincodes.all().place(order.destinationPincode());
                double shippedKm =
                        destination.distanceKm(
                                world.warehouse(order.tenantId(), order.warehouseId()).place());
                assertThat(verdict.path("extraKm").asDouble())
                        .as(order.orderId())
                        .isCloseTo(
                                shippedKm
                                        - destination.distanceKm(
                                                world.warehouse(
                                                                order.tenantId(),
                                                                order.nearestStockedWarehouseId())
                                                        .place()),
                                within(0.001));
            }
        }
        assertThat(misses).as("orders shipped from a farther warehouse").isGreaterThan(20);
        assertThat(differences).as("verdicts unlike the simulator's truth").isEmpty();

        HttpResponse<String> response =
                system.get(
                        "/api/analytics/routing?groupBy=tenant,warehouse&minSample=1",
                        ALL_TENANTS_KEY);
        Map<String, String> analytics = new TreeMap<>();
        JSON.readTree(response.body())
                .path("rows")
                .forEach(
                        row ->
                                analytics.put(
                                        row.path("tenant").asText()
                                                + "/"
                                                + row.path("warehouse").asText(),
                                        row.path("judged").asInt()
                                                + " judged, "
                                                + row.path("misses").asInt()
                                                + " misses"));
        Map<String, int[]> counted = new TreeMap<>();
        verdicts.values()
                .forEach(
                        verdict -> {
                            int[] counts =
                                    counted.computeIfAbsent(
                                            verdict.path("tenantId").asText()
                                                    + "/"
                                                    + verdict.path("warehouseId").asText(),
                                            key -> new int[2]);
                            counts[0] += verdict.path("judged").asBoolean() ? 1 : 0;
                            counts[1] += verdict.path("miss").asBoolean() ? 1 : 0;
                        });
        Map<String, String> expected = new TreeMap<>();
        counted.forEach(
                (group, counts) ->
                        expected.put(group, counts[0] + " judged, " + counts[1] + " misses"));
        assertThat(analytics).isEqualTo(expected);
    }

    @Test
    void routingAnswersAreTheBruteForceOnesOnTheFinalStock() throws Exception {
        Map<String, Integer> finalStock = StockComparison.expectedStock(oracle);
        StockComparison.indexedStock(elasticsearch, system.inventoryIndex, finalStock);
        SplittableRandom random = new SplittableRandom(11);
        int whole = 0;
        int split = 0;
        for (World.Tenant tenant : world.tenants()) {
            List<RoutingBruteForce.Warehouse> warehouses = new ArrayList<>();
            for (World.Warehouse warehouse : tenant.warehouses()) {
                Map<String, Integer> available = new HashMap<>();
                oracle.stock().stream()
                        .filter(s -> s.tenantId().equals(tenant.id()))
                        .filter(s -> s.warehouseId().equals(warehouse.id()))
                        .forEach(s -> available.put(s.sku(), s.available()));
                warehouses.add(
                        new RoutingBruteForce.Warehouse(
                                warehouse.id(), warehouse.place(), available));
            }
            List<String> skus =
                    oracle.stock().stream()
                            .filter(s -> s.tenantId().equals(tenant.id()))
                            .map(Oracle.StockTruth::sku)
                            .distinct()
                            .sorted()
                            .toList();
            for (int question = 0; question < 15; question++) {
                Place destination = world.destination(random);
                Map<String, Integer> lines = new LinkedHashMap<>();
                int count = 1 + random.nextInt(3);
                while (lines.size() < count) {
                    String sku = skus.get(random.nextInt(skus.size()));
                    int most = warehouses.stream().mapToInt(w -> w.of(sku)).max().orElse(0);
                    lines.put(sku, 1 + random.nextInt(most + 2));
                }
                String items =
                        lines.entrySet().stream()
                                .map(l -> l.getKey() + ":" + l.getValue())
                                .collect(Collectors.joining(","));
                String call =
                        "/api/routing?tenant="
                                + tenant.id()
                                + "&destination="
                                + destination.pincode()
                                + "&items="
                                + URLEncoder.encode(items, StandardCharsets.UTF_8)
                                + "&limit=100";
                HttpResponse<String> response = system.get(call, ALL_TENANTS_KEY);
                assertThat(response.statusCode()).as(call).isEqualTo(200);
                JsonNode answer = JSON.readTree(response.body());

                List<RoutingBruteForce.Warehouse> expected =
                        RoutingBruteForce.whole(destination, lines, warehouses);
                List<String> ranked = new ArrayList<>();
                answer.path("warehouses")
                        .forEach(
                                w ->
                                        ranked.add(
                                                w.path("warehouseId").asText()
                                                        + " "
                                                        + w.path("distanceKm").asText()));
                assertThat(ranked)
                        .as(call)
                        .containsExactlyElementsOf(
                                expected.stream()
                                        .map(
                                                w ->
                                                        w.id()
                                                                + " "
                                                                + Math.round(
                                                                                destination
                                                                                                .distanceKm(
                                                                                                        w
                                                                                                                .place())
                                                                                        * 10)
                                                                        / 10.0)
                                        .toList());
                if (!expected.isEmpty()) {
                    whole++;
                    continue;
                }
                Map<String, Integer> coverable = new LinkedHashMap<>();
                List<String> shortLines = new ArrayList<>();
                lines.forEach(
                        (sku, wanted) -> {
                            int total = RoutingBruteForce.total(sku, warehouses);
                            if (total < wanted) {
                                shortLines.add(sku + " " + wanted + " " + total);
                            } else {
                                coverable.put(sku, wanted);
                            }
                        });
                List<String> answeredShort = new ArrayList<>();
                answer.path("short")
                        .forEach(
                                s ->
                                        answeredShort.add(
                                                s.path("sku").asText()
                                                        + " "
                                                        + s.path("wanted").asInt()
                                                        + " "
                                                        + s.path("available").asInt()));
                assertThat(answeredShort).as(call).containsExactlyElementsOf(shortLines);
                if (coverable.isEmpty()) {
                    assertThat(answer.path("split").isNull()).as(call).isTrue();
                    continue;
                }
                split++;
                JsonNode shipments = answer.path("split").path("shipments");
                Map<String, Integer> shipped = new HashMap<>();
                shipments.forEach(
                        shipment ->
                                shipment.path("items")
                                        .forEach(
                                                item ->
                                                        shipped.merge(
                                                                item.path("sku").asText(),
                                                                item.path("quantity").asInt(),
                                                                Integer::sum)));
                assertThat(shipped).as(call).isEqualTo(coverable);
                int fewest = RoutingBruteForce.fewestWarehouses(coverable, warehouses);
                if (answer.path("split").path("fewestWarehouses").asBoolean()) {
                    assertThat(shipments.size()).as(call).isEqualTo(fewest);
                } else {
                    assertThat(fewest).as(call).isNotIn(1, 2, 3);
                }
            }
        }
        assertThat(whole).as("questions a single warehouse answers").isGreaterThan(5);
        assertThat(split).as("questions answered with a split").isGreaterThan(5);
    }

    @Test
    void theFinalStockOfEverySkuAtEveryWarehouseIsTheOracles() {
        Map<String, Integer> expected = StockComparison.expectedStock(oracle);

        assertThat(expected).hasSizeGreaterThan(50);
        assertThat(StockComparison.indexedStock(elasticsearch, system.inventoryIndex, expected))
                .isEqualTo(expected);
    }

    @Test
    void everyTrueLowStockAlertedAndNoOtherButWhereALateReturnMadeItLookLow() throws Exception {
        Set<String> expected = StockComparison.expectedLowStock(oracle);
        StockComparison.indexedStock(
                elasticsearch, system.inventoryIndex, StockComparison.expectedStock(oracle));
        // The last alerts come with the ledger's final flush, through the transactional alerts
        // topic: committed with a checkpoint after the stock documents they go with.
        Set<String> alerted = new TreeSet<>();
        try {
            await().atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofSeconds(2))
                    .ignoreExceptions()
                    .until(
                            () -> {
                                alerted.clear();
                                alerted.addAll(
                                        StockComparison.lowStockAlerted(
                                                elasticsearch, system.alertsIndex));
                                return alerted.containsAll(expected);
                            });
        } catch (ConditionTimeoutException e) {
            // The assertions below name what is missing.
        }

        assertThat(expected).hasSizeGreaterThan(10);
        assertThat(alerted).as("missing").containsAll(expected);
        Set<String> extra = new TreeSet<>(alerted);
        extra.removeAll(expected);
        assertThat(extra).as("extra").isSubsetOf(StockComparison.lateReturnKeys(oracle, records));
    }

    @Test
    void everyOrderCarriesItsRtoRiskAndAnOpenRtoRiskAlertMeansAHighScore() throws Exception {
        assertThat(documents.values())
                .allSatisfy(
                        order ->
                                assertThat(order.path("risk").path("score").asInt(-1))
                                        .as(order.path("orderId").asText())
                                        .isBetween(0, 100));
        assertThat(documents.values())
                .anySatisfy(
                        order ->
                                assertThat(order.path("risk").path("reasons").toString())
                                        .contains("failed deliver"));

        List<ObjectNode> riskAlerts =
                IndexSearch.all(elasticsearch, system.alertsIndex).stream()
                        .map(hit -> hit.source())
                        .filter(alert -> alert.path("type").asText().equals("RTO_RISK"))
                        .toList();
        assertThat(riskAlerts).isNotEmpty();
        riskAlerts.stream()
                .filter(alert -> alert.path("state").asText().equals("OPEN"))
                .forEach(
                        alert ->
                                assertThat(
                                                documents
                                                        .get(alert.path("orderId").asText())
                                                        .path("risk")
                                                        .path("high")
                                                        .asBoolean())
                                        .as(alert.path("orderId").asText())
                                        .isTrue());
    }

    /**
     * An order on its way carries when it is expected, learned from its lanes' deliveries: a range
     * around it, from a point of its way it has reached, a date that is the expected day in India,
     * and EDD_BREACH_PREDICTED open exactly on orders expected after their promised day.
     */
    @Test
    void ordersOnTheirWayAreExpectedAndAPredictedBreachIsAfterThePromisedDay() throws Exception {
        List<JsonNode> expected =
                documents.values().stream()
                        .filter(order -> order.has("deliveryEstimate"))
                        .map(order -> (JsonNode) order)
                        .toList();
        assertThat(expected).hasSizeGreaterThan(5);
        for (JsonNode order : expected) {
            JsonNode estimate = order.path("deliveryEstimate");
            Instant at = Instant.parse(estimate.path("expectedAt").asText());
            assertThat(Instant.parse(estimate.path("earliest").asText())).isBeforeOrEqualTo(at);
            assertThat(Instant.parse(estimate.path("latest").asText())).isAfterOrEqualTo(at);
            assertThat(Instant.parse(estimate.path("since").asText()))
                    .isBeforeOrEqualTo(Instant.parse(order.path("lastEventAt").asText()));
            assertThat(order.path("shipmentStatus").asText())
                    .isNotIn("DELIVERED", "RTO_DELIVERED", "LOST", "DAMAGED");
            assertThat(estimate.path("sample").asLong()).isGreaterThanOrEqualTo(30);
            assertThat(order.path("expectedDeliveryDate").asText())
                    .isEqualTo(LocalDate.ofInstant(at, SellersTime.ZONE).toString());
            boolean late =
                    at.isAfter(
                            LocalDate.parse(order.path("promisedDeliveryDate").asText())
                                    .plusDays(1)
                                    .atStartOfDay(SellersTime.ZONE)
                                    .toInstant());
            assertThat(estimate.path("late").asBoolean())
                    .as(order.path("orderId").asText())
                    .isEqualTo(late);
            assertThat(order.path("flags").toString().contains("EDD_BREACH_PREDICTED"))
                    .isEqualTo(late);
        }
        IndexSearch.all(elasticsearch, system.alertsIndex).stream()
                .map(hit -> hit.source())
                .filter(alert -> alert.path("type").asText().equals("EDD_BREACH_PREDICTED"))
                .filter(alert -> alert.path("state").asText().equals("OPEN"))
                .forEach(
                        alert ->
                                assertThat(
                                                documents
                                                        .get(alert.path("orderId").asText())
                                                        .path("deliveryEstimate")
                                                        .path("late")
                                                        .asBoolean())
                                        .as(alert.path("orderId").asText())
                                        .isTrue());
    }

    /**
     * A tenth of this run's failed attempts never happened (the simulator's truth says which): the
     * documents judge most of them suspicious and few real ones, and the API's counts per courier ×
     * hub are the documents'.
     */
    @Test
    void suspiciousAttemptsAreMostlyTheFakeOnesAndTheHubCountsAreTheDocuments() throws Exception {
        Map<String, List<Integer>> fakes = new TreeMap<>();
        oracle.orders().forEach(order -> fakes.put(order.orderId(), order.truth().fakeAttempts()));
        long fake = 0;
        long suspicious = 0;
        long caught = 0;
        Map<String, String> expected = new TreeMap<>();
        Map<String, long[]> byHub = new TreeMap<>();
        for (ObjectNode order : documents.values()) {
            List<Integer> fakeOnes = fakes.getOrDefault(order.path("orderId").asText(), List.of());
            for (JsonNode attempt : order.path("ndr").path("failedAttempts")) {
                boolean isFake = fakeOnes.contains(attempt.path("attempt").asInt());
                boolean judged = attempt.path("suspicious").asBoolean();
                fake += isFake ? 1 : 0;
                suspicious += judged ? 1 : 0;
                caught += isFake && judged ? 1 : 0;
                long[] counts =
                        byHub.computeIfAbsent(
                                order.path("courier").asText()
                                        + " "
                                        + attempt.path("deliveryHub").asText(),
                                hub -> new long[2]);
                counts[0]++;
                counts[1] += judged ? 1 : 0;
            }
        }
        byHub.forEach((hub, counts) -> expected.put(hub, counts[0] + " " + counts[1]));
        assertThat(fake).isGreaterThan(20);
        assertThat((double) caught / fake).as("recall").isGreaterThan(0.6);
        assertThat((double) caught / suspicious).as("precision").isGreaterThan(0.4);

        var answer = system.get("/api/analytics/attempts?minSample=1", ALL_TENANTS_KEY);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        Map<String, String> counted = new TreeMap<>();
        for (JsonNode row : JSON.readTree(answer.body()).path("rows")) {
            counted.put(
                    row.path("courier").asText() + " " + row.path("hub").asText(),
                    row.path("failedAttempts").asLong() + " " + row.path("suspicious").asLong());
        }
        assertThat(counted).isEqualTo(expected);
    }

    @Test
    void theApisBucketCountsAreTheOraclesForTheCallersOrdersOnly() throws Exception {
        Map<String, Long> expected = new TreeMap<>();
        oracle.orders().stream()
                .filter(order -> order.tenantId().equals("acme-fashion"))
                .forEach(order -> expected.merge(order.truth().bucket(), 1L, Long::sum));

        var answer = system.get("/api/orders/buckets", ACME_KEY);

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode buckets = JSON.readTree(answer.body()).path("buckets");
        Map<String, Long> counted = new TreeMap<>();
        buckets.fields()
                .forEachRemaining(
                        bucket -> {
                            if (bucket.getValue().asLong() > 0) {
                                counted.put(bucket.getKey(), bucket.getValue().asLong());
                            }
                        });
        assertThat(counted).isEqualTo(expected);
    }

    @Test
    void theApisReturnsAreTheOraclesStageByStageAndRupeeByRupee() throws Exception {
        Map<String, Long> expectedCounts = new TreeMap<>();
        Map<String, Long> expectedRefunds = new TreeMap<>();
        Set<String> expectedRefused = new TreeSet<>();
        oracle.orders().stream()
                .filter(order -> order.tenantId().equals("acme-fashion"))
                .filter(order -> order.truth().customerReturn() != null)
                .forEach(
                        order -> {
                            var ret = order.truth().customerReturn();
                            expectedCounts.merge(ret.stage(), 1L, Long::sum);
                            expectedRefunds.merge(
                                    ret.stage(),
                                    ret.refundPaise() == null ? 0 : ret.refundPaise(),
                                    Long::sum);
                            if (ret.stage().equals("REFUND_REFUSED")) {
                                expectedRefused.add(order.orderId());
                            }
                        });
        assertThat(expectedCounts).containsKeys("REFUNDED", "RECEIVED");

        var answer = system.get("/api/returns/stages", ACME_KEY);

        assertThat(answer.statusCode()).isEqualTo(200);
        Map<String, Long> counts = new TreeMap<>();
        Map<String, Long> refunds = new TreeMap<>();
        for (JsonNode stage : JSON.readTree(answer.body()).path("stages")) {
            if (stage.path("count").asLong() > 0) {
                counts.put(stage.path("stage").asText(), stage.path("count").asLong());
                refunds.put(stage.path("stage").asText(), stage.path("refundPaise").asLong());
            }
        }
        assertThat(counts).isEqualTo(expectedCounts);
        assertThat(refunds).as("refunds per stage, in paise").isEqualTo(expectedRefunds);

        var refused = system.get("/api/returns?returnStage=REFUND_REFUSED&size=100", ACME_KEY);
        Set<String> listed = new TreeSet<>();
        JSON.readTree(refused.body())
                .path("returns")
                .forEach(row -> listed.add(row.path("orderId").asText()));
        assertThat(listed).isEqualTo(expectedRefused);
    }

    /**
     * Every COD parcel's cash is the oracle's, rupee by rupee, and so is whether its courier's
     * cycle ran out with cash owed, for the parcels whose cycle ended at least two days before the
     * run's last order event or scan (the job's event time goes no further).
     */
    @Test
    void everyCodParcelsCashAndOverdueAlertAreTheOracles() throws Exception {
        Map<String, Oracle.CodTruth> truths =
                oracle.cod().stream()
                        .collect(
                                Collectors.toMap(
                                        t ->
                                                RecordKeys.shipment(
                                                        t.tenantId(), t.courier(), t.awb()),
                                        Function.identity()));
        assertThat(truths.values().stream().map(Oracle.CodTruth::state).collect(Collectors.toSet()))
                .contains("PENDING", "SHORT", "REMITTED", "NOT_DELIVERED");
        Map<String, ObjectNode> parcels = new TreeMap<>();
        try {
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofSeconds(2))
                    .until(
                            () -> {
                                parcels.clear();
                                IndexSearch.all(elasticsearch, system.codIndex)
                                        .forEach(hit -> parcels.put(hit.id(), hit.source()));
                                return parcels.keySet().equals(truths.keySet())
                                        && truths.entrySet().stream()
                                                .allMatch(
                                                        e ->
                                                                e.getValue()
                                                                        .state()
                                                                        .equals(
                                                                                parcels.get(
                                                                                                e
                                                                                                        .getKey())
                                                                                        .path(
                                                                                                "state")
                                                                                        .asText()));
                            });
        } catch (ConditionTimeoutException e) {
            // The comparison below names what differs.
        }
        assertThat(parcels.keySet()).isEqualTo(truths.keySet());
        long judgedUntil =
                records.stream()
                                .filter(r -> r.topic() != SimulatedRecord.Topic.REMITTANCES)
                                .mapToLong(SimulatedRecord::timestamp)
                                .max()
                                .orElseThrow()
                        - Duration.ofDays(2).toMillis();
        Map<String, String> expectedAlerts = new TreeMap<>();
        Set<String> judged = new TreeSet<>();
        truths.forEach(
                (parcel, truth) -> {
                    JsonNode document = parcels.get(parcel);
                    assertThat(document.path("state").asText()).as(parcel).isEqualTo(truth.state());
                    assertThat(document.path("remittedPaise").asLong())
                            .as(parcel)
                            .isEqualTo(truth.remittedPaise());
                    if (truth.expectedPaise() != null) {
                        assertThat(document.path("expectedPaise").asLong())
                                .as(parcel)
                                .isEqualTo(truth.expectedPaise());
                        assertThat(document.path("orderId").asText()).isEqualTo(truth.orderId());
                        assertThat(Instant.parse(document.path("deliveredAt").asText()))
                                .as(parcel)
                                .isEqualTo(truth.deliveredAt());
                    }
                    if (truth.dueBy() != null && truth.dueBy().toEpochMilli() <= judgedUntil) {
                        assertThat(document.path("overdue").asBoolean())
                                .as(parcel + " overdue")
                                .isEqualTo(truth.overdue() && truth.paidInFullAt() == null);
                        String alertId =
                                truth.tenantId() + ":COD_REMITTANCE_OVERDUE:" + truth.orderId();
                        judged.add(alertId);
                        if (truth.overdue()) {
                            expectedAlerts.put(
                                    alertId,
                                    truth.paidInFullAt() == null
                                            ? "OPEN"
                                            : "RESOLVED " + truth.paidInFullAt());
                        }
                    }
                });
        assertThat(expectedAlerts.values())
                .anyMatch(state -> state.equals("OPEN"))
                .anyMatch(state -> state.startsWith("RESOLVED"));
        Map<String, String> fired = new TreeMap<>();
        for (var hit : IndexSearch.all(elasticsearch, system.alertsIndex)) {
            if (hit.source().path("type").asText().equals("COD_REMITTANCE_OVERDUE")
                    && judged.contains(hit.id())) {
                fired.put(
                        hit.id(),
                        hit.source().path("state").asText().equals("OPEN")
                                ? "OPEN"
                                : "RESOLVED "
                                        + Instant.parse(hit.source().path("resolvedAt").asText()));
            }
        }
        assertThat(fired).isEqualTo(expectedAlerts);
    }

    /** The COD totals a seller sees per courier are the oracle's, rupee by rupee. */
    @Test
    void theApisCodTotalsAreTheOraclesPerCourierRupeeByRupee() throws Exception {
        Map<String, List<Long>> expected = new TreeMap<>();
        oracle.cod().stream()
                .filter(truth -> truth.tenantId().equals("acme-fashion"))
                .forEach(
                        truth -> {
                            long collected =
                                    truth.expectedPaise() == null ? 0 : truth.expectedPaise();
                            long difference = truth.remittedPaise() - collected;
                            boolean delivered = truth.expectedPaise() != null;
                            List<Long> figures =
                                    List.of(
                                            1L,
                                            collected,
                                            truth.remittedPaise(),
                                            delivered ? Math.max(0, -difference) : 0,
                                            truth.state().equals("SHORT") ? difference : 0,
                                            truth.state().equals("EXCESS") ? difference : 0,
                                            delivered ? 0 : truth.remittedPaise());
                            expected.merge(truth.courier(), figures, SimulatedRunIT::added);
                        });
        assertThat(expected).isNotEmpty();

        var answer = system.get("/api/cod", ACME_KEY);

        assertThat(answer.statusCode()).isEqualTo(200);
        Map<String, List<Long>> totals = new TreeMap<>();
        for (JsonNode row : JSON.readTree(answer.body()).path("couriers")) {
            totals.put(
                    row.path("courier").asText(),
                    List.of(
                            row.path("parcels").asLong(),
                            row.path("collectedPaise").asLong(),
                            row.path("remittedPaise").asLong(),
                            row.path("owedPaise").asLong(),
                            row.path("shortPaid").path("differencePaise").asLong(),
                            row.path("overPaid").path("differencePaise").asLong(),
                            row.path("notDelivered").path("remittedPaise").asLong()));
        }
        assertThat(totals)
                .as("parcels, collected, remitted, owed, short, excess, remitted not delivered")
                .isEqualTo(expected);
    }

    private static List<Long> added(List<Long> a, List<Long> b) {
        List<Long> sum = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            sum.add(a.get(i) + b.get(i));
        }
        return sum;
    }

    @Test
    void theApisStoreOrdersAreTheOraclesPerWarehouseAndCourier() throws Exception {
        Set<String> notPickedUp =
                Set.of("MANIFESTED", "PICKUP_SCHEDULED", "PICKUP_FAILED", "COURIER_ERROR");
        Map<String, Long> expected = new TreeMap<>();
        oracle.orders().stream()
                .filter(order -> order.tenantId().equals("acme-fashion"))
                .filter(order -> !order.truth().stage().equals("CANCELLED"))
                .forEach(
                        order -> {
                            String status = order.truth().shipmentStatus();
                            String stage =
                                    order.truth().stage().equals("DISPATCHED")
                                                    || (status != null
                                                            && !notPickedUp.contains(status))
                                            ? "DISPATCHED"
                                            : order.truth().stage().equals("READY_TO_SHIP")
                                                    ? "READY_TO_SHIP"
                                                    : status != null ? "MANIFESTED" : "PLACED";
                            String courier = status != null ? order.courier() : "UNASSIGNED";
                            expected.merge(
                                    order.warehouseId() + " " + courier + " " + stage,
                                    1L,
                                    Long::sum);
                        });

        var answer = system.get("/api/store-orders", ACME_KEY);

        assertThat(answer.statusCode()).isEqualTo(200);
        Map<String, Long> counted = new TreeMap<>();
        for (JsonNode row : JSON.readTree(answer.body()).path("rows")) {
            long total = 0;
            for (String stage : List.of("PLACED", "MANIFESTED", "READY_TO_SHIP", "DISPATCHED")) {
                long count = row.path(stage).asLong();
                total += count;
                if (count > 0) {
                    counted.put(
                            row.path("warehouseId").asText()
                                    + " "
                                    + row.path("courier").asText()
                                    + " "
                                    + stage,
                            count);
                }
            }
            assertThat(row.path("totalUploaded").asLong()).isEqualTo(total);
        }
        assertThat(counted).isEqualTo(expected);
    }

    @Test
    void theRtoRatesPerCourierAndPerPaymentModeAreTheOracles() throws Exception {
        for (String dimension : DIMENSIONS) {
            Map<String, String> expected =
                    MetricComparison.expectedLines(oracle, dimension, MetricComparison::rtoLine);
            assertThat(expected).as(dimension).hasSizeGreaterThan(1);
            await().atMost(Duration.ofMinutes(1))
                    .untilAsserted(
                            () ->
                                    assertThat(
                                                    analytics(
                                                            "rto",
                                                            dimension,
                                                            MetricComparison::rtoLine))
                                            .isEqualTo(expected));
        }
    }

    @Test
    void theNdrReasonSharesAndHowNdrsEndedPerCourierAndPerPaymentModeAreTheOracles()
            throws Exception {
        for (String dimension : DIMENSIONS) {
            Map<String, String> expected =
                    MetricComparison.expectedLines(oracle, dimension, MetricComparison::ndrLine);
            assertThat(expected.values()).anyMatch(line -> line.contains("CUSTOMER_"));
            await().atMost(Duration.ofMinutes(1))
                    .untilAsserted(
                            () ->
                                    assertThat(
                                                    analytics(
                                                            "ndr",
                                                            dimension,
                                                            MetricComparison::ndrLine))
                                            .isEqualTo(expected));
        }
    }

    @Test
    void theTurnaroundPercentilesPerCourierAndPerPaymentModeAreTheOraclesWithinTheMethodsError()
            throws Exception {
        for (String dimension : DIMENSIONS) {
            Map<String, MetricComparison.Group> groups =
                    MetricComparison.expected(oracle, MetricComparison.dimension(dimension));
            await().atMost(Duration.ofMinutes(1))
                    .untilAsserted(
                            () ->
                                    assertThat(
                                                    analytics(
                                                            "turnaround",
                                                            dimension,
                                                            MetricComparison::firstAttemptLine))
                                            .isEqualTo(
                                                    MetricComparison.expectedLines(
                                                            oracle,
                                                            dimension,
                                                            MetricComparison::firstAttemptLine)));
            for (JsonNode row :
                    MetricComparison.rows(system, ALL_TENANTS_KEY, "turnaround", dimension)) {
                String group = row.path(dimension).asText();
                List<Long> sorted = groups.get(group).turnaroundMinutes;
                JsonNode minutes = row.path("turnaroundMinutes");
                assertThat(minutes.path("sample").asLong()).isEqualTo(sorted.size());
                for (String percentile : List.of("p50", "p90", "p99")) {
                    MetricComparison.assertPercentile(
                            dimension + " " + group,
                            minutes.path(percentile).asDouble(),
                            sorted,
                            Double.parseDouble(percentile.substring(1)));
                }
            }
        }
    }

    /** Runs last: it sends the whole feed again, bad records included. */
    @Test
    @Order(Integer.MAX_VALUE)
    void aReplayOfTheSameEventsLeavesEveryMetricUnchanged() throws Exception {
        Map<String, String> expected =
                MetricComparison.expectedLines(oracle, "courier", MetricComparison::rtoLine);
        await().atMost(Duration.ofMinutes(1))
                .untilAsserted(
                        () ->
                                assertThat(analytics("rto", "courier", MetricComparison::rtoLine))
                                        .isEqualTo(expected));
        Map<String, ObjectNode> before = steadyMetricDocuments();
        assertThat(before).hasSizeGreaterThan(100);

        try (FeedProducer producer =
                new FeedProducer(RunningSystem.kafkaBootstrapServers(), system.topics())) {
            producer.send(records.iterator());
        }
        system.awaitInputConsumed();

        await().during(Duration.ofSeconds(5))
                .atMost(Duration.ofSeconds(30))
                .until(() -> metricDocuments().equals(before));
    }

    private static Map<String, String> analytics(
            String view, String dimension, Function<JsonNode, String> line) throws Exception {
        return MetricComparison.analytics(system, ALL_TENANTS_KEY, view, dimension, line);
    }

    private static Map<String, ObjectNode> metricDocuments() throws Exception {
        Map<String, ObjectNode> documents = new TreeMap<>();
        IndexSearch.all(elasticsearch, system.metricsIndex)
                .forEach(hit -> documents.put(hit.id(), hit.source()));
        return documents;
    }

    /** The metric documents once no write is pending: the same twice, seconds apart. */
    private static Map<String, ObjectNode> steadyMetricDocuments() throws Exception {
        AtomicReference<Map<String, ObjectNode>> previous =
                new AtomicReference<>(metricDocuments());
        await().atMost(Duration.ofMinutes(1))
                .pollDelay(Duration.ofSeconds(3))
                .pollInterval(Duration.ofSeconds(3))
                .until(() -> previous.getAndSet(metricDocuments()).equals(previous.get()));
        return previous.get();
    }
}
