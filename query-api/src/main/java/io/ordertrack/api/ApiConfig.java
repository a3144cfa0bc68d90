package io.ordertrack.api;

import io.ordertrack.api.elasticsearch.SearchLimits;
import io.ordertrack.api.health.HealthThresholds;
import io.ordertrack.api.http.RateLimits;
import io.ordertrack.api.ingest.IngestSources;
import io.ordertrack.api.security.ApiKeys;
import io.ordertrack.api.webhooks.DeliveryRetries;
import io.ordertrack.connections.ElasticsearchSecurity;
import io.ordertrack.connections.KafkaSecurity;
import io.ordertrack.documents.Index;
import io.ordertrack.documents.Indices;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The configuration of the query API, read from the environment and validated before anything
 * starts, grouped by concern.
 *
 * @param listener where the API listens
 * @param elasticsearch the Elasticsearch it reads, with credentials and trust ({@code
 *     ORDERTRACK_ES_*}, see {@link ElasticsearchSecurity})
 * @param indices the aliases (or indices) it reads
 * @param apiKeys the accepted API keys
 * @param health what {@code /health} judges
 * @param limits what each caller and each search may cost
 * @param kafka where the sellers' NDR actions and the webhooks pushed to the ingest gateway are
 *     written, if anywhere
 * @param ingest the couriers and channels that may push webhooks, with their secrets
 * @param webhooks where the sellers' webhook subscriptions and deliveries are kept, and how
 *     deliveries are sent (only when Kafka is configured: the alerts are read from it)
 */
