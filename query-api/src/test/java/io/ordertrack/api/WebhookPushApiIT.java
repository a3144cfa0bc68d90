package io.ordertrack.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrack.api.http.RateLimits;
import io.ordertrack.api.ingest.IngestSources;
import io.ordertrack.api.security.WebhookSignature;
import io.ordertrack.avro.OrderDetails;
import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.OrderEventType;
import io.ordertrack.avro.PaymentMode;
import io.ordertrack.avro.TrackingScan;
import io.ordertrack.connections.KafkaSecurity;
import io.ordertrack.schemas.DeadLetterHeaders;
import io.ordertrack.testkit.KafkaServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The ingest gateway against the shared real Kafka broker: couriers' and channels' signed webhooks
 * become the Avro events the job reads, keyed as every producer keys them, with the webhook's id;
 * what is not signed by a source's account is refused and writes nothing; what is signed but says
 * nothing mappable is kept in dead letters.
 */
class WebhookPushApiIT {
    private static final String ACME_DELHIVERY = "whsec_YWNtZS1kZWxoaXZlcnktc2VjcmV0LTMyLWJ5dGVz";
    private static final String GLOBEX_DELHIVERY = "whsec_Z2xvYmV4LWRlbGhpdmVyeS1zZWNyZXQtMzItYnl0";
    private static final String ACME_SHOPIFY = "whsec_YWNtZS1zaG9waWZ5LXNlY3JldC0zMi1ieXRlcyE=";

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String ORDERS_TOPIC = "orders-" + RUN;
    private static final String TRACKING_TOPIC = "tracking-" + RUN;
    private static final String DEAD_LETTERS_TOPIC = "dead-letters-" + RUN;

    private static final String DELHIVERY_PUSH =
            """
            {"Shipment": {"Status": {"Status": "Dispatched",
                                     "StatusDateTime": "2026-12-06T13:40:12.767",
                                     "StatusLocation": "Bangalore_Nelmngla_H (Karnataka)",
                                     "Instructions": "Out for delivery"},
                          "NSLCode": "X-DDD3FD", "ReferenceNo": "#1001", "AWB": "%s"}}
            """;

    private static final String SHOPIFY_ORDER =
            """
            {"id": 820982911946154508, "name": "%s",
             "created_at": "2026-12-06T10:15:00+05:30", "currency": "INR",
             "total_price": "998.00", "payment_gateway_names": ["Cash on Delivery (COD)"],
             "total_weight": 850,
             "shipping_address": {"first_name": "Asha", "last_name": "Rao",
                                  "address1": "14 Residency Road", "city": "Bengaluru",
                                  "province": "Karnataka", "zip": "560025",
                                  "phone": "+91 98765-43210"},
             "line_items": [{"sku": "TSHIRT-M", "title": "Cotton T-shirt", "quantity": 2,
                             "price": "499.00"}]}
            """;

    @RegisterExtension static final TestApi testApi = new TestApi();
    private static ApiClient api;

    @BeforeAll
    static void start() {
        KafkaServer.shared().createTopics(1, ORDERS_TOPIC, TRACKING_TOPIC, DEAD_LETTERS_TOPIC);
        api =
                testApi.start(
                        noIndices(),
                        TestApi.keys(Map.of("acme-key", "acme")),
                        config -> config.withKafka(kafkaConfig()).withIngest(sources()));
    }

    /** The gateway reads no index. */
    private static TestApi.Indices noIndices() {
        return new TestApi.Indices(
                TestApi.absentIndex("orders"),
                TestApi.absentIndex("alerts"),
                TestApi.absentIndex("inventory"),
                TestApi.absentIndex("metrics"),
                TestApi.absentIndex("routing"));
    }

    private static ApiConfig.Kafka kafkaConfig() {
        return new ApiConfig.Kafka(
                kafka(),
                KafkaSecurity.PLAINTEXT,
                ORDERS_TOPIC,
                TRACKING_TOPIC,
                "ndr-actions-" + RUN,
                DEAD_LETTERS_TOPIC,
                Duration.ofSeconds(5));
    }

    private static IngestSources sources() {
        return IngestSources.parse(
                String.join(
                        "\n",
                        "courier delhivery delhivery acme " + ACME_DELHIVERY,
                        "courier delhivery delhivery globex " + GLOBEX_DELHIVERY,
                        "channel shopify shopify acme " + ACME_SHOPIFY + " WH-BLR-1"));
    }

