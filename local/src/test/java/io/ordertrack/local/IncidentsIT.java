package io.ordertrack.local;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordertrack.api.elasticsearch.ElasticsearchClients;
import io.ordertrack.api.health.HealthThresholds;
import io.ordertrack.api.security.ApiKeys;
import io.ordertrack.domain.incidents.AlertFolding;
import io.ordertrack.simulator.FeedProducer;
import io.ordertrack.simulator.InjectedIncident;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hub stalls and silent feeds found by the whole job (Kafka, the Flink MiniCluster, Elasticsearch)
 * on the feed {@link IncidentGroundTruthTest} judges the detection logic alone on: four messy days
 * with 3 hub outages, 3 courier feed outages and a new code injected, compared with the incidents
 * the simulator's oracle names. Asserted is what the job meets: every hub outage found in time and
 * resolved, each seller paged once per incident with its own parcels, a folded alert never paging.
 * Recall of the feed outages and precision, which the job does not meet yet (issue #25), are
 * printed to the test's output with every outage's figures.
 */
class IncidentsIT {
    @RegisterExtension static final MiniClusterExtension FLINK = TestFlink.cluster();

    private static final List<String> INCIDENT_TYPES = List.of("HUB_STALL", "FEED_SILENT");

    /** The feed's pace: a four-day feed in about four minutes, which the job keeps up with. */
    private static final double EVENTS_PER_SECOND = 1_000;

    private static RunningSystem system;
    private static ElasticsearchClients elasticsearch;
    private static List<InjectedIncident> injected;
    private static List<JsonNode> incidentAlerts;

    @BeforeAll
    static void feedTheOutagesThroughTheSystem() throws Exception {
        system =
                RunningSystem.start(
                        "inc-" + Long.toString(System.currentTimeMillis(), 36),
                        Map.of("acme-fashion", ApiKeys.newKey()),
                        List.of("--incidents.enabled", "true"),
                        HealthThresholds.DEFAULT);
        elasticsearch = ElasticsearchClients.create(RunningSystem.elasticsearchUrl());
        SimulatedRun run = SimulatedRun.of(IncidentGroundTruthTest.RUN);
        injected = run.oracle().incidents();
        try (FeedProducer producer =
                new FeedProducer(RunningSystem.kafkaBootstrapServers(), system.topics())) {
            // At a live pace the job keeps up: replayed as fast as possible, a backlog can starve
            // a partition until it is taken for idle, and its scans arrive behind the watermark.
            producer.send(run.records().iterator(), EVENTS_PER_SECOND, (sent, nanos) -> {});
        }
        awaitTheWholeFeedRead(run.oracle().orders().size());
        incidentAlerts = settledIncidentAlerts();
        printFigures();
    }

    @AfterAll
    static void stopTheSystem() throws Exception {
        elasticsearch.close();
        system.close();
    }

    @Test
    void everyInjectedHubOutageIsDetectedInTimeAndResolvesWithinAnHourOfItsEnd() {
        List<InjectedIncident> hubOutages =
                outages().stream()
                        .filter(o -> o.type().equals(InjectedIncident.HUB_OUTAGE))
                        .toList();
        assertThat(hubOutages).hasSize(3);
        for (InjectedIncident outage : hubOutages) {
            JsonNode found = detectionOf(outage).orElseThrow();
            assertThat(delayOf(outage, found))
                    .as("delay of %s", outage)
                    .isLessThan(IncidentGroundTruthTest.HUB_STALL_DELAY);
            String incidentId = found.path("incidentId").asText();
            for (JsonNode alert : alertsOf(incidentId)) {
                assertThat(alert.path("state").asText()).as("%s", outage).isEqualTo("RESOLVED");
                assertThat(Instant.parse(alert.path("resolvedAt").asText()))
                        .as("%s", outage)
                        .isAfterOrEqualTo(outage.end())
                        .isBefore(outage.end().plus(Duration.ofHours(1)));
            }
        }
    }

    @Test
    void eachSellerIsPagedOncePerIncidentWithItsOwnParcelsOnly() {
        for (String incidentId : incidentIds(incidentAlerts)) {
            List<JsonNode> alerts =
                    incidentAlerts.stream()
                            .filter(a -> a.path("incidentId").asText().equals(incidentId))
                            .toList();
            assertThat(alerts.stream().map(a -> a.path("tenantId").asText()).distinct())
                    .hasSize(alerts.size());
            for (JsonNode alert : alerts) {
                String tenant = alert.path("tenantId").asText();
                assertThat(alert.path("alertId").asText()).isEqualTo(incidentId + "|" + tenant);
                assertThat(alert.path("parcels"))
                        .isNotEmpty()
                        .allMatch(parcel -> parcel.asText().startsWith(tenant + ":"));
                assertThat(alert.path("parcelCount").asInt())
                        .isGreaterThanOrEqualTo(alert.path("parcels").size());
            }
        }
    }

    @Test
    void anAlertFoldedIntoAnIncidentNeverPages() throws Exception {
        Query foldedButPaging =
                Query.of(
                        q ->
                                q.bool(
                                        b ->
                                                b.filter(exists("incidentId"))
                                                        .mustNot(terms("type", INCIDENT_TYPES))
                                                        .mustNot(term("severity", "INFO"))));
        assertThat(count(foldedButPaging)).isZero();
    }

    /**
     * Until the job has read every record of the feed (its heartbeat shows no lag left on any
     * topic) and written every order.
     */
    private static void awaitTheWholeFeedRead(int orders) {
        Awaitility.await()
                .atMost(Duration.ofMinutes(10))
                .pollInterval(Duration.ofSeconds(5))
                .ignoreExceptions()
                .until(
                        () -> {
                            List<Hit<ObjectNode>> status =
                                    IndexSearch.all(elasticsearch, system.jobStatusIndex);
                            boolean noLag =
                                    !status.isEmpty()
                                            && status.stream()
                                                    .flatMap(
                                                            hit ->
                                                                    hit
                                                                            .source()
                                                                            .path("inputs")
                                                                            .findValues("lag")
                                                                            .stream())
                                                    .allMatch(lag -> lag.asLong() == 0);
                            long written =
                                    elasticsearch
                                            .client()
                                            .count(c -> c.index(system.ordersIndex))
                                            .count();
                            return noLag && written >= orders;
                        });
    }

    /** The courier incidents' alerts, once three looks ten seconds apart find the same ones. */
    private static List<JsonNode> settledIncidentAlerts() {
        List<JsonNode> latest = new ArrayList<>();
        AtomicLong previous = new AtomicLong(-1);
        AtomicLong unchanged = new AtomicLong();
        Awaitility.await()
                .atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofSeconds(10))
                .until(
                        () -> {
                            latest.clear();
                            List<Hit<ObjectNode>> hits =
                                    elasticsearch
                                            .client()
                                            .search(
                                                    s ->
                                                            s.index(system.alertsIndex)
                                                                    .size(10_000)
                                                                    .query(courierIncidents()),
                                                    ObjectNode.class)
                                            .hits()
                                            .hits();
                            hits.forEach(hit -> latest.add(hit.source()));
                            long signature =
                                    latest.stream()
                                            .mapToLong(a -> a.path("version").asLong() * 31 + 1)
                                            .sum();
                            boolean same = previous.getAndSet(signature) == signature;
                            return !latest.isEmpty()
                                    && (same ? unchanged.incrementAndGet() : unchanged.getAndSet(0))
                                            >= 2;
                        });
        return List.copyOf(latest);
    }

    private static long foldedInto(String incidentId) throws Exception {
        return count(
                Query.of(
                        q ->
                                q.bool(
                                        b ->
                                                b.filter(term("incidentId", incidentId))
                                                        .mustNot(terms("type", INCIDENT_TYPES)))));
    }

    /** The courier's late-parcel alerts opened during an outage that no incident explained. */
    private static long unfoldedDuring(InjectedIncident outage) throws Exception {
        List<String> lateTypes = AlertFolding.BLAMES_THE_PARCEL.stream().map(Enum::name).toList();
        return count(
                Query.of(
                        q ->
                                q.bool(
                                        b ->
                                                b.filter(term("courier", outage.courier()))
                                                        .filter(terms("type", lateTypes))
                                                        .filter(
                                                                r ->
                                                                        r.range(
                                                                                range ->
                                                                                        range.date(
                                                                                                d ->
                                                                                                        d.field(
                                                                                                                        "openedAt")
                                                                                                                .gte(
                                                                                                                        outage.start()
                                                                                                                                .toString())
                                                                                                                .lt(
                                                                                                                        outage.end()
                                                                                                                                .toString()))))
                                                        .mustNot(exists("incidentId")))));
    }

    private static long count(Query query) throws Exception {
        return elasticsearch.client().count(c -> c.index(system.alertsIndex).query(query)).count();
    }

    private static Query term(String field, String value) {
        return Query.of(q -> q.term(t -> t.field(field).value(value)));
    }

    private static Query terms(String field, List<String> values) {
        return Query.of(
                q ->
                        q.terms(
                                t ->
                                        t.field(field)
                                                .terms(
                                                        v ->
                                                                v.value(
                                                                        values.stream()
                                                                                .map(FieldValue::of)
                                                                                .toList()))));
    }

    /**
     * The alerts of courier incidents: a seller's own silent channel or warehouse (no courier) is
     * another matter, which this feed injects nothing for.
     */
    private static Query courierIncidents() {
        return Query.of(
                q ->
                        q.bool(
                                b ->
                                        b.filter(terms("type", INCIDENT_TYPES))
                                                .filter(exists("courier"))));
    }

    private static Query exists(String field) {
        return Query.of(q -> q.exists(e -> e.field(field)));
    }

    private static List<InjectedIncident> outages() {
        return injected.stream().filter(i -> !i.type().equals(InjectedIncident.NEW_CODE)).toList();
    }

    private static List<JsonNode> alertsOf(String incidentId) {
        return incidentAlerts.stream()
                .filter(a -> a.path("incidentId").asText().equals(incidentId))
                .toList();
    }

    private static List<String> incidentIds(List<JsonNode> alerts) {
        return alerts.stream().map(a -> a.path("incidentId").asText()).distinct().toList();
    }

    /** The first incident alert opened for an outage: same courier (and hub), while it lasted. */
    private static Optional<JsonNode> detectionOf(InjectedIncident outage) {
        return incidentAlerts.stream()
                .filter(alert -> explains(outage, alert))
                .min((a, b) -> openedAt(a).compareTo(openedAt(b)));
    }

    private static Optional<InjectedIncident> causeOf(JsonNode alert) {
        return outages().stream().filter(o -> explains(o, alert)).findFirst();
    }

    private static boolean explains(InjectedIncident outage, JsonNode alert) {
        String type =
                outage.type().equals(InjectedIncident.HUB_OUTAGE) ? "HUB_STALL" : "FEED_SILENT";
        Instant opened = openedAt(alert);
        return alert.path("type").asText().equals(type)
                && alert.path("courier").asText().equals(outage.courier())
                && (outage.hub() == null || outage.hub().equals(alert.path("hub").asText()))
                && !opened.isBefore(outage.start())
                && opened.isBefore(outage.end());
    }

    private static Instant openedAt(JsonNode alert) {
        return Instant.parse(alert.path("openedAt").asText());
    }

    private static Duration delayOf(InjectedIncident outage, JsonNode alert) {
        return Duration.between(outage.start(), openedAt(alert));
    }

    private static void printFigures() throws Exception {
        List<String> raised = incidentIds(incidentAlerts);
        long caused =
                incidentIds(incidentAlerts.stream().filter(a -> causeOf(a).isPresent()).toList())
                        .size();
        System.out.printf(
                Locale.ROOT,
                "through the job: %d incidents raised (%d seller alerts), %d of them explained by"
                        + " an injected outage%n",
                raised.size(),
                incidentAlerts.size(),
                caused);
        for (InjectedIncident outage : outages()) {
            Optional<JsonNode> found = detectionOf(outage);
            String line = "MISSED";
            if (found.isPresent()) {
                String incidentId = found.get().path("incidentId").asText();
                long pages =
                        incidentAlerts.stream()
                                .filter(a -> a.path("incidentId").asText().equals(incidentId))
                                .count();
                int parcels =
                        incidentAlerts.stream()
                                .filter(a -> a.path("incidentId").asText().equals(incidentId))
                                .mapToInt(a -> a.path("parcelCount").asInt())
                                .sum();
                line =
                        String.format(
                                Locale.ROOT,
                                "detected after %d min, %d parcels, %d pages (one per seller),"
                                        + " %d late-parcel alerts folded into it, %d others of"
                                        + " the courier opened meanwhile",
                                delayOf(outage, found.get()).toMinutes(),
                                parcels,
                                pages,
                                foldedInto(incidentId),
                                unfoldedDuring(outage));
            }
            System.out.printf(
                    Locale.ROOT,
                    "  %s %s %s %s..%s: %s%n",
                    outage.type(),
                    outage.courier(),
                    outage.hub() == null ? "" : outage.hub(),
                    outage.start(),
                    outage.end(),
                    line);
        }
        incidentAlerts.stream()
                .filter(a -> causeOf(a).isEmpty())
                .map(a -> a.path("incidentId").asText())
                .distinct()
                .forEach(id -> System.out.println("  false: " + id));
    }
}
