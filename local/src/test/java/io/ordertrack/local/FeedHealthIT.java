package io.ordertrack.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordertrack.api.elasticsearch.ElasticsearchClients;
import io.ordertrack.api.health.HealthThresholds;
import io.ordertrack.api.security.ApiKeys;
import io.ordertrack.avro.InventoryEvent;
import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.OrderEventType;
import io.ordertrack.avro.TrackingScan;
import io.ordertrack.schemas.AvroCodec;
import io.ordertrack.schemas.EventValidation;
import io.ordertrack.schemas.RecordKeys;
import io.ordertrack.schemas.UndecodableRecordException;
import io.ordertrack.simulator.FeedProducer;
import io.ordertrack.simulator.Oracle;
import io.ordertrack.simulator.SimulatedRecord;
import io.ordertrack.simulator.SimulationOptions;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The health of every input feed through the whole job, incidents enabled: a messy simulator run
 * through the real Kafka, Flink and Elasticsearch leaves a feed-health document for every courier
 * (platform-wide and per seller), every seller's sales channel and every seller's warehouse, and a
 * seller's shares of a courier's feed add up to the whole.
 */
class FeedHealthIT {
    @RegisterExtension static final MiniClusterExtension FLINK = TestFlink.cluster();

    /** Three days of a small platform: each courier has its usual rates by the last. */
    private static final SimulationOptions RUN =
            SimulationOptions.defaults(5, 750).withOrdersPerDay(250);

    private static final AvroCodec<OrderEvent> ORDER_EVENTS = AvroCodec.of(OrderEvent.class);
    private static final AvroCodec<InventoryEvent> STOCK = AvroCodec.of(InventoryEvent.class);
    private static final AvroCodec<TrackingScan> SCANS = AvroCodec.of(TrackingScan.class);

    private static RunningSystem system;
    private static ElasticsearchClients elasticsearch;
    private static Set<String> feeds;
    private static Map<String, ObjectNode> documents;

    @BeforeAll
    static void feedTheRunThroughTheSystem() throws Exception {
        system =
                RunningSystem.start(
                        "feeds-" + Long.toString(System.currentTimeMillis(), 36),
                        Map.of("acme-fashion", ApiKeys.newKey()),
                        List.of("--incidents.enabled", "true"),
                        HealthThresholds.DEFAULT);
        elasticsearch = ElasticsearchClients.create(RunningSystem.elasticsearchUrl());
        SimulatedRun run = SimulatedRun.of(RUN);
        feeds = feedsOf(run.records(), run.oracle());
        try (FeedProducer producer =
                new FeedProducer(RunningSystem.kafkaBootstrapServers(), system.topics())) {
            producer.send(run.records().iterator());
        }
        OracleComparison.awaitFinalDocuments(
                elasticsearch, system.ordersIndex, run.oracle(), run.records());
        documents = awaitSettledFeedHealth();
    }

    @AfterAll
    static void stopTheSystem() throws Exception {
        elasticsearch.close();
        system.close();
    }

    @Test
    void everyCourierChannelAndWarehouseOfTheRunHasItsDocument() {
        assertThat(documents.keySet()).containsAll(feeds);
        assertThat(feeds)
                .anyMatch(id -> id.startsWith("COURIER:") && id.endsWith("|*"))
                .anyMatch(id -> id.startsWith("COURIER:") && !id.endsWith("|*"))
                .anyMatch(id -> id.startsWith("CHANNEL:"))
                .anyMatch(id -> id.startsWith("WAREHOUSE:"));
        documents.forEach(
                (id, document) -> {
                    assertThat(document.path("feedId").asText()).isEqualTo(id);
                    assertThat(id)
                            .isEqualTo(
                                    document.path("kind").asText()
                                            + ":"
                                            + document.path("name").asText()
                                            + "|"
                                            + document.path("tenantId").asText());
                    assertThat(document.path("state").asText()).isIn("OK", "SILENT");
                    assertThat(document.path("lastArrivalAt").isTextual()).as(id).isTrue();
                });
    }

