package io.ordertrack.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ordertrack.api.security.ApiKeys;
import io.ordertrack.api.webhooks.DeliveryRetries;
import io.ordertrack.avro.Alert;
import io.ordertrack.avro.AlertSeverity;
import io.ordertrack.avro.AlertState;
import io.ordertrack.avro.AlertType;
import io.ordertrack.connections.KafkaSecurity;
import io.ordertrack.documents.Index;
import io.ordertrack.schemas.AvroCodec;
import io.ordertrack.testkit.KafkaServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Signed webhooks out against the real stack: alert changes produced to a real Kafka topic as the
 * job writes them, subscriptions and the delivery log in the real Elasticsearch, and real HTTP
 * receivers on loopback that fail, stall past the timeout, stay down and recover. Every change
 * reaches its receiver at least once, first in version order per alert, signed so that an
 * independent check of the Standard Webhooks scheme verifies it; a receiver in trouble slows no
 * other tenant; a change failing for its whole window is parked and delivered when re-sent; and
 * deliveries pending when an API process stops are sent by the next.
 */
class WebhookDeliveryIT {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String ALERTS_TOPIC = "alerts-" + RUN;
    private static final AvroCodec<Alert> ALERTS = AvroCodec.of(Alert.class);
    private static final Instant OPENED = Instant.parse("2026-12-06T08:00:00Z");

    /** Short retries, so that a day's window passes in seconds. */
    private static final DeliveryRetries RETRIES =
            new DeliveryRetries(
                    Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(4));

    private static final Duration RECEIVER_TIMEOUT = Duration.ofSeconds(1);

