package io.ordertrack.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordertrack.api.elasticsearch.ElasticsearchClients;
import io.ordertrack.api.security.ApiKeys;
import io.ordertrack.avro.InventoryEvent;
import io.ordertrack.avro.OrderDetails;
import io.ordertrack.avro.OrderEvent;
import io.ordertrack.schemas.RecordKeys;
import io.ordertrack.simulator.FeedProducer;
import io.ordertrack.simulator.SimulatedRecord;
import io.ordertrack.simulator.SimulationOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The messy simulated feed with a hostile producer in the middle of it: length bombs of every kind
 * the input schemas have (strings near and above 2³¹ bytes, order items, a name nested three
 * records deep), event times in microseconds on every partition, foreign bytes, empty values and
 * truncated records on every input topic, and half the warehouses' stock events written with the
 * previous released schema. Nothing of it may stop the job, change an order, or vanish.
 */
class HostileProducerIT {
    @RegisterExtension static final MiniClusterExtension FLINK = TestFlink.cluster();

    private static final SimulationOptions RUN =
            SimulationOptions.defaults(43, 600).withOrdersPerDay(300);
    private static final int PARTITIONS = 2;

    private static RunningSystem system;
    private static ElasticsearchClients elasticsearch;
    private static SimulatedRun run;
    private static List<HostileRecords.Hostile> hostile;
    private static int olderReleaseRecords;
    private static Map<String, ObjectNode> documents;
    private static OrderEvent longNameOrder;
    private static final List<String> healthNotUp = new CopyOnWriteArrayList<>();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String LONG_NAME_ORDER = "LONG-NAME-1";
    private static final int LONG_NAME_LENGTH = 40_000;

    @BeforeAll
    static void feedTheRunWithAHostileProducerInTheMiddle() throws Exception {
        system =
                RunningSystem.startWithoutRestarts(
                        "hostile-" + Long.toString(System.currentTimeMillis(), 36),
                        Map.of(ApiKeys.ANALYST_MARKER, ApiKeys.newKey()));
        elasticsearch = ElasticsearchClients.create(RunningSystem.elasticsearchUrl());
        run = SimulatedRun.of(RUN);
        hostile = HostileRecords.against(run.records(), PARTITIONS);
        longNameOrder = withLongName(HostileRecords.firstPlacedOrder(run.records()));
        List<SimulatedRecord> feed = withOlderReleaseStockEvents(run.records());
        int half = feed.size() / 2;
        await().atMost(Duration.ofSeconds(60)).until(() -> healthStatus().equals("UP"));
        Thread watch = new Thread(HostileProducerIT::watchHealth, "health-watch");
        watch.setDaemon(true);
        watch.start();
        try (FeedProducer producer =
                        new FeedProducer(RunningSystem.kafkaBootstrapServers(), system.topics());
                KafkaProducer<byte[], byte[]> attacker = attacker()) {
            producer.send(feed.subList(0, half).iterator());
            for (HostileRecords.Hostile record : hostile) {
                attacker.send(
                        new ProducerRecord<>(
                                topicOf(record.topic()),
                                record.partition(),
                                record.key().getBytes(StandardCharsets.UTF_8),
                                record.value()));
            }
            attacker.send(
                    new ProducerRecord<>(
                            system.orders,
                            LONG_NAME_ORDER.getBytes(StandardCharsets.UTF_8),
                            HostileRecords.ORDERS.encode(longNameOrder)));
            attacker.flush();
            producer.send(feed.subList(half, feed.size()).iterator());
        }
        documents =
                OracleComparison.awaitFinalDocuments(
                        elasticsearch, system.ordersIndex, run.oracle(), run.records());
        system.awaitInputConsumed();
        watch.interrupt();
        watch.join();
    }