    @Test
    void aSignedCourierPushBecomesTheSigningTenantsScanWithTheWebhooksIdAndARedeliveryTheSame() {
        String awb = "AWB-" + RUN + "-1";
        byte[] body = DELHIVERY_PUSH.formatted(awb).getBytes(StandardCharsets.UTF_8);

        ApiClient.Answer first = push("/ingest/couriers/delhivery", ACME_DELHIVERY, "wh_d1", body);
        ApiClient.Answer again = push("/ingest/couriers/delhivery", ACME_DELHIVERY, "wh_d1", body);

        assertThat(first.status()).isEqualTo(202);
        assertThat(first.body().path("eventIds").get(0).asText()).isEqualTo("wh_d1");
        assertThat(again.body()).isEqualTo(first.body());
        List<TopicRecords.KeyedScan> scans = scansOf(awb);
        assertThat(scans).hasSize(2);
        assertThat(scans)
                .allSatisfy(
                        keyed -> {
                            assertThat(keyed.key()).isEqualTo("acme:DELHIVERY:" + awb);
                            TrackingScan scan = keyed.scan();
                            assertThat(scan.getEventId()).isEqualTo("wh_d1");
                            assertThat(scan.getTenantId()).isEqualTo("acme");
                            assertThat(scan.getRawCode()).isEqualTo("X-DDD3FD");
                            assertThat(scan.getEventTime())
                                    .isEqualTo(Instant.parse("2026-12-06T08:10:12.767Z"));
                            assertThat(scan.getLocation().getCity()).isEqualTo("Karnataka");
                        });
    }

    @Test
    void eachTenantsSecretNamesItsOwnScansOfOneCourier() {
        String awb = "AWB-" + RUN + "-2";
        byte[] body = DELHIVERY_PUSH.formatted(awb).getBytes(StandardCharsets.UTF_8);

        assertThat(push("/ingest/couriers/delhivery", GLOBEX_DELHIVERY, "wh_g1", body).status())
                .isEqualTo(202);

        assertThat(scansOf(awb))
                .extracting(TopicRecords.KeyedScan::key)
                .containsExactly("globex:DELHIVERY:" + awb);
    }

    @Test
    void aShopifyOrderCreatedIsPlacedOnTheOrdersTopicKeyedByTheOrder() {
        String name = "#" + RUN + "-1";
        byte[] body = SHOPIFY_ORDER.formatted(name).getBytes(StandardCharsets.UTF_8);

        ApiClient.Answer answer = push("/ingest/channels/shopify", ACME_SHOPIFY, "wh_s1", body);

        assertThat(answer.status()).isEqualTo(202);
        List<OrderEvent> events =
                TopicRecords.orderEvents(kafka(), ORDERS_TOPIC, "acme:SHOPIFY:" + name);
        assertThat(events).hasSize(1);
        OrderEvent placed = events.get(0);
        assertThat(placed.getEventId()).isEqualTo("wh_s1");
        assertThat(placed.getType()).isEqualTo(OrderEventType.PLACED);
        OrderDetails details = (OrderDetails) placed.getDetails();
        assertThat(details.getPaymentMode()).isEqualTo(PaymentMode.COD);
        assertThat(details.getAmountPaise()).isEqualTo(99_800L);
        assertThat(details.getWarehouseId()).isEqualTo("WH-BLR-1");
    }