    @RegisterExtension static final TestApi testApi = new TestApi();
    private static WebhookReceiver receiver;
    private static KafkaProducer<byte[], byte[]> producer;
    private static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        KafkaServer.shared().createTopics(2, ALERTS_TOPIC);
        receiver = new WebhookReceiver();
        Properties properties = new Properties();
        properties.put(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaServer.shared().bootstrapServers());
        producer =
                new KafkaProducer<>(
                        properties, new ByteArraySerializer(), new ByteArraySerializer());
        api = startApi("ordertrack-webhooks-" + RUN, RETRIES);
    }

    @AfterAll
    static void stop() {
        producer.close();
        receiver.close();
    }

    /** An API delivering webhooks from the test's alerts topic, in its own group and indices. */
    private static ApiClient startApi(String group, DeliveryRetries retries, String... indices)
            throws Exception {
        String subscriptions =
                indices.length > 0 ? indices[0] : testApi.newIndex(Index.WEBHOOK_SUBSCRIPTIONS);
        String deliveries =
                indices.length > 0 ? indices[1] : testApi.newIndex(Index.WEBHOOK_DELIVERIES);
        ApiClient client =
                testApi.start(
                        new TestApi.Indices(
                                TestApi.absentIndex("orders"),
                                TestApi.absentIndex("alerts"),
                                TestApi.absentIndex("inventory"),
                                TestApi.absentIndex("metrics"),
                                TestApi.absentIndex("routing")),
                        TestApi.keys(
                                Map.of(
                                        "acme-key", "acme",
                                        "globex-key", "globex",
                                        "initech-key", "initech",
                                        "hooli-key", "hooli",
                                        "metrics-key", ApiKeys.METRICS_MARKER)),
                        config ->
                                config.withKafka(
                                                new ApiConfig.Kafka(
                                                        KafkaServer.shared().bootstrapServers(),
                                                        KafkaSecurity.PLAINTEXT,
                                                        "orders-" + RUN,
                                                        "ndr-actions-" + RUN,
                                                        Duration.ofSeconds(5)))
                                        .withWebhooks(
                                                new ApiConfig.Webhooks(
                                                        subscriptions,
                                                        deliveries,
                                                        ALERTS_TOPIC,
                                                        group,
                                                        retries,
                                                        RECEIVER_TIMEOUT,
                                                        true)));
        awaitTrue(
                "the webhooks are ready",
                Duration.ofSeconds(30),
                () -> client.get("/api/webhooks", "acme-key").status() == 200);
        lastIndices = new String[] {subscriptions, deliveries};
        return client;
    }

    private static String[] lastIndices;

    @Test
    void everyChangeReachesAFailingStallingRecoveringReceiverInOrderWhileAnotherTenantIsNotSlowed()
            throws Exception {
        // Acme's receiver fails 10 requests, then stalls 8 past the timeout, then accepts.
        String flaky =
                receiver.endpoint(
                        "/acme",
                        n ->
                                n <= 10
                                        ? WebhookReceiver.Answer.failing(500)
                                        : n <= 18
                                                ? new WebhookReceiver.Answer(200, 3_000)
                                                : WebhookReceiver.Answer.ok());
        String healthy = receiver.endpoint("/globex", n -> WebhookReceiver.Answer.ok());
        JsonNode acme = subscribe(api, "acme-key", flaky, List.of());
        JsonNode globex = subscribe(api, "globex-key", healthy, List.of("NDR"));
        receiver.verifyWith("/acme", acme.path("secret").asText());
        receiver.verifyWith("/globex", globex.path("secret").asText());
        warmUp("acme", "/acme");
        warmUp("globex", "/globex");

        List<String> acmeChanges = new ArrayList<>();
        List<String> globexChanges = new ArrayList<>();
        for (int version = 1; version <= 3; version++) {
            for (int order = 1; order <= 10; order++) {
                acmeChanges.add(produce(alert("acme", AlertType.NDR, "A" + order, version)));
                if (version <= 2) {
                    globexChanges.add(
                            produce(alert("globex", AlertType.NDR, "G" + order, version)));
                }
            }
            produce(alert("globex", AlertType.RTO_RISK, "G-rto", version));
        }
        producer.flush();

        awaitTrue(
                "globex has every NDR change while acme's receiver is in trouble",
                Duration.ofSeconds(10),
                () -> firstReceipts("/globex").keySet().containsAll(globexChanges));
        assertThat(accepted("/acme").containsAll(acmeChanges))
                .as("acme's receiver had not taken everything by then")
                .isFalse();
        awaitTrue(
                "acme's receiver has every change once it recovered",
                Duration.ofSeconds(60),
                () -> accepted("/acme").containsAll(acmeChanges));
        assertThat(firstReceipts("/globex").keySet())
                .as("globex asked for NDR alerts only")
                .noneMatch(id -> id.contains("RTO_RISK"));
        for (String path : List.of("/acme", "/globex")) {
            assertThat(receiver.receivedAt(path))
                    .allSatisfy(
                            received -> {
                                assertThat(received.signed()).as(received.webhookId()).isTrue();
                                assertThat(received.timestamp())
                                        .isCloseTo(
                                                Instant.now().getEpochSecond(),
                                                org.assertj.core.data.Offset.offset(300L));
                            });
        }
        assertThat(receiver.receivedAt("/acme").size())
                .as("failed and stalled requests were tried again")
                .isGreaterThan(acmeChanges.size() + 10);
        for (String path : List.of("/acme", "/globex")) {
            Map<String, List<Long>> versionsByAlert = new HashMap<>();
            firstReceipts(path).keySet().stream()
                    .filter(id -> !id.contains("warm-up"))
                    .forEach(
                            id ->
                                    versionsByAlert
                                            .computeIfAbsent(
                                                    id.substring(0, id.lastIndexOf(':')),
                                                    a -> new ArrayList<>())
                                            .add(
                                                    Long.parseLong(
                                                            id.substring(
                                                                    id.lastIndexOf(':') + 1))));
            assertThat(versionsByAlert)
                    .as("each alert's changes first reached %s in version order", path)
                    .allSatisfy((alert, versions) -> assertThat(versions).isSorted());
        }
        JsonNode body =
                new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(
                                receiver.receivedAt("/acme")
                                        .get(receiver.receivedAt("/acme").size() - 1)
                                        .body());
        assertThat(body.path("type").asText()).startsWith("alert.");
        assertThat(body.path("data").path("tenantId").asText()).isEqualTo("acme");

        String log = "/api/webhooks/" + acme.path("id").asText() + "/deliveries";
        awaitTrue(
                "the log shows every change delivered",
                Duration.ofSeconds(10),
                () ->
                        api.get(log + "?state=DELIVERED&size=100", "acme-key")
                                .body()
                                .path("deliveries")
                                .findValuesAsText("webhookId")
                                .containsAll(acmeChanges));
        JsonNode delivered = api.get(log + "?state=DELIVERED&size=100", "acme-key").body();
        assertThat(delivered.path("deliveries"))
                .filteredOn(d -> acmeChanges.contains(d.path("webhookId").asText()))
                .anySatisfy(d -> assertThat(d.path("attempts").asInt()).isGreaterThan(1));
        assertThat(api.get(log, "globex-key").status())
                .as("another tenant's log is not found")
                .isEqualTo(404);
        assertThat(api.get("/api/webhooks", "acme-key").body().toString())
                .as("the secret is shown only once")
                .doesNotContain(acme.path("secret").asText());
        assertThat(api.getText("/metrics", "metrics-key").body())
                .contains(
                        "ordertrack_webhook_attempts_total{outcome=\"retrying\"}",
                        "ordertrack_webhook_attempts_total{outcome=\"delivered\"}",
                        "ordertrack_webhook_deliveries_pending ");
    }

    @Test
    void aChangeFailingForItsWholeWindowIsParkedThenDeliveredWhenResent() throws Exception {
        String down = receiver.endpoint("/acme-stock", n -> WebhookReceiver.Answer.failing(503));
        JsonNode subscription = subscribe(api, "acme-key", down, List.of("LOW_STOCK"));
        receiver.verifyWith("/acme-stock", subscription.path("secret").asText());
        String log = "/api/webhooks/" + subscription.path("id").asText() + "/deliveries";
        warmUp("acme", "/acme-stock", AlertType.LOW_STOCK);

        String change = produce(alert("acme", AlertType.LOW_STOCK, "SKU-1@WH-BLR-1", 1));
        produce(alert("acme", AlertType.RTO_RISK, "P1", 1));
        producer.flush();

        awaitTrue(
                "the change is parked after its window",
                Duration.ofSeconds(20),
                () -> "PARKED".equals(delivery(log, change).path("state").asText()));
        JsonNode parked = delivery(log, change);
        assertThat(parked.path("lastStatus").asInt()).isEqualTo(503);
        assertThat(parked.path("attempts").asInt()).isGreaterThanOrEqualTo(4);
        assertThat(receiver.receivedAt("/acme-stock"))
                .as("only the types asked for")
                .noneMatch(r -> r.webhookId().contains("RTO_RISK"));

        receiver.behave("/acme-stock", n -> WebhookReceiver.Answer.ok());
        ApiClient.Answer resent =
                api.postJson(
                        log
                                + "/"
                                + URLEncoder.encode(
                                        parked.path("deliveryId").asText(), StandardCharsets.UTF_8)
                                + "/resend",
                        "acme-key",
                        "");
        assertThat(resent.status()).isEqualTo(202);
        assertThat(resent.body().path("state").asText()).isEqualTo("PENDING");
        awaitTrue(
                "the re-sent change is delivered",
                Duration.ofSeconds(10),
                () -> "DELIVERED".equals(delivery(log, change).path("state").asText()));
        assertThat(accepted("/acme-stock")).contains(change);
        assertThat(delivery(log, change).path("resentAt").isTextual()).isTrue();
    }

    @Test
    void twoApiProcessesShareThePartitionsAndEachChangeArrivesOnceInOrder() throws Exception {
        String group = "ordertrack-webhooks-pair-" + RUN;
        ApiClient first = startApi(group, RETRIES);
        String[] indices = lastIndices;
        ApiClient second = startApi(group, RETRIES, indices);
        String path = "/hooli";
        String url = receiver.endpoint(path, n -> WebhookReceiver.Answer.ok());
        JsonNode subscription = subscribe(first, "hooli-key", url, List.of());
        receiver.verifyWith(path, subscription.path("secret").asText());
        String log = "/api/webhooks/" + subscription.path("id").asText() + "/deliveries";
        // Both processes know the subscription once probes of both partitions are delivered.
        AtomicInteger probe = new AtomicInteger();
        awaitTrue(
                "both processes deliver",
                Duration.ofSeconds(30),
                () -> {
                    int n = probe.incrementAndGet();
                    produce(alert("hooli", AlertType.NDR, "warm-up-" + n % 8, 1 + n / 8));
                    producer.flush();
                    pause(200);
                    return Set.copyOf(
                                            second.get(
                                                            log + "?state=DELIVERED&size=100",
                                                            "hooli-key")
                                                    .body()
                                                    .path("deliveries")
                                                    .findValuesAsText("partition"))
                                    .size()
                            == 2;
                });

        List<String> changes = new ArrayList<>();
        for (int version = 1; version <= 3; version++) {
            for (int order = 1; order <= 10; order++) {
                changes.add(produce(alert("hooli", AlertType.NDR, "H" + order, version)));
            }
        }
        producer.flush();

        awaitTrue(
                "every change arrives",
                Duration.ofSeconds(30),
                () -> accepted(path).containsAll(changes));
        List<String> arrived =
                receiver.receivedAt(path).stream()
                        .map(WebhookReceiver.Received::webhookId)
                        .filter(changes::contains)
                        .toList();
        assertThat(arrived).as("a healthy receiver gets each change once").doesNotHaveDuplicates();
        for (int order = 1; order <= 10; order++) {
            String alertId = "hooli:NDR:H" + order + ":";
            assertThat(arrived.stream().filter(id -> id.startsWith(alertId)).toList())
                    .containsExactly(alertId + 1, alertId + 2, alertId + 3);
        }
    }

    @Test
    void deliveriesPendingWhenAnApiStopsAreSentByTheNextAndNoneIsLost() throws Exception {
        String group = "ordertrack-webhooks-restart-" + RUN;
        // Retried for a minute: still pending when the first API stops.
        DeliveryRetries retries =
                new DeliveryRetries(
                        Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofMinutes(1));
        ApiClient first = startApi(group, retries);
        String[] indices = lastIndices;
        String path = "/initech";
        String url = receiver.endpoint(path, n -> WebhookReceiver.Answer.failing(503));
        JsonNode subscription = subscribe(first, "initech-key", url, List.of());
        receiver.verifyWith(path, subscription.path("secret").asText());
        String log = "/api/webhooks/" + subscription.path("id").asText() + "/deliveries";
        awaitTrue(
                "the first API reads the alerts",
                Duration.ofSeconds(30),
                () -> {
                    produce(alert("initech", AlertType.NDR, "warm-up", 1));
                    producer.flush();
                    return first.get(log, "initech-key").body().path("total").asLong() >= 1;
                });

        List<String> changes = new ArrayList<>();
        for (int order = 1; order <= 8; order++) {
            for (int version = 1; version <= 2; version++) {
                changes.add(produce(alert("initech", AlertType.NDR, "I" + order, version)));
            }
        }
        producer.flush();
        awaitTrue(
                "every change is pending in the log",
                Duration.ofSeconds(15),
                () ->
                        first.get(log + "?state=PENDING&size=100", "initech-key")
                                        .body()
                                        .path("total")
                                        .asLong()
                                >= changes.size());
        testApi.stop(first);

        int acceptedWhileDown =
                (int) accepted(path).stream().filter(id -> !id.contains("warm-up")).count();
        receiver.behave(path, n -> WebhookReceiver.Answer.ok());
        ApiClient second = startApi(group, retries, indices);
        awaitTrue(
                "the next API sends what was pending",
                Duration.ofSeconds(30),
                () -> accepted(path).containsAll(changes));
        assertThat(acceptedWhileDown)
                .as("nothing was accepted while the receiver was down")
                .isZero();
        awaitTrue(
                "the log shows nothing pending",
                Duration.ofSeconds(10),
                () ->
                        second.get(log + "?state=PENDING", "initech-key")
                                        .body()
                                        .path("total")
                                        .asLong()
                                == 0);
    }

    @Test
    void subscriptionsAreCheckedScopedAndDeleted() throws Exception {
        ApiClient.Answer noUrl =
                api.postJson("/api/webhooks", "acme-key", "{\"alertTypes\":[\"NDR\"]}");
        assertThat(noUrl.status()).isEqualTo(400);
        assertThat(noUrl.body().path("parameter").asText()).isEqualTo("url");
        ApiClient.Answer badType =
                api.postJson(
                        "/api/webhooks",
                        "acme-key",
                        "{\"url\":\"http://127.0.0.1:1/x\",\"alertTypes\":[\"NOPE\"]}");
        assertThat(badType.status()).isEqualTo(400);
        assertThat(badType.body().path("parameter").asText()).isEqualTo("alertTypes");
        assertThat(api.postJson("/api/webhooks", "acme-key", "not json").status()).isEqualTo(400);

        JsonNode made = subscribe(api, "globex-key", "http://127.0.0.1:1/gone", List.of());
        String one = "/api/webhooks/" + made.path("id").asText();
        assertThat(made.path("secret").asText()).startsWith("whsec_");
        assertThat(api.get(one, "globex-key").body().has("secret")).isFalse();
        assertThat(api.get(one, "acme-key").status()).isEqualTo(404);
        assertThat(api.call("DELETE", one, "acme-key").status()).isEqualTo(404);
        assertThat(api.call("DELETE", one, "globex-key").status()).isEqualTo(204);
        assertThat(api.get(one, "globex-key").status()).isEqualTo(404);
    }

    private static JsonNode subscribe(
            ApiClient client, String key, String url, List<String> types) {
        String json =
                "{\"url\":\""
                        + url
                        + "\",\"alertTypes\":["
                        + types.stream().map(t -> "\"" + t + "\"").collect(Collectors.joining(","))
                        + "],\"description\":\"test receiver\"}";
        ApiClient.Answer answer = client.postJson("/api/webhooks", key, json);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
        return answer.body();
    }

    /**
     * Waits until the dispatcher reads the topic (it starts at the end of the topic when its group
     * is new): produces a warm-up change until the receiver gets one.
     */
    private static void warmUp(String tenant, String path) {
        warmUp(tenant, path, AlertType.NDR);
    }

    private static void warmUp(String tenant, String path, AlertType type) {
        AtomicInteger version = new AtomicInteger();
        awaitTrue(
                "the dispatcher reads the alerts",
                Duration.ofSeconds(30),
                () -> {
                    produce(alert(tenant, type, "warm-up", version.incrementAndGet()));
                    producer.flush();
                    pause(300);
                    return !receiver.receivedAt(path).isEmpty();
                });
    }

    /** The webhook ids a receiver got, each with the arrival of its first request. */
    private static Map<String, Long> firstReceipts(String path) {
        Map<String, Long> first = new LinkedHashMap<>();
        receiver.receivedAt(path).forEach(r -> first.putIfAbsent(r.webhookId(), r.at()));
        return first;
    }

    /** The webhook ids a receiver answered 2xx in time. */
    private static Set<String> accepted(String path) {
        return receiver.receivedAt(path).stream()
                .filter(WebhookReceiver.Received::accepted)
                .map(WebhookReceiver.Received::webhookId)
                .collect(Collectors.toSet());
    }

    /** The delivery of a change in acme's log (the newest 100), or a missing node. */
    private static JsonNode delivery(String log, String webhookId) {
        for (JsonNode delivery : api.get(log + "?size=100", "acme-key").body().path("deliveries")) {
            if (delivery.path("webhookId").asText().equals(webhookId)) {
                return delivery;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static String produce(Alert alert) {
        producer.send(
                new ProducerRecord<>(
                        ALERTS_TOPIC,
                        alert.getAlertId().getBytes(StandardCharsets.UTF_8),
                        ALERTS.encode(alert)));
        return alert.getAlertId() + ":" + alert.getVersion();
    }

    private static Alert alert(String tenant, AlertType type, String subject, long version) {
        String alertId = tenant + ":" + type + ":" + subject;
        boolean resolved = version == 3;
        Instant updated = OPENED.plusSeconds(60 * version);
        return Alert.newBuilder()
                .setEventId(alertId + ":" + version)
                .setEventTime(updated)
                .setTenantId(tenant)
                .setAlertId(alertId)
                .setType(type)
                .setSeverity(AlertSeverity.WARNING)
                .setState(resolved ? AlertState.RESOLVED : AlertState.OPEN)
                .setOrderId(subject)
                .setReasons(List.of("attempt " + version))
                .setOpenedAt(OPENED)
                .setUpdatedAt(updated)
                .setResolvedAt(resolved ? updated : null)
                .setVersion(version)
                .build();
    }

    private static void awaitTrue(String what, Duration within, BooleanSupplier condition) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("%s within %s", what, within).isLessThan(deadline);
            pause(100);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
