package io.ordertrack.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ordertrack.avro.AlertType;
import io.ordertrack.connections.KafkaSecurity;
import io.ordertrack.domain.input.RecordLimits;
import io.ordertrack.testkit.LocalhostCertificate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

class OrderTrackingConfigTest {
    /** The job's settings table of the configuration guide, as operators read it. */
    private static final Path GUIDE = Path.of("..", "docs", "configuration.md");

    /** A setting, a value unlike its default and every other one, and where the job keeps it. */
    private record Setting(
            String name, String value, Function<OrderTrackingConfig, Object> read, Object kept) {}

    private static final List<Setting> EVERY_SETTING =
            List.of(
                    new Setting(
                            "kafka.bootstrap.servers",
                            "broker-7:9093",
                            c -> c.kafka().bootstrapServers(),
                            "broker-7:9093"),
                    new Setting(
                            "consumer.group", "group-7", c -> c.kafka().consumerGroup(), "group-7"),
                    new Setting("topics.create", "true", c -> c.kafka().createTopics(), true),
                    new Setting("topics.partitions", "7", c -> c.kafka().topicPartitions(), 7),
                    new Setting("topic.orders", "t-orders", c -> c.topics().orders(), "t-orders"),
                    new Setting(
                            "topic.tracking",
                            "t-tracking",
                            c -> c.topics().tracking(),
                            "t-tracking"),
                    new Setting(
                            "topic.inventory",
                            "t-inventory",
                            c -> c.topics().inventory(),
                            "t-inventory"),
                    new Setting(
                            "topic.remittances",
                            "t-remittances",
                            c -> c.topics().remittances(),
                            "t-remittances"),
                    new Setting("index.cod", "i-cod", c -> c.indices().cod(), "i-cod"),
                    new Setting(
                            "cod.remittance-cycle",
                            "10d",
                            c -> c.cod().remittanceCycle(),
                            Duration.ofDays(10)),
                    new Setting(
                            "cod.report-grace",
                            "12h",
                            c -> c.cod().reportGrace(),
                            Duration.ofHours(12)),
                    new Setting(
                            "cod.retention", "90d", c -> c.cod().retention(), Duration.ofDays(90)),
                    new Setting("topic.alerts", "t-alerts", c -> c.topics().alerts(), "t-alerts"),
                    new Setting(
                            "topic.notifications",
                            "t-notifications",
                            c -> c.topics().notifications(),
                            "t-notifications"),
                    new Setting(
                            "notifications.tracking-url",
                            "https://track.example.in/track/?reference=",
                            c -> c.notifications().trackingUrl(),
                            "https://track.example.in/track/?reference="),
                    new Setting(
                            "topic.dead-letters",
                            "t-dead",
                            c -> c.topics().deadLetters(),
                            "t-dead"),
                    new Setting(
                            "topic.dead-letters.retention",
                            "8d",
                            c -> c.topics().deadLetterRetention(),
                            Duration.ofDays(8)),
                    new Setting(
                            "elasticsearch.url",
                            "http://es-7:9201",
                            c -> c.elasticsearch().url(),
                            "http://es-7:9201"),
                    new Setting(
                            "bulk.flush.interval",
                            "201ms",
                            c -> c.elasticsearch().bulkFlushInterval(),
                            Duration.ofMillis(201)),
                    new Setting(
                            "bulk.max.actions",
                            "1001",
                            c -> c.elasticsearch().bulkMaxActions(),
                            1001),
                    new Setting("index.orders", "i-orders", c -> c.indices().orders(), "i-orders"),
                    new Setting("index.alerts", "i-alerts", c -> c.indices().alerts(), "i-alerts"),
                    new Setting(
                            "index.inventory",
                            "i-inventory",
                            c -> c.indices().inventory(),
                            "i-inventory"),
                    new Setting(
                            "index.metrics", "i-metrics", c -> c.indices().metrics(), "i-metrics"),
                    new Setting(
                            "index.routing", "i-routing", c -> c.indices().routing(), "i-routing"),
                    new Setting(
                            "index.job-status",
                            "i-status",
                            c -> c.indices().jobStatus(),
                            "i-status"),
                    new Setting(
                            "index.feed-health",
                            "i-feeds",
                            c -> c.indices().feedHealth(),
                            "i-feeds"),
                    new Setting(
                            "checkpoint.interval",
                            "11s",
                            c -> c.checkpoints().interval(),
                            Duration.ofSeconds(11)),
                    new Setting(
                            "checkpoint.interval-while-catching-up",
                            "3m",
                            c -> c.checkpoints().whileCatchingUp(),
                            Duration.ofMinutes(3)),
                    new Setting(
                            "state.retention",
                            "121d",
                            c -> c.retention().state(),
                            Duration.ofDays(121)),
                    new Setting(
                            "state.retention.finished",
                            "31d",
                            c -> c.retention().finished(),
                            Duration.ofDays(31)),
                    new Setting(
                            "hold.timeout", "4d", c -> c.holding().timeout(), Duration.ofDays(4)),
                    new Setting(
                            "hold.min-wait",
                            "11m",
                            c -> c.holding().minWait(),
                            Duration.ofMinutes(11)),
                    new Setting("hold.max-scans", "101", c -> c.holding().maxScans(), 101),
                    new Setting(
                            "alert.not-picked.after",
                            "25h",
                            c -> c.alerts().thresholds().notPickedAfter(),
                            Duration.ofHours(25)),
                    new Setting(
                            "alert.stuck.after",
                            "49h",
                            c -> c.alerts().thresholds().stuckAfter(),
                            Duration.ofHours(49)),
                    new Setting(
                            "alert.ndr.critical-attempts",
                            "4",
                            c -> c.alerts().thresholds().criticalNdrAttempts(),
                            4),
                    new Setting(
                            "alert.time-zone",
                            "Asia/Dubai",
                            c -> c.alerts().thresholds().zone(),
                            ZoneId.of("Asia/Dubai")),
                    new Setting(
                            "alert.ndr-action.cutoff",
                            "09:30",
                            c -> c.alerts().thresholds().ndrActionCutoff(),
                            LocalTime.of(9, 30)),
                    new Setting(
                            "alert.ndr-action.rto-after-attempts",
                            "2",
                            c -> c.alerts().thresholds().rtoAfterAttempts(),
                            2),
                    new Setting(
                            "alert.feed.max-wait",
                            "13h",
                            c -> c.alerts().feedWaits().maxFeedWait(),
                            Duration.ofHours(13)),
                    new Setting(
                            "alert.feed.poll",
                            "16m",
                            c -> c.alerts().feedWaits().feedPoll(),
                            Duration.ofMinutes(16)),
                    new Setting(
                            "alert.grace.not-picked",
                            "1m",
                            c -> c.alerts().feedWaits().graceOf(AlertType.NOT_PICKED),
                            Duration.ofMinutes(1)),
                    new Setting(
                            "alert.grace.stuck-in-transit",
                            "2m",
                            c -> c.alerts().feedWaits().graceOf(AlertType.STUCK_IN_TRANSIT),
                            Duration.ofMinutes(2)),
                    new Setting(
                            "alert.grace.ofd-not-delivered",
                            "3m",
                            c -> c.alerts().feedWaits().graceOf(AlertType.OFD_NOT_DELIVERED),
                            Duration.ofMinutes(3)),
                    new Setting(
                            "alert.grace.edd-breach",
                            "4m",
                            c -> c.alerts().feedWaits().graceOf(AlertType.EDD_BREACH),
                            Duration.ofMinutes(4)),
                    new Setting(
                            "alert.low-stock.cover-days",
                            "5",
                            c -> c.alerts().stockRules().coverDays(),
                            5),
                    new Setting(
                            "alert.low-stock.sales-window-days",
                            "9",
                            c -> c.alerts().stockRules().salesWindowDays(),
                            9),
                    new Setting(
                            "alert.rto-risk.threshold",
                            "61",
                            c -> c.risk().settings().alertThreshold(),
                            61),
                    new Setting(
                            "risk.min-samples", "32", c -> c.risk().settings().minSamples(), 32),
                    new Setting(
                            "delivery.predict", "false", c -> c.risk().predictDelivery(), false),
                    new Setting(
                            "delivery.min-samples", "12", c -> c.risk().delivery().minSample(), 12),
                    new Setting(
                            "risk.learning-lag",
                            "8h",
                            // a change waits for the watermark at its time less half the lag
                            c -> c.risk().learning().scorableAt(Instant.EPOCH),
                            -Duration.ofHours(4).toMillis()),
                    new Setting(
                            "orders.write.live-lag",
                            "2m",
                            c -> c.writes().orders().liveLag(),
                            Duration.ofMinutes(2)),
                    new Setting(
                            "orders.write.catch-up-delay",
                            "12s",
                            c -> c.writes().orders().catchUpDelay(),
                            Duration.ofSeconds(12)),
                    new Setting(
                            "orders.write.longest-hold",
                            "7m",
                            c -> c.writes().orders().longestHold(),
                            Duration.ofMinutes(7)),
                    new Setting(
                            "metrics.flush.interval",
                            "3s",
                            c -> c.writes().metricsFlushInterval(),
                            Duration.ofSeconds(3)),
                    new Setting("incidents.enabled", "true", c -> c.incidents().enabled(), true),
                    new Setting(
                            "incidents.stall.moves",
                            "12.5",
                            c -> c.incidents().settings().stallMoves(),
                            12.5),
                    new Setting(
                            "incidents.stall.min-parcels",
                            "23",
                            c -> c.incidents().settings().minWaitingParcels(),
                            23),
                    new Setting(
                            "incidents.stall.resume-moves",
                            "4",
                            c -> c.incidents().settings().resumeMoves(),
                            4),
                    new Setting(
                            "incidents.stall.catch-up",
                            "2h",
                            c -> c.incidents().settings().catchUp(),
                            Duration.ofHours(2)),
                    new Setting(
                            "incidents.silence.scans",
                            "25",
                            c -> c.incidents().settings().silentScans(),
                            25.0),
                    new Setting(
                            "incidents.silence.min",
                            "45m",
                            c -> c.incidents().settings().minSilence(),
                            Duration.ofMinutes(45)),
                    new Setting(
                            "incidents.silence.min-live-parcels",
                            "26",
                            c -> c.incidents().settings().minLiveParcels(),
                            26),
                    new Setting(
                            "incidents.live-for",
                            "36h",
                            c -> c.incidents().settings().liveFor(),
                            Duration.ofHours(36)),
                    new Setting(
                            "incidents.forget-after",
                            "9d",
                            c -> c.incidents().settings().forgetAfter(),
                            Duration.ofDays(9)),
                    new Setting(
                            "incidents.history-days",
                            "5",
                            c -> c.incidents().settings().historyDays(),
                            5),
                    new Setting(
                            "incidents.review-every",
                            "7m",
                            c -> c.incidents().settings().reviewEvery(),
                            Duration.ofMinutes(7)),
                    new Setting(
                            "incidents.parcels-listed",
                            "50",
                            c -> c.incidents().settings().parcelsListed(),
                            50),
                    new Setting(
                            "incidents.unknown-codes-kept",
                            "300",
                            c -> c.incidents().settings().unknownCodesKept(),
                            300),
                    new Setting(
                            "incidents.lags-kept",
                            "700",
                            c -> c.incidents().settings().lagsKept(),
                            700),
                    new Setting(
                            "record.max-bytes",
                            "2048",
                            c -> c.recordLimits().maxRecordBytes(),
                            2048),
                    new Setting(
                            "event.max-future",
                            "17m",
                            c -> c.recordLimits().maxFuture(),
                            Duration.ofMinutes(17)),
                    new Setting(
                            "event.min-time",
                            "2001-02-03T00:00:00Z",
                            c -> c.recordLimits().earliestEventTime(),
                            Instant.parse("2001-02-03T00:00:00Z")));

