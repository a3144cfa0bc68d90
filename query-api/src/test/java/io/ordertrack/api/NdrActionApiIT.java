package io.ordertrack.api;

import static io.ordertrack.api.OrderDocuments.ACME;
import static io.ordertrack.api.OrderDocuments.GLOBEX;
import static io.ordertrack.api.OrderDocuments.order;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordertrack.api.security.ApiKeys;
import io.ordertrack.avro.Address;
import io.ordertrack.avro.CustomerUpdate;
import io.ordertrack.avro.NdrAction;
import io.ordertrack.avro.NdrActionType;
import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.OrderEventType;
import io.ordertrack.connections.KafkaSecurity;
import io.ordertrack.documents.Index;
import io.ordertrack.documents.SellersTime;
import io.ordertrack.testkit.KafkaServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code POST /api/orders/{orderId}/ndr-action} against the shared real Elasticsearch and the
 * shared real Kafka broker: an order waiting for an action gets it published to both topics as the
 * order event the job and the courier integration read; everything else is refused with the field
 * or the reason, and publishes nothing.
 */
class NdrActionApiIT {
    private static final String ACME_KEY = "acme-key";
    private static final String GLOBEX_KEY = "globex-key";
    private static final String ANALYST_KEY = "analyst-key";
    private static final String METRICS_KEY = "metrics-key";
    private static final String ALL_TENANTS_KEY = "all-tenants-key";

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String ORDERS_TOPIC = "orders-" + RUN;
    private static final String NDR_ACTIONS_TOPIC = "ndr-actions-" + RUN;

    /** Waits for its first action after one failed attempt. */
    private static final ObjectNode ACME_FIRST_FAILURE =
            order(ACME, "SHOPIFY", "SO-2001")
                    .shipment("DELHIVERY", "AWB-2001")
                    .failedDelivery(1)
                    .build();

    /** Waits for an action after its second failed attempt. */
    private static final ObjectNode ACME_SECOND_FAILURE =
            order(ACME, "WEB", "SO-2002")
                    .shipment("BLUEDART", "AWB-2002")
                    .failedDelivery(2)
                    .build();

    /** Its failed attempt was answered by another action already. */
    private static final ObjectNode ACME_ANSWERED =
            order(ACME, "WEB", "SO-2004")
                    .shipment("DELHIVERY", "AWB-2004")
                    .failedDelivery(1)
                    .answered("ndr-of-another-request")
                    .build();

    /** Its failed attempt's deadline passed unanswered. */
    private static final ObjectNode ACME_OVERDUE =
            order(ACME, "WEB", "SO-2005")
                    .shipment("DELHIVERY", "AWB-2005")
                    .failedDelivery(1)
                    .answerOverdue()
                    .build();

    /** Answered by the test's own request, whose retry comes once the job applied it. */
    private static final ObjectNode ACME_RETRIED =
            order(ACME, "WEB", "SO-2006")
                    .shipment("DELHIVERY", "AWB-2006")
                    .failedDelivery(1)
                    .build();

    private static final ObjectNode ACME_IN_TRANSIT =
            order(ACME, "WEB", "SO-2003").shipment("DELHIVERY", "AWB-2003").build();

    private static final ObjectNode GLOBEX_FIRST_FAILURE =
            order(GLOBEX, "WEB", "SO-2001")
                    .shipment("DELHIVERY", "AWB-9001")
                    .failedDelivery(1)
                    .build();

    private static final String RETURN = "{\"action\": \"RETURN\"}";

    @RegisterExtension static final TestApi testApi = new TestApi();
    private static String ordersIndex;
    private static ApiClient api;

