package io.ordertrack.local;

import io.ordertrack.api.ApiConfig;
import io.ordertrack.api.App;
import io.ordertrack.api.security.ApiKeys;
import io.ordertrack.jobs.OrderTrackingConfig;
import io.ordertrack.jobs.OrderTrackingJob;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole system in one process, against an already running Kafka and Elasticsearch (see {@code
 * deploy/local/run.sh}): the order tracking job on an embedded Flink MiniCluster, the query API,
 * and the sample feed. Stops everything it started on Ctrl-C.
 */
public final class LocalOrdertrack {
    private static final Logger LOG = LoggerFactory.getLogger(LocalOrdertrack.class);
    private static final int PARALLELISM = 2;
    private static final int PARTITIONS = 2;

    private LocalOrdertrack() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> environment = System.getenv();
        OrderTrackingConfig jobConfig = OrderTrackingConfig.from(args, environment);
        Map<String, String> demoKeys = new LinkedHashMap<>();
        ApiConfig apiConfig = apiConfig(jobConfig, environment, demoKeys);

        createTopics(jobConfig);
        JobClient job = startJob(jobConfig);
        App.Running api = App.start(apiConfig);
        EventPublisher publisher =
                new EventPublisher(
                        jobConfig.kafkaBootstrapServers(),
                        jobConfig.ordersTopic(),
                        jobConfig.trackingTopic());
        SampleFeed feed = new SampleFeed(publisher, Duration.ofSeconds(3));
        feed.start();

        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(() -> stop(feed, publisher, api, job), "ordertrack-local-stop"));
        printWelcome(api.port(), apiConfig.host(), demoKeys, feed.firstClientOrderId());
        job.getJobExecutionResult().get();
    }

    private static ApiConfig apiConfig(
            OrderTrackingConfig jobConfig,
            Map<String, String> environment,
            Map<String, String> demoKeys) {
        ApiKeys keys;
        if (environment.containsKey(ApiConfig.API_KEYS_ENV)
                || environment.containsKey(ApiConfig.API_KEYS_FILE_ENV)) {
            keys = ApiConfig.fromEnvironment(environment).apiKeys();
        } else {
            List<String> lines = new ArrayList<>();
            for (String tenant : SampleFeed.TENANTS) {
                String key = ApiKeys.newKey();
                demoKeys.put(tenant, key);
                lines.add(ApiKeys.hash(key) + " " + tenant);
            }
            keys = ApiKeys.parse(String.join("\n", lines));
        }
        return new ApiConfig(
                environment.getOrDefault(ApiConfig.HOST_ENV, ApiConfig.DEFAULT_HOST),
                Integer.parseInt(
                        environment.getOrDefault(
                                ApiConfig.PORT_ENV, String.valueOf(ApiConfig.DEFAULT_PORT))),
                jobConfig.elasticsearchUrl(),
                jobConfig.ordersIndex(),
                keys);
    }

    private static void createTopics(OrderTrackingConfig config) throws Exception {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrapServers());
        try (Admin admin = Admin.create(properties)) {
            var existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing =
                    List.of(config.ordersTopic(), config.trackingTopic(), config.deadLettersTopic())
                            .stream()
                            .filter(topic -> !existing.contains(topic))
                            .map(topic -> new NewTopic(topic, PARTITIONS, (short) 1))
                            .toList();
            admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static JobClient startJob(OrderTrackingConfig config) throws Exception {
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironment(PARALLELISM);
        env.enableCheckpointing(config.checkpointInterval().toMillis());
        OrderTrackingJob.fromConfig(config).defineWorkflow(env);
        return env.executeAsync(OrderTrackingJob.NAME);
    }

    private static void printWelcome(
            int port, String host, Map<String, String> demoKeys, String sampleOrder) {
        String url = "http://" + host + ":" + port;
        StringBuilder text = new StringBuilder();
        text.append("\n  ordertrack is running. API: ")
                .append(url)
                .append("   (Ctrl-C stops everything)\n");
        demoKeys.forEach(
                (tenant, key) ->
                        text.append("  API key of ")
                                .append(tenant)
                                .append(": ")
                                .append(key)
                                .append('\n'));
        demoKeys.values().stream()
                .findFirst()
                .ifPresent(
                        key ->
                                text.append("  try: curl -H 'X-Api-Key: ")
                                        .append(key)
                                        .append("' '")
                                        .append(url)
                                        .append("/api/orders?clientOrderId=")
                                        .append(sampleOrder)
                                        .append("'\n"));
        System.out.println(text);
    }

    private static void stop(
            SampleFeed feed, EventPublisher publisher, App.Running api, JobClient job) {
        LOG.info("Stopping ordertrack");
        try {
            feed.close();
            publisher.close();
            api.close();
            job.cancel().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Stopping did not finish cleanly: {}", e.toString());
        }
    }
}
