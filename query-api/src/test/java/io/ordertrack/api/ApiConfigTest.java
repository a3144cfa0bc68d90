package io.ordertrack.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ordertrack.api.elasticsearch.SearchLimits;
import io.ordertrack.api.health.HealthThresholds;
import io.ordertrack.api.http.RateLimits;
import io.ordertrack.api.security.ApiKeys;
import io.ordertrack.api.webhooks.DeliveryRetries;
import io.ordertrack.documents.Indices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiConfigTest {
    private static final String KEYS = ApiKeys.hash("secret") + " acme";

    @Test
    void defaultsApplyWhenOnlyKeysAreGiven() {
        ApiConfig config = ApiConfig.fromEnvironment(Map.of(ApiConfig.API_KEYS_ENV, KEYS));

        assertThat(config.listener().host()).isEqualTo("127.0.0.1");
        assertThat(config.listener().port()).isEqualTo(8080);
        assertThat(config.elasticsearch().url()).isEqualTo("http://127.0.0.1:9200");
        assertThat(config.indices().orders()).isEqualTo("orders");
        assertThat(config.apiKeys().size()).isEqualTo(1);
        assertThat(config.limits().search())
                .as("10 s a search, 100,000 groups a count, as the README says")
                .isEqualTo(new SearchLimits(Duration.ofSeconds(10), 100_000));
    }

    @Test
    void healthReadsTheJobsHeartbeatWithThresholdsFromTheEnvironment() {
        ApiConfig config =
                ApiConfig.fromEnvironment(
                        Map.of(
                                ApiConfig.API_KEYS_ENV, KEYS,
                                ApiConfig.JOB_STATUS_INDEX_ENV, "job-status-test",
                                ApiConfig.CONSUMER_GROUP_ENV, "tracking-eu",
                                ApiConfig.STALE_AFTER_ENV, "20",
                                ApiConfig.DOWN_AFTER_ENV, "120",
                                ApiConfig.MAX_LAG_ENV, "500",
                                ApiConfig.RESTART_WINDOW_ENV, "60"));

        assertThat(config.indices().jobStatus()).isEqualTo("job-status-test");
        assertThat(config.health().consumerGroup()).isEqualTo("tracking-eu");
        assertThat(config.health().thresholds())
                .isEqualTo(
                        new HealthThresholds(
                                Duration.ofSeconds(20),
                                Duration.ofSeconds(120),
                                500,
                                Duration.ofSeconds(60)));
        assertThat(
                        ApiConfig.fromEnvironment(Map.of(ApiConfig.API_KEYS_ENV, KEYS))
                                .health()
                                .thresholds())
                .isEqualTo(HealthThresholds.DEFAULT);
        assertThatThrownBy(() -> configWith(ApiConfig.MAX_LAG_ENV, "lots"))
                .hasMessageContaining("ORDERTRACK_HEALTH_MAX_LAG_RECORDS must be a number");
    }

    @Test
    void theSearchTimeoutIsReadFromTheEnvironment() {
        for (String[] written :
                new String[][] {{"750ms", "PT0.75S"}, {"3s", "PT3S"}, {"2m", "PT2M"}}) {
            assertThat(configWith(ApiConfig.SEARCH_TIMEOUT_ENV, written[0]).limits().search())
                    .isEqualTo(SearchLimits.DEFAULT.withTimeout(Duration.parse(written[1])));
        }
        for (String wrong : new String[] {"10", "0s", "1.5s", "-1s", "10 sec"}) {
            assertThatThrownBy(() -> configWith(ApiConfig.SEARCH_TIMEOUT_ENV, wrong))
                    .as(wrong)
                    .hasMessageContaining("ORDERTRACK_SEARCH_TIMEOUT");
        }
    }

    @Test
    void everySettingIsReadFromTheEnvironment(@TempDir Path dir) throws Exception {
        Path keys = Files.writeString(dir.resolve("keys"), KEYS + "\n");

        ApiConfig config =
                ApiConfig.fromEnvironment(
                        Map.of(
                                ApiConfig.HOST_ENV, "0.0.0.0",
                                ApiConfig.PORT_ENV, "9090",
                                ApiConfig.ELASTICSEARCH_URL_ENV, "https://es.internal:9243",
                                ApiConfig.ORDERS_INDEX_ENV, "orders-test",
                                ApiConfig.API_KEYS_FILE_ENV, keys.toString()));

        assertThat(config)
                .extracting(
                        c -> c.listener().host(),
                        c -> c.listener().port(),
                        c -> c.elasticsearch().url(),
                        c -> c.indices().orders())
                .containsExactly("0.0.0.0", 9090, "https://es.internal:9243", "orders-test");
        assertThat(config.apiKeys().authenticate("secret")).isPresent();
    }

    @Test
    void ndrActionsAreOffUntilKafkaIsConfigured() {
        ApiConfig.Kafka off =
                ApiConfig.fromEnvironment(Map.of(ApiConfig.API_KEYS_ENV, KEYS)).kafka();

        assertThat(off.configured()).isFalse();
        assertThat(off)
                .extracting(
                        ApiConfig.Kafka::ordersTopic,
                        ApiConfig.Kafka::ndrActionsTopic,
                        ApiConfig.Kafka::sendTimeout)
                .containsExactly("orders", "ndr-actions", Duration.ofSeconds(5));
    }

    @Test
    void theKafkaOfNdrActionsIsReadFromTheEnvironment() {
        ApiConfig.Kafka kafka =
                ApiConfig.fromEnvironment(
                                Map.of(
                                        ApiConfig.API_KEYS_ENV,
                                        KEYS,
                                        ApiConfig.KAFKA_BOOTSTRAP_SERVERS_ENV,
                                        "kafka-0.internal:9092,kafka-1.internal:9092",
                                        ApiConfig.ORDERS_TOPIC_ENV,
                                        "orders-eu",
                                        ApiConfig.NDR_ACTIONS_TOPIC_ENV,
                                        "ndr-actions-eu",
                                        ApiConfig.KAFKA_SEND_TIMEOUT_ENV,
                                        "1500ms",
                                        "ORDERTRACK_KAFKA_SECURITY_PROTOCOL",
                                        "SASL_PLAINTEXT",
                                        "ORDERTRACK_KAFKA_USERNAME",
                                        "api",
                                        "ORDERTRACK_KAFKA_PASSWORD",
                                        "change-me"))
                        .kafka();

        assertThat(kafka.configured()).isTrue();
        assertThat(kafka)
                .extracting(
                        ApiConfig.Kafka::bootstrapServers,
                        ApiConfig.Kafka::ordersTopic,
                        ApiConfig.Kafka::ndrActionsTopic,
                        ApiConfig.Kafka::sendTimeout)
                .containsExactly(
                        "kafka-0.internal:9092,kafka-1.internal:9092",
                        "orders-eu",
                        "ndr-actions-eu",
                        Duration.ofMillis(1500));
        assertThat(kafka.security().clientProperties())
                .containsEntry("security.protocol", "SASL_PLAINTEXT");
    }

    @Test
    void theKafkaOfNdrActionsIsValidated() {
        assertThatThrownBy(() -> configWith(ApiConfig.KAFKA_BOOTSTRAP_SERVERS_ENV, "kafka"))
                .hasMessageContaining("host:port");
        assertThatThrownBy(() -> configWith(ApiConfig.NDR_ACTIONS_TOPIC_ENV, "ndr actions"))
                .hasMessageContaining("topic names");
        assertThatThrownBy(() -> configWith(ApiConfig.KAFKA_SEND_TIMEOUT_ENV, "0s"))
                .hasMessageContaining("ORDERTRACK_KAFKA_SEND_TIMEOUT");
        assertThatThrownBy(() -> configWith("ORDERTRACK_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT"))
                .hasMessageContaining("ORDERTRACK_KAFKA_USERNAME");
    }

    @Test
    void webhookSourcesTheirTopicsAndRateAreReadFromTheEnvironment() {
        String secret = "whsec_YWNtZS1kZWxoaXZlcnktc2VjcmV0LTMyLWJ5dGVz";
        ApiConfig config =
                ApiConfig.fromEnvironment(
                        Map.of(
                                ApiConfig.API_KEYS_ENV,
                                KEYS,
                                ApiConfig.INGEST_SOURCES_ENV,
                                "courier delhivery delhivery acme "
                                        + secret
                                        + ";channel shopify shopify acme "
                                        + secret
                                        + " WH-1",
                                ApiConfig.INGEST_RATE_LIMIT_ENV,
                                "20:40",
                                ApiConfig.TRACKING_TOPIC_ENV,
                                "tracking-eu",
                                ApiConfig.DEAD_LETTERS_TOPIC_ENV,
                                "dead-letters-eu"));

        assertThat(config.ingest().size()).isEqualTo(2);
        assertThat(config.ingest().perAccount()).isEqualTo(new RateLimits.Limit(20, 40));
        assertThat(config.kafka().trackingTopic()).isEqualTo("tracking-eu");
        assertThat(config.kafka().deadLettersTopic()).isEqualTo("dead-letters-eu");
        assertThat(ApiConfig.fromEnvironment(Map.of(ApiConfig.API_KEYS_ENV, KEYS)).ingest().size())
                .isZero();
        assertThatThrownBy(() -> configWith(ApiConfig.INGEST_RATE_LIMIT_ENV, "fast"))
                .hasMessageContaining("ORDERTRACK_INGEST_RATE_LIMIT: expected perSecond:burst");
        assertThatThrownBy(
                        () -> configWith(ApiConfig.INGEST_SOURCES_ENV, "courier x y acme whsec_z"))
                .hasMessageContaining("ingest source 1")
                .hasMessageNotContaining("whsec_z");
    }

    @Test
    void webhooksOutAreReadFromTheEnvironmentAndValidated() {
        assertThat(ApiConfig.fromEnvironment(Map.of(ApiConfig.API_KEYS_ENV, KEYS)).webhooks())
                .isEqualTo(ApiConfig.Webhooks.DEFAULT);
        ApiConfig.Webhooks webhooks =
                ApiConfig.fromEnvironment(
                                Map.of(
                                        ApiConfig.API_KEYS_ENV, KEYS,
                                        ApiConfig.ALERTS_TOPIC_ENV, "prod.alerts",
                                        ApiConfig.WEBHOOK_CONSUMER_GROUP_ENV, "hooks",
                                        ApiConfig.WEBHOOK_SUBSCRIPTIONS_INDEX_ENV, "subs",
                                        ApiConfig.WEBHOOK_DELIVERIES_INDEX_ENV, "dels",
                                        ApiConfig.WEBHOOK_RETRIES_ENV, "1s,10m,6h",
                                        ApiConfig.WEBHOOK_TIMEOUT_ENV, "3s",
                                        ApiConfig.WEBHOOK_PRIVATE_TARGETS_ENV, "true"))
                        .webhooks();
        assertThat(webhooks)
                .isEqualTo(
                        new ApiConfig.Webhooks(
                                "subs",
                                "dels",
                                "prod.alerts",
                                "hooks",
                                new DeliveryRetries(
                                        Duration.ofSeconds(1),
                                        Duration.ofMinutes(10),
                                        Duration.ofHours(6)),
                                Duration.ofSeconds(3),
                                true));
        assertThatThrownBy(() -> configWith(ApiConfig.WEBHOOK_RETRIES_ENV, "5s"))
                .hasMessageContaining("ORDERTRACK_WEBHOOK_RETRIES");
        assertThatThrownBy(() -> configWith(ApiConfig.WEBHOOK_PRIVATE_TARGETS_ENV, "yes"))
                .hasMessageContaining("must be true or false");
        assertThatThrownBy(() -> configWith(ApiConfig.WEBHOOK_DELIVERIES_INDEX_ENV, "Dels*"))
                .hasMessageContaining("webhook deliveries index");
        assertThatThrownBy(() -> configWith(ApiConfig.ALERTS_TOPIC_ENV, "a b"))
                .hasMessageContaining("Kafka topic names");
    }

    @Test
    void keysAreRequiredFromExactlyOneSource() {
        assertThatThrownBy(() -> ApiConfig.fromEnvironment(Map.of()))
                .hasMessageContaining("ORDERTRACK_API_KEYS_FILE")
                .hasMessageContaining("ORDERTRACK_API_KEYS");
        assertThatThrownBy(() -> configWith(ApiConfig.API_KEYS_FILE_ENV, "/keys"))
                .hasMessageContaining("exactly one");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThatThrownBy(
                        () ->
                                ApiConfig.fromEnvironment(
                                        Map.of(
                                                ApiConfig.PORT_ENV, "eighty",
                                                ApiConfig.API_KEYS_ENV, "not-a-hash acme")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid query-api configuration")
                .hasMessageContaining("ORDERTRACK_API_PORT must be a number")
                .hasMessageContaining("SHA-256");
    }

    @Test
    void valuesAreValidated() {
        ApiKeys keys = ApiKeys.parse(KEYS);

        assertThatThrownBy(
                        () ->
                                new ApiConfig(
                                        new ApiConfig.Listener("127.0.0.1", 70_000),
                                        ApiConfig.Elasticsearch.at("ftp://x"),
                                        new Indices(
                                                "Orders*",
                                                "alerts",
                                                "inventory",
                                                "order-metrics",
                                                "order-routing",
                                                Indices.DEFAULT.jobStatus(),
                                                Indices.DEFAULT.feedHealth(),
                                                Indices.DEFAULT.cod()),
                                        keys,
                                        ApiConfig.Health.DEFAULT,
                                        ApiConfig.Limits.UNLIMITED_RATES))
                .hasMessageContaining("port must be 0-65535")
                .hasMessageContaining("Elasticsearch URL")
                .hasMessageContaining("orders index");
        assertThatThrownBy(
                        () ->
                                new ApiConfig(
                                        new ApiConfig.Listener(" ", 0),
                                        ApiConfig.Elasticsearch.at("http://127.0.0.1:9200"),
                                        new Indices(
                                                "orders",
                                                "alerts",
                                                "inventory",
                                                "order-metrics",
                                                "order-routing",
                                                Indices.DEFAULT.jobStatus(),
                                                Indices.DEFAULT.feedHealth(),
                                                Indices.DEFAULT.cod()),
                                        null,
                                        ApiConfig.Health.DEFAULT,
                                        ApiConfig.Limits.UNLIMITED_RATES))
                .hasMessageContaining("host")
                .hasMessageContaining("API keys are required");
    }

    /** The configuration of the keys and one more variable of the environment. */
    static ApiConfig configWith(String variable, String value) {
        return ApiConfig.fromEnvironment(Map.of(ApiConfig.API_KEYS_ENV, KEYS, variable, value));
    }
}
