package io.ordertrack.local;

import io.ordertrack.api.ApiConfig;
import io.ordertrack.api.App;
import io.ordertrack.api.health.HealthThresholds;
import io.ordertrack.api.http.RateLimits;
import io.ordertrack.api.ingest.IngestSources;
import io.ordertrack.api.security.ApiKeys;
import io.ordertrack.api.security.WebhookSignature;
import io.ordertrack.jobs.KafkaTopics;
import io.ordertrack.jobs.OrderTrackingConfig;
import io.ordertrack.jobs.OrderTrackingJob;
import io.ordertrack.simulator.ChannelOrderIds;
import io.ordertrack.simulator.FeedProducer;
import io.ordertrack.simulator.SimulationOptions;
import io.ordertrack.simulator.World.Tenant;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole system in one process, against an already running Kafka and Elasticsearch (see {@code
 * deploy/local/run.sh}): the order tracking job on an embedded Flink MiniCluster, the query API,
 * and the simulator's live feed. Stops everything it started on Ctrl-C.
 */
public final class LocalOrdertrack {
    private static final Logger LOG = LoggerFactory.getLogger(LocalOrdertrack.class);
    private static final int PARALLELISM = 2;

    /** Where the local run keeps what must outlive it (run.sh starts it in the repository). */
    private static final Path LOCAL_STATE = Path.of(".local").toAbsolutePath();

    /**
     * Settings of the local run that differ from the job's own defaults (arguments and environment
     * still win): it makes its topics itself on the fresh broker of a first run, and watches for
     * incidents (hub stalls, silent feeds) and the health of every feed, which the job leaves off
     * until their state is kept in Avro.
     */
    private static final List<String> LOCAL_DEFAULTS =
            List.of(
                    "--topics.create",
                    "true",
                    "--topics.partitions",
                    "2",
                    "--incidents.enabled",
                    "true");

    /**
     * The live feed: realistic mess and raw courier codes, a simulated day about every ten minutes
     * from a week ago, one order in ten shipped from a farther warehouse than it could have been
     * (routing misses to see in the routing analytics).
     */
    private static final SimulationOptions FEED =
            SimulationOptions.defaults(1, 1_000_000).withMisroutedShare(0.1);

    private static final Duration FEED_HISTORY = Duration.ofDays(7);
    private static final double FEED_EVENTS_PER_SECOND = 100;

    private LocalOrdertrack() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> environment = System.getenv();
        OrderTrackingConfig jobConfig =
                OrderTrackingConfig.from(withLocalDefaults(args, environment), environment);
        LiveFeed feed =
                new LiveFeed(
                        FEED.withStart(Instant.now().minus(FEED_HISTORY)),
                        jobConfig.kafka().bootstrapServers(),
                        jobConfig.kafka().security(),
                        new FeedProducer.Topics(
                                jobConfig.topics().orders(),
                                jobConfig.topics().tracking(),
                                jobConfig.topics().inventory(),
                                jobConfig.topics().remittances()),
                        FEED_EVENTS_PER_SECOND,
                        LOCAL_STATE.resolve("live-feed.properties"));
        List<Tenant> tenants = feed.simulation().world().tenants();
        Map<String, String> demoKeys = new LinkedHashMap<>();
        Map<String, String> demoSecrets = new LinkedHashMap<>();
        ApiConfig apiConfig =
                apiConfig(jobConfig, environment, tenants, demoKeys)
                        .withIngest(ingestSources(environment, tenants.get(0), demoSecrets));

