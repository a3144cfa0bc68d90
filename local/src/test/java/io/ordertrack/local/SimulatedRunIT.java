package io.ordertrack.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordertrack.api.elasticsearch.ElasticsearchClients;
import io.ordertrack.api.security.ApiKeys;
import io.ordertrack.simulator.FeedProducer;
import io.ordertrack.simulator.Oracle;
import io.ordertrack.simulator.Oracle.OrderTruth;
import io.ordertrack.simulator.Simulation;
import io.ordertrack.simulator.SimulationOptions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A messy simulator run (duplicates, disorder, late scans, scans before their manifest,
 * undocumented codes, bad records) through the real Kafka, Flink and Elasticsearch, checked against
 * the simulator's oracle.
 */
class SimulatedRunIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    /** Scans carry the normalised status: mapping raw courier codes is not the job's yet. */
    private static final SimulationOptions RUN =
            SimulationOptions.defaults(21, 2_000).withPreNormalisedShare(1.0);

    private static RunningSystem system;
    private static ElasticsearchClients elasticsearch;
    private static Oracle oracle;
    private static Map<String, ObjectNode> documents;

    @BeforeAll
    static void feedTheRunThroughTheSystem() throws Exception {
        system =
                RunningSystem.start(
                        "sim-" + Long.toString(System.currentTimeMillis(), 36),
                        Map.of("acme-fashion", ApiKeys.newKey()));
        elasticsearch = ElasticsearchClients.create(RunningSystem.elasticsearchUrl());
        Simulation simulation = Simulation.of(RUN);
        FeedProducer.Topics topics =
                new FeedProducer.Topics(system.orders, system.tracking, system.inventory);
        try (FeedProducer producer =
                new FeedProducer(RunningSystem.kafkaBootstrapServers(), topics)) {
            producer.send(simulation, 0, (sent, nanos, sim) -> {});
        }
        oracle = simulation.oracle();
        documents = awaitEveryOrderAtItsFinalVersion();
    }

    @AfterAll
    static void stopTheSystem() throws Exception {
        elasticsearch.close();
        system.close();
    }

    @Test
    void everyOrderIsIndexedOnceWithEveryOneOfItsEventsApplied() {
        assertThat(documents).hasSameSizeAs(oracle.orders());
        for (OrderTruth order : oracle.orders()) {
            assertThat(documents.get(order.orderId()).path("version").asLong())
                    .as(order.orderId() + " " + order.mess())
                    .isEqualTo(order.truth().events());
        }
    }

    @Test
    void stageStatusAndBucketAreTheTruthDespiteTheMess() {
        List<OrderTruth> supported =
                oracle.orders().stream().filter(o -> !o.mess().contains("REGRESSION")).toList();
        assertThat(supported).anyMatch(o -> o.mess().contains("SCAN_BEFORE_MANIFEST"));
        assertThat(supported).anyMatch(o -> o.mess().contains("LATE_SCAN"));
        assertThat(supported).anyMatch(o -> o.mess().contains("UNKNOWN_CODE"));
        for (OrderTruth order : supported) {
            ObjectNode document = documents.get(order.orderId());
            String because = order.orderId() + " " + order.outcome() + " " + order.mess();
            assertThat(document.path("stage").asText())
                    .as(because)
                    .isEqualTo(order.truth().stage());
            assertThat(document.path("shipmentStatus").asText(null))
                    .as(because)
                    .isEqualTo(order.truth().shipmentStatus());
            assertThat(document.path("bucket").asText())
                    .as(because)
                    .isEqualTo(order.truth().bucket());
        }
    }

    @Test
    void everyBadRecordLandsInDeadLettersAndNoneBecomesAnOrder() {
        int bad = oracle.summary().badRecords().values().stream().mapToInt(Long::intValue).sum();

        assertThat(
                        DeadLetters.count(
                                RunningSystem.kafkaBootstrapServers(), system.deadLetters, bad))
                .isEqualTo(bad);
        assertThat(documents.keySet()).noneMatch(id -> id.contains(":INVALID-"));
    }

    private static Map<String, ObjectNode> awaitEveryOrderAtItsFinalVersion() {
        Map<String, Long> finalVersions = new HashMap<>();
        oracle.orders().forEach(o -> finalVersions.put(o.orderId(), (long) o.truth().events()));
        Map<String, ObjectNode> latest = new HashMap<>();
        try {
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofSeconds(2))
                    .until(
                            () -> {
                                latest.clear();
                                latest.putAll(allDocuments());
                                return finalVersions.entrySet().stream()
                                        .allMatch(
                                                e ->
                                                        latest.containsKey(e.getKey())
                                                                && latest.get(e.getKey())
                                                                                .path("version")
                                                                                .asLong()
                                                                        == e.getValue());
                            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // The assertions of each test show which orders differ.
        }
        return latest;
    }

    private static Map<String, ObjectNode> allDocuments() throws Exception {
        Map<String, ObjectNode> byId = new HashMap<>();
        SearchResponse<ObjectNode> response =
                elasticsearch
                        .client()
                        .search(
                                s ->
                                        s.index(system.ordersIndex)
                                                .size(10_000)
                                                .ignoreUnavailable(true)
                                                .allowNoIndices(true),
                                ObjectNode.class);
        for (Hit<ObjectNode> hit : response.hits().hits()) {
            byId.put(hit.id(), hit.source());
        }
        return byId;
    }
}