    @Test
    void everyDocumentedSettingIsReadUnderItsNameIntoItsGroup() throws IOException {
        String[] arguments =
                EVERY_SETTING.stream()
                        .flatMap(setting -> Stream.of("--" + setting.name(), setting.value()))
                        .toArray(String[]::new);

        OrderTrackingConfig config = OrderTrackingConfig.from(arguments, Map.of());

        assertThat(EVERY_SETTING.stream().map(Setting::name).collect(Collectors.toSet()))
                .isEqualTo(documentedSettings());
        for (Setting setting : EVERY_SETTING) {
            assertThat(setting.read().apply(config)).as(setting.name()).isEqualTo(setting.kept());
        }
    }

    /** The names in the first column of the job's table in docs/configuration.md. */
    private static Set<String> documentedSettings() throws IOException {
        String guide = Files.readString(GUIDE);
        String jobTable = guide.substring(guide.indexOf("## The job"), guide.indexOf("## The API"));
        Set<String> names = new TreeSet<>();
        Pattern name = Pattern.compile("`([a-z.-]+)`");
        jobTable.lines()
                .filter(line -> line.startsWith("| `"))
                .forEach(
                        line -> {
                            Matcher namesInCell = name.matcher(line.split("\\|")[1]);
                            while (namesInCell.find()) {
                                names.add(namesInCell.group(1));
                            }
                        });
        return names;
    }

