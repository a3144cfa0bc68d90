package io.ordertrack.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ordertrack.api.security.ApiKeys;
import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.OrderEventType;
import io.ordertrack.avro.PaymentMode;
import io.ordertrack.avro.ShipmentStatus;
import io.ordertrack.avro.TrackingScan;
import io.ordertrack.local.SampleOrders.Destination;
import io.ordertrack.schemas.AvroCodec;
import io.ordertrack.schemas.RecordKeys;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real stack end to end: Avro events produced to a real Kafka broker, the order tracking job on
 * a Flink MiniCluster, a real Elasticsearch, and the answers of the HTTP API.
 */
class OrderTrackingEndToEndIT {
    @RegisterExtension static final MiniClusterExtension FLINK = TestFlink.cluster();

    private static final String ACME = "acme-fashion";
    private static final String ZENITH = "zenith-electronics";
    private static final String ACME_KEY = ApiKeys.newKey();
    private static final String ZENITH_KEY = ApiKeys.newKey();
    private static final Instant PLACED_AT = Instant.parse("2026-11-20T04:30:00Z");
    private static final Destination KOLKATA =
            new Destination(
                    "Rahul Verma",
                    "+91 98123-45678",
                    "4 Park Street",
                    "Kolkata",
                    "West Bengal",
                    "700016");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static RunningSystem system;
    private static EventPublisher publisher;

    @BeforeAll
    static void startTheSystem() throws Exception {
        system =
                RunningSystem.start(
                        Long.toString(System.currentTimeMillis(), 36),
                        Map.of(ACME, ACME_KEY, ZENITH, ZENITH_KEY));
        publisher =
                new EventPublisher(
                        RunningSystem.kafkaBootstrapServers(), system.orders, system.tracking);
    }

    @AfterAll
    static void stopTheSystem() throws Exception {
        publisher.close();
        system.close();
    }

    @Test
    void anOrderFollowsItsLifecycleAndIsFoundByIdAwbAndClientOrderId() throws Exception {
        SampleOrders order = SampleOrders.order(ACME, "shopify", "1001");
        publisher.publish(
                order.placed(
                        PLACED_AT,
                        KOLKATA,
                        "KURTA-M-BLUE",
                        2,
                        79_900,
                        PaymentMode.COD,
                        "WH-BLR-1"));
        publisher.publish(order.stage(at(1), OrderEventType.CONFIRMED));
        publisher.publish(order.manifested(at(3), "DELHIVERY", "DL1001"));
        publisher.publish(order.stage(at(4), OrderEventType.LABEL_SCANNED));
        publisher.publish(
                order.scan(
                        at(9),
                        "DELHIVERY",
                        "DL1001",
                        ShipmentStatus.PICKED_UP,
                        "PKD",
                        "Bengaluru hub"));
        publisher.publish(
                order.scan(
                        at(40),
                        "DELHIVERY",
                        "DL1001",
                        ShipmentStatus.OUT_FOR_DELIVERY,
                        "OFD",
                        "Kolkata hub"));
        publisher.flush();

        String orderId = ACME + ":SHOPIFY:1001";
        // Order events and scans reach the order by different paths: wait for all six.
        JsonNode document =
                system.awaitOrder(orderId, ACME_KEY, d -> d.path("version").asInt() == 6);

        assertThat(document.path("shipmentStatus").asText()).isEqualTo("OUT_FOR_DELIVERY");
        assertThat(document.path("bucket").asText()).isEqualTo("LIVE");
        assertThat(document.path("stage").asText()).isEqualTo("READY_TO_SHIP");
        assertThat(document.path("courier").asText()).isEqualTo("DELHIVERY");
        assertThat(document.path("customer").path("phone").asText()).isEqualTo("9812345678");
        assertThat(document.path("amountPaise").asLong()).isEqualTo(159_800);
        assertThat(document.path("timeline")).hasSize(6);
        assertThat(idsOf(get("/api/orders?awb=DL1001", ACME_KEY).body())).containsExactly(orderId);
        assertThat(idsOf(get("/api/orders?clientOrderId=1001", ACME_KEY).body()))
                .containsExactly(orderId);
    }

    @Test
    void scansThatArriveBeforeTheirManifestAreAppliedWhenItComes() throws Exception {
        SampleOrders order = SampleOrders.order(ACME, "amazon", "402-7781");
        String orderId = ACME + ":AMAZON:402-7781";
        publisher.publish(
                order.placed(
                        PLACED_AT,
                        KOLKATA,
                        "SAREE-SILK",
                        1,
                        249_900,
                        PaymentMode.PREPAID,
                        "WH-BLR-1"));
        publisher.publish(
                order.scan(
                        at(9),
                        "BLUEDART",
                        "BD7781",
                        ShipmentStatus.PICKED_UP,
                        "PU",
                        "Bengaluru hub"));
        RecordMetadata lastEarlyScan =
                publisher
                        .publish(
                                order.scan(
                                        at(20),
                                        "BLUEDART",
                                        "BD7781",
                                        ShipmentStatus.IN_TRANSIT,
                                        "IT",
                                        "Nagpur hub"))
                        .get();
        awaitConsumedPast(lastEarlyScan);
        assertThat(system.awaitOrder(orderId, ACME_KEY, d -> true).has("awb")).isFalse();

        publisher.publish(order.manifested(at(3), "BLUEDART", "BD7781"));
        publisher.flush();

        // The manifest reaches the order directly, the scans it releases right after it.
        JsonNode document =
                system.awaitOrder(orderId, ACME_KEY, d -> d.path("version").asInt() == 4);
        assertThat(document.path("awb").asText()).isEqualTo("BD7781");
        assertThat(document.path("shipmentStatus").asText()).isEqualTo("IN_TRANSIT");
        assertThat(document.path("bucket").asText()).isEqualTo("LIVE");
        assertThat(document.path("timeline").findValuesAsText("code"))
                .containsExactly("PLACED", "MANIFESTED", "PICKED_UP", "IN_TRANSIT");
    }

