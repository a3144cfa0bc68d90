package io.ordertrack.jobs;

import io.ordertrack.avro.AlertType;
import io.ordertrack.connections.ElasticsearchSecurity;
import io.ordertrack.connections.KafkaSecurity;
import io.ordertrack.documents.Index;
import io.ordertrack.documents.SellersTime;
import io.ordertrack.domain.alerts.AlertThresholds;
import io.ordertrack.domain.alerts.FeedWaits;
import io.ordertrack.domain.alerts.OrderAlerts;
import io.ordertrack.domain.input.RecordLimits;
import io.ordertrack.domain.risk.RtoLearning;
import io.ordertrack.domain.risk.RtoRisk;
import io.ordertrack.domain.stock.StockKeeping;
import io.ordertrack.jobs.tracking.OrderTracker;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Configuration of the order tracking job, read once at start-up from {@code --name value}
 * arguments, then {@code ORDERTRACK_NAME} environment variables (name upper-cased, dots and dashes
 * as underscores), then defaults. Credentials come from the environment only ({@link
 * KafkaSecurity}, {@link ElasticsearchSecurity}): a Flink cluster shows job arguments in its web
 * UI.
 *
 * @param kafkaBootstrapServers Kafka brokers, {@code host:port[,host:port]}
 * @param ordersTopic order lifecycle events
 * @param trackingTopic courier scans
 * @param deadLettersTopic where unreadable and invalid records go
 * @param deadLetterRetention how long the dead-letters topic keeps a letter (its {@code
 *     retention.ms}): letters hold whole records, customers' names, phones and addresses included
 * @param consumerGroup Kafka consumer group of the job
 * @param elasticsearchUrl Elasticsearch address
 * @param ordersIndex alias of the orders index
 * @param checkpointInterval how often state is checkpointed (and the sink flushed), and the least
 *     pause between the end of one checkpoint and the start of the next
 * @param bulkFlushInterval longest time a document waits in the sink
 * @param bulkMaxActions documents per bulk request
 * @param stateRetention how long an order without events is kept
 * @param finishedRetention how long a finished order (delivered, returned, cancelled, lost) is kept
 *     after its last event, for late events and returns
 * @param holdTimeout how long scans of an AWB no manifest has named yet wait for it
 * @param holdMinWait how long of wall-clock time such scans wait at least (replays run days of
 *     event time in minutes)
 * @param maxHeldScans scans held at most per unknown AWB
 * @param alertsTopic where alerts are published for notification systems
 * @param alertsIndex alias of the alerts index
 * @param alertThresholds thresholds of the order alerts
 * @param inventoryTopic stock received, adjusted and counted by the warehouses
 * @param inventoryIndex alias of the inventory index (stock per SKU × warehouse)
 * @param stockRules when stock is low besides its threshold (days of cover)
 * @param riskSettings sample sizes and alert threshold of the RTO risk score
 * @param riskLearning how long after an order finished the RTO risk model counts it
 * @param metricsIndex alias of the order-metrics index (delivery analytics per cohort)
 * @param metricsFlushInterval how often at most a cohort's metrics document is rewritten while its
 *     shipments change live
 * @param orderWrites when order and cohort documents are written: at once (orders) or once per
 *     {@code metricsFlushInterval} (cohorts) when live, coalesced when caught up from old events
 * @param routingIndex alias of the order-routing index (whether each order shipped from the nearest
 *     warehouse that held it)
 * @param recordLimits the largest record read, and how far ahead of the clock (or how far back) an
 *     event time may be before the record goes to dead letters
 * @param jobStatusIndex alias of the job-status index, where the job's heartbeat (one document per
 *     consumer group) tells the API whether the live view is current
 * @param createTopics whether the cluster entry point creates missing topics instead of failing
 * @param topicPartitions partitions of the topics it creates
 * @param feedWaits how long the SLA alerts wait for a courier's feed and for single late scans
 * @param kafkaSecurity how every Kafka client of the job logs in and whom it trusts
 * @param elasticsearchSecurity how every Elasticsearch client of the job logs in and whom it trusts
 */