        KafkaTopics.ensureExist(jobConfig);
        JobClient job =
                startJob(jobConfig, new LocalCheckpoints(LOCAL_STATE.resolve("checkpoints")));
        App.Running api = App.start(apiConfig);
        feed.start();

        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> stop(feed, api, job), "ordertrack-local-stop"));
        printWelcome(
                api.port(), apiConfig.listener().host(), demoKeys, demoSecrets, tenants.get(0));
        job.getJobExecutionResult().get();
    }

    private static ApiConfig apiConfig(
            OrderTrackingConfig jobConfig,
            Map<String, String> environment,
            List<Tenant> tenants,
            Map<String, String> demoKeys) {
        ApiKeys keys;
        if (environment.containsKey(ApiConfig.API_KEYS_ENV)
                || environment.containsKey(ApiConfig.API_KEYS_FILE_ENV)) {
            keys = ApiConfig.fromEnvironment(environment).apiKeys();
        } else {
            List<String> lines = new ArrayList<>();
            for (Tenant tenant : tenants) {
                String key = ApiKeys.newKey();
                demoKeys.put(tenant.id(), key);
                lines.add(ApiKeys.hash(key) + " " + tenant.id());
            }
            keys = ApiKeys.parse(String.join("\n", lines));
        }
        return new ApiConfig(
                        new ApiConfig.Listener(
                                environment.getOrDefault(
                                        ApiConfig.HOST_ENV, ApiConfig.DEFAULT_HOST),
                                Integer.parseInt(
                                        environment.getOrDefault(
                                                ApiConfig.PORT_ENV,
                                                String.valueOf(ApiConfig.DEFAULT_PORT)))),
                        new ApiConfig.Elasticsearch(
                                jobConfig.elasticsearch().url(),
                                jobConfig.elasticsearch().security()),
                        jobConfig.indices(),
                        keys,
                        new ApiConfig.Health(
                                jobConfig.kafka().consumerGroup(), HealthThresholds.DEFAULT),
                        ApiConfig.Limits.UNLIMITED_RATES)
                .withRateLimits(
                        RateLimits.parse(environment.getOrDefault(ApiConfig.RATE_LIMITS_ENV, "")))
                .withKafka(ndrActionsKafka(jobConfig, environment))
                .withWebhooks(localWebhooks(jobConfig));
    }

    /**
     * Webhooks out read the job's alerts topic and may go to receivers on this machine (plain http,
     * loopback): a local run's sellers are its user.
     */
    private static ApiConfig.Webhooks localWebhooks(OrderTrackingConfig jobConfig) {
        ApiConfig.Webhooks defaults = ApiConfig.Webhooks.DEFAULT;
        return new ApiConfig.Webhooks(
                defaults.subscriptionsIndex(),
                defaults.deliveriesIndex(),
                jobConfig.topics().alerts(),
                defaults.consumerGroup(),
                defaults.retries(),
                defaults.timeout(),
                true);
    }

    /**
     * Sellers' NDR actions go to the job's own Kafka and orders topic, and to the NDR actions topic
     * (which the local broker creates on the first action); webhooks to the job's orders, tracking
     * and dead-letters topics.
     */
    private static ApiConfig.Kafka ndrActionsKafka(
            OrderTrackingConfig jobConfig, Map<String, String> environment) {
        return new ApiConfig.Kafka(
                jobConfig.kafka().bootstrapServers(),
                jobConfig.kafka().security(),
                jobConfig.topics().orders(),
                jobConfig.topics().tracking(),
                environment.getOrDefault(
                        ApiConfig.NDR_ACTIONS_TOPIC_ENV, ApiConfig.DEFAULT_NDR_ACTIONS_TOPIC),
                jobConfig.topics().deadLetters(),
                ApiConfig.DEFAULT_KAFKA_SEND_TIMEOUT);
    }

    /**
     * The webhook sources of {@code ORDERTRACK_INGEST_SOURCES[_FILE]}, or else two demo accounts of
     * the first seller, each with a new secret kept in {@code demoSecrets} by its path: Delhivery
     * pushing scans and Shopify pushing orders shipped from the seller's first warehouse.
     */
    private static IngestSources ingestSources(
            Map<String, String> environment, Tenant first, Map<String, String> demoSecrets) {
        if (environment.containsKey(ApiConfig.INGEST_SOURCES_ENV)
                || environment.containsKey(ApiConfig.INGEST_SOURCES_FILE_ENV)) {
            return ApiConfig.fromEnvironment(environment).ingest();
        }
        SecureRandom random = new SecureRandom();
        demoSecrets.put("/ingest/couriers/delhivery", WebhookSignature.newSecret(random));
        demoSecrets.put("/ingest/channels/shopify", WebhookSignature.newSecret(random));
        return IngestSources.parse(
                String.join(
                        "\n",
                        "courier delhivery delhivery "
                                + first.id()
                                + " "
                                + demoSecrets.get("/ingest/couriers/delhivery"),
                        "channel shopify shopify "
                                + first.id()
                                + " "
                                + demoSecrets.get("/ingest/channels/shopify")
                                + " "
                                + first.warehouses().get(0).id()));
    }

    /** The local defaults, then the arguments: the customers' links go to this run's API. */
    private static String[] withLocalDefaults(String[] args, Map<String, String> environment) {
        List<String> all = new ArrayList<>(LOCAL_DEFAULTS);
        all.add("--notifications.tracking-url");
        all.add(
                "http://"
                        + environment.getOrDefault(ApiConfig.HOST_ENV, ApiConfig.DEFAULT_HOST)
                        + ":"
                        + environment.getOrDefault(
                                ApiConfig.PORT_ENV, String.valueOf(ApiConfig.DEFAULT_PORT))
                        + "/track/?reference=");
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }

    /** Starts the job from the latest checkpoint of an earlier run, if there is one. */
    private static JobClient startJob(OrderTrackingConfig config, LocalCheckpoints checkpoints)
            throws Exception {
        Optional<Path> latest = checkpoints.latest();
        if (latest.isPresent()) {
            LOG.info("Resuming the job from its checkpoint {}", latest.get());
        } else {
            LOG.info("No checkpoint of an earlier run: the job starts with empty state");
        }
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironment(
                        PARALLELISM, checkpoints.configuration(latest));
        OrderTrackingJob.enableCheckpointing(env, config);
        OrderTrackingJob.fromConfig(config).defineWorkflow(env);
        return env.executeAsync(OrderTrackingJob.NAME);
    }

    private static void printWelcome(
            int port,
            String host,
            Map<String, String> demoKeys,
            Map<String, String> demoSecrets,
            Tenant first) {
        String url = "http://" + host + ":" + port;
        StringBuilder text = new StringBuilder();
        text.append("\n  ordertrack is running. Console: ")
                .append(url)
                .append("/ (sign in with one of the keys below)   (Ctrl-C stops everything)\n");
        demoKeys.forEach(
                (tenant, key) ->
                        text.append("  API key of ")
                                .append(tenant)
                                .append(": ")
                                .append(key)
                                .append('\n'));
        String key = demoKeys.get(first.id());
        if (key != null) {
            String firstOrder = ChannelOrderIds.of(first.channels().get(0), 1);
            text.append("  try: curl -H 'X-Api-Key: ")
                    .append(key)
                    .append("' '")
                    .append(url)
                    .append("/api/orders?clientOrderId=")
                    .append(URLEncoder.encode(firstOrder, StandardCharsets.UTF_8))
                    .append("'\n");
            text.append("  alert webhooks to your URL: curl -H 'X-Api-Key: ")
                    .append(key)
                    .append("' -H 'Content-Type: application/json' -d '{\"url\":")
                    .append(" \"http://127.0.0.1:9000/hook\", \"alertTypes\": [\"NDR\"]}' ")
                    .append(url)
                    .append("/api/webhooks\n");
        }
        text.append("  customers' tracking page: ").append(url).append("/track/\n");
        demoSecrets.forEach(
                (path, secret) ->
                        text.append("  webhooks of ")
                                .append(first.id())
                                .append(": deploy/local/push-webhook.sh ")
                                .append(url)
                                .append(path)
                                .append(' ')
                                .append(secret)
                                .append(" <file.json>\n"));
        System.out.println(text);
    }

    private static void stop(LiveFeed feed, App.Running api, JobClient job) {
        LOG.info("Stopping ordertrack");
        try {
            feed.close();
            api.close();
            job.cancel().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Stopping did not finish cleanly: {}", e.toString());
        }
    }
}