    @Test
    void twoTenantsWithTheSameClientOrderIdEachSeeOnlyTheirOwnOrder() throws Exception {
        publisher.publish(
                SampleOrders.order(ZENITH, "shopify", "1001")
                        .placed(
                                PLACED_AT,
                                KOLKATA,
                                "PHONE-CASE",
                                1,
                                29_900,
                                PaymentMode.COD,
                                "WH-DEL-2"));
        publisher.flush();
        String zenithOrder = ZENITH + ":SHOPIFY:1001";
        system.awaitOrder(zenithOrder, ZENITH_KEY, d -> true);

        assertThat(idsOf(get("/api/orders?clientOrderId=1001", ZENITH_KEY).body()))
                .containsExactly(zenithOrder);
        assertThat(get("/api/orders/" + encode(zenithOrder), ACME_KEY).statusCode()).isEqualTo(404);
        assertThat(get("/api/orders/" + encode(zenithOrder), "not-a-key").statusCode())
                .isEqualTo(401);
    }

    @Test
    void unreadableAndInvalidRecordsGoToDeadLettersWhileGoodOnesAreIndexed() throws Exception {
        SampleOrders good = SampleOrders.order(ZENITH, "woocommerce", "W-77");
        OrderEvent invalid =
                SampleOrders.order(ZENITH, "woocommerce", "W-78")
                        .placed(
                                PLACED_AT,
                                KOLKATA,
                                "EARBUDS",
                                0,
                                99_900,
                                PaymentMode.COD,
                                "WH-DEL-2");
        byte[] scan =
                AvroCodec.of(TrackingScan.class)
                        .encode(
                                good.scan(
                                        at(9),
                                        "ECOM_EXPRESS",
                                        "EE77",
                                        ShipmentStatus.PICKED_UP,
                                        "PU",
                                        null));

        publisher.publishRaw(
                system.orders, "broken-json", "{\"order\": 77".getBytes(StandardCharsets.UTF_8));
        publisher.publishRaw(system.tracking, "broken-scan", Arrays.copyOf(scan, scan.length - 10));
        publisher.publishRaw(
                system.orders,
                RecordKeys.of(invalid),
                AvroCodec.of(OrderEvent.class).encode(invalid));
        publisher.publish(
                good.placed(PLACED_AT, KOLKATA, "EARBUDS", 1, 99_900, PaymentMode.COD, "WH-DEL-2"));
        publisher.flush();

        system.awaitOrder(ZENITH + ":WOOCOMMERCE:W-77", ZENITH_KEY, d -> true);
        Map<String, DeadLetters.Letter> letters =
                DeadLetters.awaitByKey(
                        RunningSystem.kafkaBootstrapServers(), system.deadLetters, 3);
        assertThat(letters.get("broken-json").sourceTopic()).isEqualTo(system.orders);
        assertThat(letters.get("broken-json").reason())
                .startsWith("not Avro single-object encoding");
        assertThat(letters.get("broken-scan").sourceTopic()).isEqualTo(system.tracking);
        assertThat(letters.get("broken-scan").reason()).startsWith("unreadable TrackingScan body");
        assertThat(letters.get(RecordKeys.of(invalid)).reason())
                .isEqualTo("invalid: item EARBUDS has quantity 0");
        assertThat(get("/api/orders/" + encode(RecordKeys.of(invalid)), ZENITH_KEY).statusCode())
                .isEqualTo(404);
    }

    private static Instant at(int hoursAfterPlacing) {
        return PLACED_AT.plus(Duration.ofHours(hoursAfterPlacing));
    }

    /**
     * Waits until the job has processed a record and completed a checkpoint after it: the source
     * commits its offsets to Kafka only then.
     */
    private static void awaitConsumedPast(RecordMetadata record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        Map<String, Object> admin =
                Map.of(
                        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                        RunningSystem.kafkaBootstrapServers());
        try (Admin kafka = Admin.create(admin)) {
            await().atMost(Duration.ofSeconds(60))
                    .until(
                            () -> {
                                OffsetAndMetadata committed =
                                        kafka.listConsumerGroupOffsets(system.consumerGroup)
                                                .partitionsToOffsetAndMetadata()
                                                .get()
                                                .get(partition);
                                return committed != null && committed.offset() > record.offset();
                            });
        }
    }

    private static java.util.List<String> idsOf(String searchResponse) throws Exception {
        return JSON.readTree(searchResponse).path("orders").findValuesAsText("orderId");
    }

    private static HttpResponse<String> get(String path, String apiKey) throws Exception {
        return system.get(path, apiKey);
    }

    private static String encode(String orderId) {
        return RunningSystem.encode(orderId);
    }
}