public record OrderTrackingConfig(
        String kafkaBootstrapServers,
        String ordersTopic,
        String trackingTopic,
        String deadLettersTopic,
        Duration deadLetterRetention,
        String consumerGroup,
        String elasticsearchUrl,
        String ordersIndex,
        Duration checkpointInterval,
        Duration bulkFlushInterval,
        int bulkMaxActions,
        Duration stateRetention,
        Duration finishedRetention,
        Duration holdTimeout,
        Duration holdMinWait,
        int maxHeldScans,
        String alertsTopic,
        String alertsIndex,
        AlertThresholds alertThresholds,
        String inventoryTopic,
        String inventoryIndex,
        StockKeeping.Rules stockRules,
        RtoRisk.Settings riskSettings,
        RtoLearning riskLearning,
        String metricsIndex,
        Duration metricsFlushInterval,
        OrderTracker.Writes orderWrites,
        String routingIndex,
        RecordLimits recordLimits,
        String jobStatusIndex,
        boolean createTopics,
        int topicPartitions,
        FeedWaits feedWaits,
        KafkaSecurity kafkaSecurity,
        ElasticsearchSecurity elasticsearchSecurity) {

    /** Reads the configuration; fails with a message naming the setting when one is invalid. */
    public static OrderTrackingConfig from(String[] args, Map<String, String> environment) {
        Settings settings = new Settings(args, environment);
        String elasticsearchUrl = settings.text("elasticsearch.url", "http://127.0.0.1:9200");
        ElasticsearchSecurity elasticsearchSecurity =
                ElasticsearchSecurity.fromEnvironment(environment);
        elasticsearchSecurity
                .problemWith(elasticsearchUrl)
                .ifPresent(
                        problem -> {
                            throw new IllegalArgumentException(problem);
                        });
        return new OrderTrackingConfig(
                settings.text("kafka.bootstrap.servers", "127.0.0.1:9092"),
                settings.text("topic.orders", "orders"),
                settings.text("topic.tracking", "tracking"),
                settings.text("topic.dead-letters", "dead-letters"),
                settings.duration("topic.dead-letters.retention", Duration.ofDays(7)),
                settings.text("consumer.group", "ordertrack-order-tracking"),
                elasticsearchUrl,
                settings.text("index.orders", Index.ORDERS.defaultAlias()),
                settings.duration("checkpoint.interval", Duration.ofSeconds(10)),
                settings.duration("bulk.flush.interval", Duration.ofMillis(200)),
                settings.positiveInt("bulk.max.actions", 1000),
                settings.duration("state.retention", Duration.ofDays(120)),
                settings.duration("state.retention.finished", Duration.ofDays(30)),
                settings.duration("hold.timeout", Duration.ofDays(3)),
                settings.duration("hold.min-wait", Duration.ofMinutes(10)),
                settings.positiveInt("hold.max-scans", 100),
                settings.text("topic.alerts", "alerts"),
                settings.text("index.alerts", Index.ALERTS.defaultAlias()),
                new AlertThresholds(
                        settings.duration(
                                "alert.not-picked.after", AlertThresholds.DEFAULT.notPickedAfter()),
                        settings.duration(
                                "alert.stuck.after", AlertThresholds.DEFAULT.stuckAfter()),
                        settings.positiveInt(
                                "alert.ndr.critical-attempts",
                                AlertThresholds.DEFAULT.criticalNdrAttempts()),
                        zone(
                                settings.text(
                                        "alert.time-zone",
                                        AlertThresholds.DEFAULT.zone().getId()))),
                settings.text("topic.inventory", "inventory"),
                settings.text("index.inventory", Index.INVENTORY.defaultAlias()),
                new StockKeeping.Rules(
                        settings.nonNegativeInt(
                                "alert.low-stock.cover-days",
                                StockKeeping.Rules.DEFAULT.coverDays()),
                        settings.positiveInt(
                                "alert.low-stock.sales-window-days",
                                StockKeeping.Rules.DEFAULT.salesWindowDays())),
                new RtoRisk.Settings(
                        settings.positiveInt(
                                "risk.min-samples", RtoRisk.Settings.DEFAULT.minSamples()),
                        RtoRisk.Settings.DEFAULT.prior(),
                        settings.positiveInt(
                                "alert.rto-risk.threshold",
                                RtoRisk.Settings.DEFAULT.alertThreshold())),
                new RtoLearning(settings.duration("risk.learning-lag", RtoLearning.DEFAULT_LAG)),
                settings.text("index.metrics", Index.ORDER_METRICS.defaultAlias()),
                settings.duration("metrics.flush.interval", Duration.ofSeconds(1)),
                new OrderTracker.Writes(
                        settings.duration(
                                "orders.write.live-lag", OrderTracker.Writes.DEFAULT.liveLag()),
                        settings.duration(
                                "orders.write.catch-up-delay",
                                OrderTracker.Writes.DEFAULT.catchUpDelay())),
                settings.text("index.routing", Index.ORDER_ROUTING.defaultAlias()),
                new RecordLimits(
                        settings.positiveInt(
                                "record.max-bytes", RecordLimits.DEFAULT.maxRecordBytes()),
                        settings.duration("event.max-future", RecordLimits.DEFAULT.maxFuture()),
                        settings.instant(
                                "event.min-time", RecordLimits.DEFAULT.earliestEventTime())),
                settings.text("index.job-status", Index.JOB_STATUS.defaultAlias()),
                settings.bool("topics.create", false),
                settings.positiveInt("topics.partitions", 2),
                feedWaits(settings),
                KafkaSecurity.fromEnvironment(environment),
                elasticsearchSecurity);
    }

    /** {@code alert.feed.max-wait}, {@code alert.feed.poll} and {@code alert.grace.<type>}. */
    private static FeedWaits feedWaits(Settings settings) {
        Map<AlertType, Duration> graces = new EnumMap<>(AlertType.class);
        for (AlertType type : OrderAlerts.TIMED) {
            String name = "alert.grace." + type.name().toLowerCase(Locale.ROOT).replace('_', '-');
            graces.put(type, settings.duration(name, FeedWaits.DEFAULT.graceOf(type)));
        }
        return new FeedWaits(
                settings.duration("alert.feed.max-wait", FeedWaits.DEFAULT.maxFeedWait()),
                settings.duration("alert.feed.poll", FeedWaits.DEFAULT.feedPoll()),
                graces);
    }

    private static ZoneId zone(String name) {
        try {
            return ZoneId.of(name);
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException(
                    "alert.time-zone must be a time zone like "
                            + SellersTime.ZONE.getId()
                            + ", got "
                            + name);
        }
    }

    /** Named settings from arguments and environment. */
    static final class Settings {
        private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");
        private final Map<String, String> arguments = new HashMap<>();
        private final Map<String, String> environment;

        Settings(String[] args, Map<String, String> environment) {
            this.environment = environment;
            for (int i = 0; i < args.length; i++) {
                if (!args[i].startsWith("--") || i + 1 >= args.length) {
                    throw new IllegalArgumentException(
                            "expected --name value pairs, got: " + args[i]);
                }
                arguments.put(args[i].substring(2), args[++i]);
            }
        }

        String text(String name, String fallback) {
            String value = arguments.get(name);
            if (value == null) {
                value = environment.get(environmentName(name));
            }
            if (value != null && value.isBlank()) {
                throw new IllegalArgumentException(name + " must not be blank");
            }
            return value == null ? fallback : value;
        }

        Duration duration(String name, Duration fallback) {
            String value = text(name, null);
            if (value == null) {
                return fallback;
            }
            Matcher matcher = DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
            if (!matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
                throw new IllegalArgumentException(
                        name
                                + " must be a positive duration like 500ms, 10s, 5m, 2h or 120d,"
                                + " got "
                                + value);
            }
            long amount = Long.parseLong(matcher.group(1));
            return switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }

        boolean bool(String name, boolean fallback) {
            String value = text(name, null);
            if (value == null) {
                return fallback;
            }
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default ->
                        throw new IllegalArgumentException(
                                name + " must be true or false, got " + value);
            };
        }

        Instant instant(String name, Instant fallback) {
            String value = text(name, null);
            if (value == null) {
                return fallback;
            }
            try {
                return Instant.parse(value.trim());
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException(
                        name + " must be an instant like 2000-01-01T00:00:00Z, got " + value);
            }
        }

        int positiveInt(String name, int fallback) {
            return atLeast(name, fallback, 1, "a positive integer");
        }

        int nonNegativeInt(String name, int fallback) {
            return atLeast(name, fallback, 0, "an integer ≥ 0");
        }

        private int atLeast(String name, int fallback, int least, String what) {
            String value = text(name, null);
            if (value == null) {
                return fallback;
            }
            try {
                int parsed = Integer.parseInt(value);
                if (parsed < least) {
                    throw new NumberFormatException();
                }
                return parsed;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be " + what + ", got " + value);
            }
        }

        static String environmentName(String name) {
            return "ORDERTRACK_"
                    + name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
        }
    }
}