    @BeforeAll
    static void start() throws IOException {
        ordersIndex = testApi.newIndex(Index.ORDERS);
        TestIndices.index(
                testApi.elasticsearch(),
                ordersIndex,
                List.of(
                        ACME_FIRST_FAILURE,
                        ACME_SECOND_FAILURE,
                        ACME_ANSWERED,
                        ACME_OVERDUE,
                        ACME_RETRIED,
                        ACME_IN_TRANSIT,
                        GLOBEX_FIRST_FAILURE),
                NdrActionApiIT::id);
        KafkaServer.shared().createTopics(1, ORDERS_TOPIC, NDR_ACTIONS_TOPIC);
        api =
                testApi.start(
                        indicesOver(ordersIndex),
                        TestApi.keys(
                                Map.of(
                                        ACME_KEY, ACME,
                                        GLOBEX_KEY, GLOBEX,
                                        ANALYST_KEY, ApiKeys.ANALYST_MARKER,
                                        METRICS_KEY, ApiKeys.METRICS_MARKER,
                                        ALL_TENANTS_KEY, ApiKeys.ALL_TENANTS_MARKER)),
                        config ->
                                config.withKafka(
                                        new ApiConfig.Kafka(
                                                kafka(),
                                                KafkaSecurity.PLAINTEXT,
                                                ORDERS_TOPIC,
                                                NDR_ACTIONS_TOPIC,
                                                Duration.ofSeconds(5))));
    }

    @Test
    void aReattemptWithNewContactDetailsReachesBothTopicsAsTheOrderEventConsumersRead() {
        LocalDate dayAfterTomorrow = LocalDate.now(SellersTime.ZONE).plusDays(2);
        String body =
                """
                {"action": "REATTEMPT", "reattemptOn": "%s",
                 "customer": {"phone": "+91 98765-43210",
                              "address": {"line1": "14 Residency Road", "city": "Bengaluru",
                                          "state": "Karnataka", "pincode": "560025"}}}
                """
                        .formatted(dayAfterTomorrow);
        StringWriter log = new StringWriter();
        WriterAppender appender = captureEveryLog(log);
        Instant before = Instant.now().minusMillis(1);
        ApiClient.Answer answer;
        try {
            answer = act(ACME_FIRST_FAILURE, ACME_KEY, body);
            awaitLine(log, "POST /api/orders/{orderId}/ndr-action 202");
        } finally {
            release(appender);
        }
        Instant after = Instant.now();

        assertThat(answer.status()).isEqualTo(202);
        String actionId = answer.body().path("actionId").asText();
        assertThat(actionId).startsWith("ndr-");
        assertThat(answer.body()).isEqualTo(accepted(actionId, ACME_FIRST_FAILURE, 1, "REATTEMPT"));
        OrderEvent expected =
                OrderEvent.newBuilder()
                        .setEventId(actionId)
                        .setEventTime(Instant.EPOCH)
                        .setTenantId(ACME)
                        .setChannel("SHOPIFY")
                        .setClientOrderId("SO-2001")
                        .setType(OrderEventType.NDR_ACTION)
                        .setDetails(null)
                        .setNdrAction(
                                new NdrAction(
                                        NdrActionType.REATTEMPT,
                                        1,
                                        "DELHIVERY",
                                        "AWB-2001",
                                        dayAfterTomorrow,
                                        new CustomerUpdate(
                                                "+919876543210",
                                                new Address(
                                                        "14 Residency Road",
                                                        null,
                                                        "Bengaluru",
                                                        "Karnataka",
                                                        "560025"))))
                        .build();
        for (String topic : List.of(ORDERS_TOPIC, NDR_ACTIONS_TOPIC)) {
            List<OrderEvent> published = published(topic, ACME_FIRST_FAILURE);
            assertThat(published).as(topic).hasSize(1);
            assertThat(published.get(0).getEventTime()).isBetween(before, after);
            published.get(0).setEventTime(Instant.EPOCH);
            assertThat(published.get(0)).as(topic).isEqualTo(expected);
        }
        assertThat(log.toString())
                .as("the API's log while it took the action")
                .doesNotContain("98765", "43210", "Residency");
    }

