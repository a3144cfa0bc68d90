package io.ordertrack.api;

import static io.ordertrack.api.OrderDocuments.ACME;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordertrack.avro.OrderEvent;
import io.ordertrack.connections.KafkaSecurity;
import io.ordertrack.documents.Index;
import io.ordertrack.testkit.KafkaBroker;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * NDR actions while Kafka is down, against a broker of its own that the test stops and starts: the
 * seller is told within the send timeout to try again (503), and the same request once Kafka is
 * back is the same action.
 */
class NdrActionKafkaOutageIT {
    private static final String ACME_KEY = "acme-key";
    private static final String ORDERS_TOPIC = "orders";
    private static final String NDR_ACTIONS_TOPIC = "ndr-actions";
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(3);

    private static final ObjectNode ACME_FAILED =
            OrderDocuments.order(ACME, "SHOPIFY", "SO-3001")
                    .shipment("DELHIVERY", "AWB-3001")
                    .failedDelivery(1)
                    .build();

    @RegisterExtension static final TestApi testApi = new TestApi();
    private static KafkaBroker broker;
    private static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        broker = KafkaBroker.startDedicated();
        createTopics(broker.bootstrapServers(), ORDERS_TOPIC, NDR_ACTIONS_TOPIC);
        String orders = testApi.newIndex(Index.ORDERS);
        TestIndices.index(
                testApi.elasticsearch(),
                orders,
                List.of(ACME_FAILED),
                order -> order.path("orderId").asText());
        api =
                testApi.start(
                        new TestApi.Indices(
                                orders,
                                TestApi.absentIndex("alerts"),
                                TestApi.absentIndex("inventory"),
                                TestApi.absentIndex("metrics"),
                                TestApi.absentIndex("routing")),
                        TestApi.keys(Map.of(ACME_KEY, ACME)),
                        config ->
                                config.withKafka(
                                        new ApiConfig.Kafka(
                                                broker.bootstrapServers(),
                                                KafkaSecurity.PLAINTEXT,
                                                ORDERS_TOPIC,
                                                NDR_ACTIONS_TOPIC,
                                                SEND_TIMEOUT)));
    }

    @AfterAll
    static void stop() {
        broker.stop();
    }

    @Test
    void whileKafkaIsDownTheSellerIsToldToRetryAndTheRetryIsTheSameAction() {
        assertThat(act("{\"action\": \"RETURN\"}").status()).as("Kafka up").isEqualTo(202);
        String reattempt = "{\"action\": \"REATTEMPT\", \"customer\": {\"phone\": \"9123456780\"}}";

        broker.stop();
        long start = System.nanoTime();
        var refused = act(reattempt);
        Duration waited = Duration.ofNanos(System.nanoTime() - start);

        assertThat(refused.status()).isEqualTo(503);
        assertThat(waited).isLessThan(SEND_TIMEOUT.plusSeconds(3));
        assertThat(refused.raw().headers().firstValue("Retry-After")).hasValue("5");
        assertThat(refused.body().path("message").asText())
                .isEqualTo(
                        "Kafka did not acknowledge the action in time; try again: the same"
                                + " request is the same action");

        broker.start();
        var accepted = retryUntilAccepted(reattempt);

        String actionId = accepted.body().path("actionId").asText();
        List<OrderEvent> reattempts =
                TopicRecords.orderEvents(
                                broker.bootstrapServers(),
                                NDR_ACTIONS_TOPIC,
                                ACME_FAILED.path("orderId").asText())
                        .stream()
                        .filter(event -> event.getEventId().equals(actionId))
                        .toList();
        assertThat(reattempts)
                .as("the retried action, under the id it had while Kafka was down")
                .isNotEmpty()
                .allSatisfy(
                        event ->
                                assertThat(event.getNdrAction().getCustomer().getPhone())
                                        .isEqualTo("+919123456780"));
    }

    /** The seller retrying, as told, until Kafka is back. */
    private static ApiClient.Answer retryUntilAccepted(String body) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            var answer = act(body);
            if (answer.status() != 503 || System.nanoTime() > deadline) {
                assertThat(answer.status()).isEqualTo(202);
                return answer;
            }
        }
    }

    private static ApiClient.Answer act(String body) {
        String orderId = ACME_FAILED.path("orderId").asText();
        return api.postJson(
                "/api/orders/" + URLEncoder.encode(orderId, StandardCharsets.UTF_8) + "/ndr-action",
                ACME_KEY,
                body);
    }

    private static void createTopics(String bootstrapServers, String... topics)
            throws InterruptedException, ExecutionException {
        try (Admin admin =
                Admin.create(
                        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(
                            java.util.Arrays.stream(topics)
                                    .map(topic -> new NewTopic(topic, 1, (short) 1))
                                    .toList())
                    .all()
                    .get();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!led(admin.describeTopics(List.of(topics)).allTopicNames().get().values())) {
                assertThat(System.nanoTime()).as("topics led within 30 s").isLessThan(deadline);
                Thread.sleep(100);
            }
        }
    }

    private static boolean led(java.util.Collection<TopicDescription> topics) {
        return topics.stream()
                .flatMap(topic -> topic.partitions().stream())
                .allMatch(partition -> partition.leader() != null);
    }
}