    @Test
    void whatNoAccountSignedIsRefusedWithTheReasonAndWritesNothing() {
        String awb = "AWB-" + RUN + "-3";
        byte[] body = DELHIVERY_PUSH.formatted(awb).getBytes(StandardCharsets.UTF_8);
        String path = "/ingest/couriers/delhivery";
        long now = Instant.now().getEpochSecond();

        ApiClient.Answer unsigned = api.postSigned(path, Map.of(), body);
        ApiClient.Answer forged =
                api.postSigned(
                        path,
                        headers(
                                WebhookSignature.newSecret(new java.security.SecureRandom()),
                                "wh_f",
                                now,
                                body),
                        body);
        ApiClient.Answer shopifySecret = push(path, ACME_SHOPIFY, "wh_x", body);
        ApiClient.Answer stale =
                api.postSigned(path, headers(ACME_DELHIVERY, "wh_old", now - 3600, body), body);
        ApiClient.Answer unknownCourier =
                push("/ingest/couriers/pigeon", ACME_DELHIVERY, "wh_p", body);
        byte[] notJson = "Shipment=1".getBytes(StandardCharsets.UTF_8);
        ApiClient.Answer garbage = push(path, ACME_DELHIVERY, "wh_j", notJson);

        assertThat(List.of(unsigned, forged, shopifySecret, stale))
                .allSatisfy(
                        answer -> {
                            assertThat(answer.status()).isEqualTo(401);
                            assertThat(answer.body().path("message").asText()).isNotBlank();
                        });
        assertThat(unsigned.body().path("message").asText()).contains("webhook-signature");
        assertThat(stale.body().path("message").asText()).contains("possible replay");
        assertThat(unknownCourier.status()).isEqualTo(404);
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.body().path("message").asText()).startsWith("The body is not JSON");
        assertThat(scansOf(awb)).isEmpty();
    }

    @Test
    void aSignedButUnmappablePushIsKeptInDeadLettersWithTheReason() {
        String awb = "AWB-" + RUN + "-4";
        byte[] body =
                DELHIVERY_PUSH
                        .formatted(awb)
                        .replace("\"NSLCode\"", "\"Code\"")
                        .getBytes(StandardCharsets.UTF_8);

        ApiClient.Answer answer = push("/ingest/couriers/delhivery", ACME_DELHIVERY, "wh_u1", body);

        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.body().path("deadLettered").asText()).isEqualTo("NSLCode is missing");
        assertThat(answer.body().path("eventIds")).isEmpty();
        assertThat(scansOf(awb)).isEmpty();
        List<ConsumerRecord<byte[], byte[]>> letters =
                TopicRecords.all(kafka(), DEAD_LETTERS_TOPIC).stream()
                        .filter(
                                letter ->
                                        new String(letter.key(), StandardCharsets.UTF_8)
                                                .equals("wh_u1"))
                        .toList();
        assertThat(letters).hasSize(1);
        ConsumerRecord<byte[], byte[]> letter = letters.get(0);
        assertThat(letter.value()).isEqualTo(body);
        assertThat(header(letter, DeadLetterHeaders.REASON)).isEqualTo("NSLCode is missing");
        assertThat(header(letter, DeadLetterHeaders.SOURCE_TOPIC))
                .isEqualTo("ingest/couriers/delhivery");
    }

    @Test
    void anAccountPushingPastItsRateIsAskedToComeBackWhileTheOtherTenantsAccountIsNot() {
        ApiClient limited =
                testApi.start(
                        noIndices(),
                        TestApi.keys(Map.of("acme-key", "acme")),
                        config ->
                                config.withKafka(kafkaConfig())
                                        .withIngest(
                                                sources().withRate(new RateLimits.Limit(0.01, 2))));
        byte[] body =
                DELHIVERY_PUSH.formatted("AWB-" + RUN + "-5").getBytes(StandardCharsets.UTF_8);

        List<Integer> acme = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            acme.add(push(limited, ACME_DELHIVERY, "wh_r" + i, body).status());
        }
        ApiClient.Answer globex = push(limited, GLOBEX_DELHIVERY, "wh_rg", body);
        ApiClient.Answer refused = push(limited, ACME_DELHIVERY, "wh_r9", body);

        assertThat(acme).containsExactly(202, 202, 429);
        assertThat(globex.status()).isEqualTo(202);
        assertThat(refused.raw().headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.body().path("message").asText()).contains("more than its limit");
    }

    private static ApiClient.Answer push(ApiClient client, String secret, String id, byte[] body) {
        return client.postSigned(
                "/ingest/couriers/delhivery",
                headers(secret, id, Instant.now().getEpochSecond(), body),
                body);
    }

    private static ApiClient.Answer push(String path, String secret, String id, byte[] body) {
        return api.postSigned(
                path, headers(secret, id, Instant.now().getEpochSecond(), body), body);
    }

    private static Map<String, String> headers(
            String secret, String id, long timestamp, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(WebhookSignature.ID_HEADER, id);
        headers.put(WebhookSignature.TIMESTAMP_HEADER, String.valueOf(timestamp));
        headers.put(
                WebhookSignature.SIGNATURE_HEADER,
                WebhookSignature.ofSecret(secret).sign(id, timestamp, body));
        return headers;
    }

    private static List<TopicRecords.KeyedScan> scansOf(String awb) {
        return TopicRecords.scans(kafka(), TRACKING_TOPIC).stream()
                .filter(keyed -> keyed.scan().getAwb().equals(awb))
                .toList();
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static String kafka() {
        return KafkaServer.shared().bootstrapServers();
    }
}
