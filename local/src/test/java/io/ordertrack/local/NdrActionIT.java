package io.ordertrack.local;

import static io.ordertrack.local.RunningSystem.encode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ordertrack.api.security.ApiKeys;
import io.ordertrack.avro.NdrActionType;
import io.ordertrack.avro.NdrReason;
import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.OrderEventType;
import io.ordertrack.avro.PaymentMode;
import io.ordertrack.avro.ShipmentStatus;
import io.ordertrack.documents.SellersTime;
import io.ordertrack.local.SampleOrders.Destination;
import io.ordertrack.schemas.AvroCodec;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The NDR rescue clock through the real stack: a failed delivery reaches the job from Kafka, the
 * order shows until when the seller can act and NDR_ACTION_DUE opens; the seller answers through
 * the API; the answer reaches the courier's topic and, through the orders topic, the job, which
 * closes the alert and shows the answer on the order.
 */
class NdrActionIT {
    @RegisterExtension static final MiniClusterExtension FLINK = TestFlink.cluster();

    private static final String ACME = "acme-fashion";
    private static final String ACME_KEY = ApiKeys.newKey();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AvroCodec<OrderEvent> ORDER_EVENTS = AvroCodec.of(OrderEvent.class);

    private static RunningSystem system;
    private static EventPublisher publisher;
    private static final ScheduledExecutorService LIVE_FEED =
            Executors.newSingleThreadScheduledExecutor();

    @BeforeAll
    static void startTheSystem() throws Exception {
        system =
                RunningSystem.start(
                        "ndr" + Long.toString(System.currentTimeMillis(), 36),
                        Map.of(ACME, ACME_KEY));
        publisher =
                new EventPublisher(
                        RunningSystem.kafkaBootstrapServers(), system.orders, system.tracking);
        // A live system: other orders' events keep every partition's clock at the present, so
        // the watermark follows it and the reviews due now are made now.
        AtomicInteger tick = new AtomicInteger();
        LIVE_FEED.scheduleAtFixedRate(
                () -> {
                    int n = tick.getAndIncrement() % 8;
                    SampleOrders other = SampleOrders.order(ACME, "manual", "TICK-" + n);
                    Instant now = Instant.now();
                    publisher.publish(other.stage(now, OrderEventType.CONFIRMED));
                    publisher.publish(
                            other.scan(
                                    now,
                                    "DELHIVERY",
                                    "TICK" + n,
                                    ShipmentStatus.IN_TRANSIT,
                                    "IT",
                                    "Nagpur hub"));
                },
                0,
                500,
                TimeUnit.MILLISECONDS);
    }

    @AfterAll
    static void stopTheSystem() throws Exception {
        LIVE_FEED.shutdownNow();
        publisher.close();
        system.close();
    }

    @Test
    void theSellerAnswersAFailedDeliveryBeforeTheCouriersNextRound() throws Exception {
        // Live: the attempt failed three hours ago, so its deadline (08:00 India time the next
        // day) is still ahead.
        Instant failedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(3));
        SampleOrders order = SampleOrders.order(ACME, "shopify", "5001");
        String orderId = ACME + ":SHOPIFY:5001";
        publisher.publish(
                order.placed(
                        failedAt.minus(Duration.ofHours(40)),
                        new Destination(
                                "Rahul Verma",
                                "+91 98123-45678",
                                "4 Park Street",
                                "Kolkata",
                                "West Bengal",
                                "700016"),
                        "KURTA-M-BLUE",
                        1,
                        79_900,
                        PaymentMode.COD,
                        "WH-BLR-1"));
        publisher.publish(
                order.manifested(failedAt.minus(Duration.ofHours(39)), "DELHIVERY", "DL5001"));
        publisher.publish(
                order.scan(
                        failedAt.minus(Duration.ofHours(36)),
                        "DELHIVERY",
                        "DL5001",
                        ShipmentStatus.PICKED_UP,
                        "PKD",
                        "Bengaluru hub"));
        publisher.publish(
                order.scan(
                        failedAt.minus(Duration.ofHours(2)),
                        "DELHIVERY",
                        "DL5001",
                        ShipmentStatus.OUT_FOR_DELIVERY,
                        "OFD",
                        "Kolkata hub"));
        publisher.publish(
                order.failedDelivery(
                        failedAt, "DELHIVERY", "DL5001", NdrReason.CUSTOMER_UNAVAILABLE, "NDR"));
        publisher.flush();
        Instant deadline =
                failedAt.atZone(SellersTime.ZONE)
                        .toLocalDate()
                        .plusDays(1)
                        .atTime(8, 0)
                        .atZone(SellersTime.ZONE)
                        .toInstant();

