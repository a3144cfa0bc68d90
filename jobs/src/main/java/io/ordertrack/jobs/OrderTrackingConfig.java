package io.ordertrack.jobs;

import io.ordertrack.avro.AlertType;
import io.ordertrack.connections.ElasticsearchSecurity;
import io.ordertrack.connections.KafkaSecurity;
import io.ordertrack.documents.Indices;
import io.ordertrack.documents.SellersTime;
import io.ordertrack.domain.alerts.AlertThresholds;
import io.ordertrack.domain.alerts.FeedWaits;
import io.ordertrack.domain.alerts.OrderAlerts;
import io.ordertrack.domain.delivery.ExpectedDelivery;
import io.ordertrack.domain.incidents.IncidentSettings;
import io.ordertrack.domain.input.RecordLimits;
import io.ordertrack.domain.risk.RtoLearning;
import io.ordertrack.domain.risk.RtoRisk;
import io.ordertrack.domain.stock.StockKeeping;
import io.ordertrack.jobs.tracking.OrderTracker;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
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
 * <p>The settings are grouped by what they concern; their names are listed in {@code
 * docs/configuration.md}.
 *
 * @param kafka where the job reads and writes Kafka, as which consumer group
 * @param topics the topics it reads and writes
 * @param elasticsearch where it writes documents and how it batches them
 * @param indices the aliases of the indices it writes ({@code index.*}), which the API reads
 * @param checkpoints how often state is checkpointed (and the sinks flushed)
 * @param retention how long state of an order is kept
 * @param holding how scans of an AWB no manifest has named yet wait for it
 * @param alerts when the order and stock alerts are raised
 * @param risk how the RTO risk score is learned and when it alerts
 * @param writes how often order and cohort documents are written
 * @param incidents whether hub stalls and silent courier feeds are watched, and their thresholds
 * @param recordLimits the largest record read, and how far ahead of the clock (or how far back) an
 *     event time may be before the record goes to dead letters
 * @param notifications what customer notifications link to
 * @param cod when a COD parcel's cash is overdue, and how long it is kept
 */