public record ApiConfig(
        Listener listener,
        Elasticsearch elasticsearch,
        Indices indices,
        ApiKeys apiKeys,
        Health health,
        Limits limits,
        Kafka kafka,
        IngestSources ingest,
        Webhooks webhooks) {

    /**
     * Where the API listens.
     *
     * @param host the interface to listen on
     * @param port the port to listen on; 0 picks a free one
     */
    public record Listener(String host, int port) {
        /** A free port on the loopback interface, for tests and benchmarks. */
        public static final Listener LOOPBACK_ANY_PORT = new Listener("127.0.0.1", 0);
    }

    /**
     * The Elasticsearch the API reads.
     *
     * @param url e.g. {@code http://127.0.0.1:9200}
     * @param security credentials and trust ({@link ElasticsearchSecurity#NONE} for none)
     */
    public record Elasticsearch(String url, ElasticsearchSecurity security) {
        /** The Elasticsearch at {@code url}, without credentials. */
        public static Elasticsearch at(String url) {
            return new Elasticsearch(url, ElasticsearchSecurity.NONE);
        }
    }

    /**
     * What {@code /health} judges.
     *
     * @param consumerGroup the job deployment whose heartbeat it reads (its consumer group, the
     *     heartbeat's id)
     * @param thresholds when it says DEGRADED or DOWN
     */
    public record Health(String consumerGroup, HealthThresholds thresholds) {
        public static final Health DEFAULT =
                new Health(DEFAULT_CONSUMER_GROUP, HealthThresholds.DEFAULT);
    }

    /**
     * What each caller and each search may cost.
     *
     * @param rates how many requests a second each key may make, by role
     * @param search what each search may cost Elasticsearch: its timeout ({@code
     *     ORDERTRACK_SEARCH_TIMEOUT}) and the most groups of a count
     */
    public record Limits(RateLimits rates, SearchLimits search) {
        /** No rate limits (for tests and benchmarks that call as fast as they can). */
        public static final Limits UNLIMITED_RATES =
                new Limits(RateLimits.none(), SearchLimits.DEFAULT);
    }

    /**
     * The Kafka the API writes to: the sellers' NDR actions to the job's orders topic (the order's
     * timeline) and the courier integration's NDR actions topic; the webhooks pushed to the ingest
     * gateway to the job's orders and tracking topics, or its dead-letters topic.
     *
     * @param bootstrapServers the brokers ({@code host:port,...}), or null for none: NDR actions
     *     and webhooks then answer 503 and every other route works as before
     * @param security credentials and trust ({@link KafkaSecurity#PLAINTEXT} for none)
     * @param ordersTopic the job's orders topic
     * @param trackingTopic the job's tracking topic (couriers' scans)
     * @param ndrActionsTopic the topic the courier integration reads
     * @param deadLettersTopic the job's dead-letters topic
     * @param sendTimeout how long an answer waits for Kafka to acknowledge what it wrote before it
     *     is 503
     */
    public record Kafka(
            String bootstrapServers,
            KafkaSecurity security,
            String ordersTopic,
            String trackingTopic,
            String ndrActionsTopic,
            String deadLettersTopic,
            Duration sendTimeout) {
        /** No Kafka: NDR actions and webhooks answer 503. */
        public static final Kafka NONE =
                new Kafka(
                        null,
                        KafkaSecurity.PLAINTEXT,
                        DEFAULT_ORDERS_TOPIC,
                        DEFAULT_NDR_ACTIONS_TOPIC,
                        DEFAULT_KAFKA_SEND_TIMEOUT);

        /**
         * With the default tracking ({@code tracking}) and dead-letters ({@code dead-letters})
         * topics.
         */
        public Kafka(
                String bootstrapServers,
                KafkaSecurity security,
                String ordersTopic,
                String ndrActionsTopic,
                Duration sendTimeout) {
            this(
                    bootstrapServers,
                    security,
                    ordersTopic,
                    DEFAULT_TRACKING_TOPIC,
                    ndrActionsTopic,
                    DEFAULT_DEAD_LETTERS_TOPIC,
                    sendTimeout);
        }

        /** Whether brokers are configured. */
        public boolean configured() {
            return bootstrapServers != null;
        }
    }

    /**
     * The sellers' webhooks out: where their subscriptions and the delivery log are kept, the
     * alerts topic read, and how each delivery is sent and tried again.
     *
     * @param subscriptionsIndex the subscriptions' index (alias)
     * @param deliveriesIndex the delivery log's index (alias)
     * @param alertsTopic the job's alerts topic
     * @param consumerGroup the consumer group the API processes read the alerts in together
     * @param retries when a failed delivery is tried again, and for how long
     * @param timeout how long a receiver has to answer
     * @param privateTargetsAllowed whether subscriptions may name plain http and loopback or
     *     private addresses (a local run; never where sellers are not trusted)
     */
    public record Webhooks(
            String subscriptionsIndex,
            String deliveriesIndex,
            String alertsTopic,
            String consumerGroup,
            DeliveryRetries retries,
            Duration timeout,
            boolean privateTargetsAllowed) {
        public static final Webhooks DEFAULT =
                new Webhooks(
                        Index.WEBHOOK_SUBSCRIPTIONS.defaultAlias(),
                        Index.WEBHOOK_DELIVERIES.defaultAlias(),
                        DEFAULT_ALERTS_TOPIC,
                        DEFAULT_WEBHOOK_CONSUMER_GROUP,
                        DeliveryRetries.DEFAULT,
                        Duration.ofSeconds(10),
                        false);
    }

    public static final String HOST_ENV = "ORDERTRACK_API_HOST";
    public static final String PORT_ENV = "ORDERTRACK_API_PORT";
    public static final String ELASTICSEARCH_URL_ENV = "ORDERTRACK_ES_URL";
    public static final String ORDERS_INDEX_ENV = "ORDERTRACK_ORDERS_INDEX";
    public static final String ALERTS_INDEX_ENV = "ORDERTRACK_ALERTS_INDEX";
    public static final String INVENTORY_INDEX_ENV = "ORDERTRACK_INVENTORY_INDEX";
    public static final String METRICS_INDEX_ENV = "ORDERTRACK_METRICS_INDEX";
    public static final String ROUTING_INDEX_ENV = "ORDERTRACK_ROUTING_INDEX";
    public static final String API_KEYS_FILE_ENV = "ORDERTRACK_API_KEYS_FILE";
    public static final String API_KEYS_ENV = "ORDERTRACK_API_KEYS";
    public static final String JOB_STATUS_INDEX_ENV = "ORDERTRACK_JOB_STATUS_INDEX";
    public static final String FEED_HEALTH_INDEX_ENV = "ORDERTRACK_FEED_HEALTH_INDEX";
    public static final String COD_INDEX_ENV = "ORDERTRACK_COD_INDEX";
    public static final String CONSUMER_GROUP_ENV = "ORDERTRACK_CONSUMER_GROUP";
    public static final String STALE_AFTER_ENV = "ORDERTRACK_HEALTH_STALE_AFTER_SECONDS";
    public static final String DOWN_AFTER_ENV = "ORDERTRACK_HEALTH_DOWN_AFTER_SECONDS";
    public static final String MAX_LAG_ENV = "ORDERTRACK_HEALTH_MAX_LAG_RECORDS";
    public static final String RESTART_WINDOW_ENV = "ORDERTRACK_HEALTH_RESTART_WINDOW_SECONDS";
    public static final String RATE_LIMITS_ENV = "ORDERTRACK_RATE_LIMITS";
    public static final String SEARCH_TIMEOUT_ENV = "ORDERTRACK_SEARCH_TIMEOUT";
    public static final String KAFKA_BOOTSTRAP_SERVERS_ENV = "ORDERTRACK_KAFKA_BOOTSTRAP_SERVERS";
    public static final String ORDERS_TOPIC_ENV = "ORDERTRACK_TOPIC_ORDERS";
    public static final String NDR_ACTIONS_TOPIC_ENV = "ORDERTRACK_TOPIC_NDR_ACTIONS";
    public static final String TRACKING_TOPIC_ENV = "ORDERTRACK_TOPIC_TRACKING";
    public static final String DEAD_LETTERS_TOPIC_ENV = "ORDERTRACK_TOPIC_DEAD_LETTERS";
    public static final String INGEST_SOURCES_ENV = "ORDERTRACK_INGEST_SOURCES";
    public static final String INGEST_SOURCES_FILE_ENV = "ORDERTRACK_INGEST_SOURCES_FILE";
    public static final String INGEST_RATE_LIMIT_ENV = "ORDERTRACK_INGEST_RATE_LIMIT";
    public static final String KAFKA_SEND_TIMEOUT_ENV = "ORDERTRACK_KAFKA_SEND_TIMEOUT";
    public static final String ALERTS_TOPIC_ENV = "ORDERTRACK_TOPIC_ALERTS";
    public static final String WEBHOOK_SUBSCRIPTIONS_INDEX_ENV =
            "ORDERTRACK_WEBHOOK_SUBSCRIPTIONS_INDEX";
    public static final String WEBHOOK_DELIVERIES_INDEX_ENV = "ORDERTRACK_WEBHOOK_DELIVERIES_INDEX";
    public static final String WEBHOOK_CONSUMER_GROUP_ENV = "ORDERTRACK_WEBHOOK_CONSUMER_GROUP";
    public static final String WEBHOOK_RETRIES_ENV = "ORDERTRACK_WEBHOOK_RETRIES";
    public static final String WEBHOOK_TIMEOUT_ENV = "ORDERTRACK_WEBHOOK_TIMEOUT";
    public static final String WEBHOOK_PRIVATE_TARGETS_ENV = "ORDERTRACK_WEBHOOK_PRIVATE_TARGETS";

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final String DEFAULT_ELASTICSEARCH_URL = "http://127.0.0.1:9200";
    public static final String DEFAULT_CONSUMER_GROUP = "ordertrack-order-tracking";
    public static final String DEFAULT_ORDERS_TOPIC = "orders";
    public static final String DEFAULT_NDR_ACTIONS_TOPIC = "ndr-actions";
    public static final String DEFAULT_TRACKING_TOPIC = "tracking";
    public static final String DEFAULT_DEAD_LETTERS_TOPIC = "dead-letters";
    public static final Duration DEFAULT_KAFKA_SEND_TIMEOUT = Duration.ofSeconds(5);
    public static final String DEFAULT_ALERTS_TOPIC = "alerts";
    public static final String DEFAULT_WEBHOOK_CONSUMER_GROUP = "ordertrack-webhooks";

    // Elasticsearch index and alias names: lowercase, no separators or wildcards, not hidden.
    private static final Pattern INDEX_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,254}");

    // Kafka topic names, and host:port lists of brokers.
    private static final Pattern TOPIC_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    private static final Pattern BOOTSTRAP_SERVERS =
            Pattern.compile("[^\\s,]+:\\d{1,5}(,[^\\s,]+:\\d{1,5})*");

    public ApiConfig {
        List<String> problems = new ArrayList<>();
        if (listener == null || listener.host() == null || listener.host().isBlank()) {
            problems.add("host must not be blank");
        }
        if (listener != null && (listener.port() < 0 || listener.port() > 65_535)) {
            problems.add("port must be 0-65535, got " + listener.port());
        }
        String url = elasticsearch == null ? null : elasticsearch.url();
        elasticsearchUrlProblem(url).ifPresent(problems::add);
        if (indices == null) {
            problems.add("indices are required");
        } else {
            indexNameProblem("orders", indices.orders()).ifPresent(problems::add);
            indexNameProblem("alerts", indices.alerts()).ifPresent(problems::add);
            indexNameProblem("inventory", indices.inventory()).ifPresent(problems::add);
            indexNameProblem("metrics", indices.metrics()).ifPresent(problems::add);
            indexNameProblem("routing", indices.routing()).ifPresent(problems::add);
            indexNameProblem("job-status", indices.jobStatus()).ifPresent(problems::add);
        }
        if (apiKeys == null) {
            problems.add("API keys are required");
        }
        if (health == null || health.consumerGroup() == null || health.consumerGroup().isBlank()) {
            problems.add("the job's consumer group must not be blank");
        }
        if (health == null || health.thresholds() == null) {
            problems.add("health thresholds are required");
        }
        if (elasticsearch == null || elasticsearch.security() == null) {
            problems.add(
                    "Elasticsearch security is required (ElasticsearchSecurity.NONE for none)");
        } else if (url != null) {
            elasticsearch.security().problemWith(url).ifPresent(problems::add);
        }
        if (limits == null || limits.rates() == null) {
            problems.add("rate limits are required");
        }
        if (limits == null || limits.search() == null) {
            problems.add("search limits are required");
        }
        kafkaProblems(kafka).forEach(problems::add);
        if (ingest == null) {
            problems.add("ingest sources are required (IngestSources.NONE for none)");
        }
        webhookProblems(webhooks).forEach(problems::add);
        failIfAny(problems);
    }

    /** With the default webhook settings ({@link Webhooks#DEFAULT}). */
    public ApiConfig(
            Listener listener,
            Elasticsearch elasticsearch,
            Indices indices,
            ApiKeys apiKeys,
            Health health,
            Limits limits,
            Kafka kafka,
            IngestSources ingest) {
        this(
                listener,
                elasticsearch,
                indices,
                apiKeys,
                health,
                limits,
                kafka,
                ingest,
                Webhooks.DEFAULT);
    }

    /**
     * A configuration without Kafka nor ingest sources: every route but the NDR actions, which
     * answer 503, and the webhooks, which answer 404 (for tests, benchmarks and deployments that
     * only read).
     */
    public ApiConfig(
            Listener listener,
            Elasticsearch elasticsearch,
            Indices indices,
            ApiKeys apiKeys,
            Health health,
            Limits limits) {
        this(
                listener,
                elasticsearch,
                indices,
                apiKeys,
                health,
                limits,
                Kafka.NONE,
                IngestSources.NONE);
    }

    /**
     * On a free loopback port, reading the Elasticsearch at {@code elasticsearchUrl} without
     * credentials, with the default health settings and without rate limits: for tests and
     * benchmarks.
     */
    public static ApiConfig onLoopback(String elasticsearchUrl, Indices indices, ApiKeys apiKeys) {
        return new ApiConfig(
                Listener.LOOPBACK_ANY_PORT,
                Elasticsearch.at(elasticsearchUrl),
                indices,
                apiKeys,
                Health.DEFAULT,
                Limits.UNLIMITED_RATES);
    }

    /** This configuration with other rate limits. */
    public ApiConfig withRateLimits(RateLimits rates) {
        return withLimits(new Limits(rates, limits.search()));
    }

    /** This configuration with other search limits. */
    public ApiConfig withSearchLimits(SearchLimits search) {
        return withLimits(new Limits(limits.rates(), search));
    }

    /** This configuration writing NDR actions and webhooks to another Kafka. */
    public ApiConfig withKafka(Kafka other) {
        return new ApiConfig(
                listener, elasticsearch, indices, apiKeys, health, limits, other, ingest, webhooks);
    }

    /** This configuration with other settings of the webhooks out. */
    public ApiConfig withWebhooks(Webhooks other) {
        return new ApiConfig(
                listener, elasticsearch, indices, apiKeys, health, limits, kafka, ingest, other);
    }

    /** This configuration taking webhooks from other sources. */
    public ApiConfig withIngest(IngestSources other) {
        return new ApiConfig(
                listener, elasticsearch, indices, apiKeys, health, limits, kafka, other, webhooks);
    }

    private ApiConfig withLimits(Limits other) {
        return new ApiConfig(
                listener, elasticsearch, indices, apiKeys, health, other, kafka, ingest, webhooks);
    }

    /** Reads the configuration from the process environment. */
    public static ApiConfig fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /**
     * Reads the configuration from environment variables ({@code ORDERTRACK_API_HOST}, {@code
     * ORDERTRACK_API_PORT}, {@code ORDERTRACK_ES_URL}, {@code ORDERTRACK_ORDERS_INDEX}, {@code
     * ORDERTRACK_SEARCH_TIMEOUT} (e.g. {@code 10s}, the default), and one of {@code
     * ORDERTRACK_API_KEYS_FILE} or {@code ORDERTRACK_API_KEYS}, and the {@code ORDERTRACK_ES_*}
     * credentials of {@link ElasticsearchSecurity}; for NDR actions {@code
     * ORDERTRACK_KAFKA_BOOTSTRAP_SERVERS} (none by default), {@code ORDERTRACK_TOPIC_ORDERS},
     * {@code ORDERTRACK_TOPIC_NDR_ACTIONS}, {@code ORDERTRACK_KAFKA_SEND_TIMEOUT} and the {@code
     * ORDERTRACK_KAFKA_*} credentials of {@link KafkaSecurity}); for the ingest gateway, the same
     * Kafka, {@code ORDERTRACK_TOPIC_TRACKING}, {@code ORDERTRACK_TOPIC_DEAD_LETTERS} and at most
     * one of {@code ORDERTRACK_INGEST_SOURCES_FILE} or {@code ORDERTRACK_INGEST_SOURCES} (the lines
     * of {@link IngestSources}, separated by ';'; none by default) with {@code
     * ORDERTRACK_INGEST_RATE_LIMIT} (each account's {@code perSecond:burst}, {@code 500:1000} by
     * default, or {@code off}).
     *
     * @throws IllegalArgumentException listing every problem found
     */
    public static ApiConfig fromEnvironment(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        int port = DEFAULT_PORT;
        String portText = env.get(PORT_ENV);
        if (portText != null && !portText.isBlank()) {
            try {
                port = Integer.parseInt(portText.strip());
            } catch (NumberFormatException e) {
                problems.add(PORT_ENV + " must be a number, got '" + portText + "'");
            }
        }
        ApiKeys apiKeys = null;
        try {
            apiKeys = apiKeys(env);
        } catch (RuntimeException e) {
            problems.add(e.getMessage());
        }
        HealthThresholds thresholds = null;
        try {
            thresholds = healthThresholds(env);
        } catch (RuntimeException e) {
            problems.add(e.getMessage());
        }
        ElasticsearchSecurity elasticsearchSecurity = null;
        try {
            elasticsearchSecurity = ElasticsearchSecurity.fromEnvironment(env);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        RateLimits rateLimits = null;
        try {
            rateLimits = RateLimits.parse(env.getOrDefault(RATE_LIMITS_ENV, ""));
        } catch (RuntimeException e) {
            problems.add(RATE_LIMITS_ENV + ": " + e.getMessage());
        }
        SearchLimits searchLimits = SearchLimits.DEFAULT;
        String timeout = env.get(SEARCH_TIMEOUT_ENV);
        if (timeout != null && !timeout.isBlank()) {
            try {
                searchLimits = searchLimits.withTimeout(SearchLimits.parseTimeout(timeout));
            } catch (IllegalArgumentException e) {
                problems.add(SEARCH_TIMEOUT_ENV + ": " + e.getMessage());
            }
        }
        Kafka kafka = null;
        try {
            kafka = kafka(env);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        IngestSources ingest = null;
        try {
            ingest = ingestSources(env);
        } catch (RuntimeException e) {
            problems.add(e.getMessage());
        }
        Webhooks webhooks = null;
        try {
            webhooks = webhooks(env);
        } catch (RuntimeException e) {
            problems.add(e.getMessage());
        }
        failIfAny(problems);
        return new ApiConfig(
                new Listener(env.getOrDefault(HOST_ENV, DEFAULT_HOST), port),
                new Elasticsearch(
                        env.getOrDefault(ELASTICSEARCH_URL_ENV, DEFAULT_ELASTICSEARCH_URL),
                        elasticsearchSecurity),
                new Indices(
                        env.getOrDefault(ORDERS_INDEX_ENV, Indices.DEFAULT.orders()),
                        env.getOrDefault(ALERTS_INDEX_ENV, Indices.DEFAULT.alerts()),
                        env.getOrDefault(INVENTORY_INDEX_ENV, Indices.DEFAULT.inventory()),
                        env.getOrDefault(METRICS_INDEX_ENV, Indices.DEFAULT.metrics()),
                        env.getOrDefault(ROUTING_INDEX_ENV, Indices.DEFAULT.routing()),
                        env.getOrDefault(JOB_STATUS_INDEX_ENV, Indices.DEFAULT.jobStatus()),
                        env.getOrDefault(FEED_HEALTH_INDEX_ENV, Indices.DEFAULT.feedHealth()),
                        env.getOrDefault(COD_INDEX_ENV, Indices.DEFAULT.cod())),
                apiKeys,
                new Health(
                        env.getOrDefault(CONSUMER_GROUP_ENV, DEFAULT_CONSUMER_GROUP), thresholds),
                new Limits(rateLimits, searchLimits),
                kafka,
                ingest,
                webhooks);
    }

    private static Webhooks webhooks(Map<String, String> env) {
        Webhooks defaults = Webhooks.DEFAULT;
        DeliveryRetries retries = defaults.retries();
        String retriesText = env.get(WEBHOOK_RETRIES_ENV);
        if (retriesText != null && !retriesText.isBlank()) {
            try {
                retries = DeliveryRetries.parse(retriesText);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(WEBHOOK_RETRIES_ENV + ": " + e.getMessage());
            }
        }
        Duration timeout = defaults.timeout();
        String timeoutText = env.get(WEBHOOK_TIMEOUT_ENV);
        if (timeoutText != null && !timeoutText.isBlank()) {
            try {
                timeout = SearchLimits.parseTimeout(timeoutText);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(WEBHOOK_TIMEOUT_ENV + ": " + e.getMessage());
            }
        }
        String privateTargets = env.getOrDefault(WEBHOOK_PRIVATE_TARGETS_ENV, "false").strip();
        if (!privateTargets.equals("true") && !privateTargets.equals("false")) {
            throw new IllegalArgumentException(
                    WEBHOOK_PRIVATE_TARGETS_ENV
                            + " must be true or false, got '"
                            + privateTargets
                            + "'");
        }
        return new Webhooks(
                env.getOrDefault(WEBHOOK_SUBSCRIPTIONS_INDEX_ENV, defaults.subscriptionsIndex()),
                env.getOrDefault(WEBHOOK_DELIVERIES_INDEX_ENV, defaults.deliveriesIndex()),
                env.getOrDefault(ALERTS_TOPIC_ENV, defaults.alertsTopic()),
                env.getOrDefault(WEBHOOK_CONSUMER_GROUP_ENV, defaults.consumerGroup()),
                retries,
                timeout,
                Boolean.parseBoolean(privateTargets));
    }

    private static List<String> webhookProblems(Webhooks webhooks) {
        if (webhooks == null) {
            return List.of("webhook settings are required (Webhooks.DEFAULT for the defaults)");
        }
        List<String> problems = new ArrayList<>();
        indexNameProblem("webhook subscriptions", webhooks.subscriptionsIndex())
                .ifPresent(problems::add);
        indexNameProblem("webhook deliveries", webhooks.deliveriesIndex()).ifPresent(problems::add);
        if (webhooks.alertsTopic() == null
                || !TOPIC_NAME.matcher(webhooks.alertsTopic()).matches()) {
            problems.add(
                    "Kafka topic names are 1-249 letters, digits, '.', '_' or '-', got '"
                            + webhooks.alertsTopic()
                            + "'");
        }
        if (webhooks.consumerGroup() == null || webhooks.consumerGroup().isBlank()) {
            problems.add("the webhooks' consumer group must not be blank");
        }
        if (webhooks.retries() == null) {
            problems.add("webhook retries are required");
        }
        if (webhooks.timeout() == null || webhooks.timeout().toMillis() < 1) {
            problems.add("the webhook receivers' timeout must be at least 1ms");
        }
        return problems;
    }

    private static IngestSources ingestSources(Map<String, String> env) {
        String file = env.get(INGEST_SOURCES_FILE_ENV);
        String inline = env.get(INGEST_SOURCES_ENV);
        boolean hasFile = file != null && !file.isBlank();
        boolean hasInline = inline != null && !inline.isBlank();
        if (hasFile && hasInline) {
            throw new IllegalArgumentException(
                    "set at most one of " + INGEST_SOURCES_FILE_ENV + " or " + INGEST_SOURCES_ENV);
        }
        IngestSources sources;
        if (!hasFile) {
            sources = hasInline ? IngestSources.parse(inline) : IngestSources.NONE;
        } else {
            try {
                sources = IngestSources.parse(Files.readString(Path.of(file.strip())));
            } catch (IOException e) {
                throw new IllegalArgumentException(
                        INGEST_SOURCES_FILE_ENV + ": cannot read " + file.strip() + ": " + e);
            }
        }
        String rate = env.get(INGEST_RATE_LIMIT_ENV);
        if (rate == null || rate.isBlank()) {
            return sources;
        }
        if (rate.strip().equalsIgnoreCase("off")) {
            return sources.withRate(null);
        }
        try {
            return sources.withRate(RateLimits.Limit.parse(rate.strip()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(INGEST_RATE_LIMIT_ENV + ": " + e.getMessage());
        }
    }

    private static Kafka kafka(Map<String, String> env) {
        String bootstrapServers = env.get(KAFKA_BOOTSTRAP_SERVERS_ENV);
        String timeout = env.get(KAFKA_SEND_TIMEOUT_ENV);
        Duration sendTimeout = DEFAULT_KAFKA_SEND_TIMEOUT;
        if (timeout != null && !timeout.isBlank()) {
            try {
                sendTimeout = SearchLimits.parseTimeout(timeout);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        KAFKA_SEND_TIMEOUT_ENV
                                + " must be a whole number with ms, s or m (e.g. 5s), got '"
                                + timeout
                                + "'");
            }
        }
        return new Kafka(
                bootstrapServers == null || bootstrapServers.isBlank()
                        ? null
                        : bootstrapServers.strip(),
                KafkaSecurity.fromEnvironment(env),
                env.getOrDefault(ORDERS_TOPIC_ENV, DEFAULT_ORDERS_TOPIC),
                env.getOrDefault(TRACKING_TOPIC_ENV, DEFAULT_TRACKING_TOPIC),
                env.getOrDefault(NDR_ACTIONS_TOPIC_ENV, DEFAULT_NDR_ACTIONS_TOPIC),
                env.getOrDefault(DEAD_LETTERS_TOPIC_ENV, DEFAULT_DEAD_LETTERS_TOPIC),
                sendTimeout);
    }

    private static List<String> kafkaProblems(Kafka kafka) {
        if (kafka == null) {
            return List.of(
                    "the Kafka of NDR actions and webhooks is required (Kafka.NONE for none)");
        }
        List<String> problems = new ArrayList<>();
        if (kafka.configured() && !BOOTSTRAP_SERVERS.matcher(kafka.bootstrapServers()).matches()) {
            problems.add(
                    "Kafka bootstrap servers must look like host:port[,host:port...], got '"
                            + kafka.bootstrapServers()
                            + "'");
        }
        if (kafka.security() == null) {
            problems.add("Kafka security is required (KafkaSecurity.PLAINTEXT for none)");
        }
        for (String topic :
                new String[] {
                    kafka.ordersTopic(),
                    kafka.trackingTopic(),
                    kafka.ndrActionsTopic(),
                    kafka.deadLettersTopic()
                }) {
            if (topic == null || !TOPIC_NAME.matcher(topic).matches()) {
                problems.add(
                        "Kafka topic names are 1-249 letters, digits, '.', '_' or '-', got '"
                                + topic
                                + "'");
            }
        }
        if (kafka.sendTimeout() == null || kafka.sendTimeout().toMillis() < 1) {
            problems.add("the Kafka send timeout must be at least 1ms");
        }
        return problems;
    }

    private static HealthThresholds healthThresholds(Map<String, String> env) {
        HealthThresholds defaults = HealthThresholds.DEFAULT;
        return new HealthThresholds(
                Duration.ofSeconds(number(env, STALE_AFTER_ENV, defaults.staleAfter().toSeconds())),
                Duration.ofSeconds(number(env, DOWN_AFTER_ENV, defaults.downAfter().toSeconds())),
                number(env, MAX_LAG_ENV, defaults.maxLag()),
                Duration.ofSeconds(
                        number(env, RESTART_WINDOW_ENV, defaults.restartWindow().toSeconds())));
    }

    private static long number(Map<String, String> env, String name, long fallback) {
        String text = env.get(name);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got '" + text + "'");
        }
    }

    private static Optional<String> indexNameProblem(String what, String name) {
        return name != null && INDEX_NAME.matcher(name).matches()
                ? Optional.empty()
                : Optional.of(
                        what
                                + " index must be a lowercase Elasticsearch index or alias name,"
                                + " got '"
                                + name
                                + "'");
    }

    private static ApiKeys apiKeys(Map<String, String> env) {
        String file = env.get(API_KEYS_FILE_ENV);
        String inline = env.get(API_KEYS_ENV);
        boolean hasFile = file != null && !file.isBlank();
        boolean hasInline = inline != null && !inline.isBlank();
        if (hasFile == hasInline) {
            throw new IllegalArgumentException(
                    "set exactly one of "
                            + API_KEYS_FILE_ENV
                            + " (a file of '<sha256 hex> <tenantId>' lines) or "
                            + API_KEYS_ENV
                            + " (the same lines separated by ';')");
        }
        return hasFile ? ApiKeys.load(Path.of(file.strip())) : ApiKeys.parse(inline);
    }

    private static Optional<String> elasticsearchUrlProblem(String url) {
        String problem = "Elasticsearch URL must look like http://host:port, got '" + url + "'";
        if (url == null) {
            return Optional.of(problem);
        }
        try {
            URI uri = new URI(url);
            boolean ok =
                    ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                            && uri.getHost() != null;
            return ok ? Optional.empty() : Optional.of(problem);
        } catch (URISyntaxException e) {
            return Optional.of(problem);
        }
    }

    private static void failIfAny(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(
                    "Invalid query-api configuration: " + String.join("; ", problems));
        }
    }
}