    @Test
    void aSellersSharesOfACouriersFeedAddUpToTheWholeAtTheSameReview() {
        List<ObjectNode> platformWide =
                documents.values().stream()
                        .filter(d -> d.path("kind").asText().equals("COURIER"))
                        .filter(d -> d.path("tenantId").asText().equals("*"))
                        .toList();
        assertThat(platformWide).isNotEmpty();
        int shared = 0;
        for (ObjectNode whole : platformWide) {
            List<ObjectNode> shares =
                    documents.values().stream()
                            .filter(d -> d.path("kind").asText().equals("COURIER"))
                            .filter(d -> d.path("name").equals(whole.path("name")))
                            .filter(d -> !d.path("tenantId").asText().equals("*"))
                            .filter(d -> d.path("asOf").equals(whole.path("asOf")))
                            .toList();
            String courier = whole.path("name").asText();
            // No share at all when no seller has had a scan of it for 3 days: its figures are 0.
            shared += shares.isEmpty() ? 0 : 1;
            for (String figure : List.of("events", "eventsLastHour", "duplicates", "live")) {
                assertThat(shares.stream().mapToLong(d -> d.path(figure).asLong()).sum())
                        .as("%s of %s", figure, courier)
                        .isEqualTo(whole.path(figure).asLong());
            }
        }
        assertThat(shared).as("couriers with sellers' shares at their last review").isPositive();
        assertThat(platformWide.stream().mapToLong(d -> d.path("duplicates").asLong()).sum())
                .as("the run's duplicated scans are told apart in the job")
                .isPositive();
    }

    /**
     * The feeds the run sent: each courier's (platform-wide and per seller) with scans of parcels
     * an order named, each seller's channel with placed orders, each seller's warehouse with stock
     * events.
     */
    private static Set<String> feedsOf(List<SimulatedRecord> records, Oracle oracle) {
        Set<String> shipments = new HashSet<>();
        oracle.orders().stream()
                .filter(order -> order.courier() != null)
                .forEach(
                        order ->
                                shipments.add(
                                        RecordKeys.shipment(
                                                order.tenantId(), order.courier(), order.awb())));
        Set<String> feeds = new TreeSet<>();
        for (SimulatedRecord record : records) {
            if (record.topic() == SimulatedRecord.Topic.TRACKING) {
                decode(SCANS, record)
                        .filter(scan -> EventValidation.problemOf(scan).isEmpty())
                        .filter(scan -> shipments.contains(RecordKeys.of(scan)))
                        .ifPresent(
                                scan -> {
                                    feeds.add("COURIER:" + scan.getCourier() + "|*");
                                    feeds.add(
                                            "COURIER:"
                                                    + scan.getCourier()
                                                    + "|"
                                                    + scan.getTenantId());
                                });
            } else if (record.topic() == SimulatedRecord.Topic.ORDERS) {
                decode(ORDER_EVENTS, record)
                        .filter(event -> EventValidation.problemOf(event).isEmpty())
                        .filter(event -> event.getType() == OrderEventType.PLACED)
                        .ifPresent(
                                event ->
                                        feeds.add(
                                                "CHANNEL:"
                                                        + event.getChannel()
                                                        + "|"
                                                        + event.getTenantId()));
            } else if (record.topic() == SimulatedRecord.Topic.INVENTORY) {
                decode(STOCK, record)
                        .filter(event -> EventValidation.problemOf(event).isEmpty())
                        .ifPresent(
                                event ->
                                        feeds.add(
                                                "WAREHOUSE:"
                                                        + event.getWarehouseId()
                                                        + "|"
                                                        + event.getTenantId()));
            }
        }
        return feeds;
    }

    private static <T extends SpecificRecord> Optional<T> decode(
            AvroCodec<T> codec, SimulatedRecord record) {
        try {
            return Optional.of(codec.decode(record.value()));
        } catch (UndecodableRecordException e) {
            return Optional.empty();
        }
    }

    /**
     * The feed-health documents once every feed has one and two reads a few seconds apart find them
     * unchanged: the job's last reviews are written.
     */
    private static Map<String, ObjectNode> awaitSettledFeedHealth() {
        Map<String, ObjectNode> seen = new HashMap<>();
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(5))
                .until(
                        () -> {
                            Map<String, ObjectNode> now = feedHealth();
                            boolean settled = now.keySet().containsAll(feeds) && now.equals(seen);
                            seen.clear();
                            seen.putAll(now);
                            return settled;
                        });
        return seen;
    }

    private static Map<String, ObjectNode> feedHealth() throws Exception {
        Map<String, ObjectNode> byId = new HashMap<>();
        for (Hit<ObjectNode> hit : IndexSearch.all(elasticsearch, system.feedHealthIndex)) {
            byId.put(hit.id(), hit.source());
        }
        return byId;
    }
}