    /** Notes every answer of /health that is not UP, twice a second. */
    private static void watchHealth() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                String status = healthStatus();
                if (!status.equals("UP")) {
                    healthNotUp.add(status);
                }
                Thread.sleep(500);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            healthNotUp.add(e.toString());
        }
    }

    private static String healthStatus() throws Exception {
        return JSON.readTree(system.getPublic("/health").body()).path("status").asText();
    }

    @AfterAll
    static void stopTheSystem() throws Exception {
        elasticsearch.close();
        system.close();
    }

    @Test
    void everyOrderEndsAsTheOracleSays() {
        Map<String, ObjectNode> oracleOrders = new HashMap<>(documents);
        oracleOrders.remove(RecordKeys.of(longNameOrder)); // not the oracle's: checked below

        OracleComparison.assertMatches(run.oracle(), run.records(), oracleOrders);
    }

    @Test
    void everyHostileRecordIsADeadLetterExactlyOnceWithItsReason() {
        int feedBadRecords =
                run.oracle().summary().badRecords().values().stream()
                        .mapToInt(Long::intValue)
                        .sum();
        List<DeadLetters.Letter> letters =
                DeadLetters.all(
                        RunningSystem.kafkaBootstrapServers(),
                        system.deadLetters,
                        feedBadRecords + hostile.size());
        Map<String, List<DeadLetters.Letter>> byKey =
                letters.stream()
                        .filter(
                                letter ->
                                        letter.key() != null && letter.key().startsWith("hostile-"))
                        .collect(Collectors.groupingBy(DeadLetters.Letter::key));

        assertThat(hostile).hasSizeGreaterThan(50);
        for (HostileRecords.Hostile record : hostile) {
            assertThat(byKey.get(record.key()))
                    .as("dead letters of %s (%s)", record.key(), record.reason())
                    .singleElement()
                    .satisfies(
                            letter -> {
                                assertThat(letter.reason()).startsWith(record.reason());
                                assertThat(letter.sourceTopic()).isEqualTo(topicOf(record.topic()));
                                assertThat(letter.sourcePartition())
                                        .isEqualTo(String.valueOf(record.partition()));
                            });
        }
        assertThat(letters)
                .as(
                        "the feed's own bad records and the hostile ones; no record of an older"
                                + " release")
                .hasSize(feedBadRecords + hostile.size());
        assertThat(olderReleaseRecords).isGreaterThan(10);
    }

    @Test
    void anOrderWithAFortyThousandCharacterNameIsIndexed() throws Exception {
        String orderId = RecordKeys.of(longNameOrder);

        ObjectNode document =
                await().atMost(Duration.ofSeconds(60))
                        .until(
                                () ->
                                        elasticsearch
                                                .client()
                                                .get(
                                                        g ->
                                                                g.index(system.ordersIndex)
                                                                        .id(orderId),
                                                        ObjectNode.class)
                                                .source(),
                                found -> found != null);

        assertThat(document.path("customer").path("name").asText()).hasSize(LONG_NAME_LENGTH);
    }

    @Test
    void theJobNeverRestartedAndHealthStayedUp() throws Exception {
        assertThat(system.jobStatus()).isEqualTo(JobStatus.RUNNING);
        assertThat(healthNotUp).as("answers of /health other than UP").isEmpty();
        assertThat(healthStatus()).isEqualTo("UP");
    }

    private static OrderEvent withLongName(OrderEvent placed) {
        OrderEvent order =
                OrderEvent.newBuilder(placed)
                        .setEventId("long-name-placed")
                        .setClientOrderId(LONG_NAME_ORDER)
                        .build();
        ((OrderDetails) order.getDetails()).getCustomer().setName("N".repeat(LONG_NAME_LENGTH));
        return order;
    }

    /** Every other valid stock event of the feed as a producer on the previous release sends it. */
    private static List<SimulatedRecord> withOlderReleaseStockEvents(
            List<SimulatedRecord> records) {
        List<SimulatedRecord> feed = new ArrayList<>(records.size());
        int stockEvents = 0;
        for (SimulatedRecord record : records) {
            InventoryEvent event = stockEventOrNull(record);
            if (event != null && stockEvents++ % 2 == 0) {
                feed.add(
                        new SimulatedRecord(
                                record.topic(),
                                record.key(),
                                HostileRecords.asOlderRelease(event),
                                record.timestamp()));
                olderReleaseRecords++;
            } else {
                feed.add(record);
            }
        }
        return feed;
    }

    private static InventoryEvent stockEventOrNull(SimulatedRecord record) {
        if (record.topic() != SimulatedRecord.Topic.INVENTORY) {
            return null;
        }
        try {
            return HostileRecords.STOCK.decode(record.value());
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String topicOf(SimulatedRecord.Topic topic) {
        Function<FeedProducer.Topics, String> name =
                switch (topic) {
                    case ORDERS -> FeedProducer.Topics::orders;
                    case TRACKING -> FeedProducer.Topics::tracking;
                    case INVENTORY -> FeedProducer.Topics::inventory;
                    case REMITTANCES -> FeedProducer.Topics::remittances;
                };
        return name.apply(system.topics());
    }

    private static KafkaProducer<byte[], byte[]> attacker() {
        Properties properties = new Properties();
        properties.put(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RunningSystem.kafkaBootstrapServers());
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return new KafkaProducer<>(properties);
    }
}