        JsonNode due =
                system.awaitOrder(
                        orderId, ACME_KEY, d -> d.path("ndr").path("actionDueBy").isTextual());
        assertThat(Instant.parse(due.path("ndr").path("actionDueBy").asText())).isEqualTo(deadline);
        assertThat(texts(due.path("flags"))).contains("NDR_ACTION_DUE", "NDR_OPEN");
        JsonNode openAlert = awaitAlert(orderId, a -> a.path("state").asText().equals("OPEN"));
        assertThat(openAlert.path("reasons").get(0).asText())
                .startsWith("attempt 1 failed: act by ");

        LocalDate tomorrow = LocalDate.now(SellersTime.ZONE).plusDays(1);
        String answer =
                "{\"action\": \"REATTEMPT\", \"reattemptOn\": \""
                        + tomorrow
                        + "\", \"customer\": {\"phone\": \"+91 98765 11223\"}}";
        HttpResponse<String> accepted =
                system.post("/api/orders/" + encode(orderId) + "/ndr-action", ACME_KEY, answer);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String actionId = JSON.readTree(accepted.body()).path("actionId").asText();
        HttpResponse<String> again =
                system.post("/api/orders/" + encode(orderId) + "/ndr-action", ACME_KEY, answer);
        assertThat(JSON.readTree(again.body()).path("actionId").asText()).isEqualTo(actionId);

        OrderEvent toCourier = awaitRecord(system.ndrActions, actionId);
        assertThat(toCourier.getType()).isEqualTo(OrderEventType.NDR_ACTION);
        assertThat(toCourier.getNdrAction().getAction()).isEqualTo(NdrActionType.REATTEMPT);
        assertThat(toCourier.getNdrAction().getAwb()).isEqualTo("DL5001");
        assertThat(toCourier.getNdrAction().getCustomer().getPhone()).isEqualTo("+919876511223");

        JsonNode answered =
                system.awaitOrder(
                        orderId, ACME_KEY, d -> d.path("ndr").path("actions").size() == 1);
        JsonNode action = answered.path("ndr").path("actions").get(0);
        assertThat(action.path("action").asText()).isEqualTo("REATTEMPT");
        assertThat(action.path("attempt").asInt()).isEqualTo(1);
        assertThat(action.path("newPhone").asBoolean()).isTrue();
        assertThat(action.path("reattemptOn").asText()).isEqualTo(tomorrow.toString());
        assertThat(answered.toString()).doesNotContain("9876511223");
        assertThat(answered.path("timeline").findValuesAsText("detail"))
                .contains("re-attempt after attempt 1, on " + tomorrow + ", with a new phone");
        JsonNode resolved = awaitAlert(orderId, a -> a.path("state").asText().equals("RESOLVED"));
        assertThat(Instant.parse(resolved.path("resolvedAt").asText())).isBefore(deadline);
        JsonNode afterAnswer =
                system.awaitOrder(
                        orderId, ACME_KEY, d -> !d.path("ndr").path("actionDueBy").isTextual());
        assertThat(texts(afterAnswer.path("flags"))).doesNotContain("NDR_ACTION_DUE");
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static JsonNode awaitAlert(String orderId, Predicate<JsonNode> condition) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> {
                            HttpResponse<String> response =
                                    system.get(
                                            "/api/alerts?type=NDR_ACTION_DUE&order="
                                                    + encode(orderId),
                                            ACME_KEY);
                            if (response.statusCode() != 200) {
                                return false;
                            }
                            for (JsonNode alert : JSON.readTree(response.body()).path("alerts")) {
                                if (condition.test(alert)) {
                                    found[0] = alert;
                                    return true;
                                }
                            }
                            return false;
                        });
        return found[0];
    }

    /** The first record of a topic whose event id is {@code eventId}. */
    private static OrderEvent awaitRecord(String topic, String eventId) {
        Properties properties = new Properties();
        properties.put(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RunningSystem.kafkaBootstrapServers());
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        properties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topic).stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            OrderEvent[] found = new OrderEvent[1];
            await().atMost(Duration.ofSeconds(30))
                    .until(
                            () -> {
                                for (ConsumerRecord<byte[], byte[]> record :
                                        consumer.poll(Duration.ofMillis(500))) {
                                    OrderEvent event = ORDER_EVENTS.decode(record.value());
                                    if (event.getEventId().equals(eventId)) {
                                        found[0] = event;
                                    }
                                }
                                return found[0] != null;
                            });
            return found[0];
        }
    }
}