public record OrderTrackingConfig(
        Kafka kafka,
        Topics topics,
        Elasticsearch elasticsearch,
        Indices indices,
        Checkpoints checkpoints,
        Retention retention,
        Holding holding,
        Alerts alerts,
        Risk risk,
        Writes writes,
        RecordLimits recordLimits,
        Incidents incidents,
        Notifications notifications,
        Cod cod) {

    /**
     * How often state is checkpointed ({@code checkpoint.*}).
     *
     * @param interval how often, and the least pause between the end of one checkpoint and the
     *     start of the next
     * @param whileCatchingUp how often while a source works through a backlog (a replay, the
     *     records of an outage): a full snapshot costs as much however few records it covers. At
     *     least {@code interval}; below the sinks' transaction timeout and the time {@code /health}
     *     allows without progress before it says DOWN
     */
    public record Checkpoints(Duration interval, Duration whileCatchingUp) {
        public Checkpoints {
            if (whileCatchingUp.compareTo(interval) < 0) {
                throw new IllegalArgumentException(
                        "checkpoint.interval-while-catching-up must be at least checkpoint.interval"
                                + " ("
                                + interval
                                + ")");
            }
        }
    }

    /**
     * The Kafka cluster ({@code kafka.*}, {@code consumer.group}, {@code topics.*}).
     *
     * @param bootstrapServers Kafka brokers, {@code host:port[,host:port]}
     * @param consumerGroup Kafka consumer group of the job; names one deployment of it
     * @param security how every Kafka client of the job logs in and whom it trusts
     * @param createTopics whether the cluster entry point creates missing topics instead of failing
     * @param topicPartitions partitions of the topics it creates
     */
    public record Kafka(
            String bootstrapServers,
            String consumerGroup,
            KafkaSecurity security,
            boolean createTopics,
            int topicPartitions) {}

    /**
     * The topics ({@code topic.*}).
     *
     * @param orders order lifecycle events
     * @param tracking courier scans
     * @param inventory stock received, adjusted and counted by the warehouses
     * @param remittances couriers' cash-on-delivery remittances to sellers
     * @param alerts where alerts are published for notification systems
     * @param notifications where customer notifications are published for the senders of SMS,
     *     WhatsApp and e-mail
     * @param deadLetters where unreadable and invalid records go
     * @param deadLetterRetention how long the dead-letters topic keeps a letter (its {@code
     *     retention.ms}): letters hold whole records, customers' names, phones and addresses
     *     included
     */
    public record Topics(
            String orders,
            String tracking,
            String inventory,
            String remittances,
            String alerts,
            String notifications,
            String deadLetters,
            Duration deadLetterRetention) {}

    /**
     * The Elasticsearch cluster ({@code elasticsearch.url}, {@code bulk.*}).
     *
     * @param url Elasticsearch address
     * @param security how every Elasticsearch client of the job logs in and whom it trusts
     * @param bulkFlushInterval longest time a document waits in the sink
     * @param bulkMaxActions documents per bulk request
     */
    public record Elasticsearch(
            String url,
            ElasticsearchSecurity security,
            Duration bulkFlushInterval,
            int bulkMaxActions) {}

    /**
     * How long an order's state is kept ({@code state.retention*}).
     *
     * @param state how long an order without events is kept
     * @param finished how long a finished order (delivered, returned, cancelled, lost) is kept
     *     after its last event, for late events and returns
     */
    public record Retention(Duration state, Duration finished) {}

    /**
     * Scans of an AWB no manifest has named yet ({@code hold.*}).
     *
     * @param timeout how long they wait for the manifest
     * @param minWait how long of wall-clock time they wait at least (replays run days of event time
     *     in minutes)
     * @param maxScans scans held at most per unknown AWB
     */
    public record Holding(Duration timeout, Duration minWait, int maxScans) {}

    /**
     * When alerts are raised ({@code alert.*} but the RTO risk threshold).
     *
     * @param thresholds thresholds of the order alerts
     * @param feedWaits how long the SLA alerts wait for a courier's feed and for single late scans
     * @param stockRules when stock is low besides its threshold (days of cover)
     */
    public record Alerts(
            AlertThresholds thresholds, FeedWaits feedWaits, StockKeeping.Rules stockRules) {}

    /**
     * The RTO risk score ({@code risk.*}, {@code alert.rto-risk.threshold}) and the expected
     * delivery ({@code delivery.*}), learned by the same rule.
     *
     * @param settings sample sizes and alert threshold of the score
     * @param learning how long after an order finished the models count it
     * @param delivery how the expected delivery is predicted ({@code delivery.min-samples})
     * @param predictDelivery whether it is ({@code delivery.predict}, on by default)
     */
    public record Risk(
            RtoRisk.Settings settings,
            RtoLearning learning,
            ExpectedDelivery.Settings delivery,
            boolean predictDelivery) {}

    /**
     * Hub stalls and silent courier feeds ({@code incidents.*}).
     *
     * @param enabled whether the job watches for them (off until their precision on the simulated
     *     feed through the whole job is measured)
     * @param settings their thresholds
     */
    public record Incidents(boolean enabled, IncidentSettings settings) {}

    /**
     * Customer notifications ({@code notifications.*}).
     *
     * @param trackingUrl the public tracking page a notification links to, followed by the parcel's
     *     AWB (or its order id before there is one)
     */
    public record Notifications(String trackingUrl) {}

    /**
     * Cash on delivery ({@code cod.*}).
     *
     * @param remittanceCycle how long after delivery a courier has to remit a COD parcel's cash
     *     before it is overdue (COD_REMITTANCE_OVERDUE)
     * @param reportGrace how long after the cycle's end a parcel is judged, for the courier's
     *     report of a transfer made in time to arrive
     * @param retention how long after its last change a parcel owed nothing is kept in state, for
     *     late and repeated remittances (one still owed is kept until paid); longer than the cycle
     *     and the grace
     */
    public record Cod(Duration remittanceCycle, Duration reportGrace, Duration retention) {
        public Cod {
            if (retention.compareTo(remittanceCycle.plus(reportGrace)) <= 0) {
                throw new IllegalArgumentException(
                        "cod.retention "
                                + retention
                                + " must be longer than cod.remittance-cycle plus"
                                + " cod.report-grace");
            }
        }
    }

    /**
     * When order and cohort documents are written ({@code orders.write.*}, {@code
     * metrics.flush.interval}).
     *
     * @param orders at once (orders) or once per {@code metricsFlushInterval} (cohorts) when live,
     *     coalesced when caught up from old events
     * @param metricsFlushInterval how often at most a cohort's metrics document is rewritten while
     *     its shipments change live
     */
    public record Writes(OrderTracker.Writes orders, Duration metricsFlushInterval) {}

    /** Reads the configuration; fails with a message naming the setting when one is invalid. */
    public static OrderTrackingConfig from(String[] args, Map<String, String> environment) {
        Settings settings = new Settings(args, environment);
        return new OrderTrackingConfig(
                kafka(settings, environment),
                topics(settings),
                elasticsearch(settings, environment),
                indices(settings),
                checkpoints(settings),
                new Retention(
                        settings.duration("state.retention", Duration.ofDays(120)),
                        settings.duration("state.retention.finished", Duration.ofDays(30))),
                new Holding(
                        settings.duration("hold.timeout", Duration.ofDays(3)),
                        settings.duration("hold.min-wait", Duration.ofMinutes(10)),
                        settings.positiveInt("hold.max-scans", 100)),
                new Alerts(alertThresholds(settings), feedWaits(settings), stockRules(settings)),
                risk(settings),
                writes(settings),
                recordLimits(settings),
                new Incidents(settings.bool("incidents.enabled", false), incidents(settings)),
                new Notifications(
                        settings.text(
                                "notifications.tracking-url",
                                "http://127.0.0.1:8080/track/?reference=")),
                new Cod(
                        settings.duration("cod.remittance-cycle", Duration.ofDays(7)),
                        settings.duration("cod.report-grace", Duration.ofDays(1)),
                        settings.duration("cod.retention", Duration.ofDays(120))));
    }

    private static Checkpoints checkpoints(Settings settings) {
        Duration interval = settings.duration("checkpoint.interval", Duration.ofSeconds(10));
        Duration whileCatchingUp = Duration.ofMinutes(2);
        return new Checkpoints(
                interval,
                settings.duration(
                        "checkpoint.interval-while-catching-up",
                        interval.compareTo(whileCatchingUp) > 0 ? interval : whileCatchingUp));
    }

    private static IncidentSettings incidents(Settings settings) {
        IncidentSettings usual = IncidentSettings.DEFAULT;
        return new IncidentSettings(
                settings.positiveDecimal("incidents.stall.moves", usual.stallMoves()),
                settings.positiveInt("incidents.stall.min-parcels", usual.minWaitingParcels()),
                settings.positiveInt("incidents.stall.resume-moves", usual.resumeMoves()),
                settings.duration("incidents.stall.catch-up", usual.catchUp()),
                settings.positiveDecimal("incidents.silence.scans", usual.silentScans()),
                settings.duration("incidents.silence.min", usual.minSilence()),
                settings.positiveInt("incidents.silence.min-live-parcels", usual.minLiveParcels()),
                settings.duration("incidents.live-for", usual.liveFor()),
                settings.duration("incidents.forget-after", usual.forgetAfter()),
                settings.positiveInt("incidents.history-days", usual.historyDays()),
                settings.duration("incidents.review-every", usual.reviewEvery()),
                settings.positiveInt("incidents.parcels-listed", usual.parcelsListed()),
                settings.positiveInt("incidents.unknown-codes-kept", usual.unknownCodesKept()),
                settings.positiveInt("incidents.lags-kept", usual.lagsKept()));
    }

    private static Kafka kafka(Settings settings, Map<String, String> environment) {
        return new Kafka(
                settings.text("kafka.bootstrap.servers", "127.0.0.1:9092"),
                settings.text("consumer.group", "ordertrack-order-tracking"),
                KafkaSecurity.fromEnvironment(environment),
                settings.bool("topics.create", false),
                settings.positiveInt("topics.partitions", 2));
    }

    private static Topics topics(Settings settings) {
        return new Topics(
                settings.text("topic.orders", "orders"),
                settings.text("topic.tracking", "tracking"),
                settings.text("topic.inventory", "inventory"),
                settings.text("topic.remittances", "remittances"),
                settings.text("topic.alerts", "alerts"),
                settings.text("topic.notifications", "notifications"),
                settings.text("topic.dead-letters", "dead-letters"),
                settings.duration("topic.dead-letters.retention", Duration.ofDays(7)));
    }

    private static Elasticsearch elasticsearch(Settings settings, Map<String, String> environment) {
        String url = settings.text("elasticsearch.url", "http://127.0.0.1:9200");
        ElasticsearchSecurity security = ElasticsearchSecurity.fromEnvironment(environment);
        security.problemWith(url)
                .ifPresent(
                        problem -> {
                            throw new IllegalArgumentException(problem);
                        });
        return new Elasticsearch(
                url,
                security,
                settings.duration("bulk.flush.interval", Duration.ofMillis(200)),
                settings.positiveInt("bulk.max.actions", 1000));
    }

    private static Indices indices(Settings settings) {
        return new Indices(
                settings.text("index.orders", Indices.DEFAULT.orders()),
                settings.text("index.alerts", Indices.DEFAULT.alerts()),
                settings.text("index.inventory", Indices.DEFAULT.inventory()),
                settings.text("index.metrics", Indices.DEFAULT.metrics()),
                settings.text("index.routing", Indices.DEFAULT.routing()),
                settings.text("index.job-status", Indices.DEFAULT.jobStatus()),
                settings.text("index.feed-health", Indices.DEFAULT.feedHealth()),
                settings.text("index.cod", Indices.DEFAULT.cod()));
    }

    private static AlertThresholds alertThresholds(Settings settings) {
        return new AlertThresholds(
                settings.duration(
                        "alert.not-picked.after", AlertThresholds.DEFAULT.notPickedAfter()),
                settings.duration("alert.stuck.after", AlertThresholds.DEFAULT.stuckAfter()),
                settings.positiveInt(
                        "alert.ndr.critical-attempts",
                        AlertThresholds.DEFAULT.criticalNdrAttempts()),
                zone(settings.text("alert.time-zone", AlertThresholds.DEFAULT.zone().getId())),
                timeOfDay(
                        "alert.ndr-action.cutoff",
                        settings.text(
                                "alert.ndr-action.cutoff",
                                AlertThresholds.DEFAULT.ndrActionCutoff().toString())),
                settings.positiveInt(
                        "alert.ndr-action.rto-after-attempts",
                        AlertThresholds.DEFAULT.rtoAfterAttempts()));
    }

    private static LocalTime timeOfDay(String setting, String value) {
        try {
            return LocalTime.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(
                    setting + " must be a time of day like 08:00, got " + value);
        }
    }

    private static StockKeeping.Rules stockRules(Settings settings) {
        return new StockKeeping.Rules(
                settings.nonNegativeInt(
                        "alert.low-stock.cover-days", StockKeeping.Rules.DEFAULT.coverDays()),
                settings.positiveInt(
                        "alert.low-stock.sales-window-days",
                        StockKeeping.Rules.DEFAULT.salesWindowDays()));
    }

    private static Risk risk(Settings settings) {
        return new Risk(
                new RtoRisk.Settings(
                        settings.positiveInt(
                                "risk.min-samples", RtoRisk.Settings.DEFAULT.minSamples()),
                        RtoRisk.Settings.DEFAULT.prior(),
                        settings.positiveInt(
                                "alert.rto-risk.threshold",
                                RtoRisk.Settings.DEFAULT.alertThreshold())),
                new RtoLearning(settings.duration("risk.learning-lag", RtoLearning.DEFAULT_LAG)),
                new ExpectedDelivery.Settings(
                        settings.positiveInt(
                                "delivery.min-samples",
                                ExpectedDelivery.Settings.DEFAULT.minSample()),
                        ExpectedDelivery.Settings.DEFAULT.low(),
                        ExpectedDelivery.Settings.DEFAULT.high()),
                settings.bool("delivery.predict", true));
    }

    private static Writes writes(Settings settings) {
        return new Writes(
                new OrderTracker.Writes(
                        settings.duration(
                                "orders.write.live-lag", OrderTracker.Writes.DEFAULT.liveLag()),
                        settings.duration(
                                "orders.write.catch-up-delay",
                                OrderTracker.Writes.DEFAULT.catchUpDelay()),
                        settings.duration(
                                "orders.write.longest-hold",
                                OrderTracker.Writes.DEFAULT.longestHold())),
                settings.duration("metrics.flush.interval", Duration.ofSeconds(1)));
    }

    private static RecordLimits recordLimits(Settings settings) {
        return new RecordLimits(
                settings.positiveInt("record.max-bytes", RecordLimits.DEFAULT.maxRecordBytes()),
                settings.duration("event.max-future", RecordLimits.DEFAULT.maxFuture()),
                settings.instant("event.min-time", RecordLimits.DEFAULT.earliestEventTime()));
    }

    /** {@code alert.feed.max-wait}, {@code alert.feed.poll} and {@code alert.grace.<type>}. */
    private static FeedWaits feedWaits(Settings settings) {
        Map<AlertType, Duration> graces = new EnumMap<>(AlertType.class);
        for (AlertType type : OrderAlerts.TIMED) {
            if (OrderAlerts.BY_THE_CLOCK.contains(type)) {
                continue; // decided as of the review: no wait to grant
            }
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

        double positiveDecimal(String name, double fallback) {
            String value = text(name, null);
            if (value == null) {
                return fallback;
            }
            try {
                double parsed = Double.parseDouble(value);
                if (!(parsed > 0) || Double.isInfinite(parsed)) {
                    throw new NumberFormatException();
                }
                return parsed;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        name + " must be a positive number, got " + value);
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
