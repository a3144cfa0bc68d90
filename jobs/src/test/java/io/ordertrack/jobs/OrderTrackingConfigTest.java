package io.ordertrack.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ordertrack.connections.KafkaSecurity;
import io.ordertrack.domain.input.RecordLimits;
import io.ordertrack.testkit.LocalhostCertificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

class OrderTrackingConfigTest {
    @Test
    void defaultsSuitTheLocalStack() {
        OrderTrackingConfig config = OrderTrackingConfig.from(new String[0], Map.of());

        assertThat(config.kafkaBootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(config.elasticsearchUrl()).isEqualTo("http://127.0.0.1:9200");
        assertThat(config.ordersTopic()).isEqualTo("orders");
        assertThat(config.deadLettersTopic()).isEqualTo("dead-letters");
        assertThat(config.checkpointInterval()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void checkpointsComeEveryIntervalAndNeverSoonerThanThatAfterTheLastOneEnded() {
        OrderTrackingConfig config =
                OrderTrackingConfig.from(new String[] {"--checkpoint.interval", "30s"}, Map.of());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();

        OrderTrackingJob.enableCheckpointing(env, config);

        assertThat(env.getCheckpointConfig().getCheckpointInterval()).isEqualTo(30_000);
        assertThat(env.getCheckpointConfig().getMinPauseBetweenCheckpoints()).isEqualTo(30_000);
    }

    @Test
    void credentialsComeFromTheEnvironmentAndNeverShowInThePrintedConfiguration() {
        OrderTrackingConfig config =
                OrderTrackingConfig.from(
                        new String[] {"--elasticsearch.url", "https://es.internal:9200"},
                        Map.of(
                                "ORDERTRACK_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                                "ORDERTRACK_KAFKA_USERNAME", "ordertrack-job",
                                "ORDERTRACK_KAFKA_PASSWORD", "kafka-secret-1",
                                "ORDERTRACK_ES_USERNAME", "ordertrack-writer",
                                "ORDERTRACK_ES_PASSWORD", "es-secret-2",
                                "ORDERTRACK_ES_CA_FILE", LocalhostCertificate.caFile().toString()));

        assertThat(config.kafkaSecurity().protocol()).isEqualTo(KafkaSecurity.Protocol.SASL_SSL);
        assertThat(config.elasticsearchSecurity().headers()).containsKey("Authorization");
        assertThat(config.toString())
                .contains("SASL_SSL", "ordertrack-job", "ordertrack-writer")
                .doesNotContain("kafka-secret-1", "es-secret-2");
    }

    @Test
    void invalidCredentialSettingsStopTheJobBeforeItStarts() {
        assertThatThrownBy(
                        () ->
                                OrderTrackingConfig.from(
                                        new String[0],
                                        Map.of("ORDERTRACK_KAFKA_SECURITY_PROTOCOL", "SASL_SSL")))
                .hasMessageContaining("SASL_SSL needs ORDERTRACK_KAFKA_USERNAME");
        assertThatThrownBy(
                        () ->
                                OrderTrackingConfig.from(
                                        new String[] {"--elasticsearch.url", "http://es:9200"},
                                        Map.of(
                                                "ORDERTRACK_ES_CA_FILE",
                                                LocalhostCertificate.caFile().toString())))
                .hasMessageContaining("the Elasticsearch URL http://es:9200 is not https");
    }

    @Test
    void argumentsWinOverTheEnvironment() {
        OrderTrackingConfig config =
                OrderTrackingConfig.from(
                        new String[] {
                            "--topic.orders", "orders-from-args", "--bulk.flush.interval", "500ms"
                        },
                        Map.of(
                                "ORDERTRACK_TOPIC_ORDERS", "orders-from-env",
                                "ORDERTRACK_TOPIC_DEAD_LETTERS", "dlq",
                                "ORDERTRACK_STATE_RETENTION", "30d"));

        assertThat(config.ordersTopic()).isEqualTo("orders-from-args");
        assertThat(config.deadLettersTopic()).isEqualTo("dlq");
        assertThat(config.bulkFlushInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.stateRetention()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void recordLimitsDefaultToOneMebibyteAndFifteenMinutesAheadAndAreSettable() {
        assertThat(OrderTrackingConfig.from(new String[0], Map.of()).recordLimits())
                .isEqualTo(
                        new RecordLimits(
                                1_048_576,
                                Duration.ofMinutes(15),
                                Instant.parse("2000-01-01T00:00:00Z")));

        OrderTrackingConfig config =
                OrderTrackingConfig.from(
                        new String[] {"--event.max-future", "2h", "--record.max-bytes", "4096"},
                        Map.of("ORDERTRACK_EVENT_MIN_TIME", "2020-01-01T00:00:00Z"));

        assertThat(config.recordLimits())
                .isEqualTo(
                        new RecordLimits(
                                4096, Duration.ofHours(2), Instant.parse("2020-01-01T00:00:00Z")));
        assertThatThrownBy(
                        () ->
                                OrderTrackingConfig.from(
                                        new String[] {"--event.min-time", "yesterday"}, Map.of()))
                .hasMessageStartingWith("event.min-time must be an instant");
    }

    @Test
    void anInvalidSettingIsNamedInTheError() {
        assertThatThrownBy(
                        () ->
                                OrderTrackingConfig.from(
                                        new String[] {"--checkpoint.interval", "soon"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("checkpoint.interval must be a positive duration");
        assertThatThrownBy(
                        () ->
                                OrderTrackingConfig.from(
                                        new String[0], Map.of("ORDERTRACK_BULK_MAX_ACTIONS", "0")))
                .hasMessageStartingWith("bulk.max.actions must be a positive integer");
        assertThatThrownBy(
                        () -> OrderTrackingConfig.from(new String[] {"--topic.orders"}, Map.of()))
                .hasMessageStartingWith("expected --name value pairs");
    }
}