    @Test
    void theSameRequestAgainIsTheSameActionAndAnotherInstructionIsAnother() {
        var first = act(ACME_SECOND_FAILURE, ACME_KEY, RETURN);
        var again = act(ACME_SECOND_FAILURE, ACME_KEY, "{ \"action\" : \"RETURN\" }");
        var changedMind = act(ACME_SECOND_FAILURE, ACME_KEY, "{\"action\": \"REATTEMPT\"}");

        assertThat(first.status()).isEqualTo(202);
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.body()).isEqualTo(first.body());
        String returnId = first.body().path("actionId").asText();
        assertThat(first.body()).isEqualTo(accepted(returnId, ACME_SECOND_FAILURE, 2, "RETURN"));
        assertThat(changedMind.status()).isEqualTo(202);
        String reattemptId = changedMind.body().path("actionId").asText();
        assertThat(reattemptId).isNotEqualTo(returnId);
        assertThat(published(NDR_ACTIONS_TOPIC, ACME_SECOND_FAILURE))
                .extracting(OrderEvent::getEventId)
                .as("consumers take the repeated event once, by its id")
                .containsExactly(returnId, returnId, reattemptId);
    }

    @Test
    void anotherTenantsOrderIsAnsweredLikeAMissingOneAndGetsNothingPublished() {
        var foreign = act(GLOBEX_FIRST_FAILURE, ACME_KEY, RETURN);
        var missing = act("globex:WEB:NOPE", ACME_KEY, RETURN);

        assertThat(foreign.status()).isEqualTo(404);
        assertThat(withoutRequestId(foreign.body())).isEqualTo(withoutRequestId(missing.body()));
        assertThat(published(NDR_ACTIONS_TOPIC, GLOBEX_FIRST_FAILURE)).isEmpty();
        assertThat(act(GLOBEX_FIRST_FAILURE, ALL_TENANTS_KEY, RETURN).status())
                .as("a key of every tenant acts on any")
                .isEqualTo(202);
    }

    @Test
    void anOrderNotWaitingForAnActionIs409SayingWhy() {
        var answer = act(ACME_IN_TRANSIT, ACME_KEY, RETURN);

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.body().path("message").asText())
                .isEqualTo(
                        "The order is not waiting for an NDR action: its shipment is IN_TRANSIT,"
                                + " not DELIVERY_FAILED");
        assertThat(published(ORDERS_TOPIC, ACME_IN_TRANSIT)).isEmpty();
        assertThat(published(NDR_ACTIONS_TOPIC, ACME_IN_TRANSIT)).isEmpty();
    }

    @Test
    void anAttemptAnsweredOrPastItsDeadlineTakesNoOtherAnswer() {
        var answered = act(ACME_ANSWERED, ACME_KEY, RETURN);
        var overdue = act(ACME_OVERDUE, ACME_KEY, RETURN);

        assertThat(answered.status()).isEqualTo(409);
        assertThat(answered.body().path("message").asText())
                .endsWith("attempt 1 was already answered by another action");
        assertThat(overdue.status()).isEqualTo(409);
        assertThat(overdue.body().path("message").asText())
                .contains("no answer is due for attempt 1 any more");
        assertThat(published(ORDERS_TOPIC, ACME_ANSWERED)).isEmpty();
        assertThat(published(ORDERS_TOPIC, ACME_OVERDUE)).isEmpty();
    }

    @Test
    void aRetryOnceTheJobAppliedTheActionIsAnsweredAsTheFirstTimeAndNotSentAgain()
            throws IOException {
        var first = act(ACME_RETRIED, ACME_KEY, RETURN);
        assertThat(first.status()).isEqualTo(202);
        String actionId = first.body().path("actionId").asText();
        ObjectNode applied = ACME_RETRIED.deepCopy();
        ObjectNode ndr = (ObjectNode) applied.path("ndr");
        ndr.remove("actionDueBy");
        ndr.putArray("actions")
                .addObject()
                .put("attempt", 1)
                .put("action", "RETURN")
                .put("actionId", actionId);
        TestIndices.index(
                testApi.elasticsearch(), ordersIndex, List.of(applied), NdrActionApiIT::id);

        var retry = act(ACME_RETRIED, ACME_KEY, RETURN);

        assertThat(retry.status()).isEqualTo(202);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(published(ORDERS_TOPIC, ACME_RETRIED)).hasSize(1);
        assertThat(published(NDR_ACTIONS_TOPIC, ACME_RETRIED)).hasSize(1);
        assertThat(act(ACME_RETRIED, ACME_KEY, "{\"action\": \"REATTEMPT\"}").status())
                .isEqualTo(409);
    }

    @Test
    void onlyASellersKeyActs() {
        assertThat(act(ACME_FIRST_FAILURE, ANALYST_KEY, RETURN).status()).isEqualTo(403);
        assertThat(act(ACME_FIRST_FAILURE, METRICS_KEY, RETURN).status()).isEqualTo(403);
        assertThat(act(ACME_FIRST_FAILURE, "no-such-key", RETURN).status()).isEqualTo(401);
    }

    static Stream<Arguments> malformedBodies() {
        LocalDate today = LocalDate.now(SellersTime.ZONE);
        return Stream.of(
                Arguments.of("{\"action\": \"LATER\"}", "action"),
                Arguments.of("{}", "action"),
                Arguments.of(
                        "{\"action\": \"REATTEMPT\", \"customer\": {\"phone\": \"12345 67890\"}}",
                        "customer.phone"),
                Arguments.of(
                        "{\"action\": \"REATTEMPT\", \"customer\": {\"address\": {\"line1\": \"1"
                                + " MG Road\", \"city\": \"Pune\", \"state\": \"Maharashtra\","
                                + " \"pincode\": \"011001\"}}}",
                        "customer.address.pincode"),
                Arguments.of(
                        "{\"action\": \"REATTEMPT\", \"reattemptOn\": \"" + today + "\"}",
                        "reattemptOn"),
                Arguments.of(
                        "{\"action\": \"REATTEMPT\", \"reattemptOn\": \""
                                + today.plusDays(8)
                                + "\"}",
                        "reattemptOn"),
                Arguments.of(
                        "{\"action\": \"RETURN\", \"customer\": {\"phone\": \"9876543210\"}}",
                        "customer"),
                Arguments.of("{\"action\": \"RETURN\", \"courier\": \"BLUEDART\"}", "courier"),
                Arguments.of("action=RETURN", "body"));
    }

    @ParameterizedTest
    @MethodSource("malformedBodies")
    void aMalformedBodyIs400NamingTheField(String body, String field) {
        var answer = act(ACME_FIRST_FAILURE, ACME_KEY, body);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("parameter").asText()).isEqualTo(field);
        assertThat(answer.body().path("message").asText()).isNotBlank();
    }

    @Test
    void aBodyNotSentAsJsonIs415() {
        for (String contentType :
                new String[] {"text/plain", "application/x-www-form-urlencoded"}) {
            var answer =
                    api.post(
                            path(id(ACME_FIRST_FAILURE)),
                            ACME_KEY,
                            contentType,
                            HttpRequest.BodyPublishers.ofString(RETURN));
            assertThat(answer.status()).as(contentType).isEqualTo(415);
            assertThat(answer.body().path("message").asText()).contains("application/json");
        }
        assertThat(
                        api.post(
                                        path(id(ACME_FIRST_FAILURE)),
                                        ACME_KEY,
                                        null,
                                        HttpRequest.BodyPublishers.ofString(RETURN))
                                .status())
                .isEqualTo(415);
    }

    @Test
    void aBodyOver8KibIs413WhetherItsLengthIsGivenOrNot() {
        // Valid JSON, made large with spaces: refused for its size, not its content.
        byte[] large = (RETURN + " ".repeat(9_000)).getBytes(StandardCharsets.UTF_8);

        var announced =
                api.post(
                        path(id(ACME_FIRST_FAILURE)),
                        ACME_KEY,
                        "application/json",
                        HttpRequest.BodyPublishers.ofByteArray(large));
        var chunked =
                api.post(
                        path(id(ACME_FIRST_FAILURE)),
                        ACME_KEY,
                        "application/json",
                        HttpRequest.BodyPublishers.ofInputStream(
                                () -> new ByteArrayInputStream(large)));

        assertThat(announced.status()).isEqualTo(413);
        assertThat(announced.body().path("message").asText()).contains("8192 bytes");
        assertThat(chunked.status()).isEqualTo(413);
    }

    @Test
    void withoutKafkaAnActionIs503AndEveryOtherRouteWorksAsBefore() {
        ApiClient readOnly =
                testApi.start(indicesOver(ordersIndex), TestApi.keys(Map.of(ACME_KEY, ACME)));

        var answer =
                readOnly.postJson(
                        path(id(ACME_FIRST_FAILURE)), ACME_KEY, "{\"action\": \"RETURN\"}");

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.body().path("message").asText())
                .isEqualTo(
                        "NDR actions are not enabled on this API: it has no Kafka to publish them"
                                + " to");
        assertThat(readOnly.get("/api/orders/" + encode(id(ACME_FIRST_FAILURE)), ACME_KEY).status())
                .isEqualTo(200);
    }

    private static ApiClient.Answer act(ObjectNode order, String key, String body) {
        return act(id(order), key, body);
    }

    private static ApiClient.Answer act(String orderId, String key, String body) {
        return api.postJson(path(orderId), key, body);
    }

    private static List<OrderEvent> published(String topic, ObjectNode order) {
        return TopicRecords.orderEvents(kafka(), topic, id(order));
    }

    private static JsonNode accepted(
            String actionId, ObjectNode order, int attempt, String action) {
        ObjectNode accepted = ((ObjectNode) order).objectNode();
        accepted.put("actionId", actionId);
        accepted.put("orderId", id(order));
        accepted.put("attempt", attempt);
        accepted.put("action", action);
        return accepted;
    }

    private static JsonNode withoutRequestId(JsonNode error) {
        ObjectNode copy = error.deepCopy();
        copy.remove("requestId");
        return copy;
    }

    private static String path(String orderId) {
        return "/api/orders/" + encode(orderId) + "/ndr-action";
    }

    private static String encode(String orderId) {
        return URLEncoder.encode(orderId, StandardCharsets.UTF_8);
    }

    private static String id(ObjectNode order) {
        return order.path("orderId").asText();
    }

    private static String kafka() {
        return KafkaServer.shared().bootstrapServers();
    }

    private static TestApi.Indices indicesOver(String orders) {
        return new TestApi.Indices(
                orders,
                TestApi.absentIndex("alerts"),
                TestApi.absentIndex("inventory"),
                TestApi.absentIndex("metrics"),
                TestApi.absentIndex("routing"));
    }

    /** Copies every line the API's JVM logs at INFO and above into {@code log}. */
    private static WriterAppender captureEveryLog(StringWriter log) {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        WriterAppender appender =
                WriterAppender.newBuilder()
                        .setName("captured-" + UUID.randomUUID())
                        .setTarget(log)
                        .setLayout(PatternLayout.newBuilder().withPattern("%m %ex%n").build())
                        .build();
        appender.start();
        context.getConfiguration().getRootLogger().addAppender(appender, null, null);
        context.updateLoggers();
        return appender;
    }

    /** Waits until the request log line (written once the answer is sent) is in the log. */
    private static void awaitLine(StringWriter log, String line) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!log.toString().contains(line)) {
            assertThat(System.nanoTime()).as("'%s' logged within 10 s", line).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    private static void release(WriterAppender appender) {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getRootLogger().removeAppender(appender.getName());
        context.updateLoggers();
        appender.stop();
    }
}