    @Test
    void defaultsSuitTheLocalStack() {
        OrderTrackingConfig config = OrderTrackingConfig.from(new String[0], Map.of());

        assertThat(config.kafka().bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(config.elasticsearch().url()).isEqualTo("http://127.0.0.1:9200");
        assertThat(config.topics().orders()).isEqualTo("orders");
        assertThat(config.topics().deadLetters()).isEqualTo("dead-letters");
        assertThat(config.checkpoints().interval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.checkpoints().whileCatchingUp()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void checkpointsComeEveryIntervalAndNeverSoonerThanThatAfterTheLastOneEnded() {
        OrderTrackingConfig config =
                OrderTrackingConfig.from(new String[] {"--checkpoint.interval", "30s"}, Map.of());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();

        OrderTrackingJob.enableCheckpointing(env, config);

        assertThat(env.getCheckpointConfig().getCheckpointInterval()).isEqualTo(30_000);
        assertThat(env.getCheckpointConfig().getMinPauseBetweenCheckpoints()).isEqualTo(30_000);
        assertThat(env.getCheckpointConfig().getCheckpointIntervalDuringBacklog())
                .isEqualTo(120_000);
    }

    @Test
    void whileCatchingUpCheckpointsComeNoMoreOftenThanLive() {
        OrderTrackingConfig longInterval =
                OrderTrackingConfig.from(new String[] {"--checkpoint.interval", "5m"}, Map.of());

        assertThat(longInterval.checkpoints().whileCatchingUp()).isEqualTo(Duration.ofMinutes(5));
        assertThatThrownBy(
                        () ->
                                OrderTrackingConfig.from(
                                        new String[] {
                                            "--checkpoint.interval",
                                            "30s",
                                            "--checkpoint.interval-while-catching-up",
                                            "10s"
                                        },
                                        Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "checkpoint.interval-while-catching-up must be at least"
                                + " checkpoint.interval (PT30S)");
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

        assertThat(config.kafka().security().protocol()).isEqualTo(KafkaSecurity.Protocol.SASL_SSL);
        assertThat(config.elasticsearch().security().headers()).containsKey("Authorization");
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

        assertThat(config.topics().orders()).isEqualTo("orders-from-args");
        assertThat(config.topics().deadLetters()).isEqualTo("dlq");
        assertThat(config.elasticsearch().bulkFlushInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.retention().state()).isEqualTo(Duration.ofDays(30));
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
    void aCodRetentionNoLongerThanTheCycleAndItsGraceIsRefused() {
        assertThatThrownBy(
                        () ->
                                OrderTrackingConfig.from(
                                        new String[] {"--cod.retention", "8d"}, Map.of()))
                .hasMessageContaining(
                        "cod.retention PT192H must be longer than cod.remittance-cycle plus"
                                + " cod.report-grace");
        assertThat(
                        OrderTrackingConfig.from(new String[] {"--cod.retention", "9d"}, Map.of())
                                .cod()
                                .retention())
                .isEqualTo(Duration.ofDays(9));
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
                        () ->
                                OrderTrackingConfig.from(
                                        new String[] {"--alert.ndr-action.cutoff", "8am"},
                                        Map.of()))
                .hasMessageStartingWith("alert.ndr-action.cutoff must be a time of day like 08:00");
        for (String notPositive : List.of("0", "-3", "NaN", "Infinity", "many")) {
            assertThatThrownBy(
                            () ->
                                    OrderTrackingConfig.from(
                                            new String[] {"--incidents.stall.moves", notPositive},
                                            Map.of()))
                    .as(notPositive)
                    .hasMessageStartingWith("incidents.stall.moves must be a positive number");
        }
        assertThatThrownBy(
                        () -> OrderTrackingConfig.from(new String[] {"--topic.orders"}, Map.of()))
                .hasMessageStartingWith("expected --name value pairs");
    }
}
