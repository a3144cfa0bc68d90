package io.ordertrack.local;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ordertrack.api.ApiConfig;
import io.ordertrack.api.App;
import io.ordertrack.api.elasticsearch.ElasticsearchClients;
import io.ordertrack.api.health.HealthThresholds;
import io.ordertrack.api.security.ApiKeys;
import io.ordertrack.connections.ElasticsearchSecurity;
import io.ordertrack.connections.KafkaSecurity;
import io.ordertrack.documents.Indices;
import io.ordertrack.jobs.OrderTrackingConfig;
import io.ordertrack.jobs.OrderTrackingJob;
import io.ordertrack.simulator.FeedProducer;
import io.ordertrack.simulator.SimulatedRecord;
import io.ordertrack.testkit.ElasticsearchServer;
import io.ordertrack.testkit.KafkaServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.util.FileUtils;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The whole system for one test class: its own topics, consumer group and index on the shared real
 * Kafka broker and Elasticsearch node, the order tracking job on the test's Flink MiniCluster, and
 * the API with one key per tenant.
 */
final class RunningSystem implements AutoCloseable {
    /** Partitions of each topic of a run. */
    static final int PARTITIONS = 2;

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    final String orders;
    final String tracking;
    final String inventory;
    final String remittances;
    final String deadLetters;
    final String consumerGroup;
    final String ordersIndex;
    final String alertsIndex;
    final String inventoryIndex;
    final String metricsIndex;
    final String routingIndex;
    final String alerts;
    final String notifications;
    final String ndrActions;
    final String jobStatusIndex;
    final String feedHealthIndex;
    final String codIndex;
    private final OrderTrackingConfig config;
    private final Path checkpoints;
    private final boolean failOnFirstError;
    private JobClient job;
    private final App.Running api;

    private RunningSystem(
            String run,
            Map<String, String> apiKeysByTenant,
            SavepointRestoreSettings restore,
            List<String> moreJobArguments,
            HealthThresholds health,
            boolean failOnFirstError,
            List<SimulatedRecord> feedBeforeTheJob)
            throws Exception {
        this.failOnFirstError = failOnFirstError;
        orders = "orders-" + run;
        tracking = "tracking-" + run;
        inventory = "inventory-" + run;
        remittances = "remittances-" + run;
        deadLetters = "dead-letters-" + run;
        consumerGroup = "order-tracking-" + run;
        ordersIndex = "orders-" + run;
        alertsIndex = "alerts-" + run;
        inventoryIndex = "inventory-" + run;
        metricsIndex = "metrics-" + run;
        routingIndex = "routing-" + run;
        alerts = "alerts-" + run;
        notifications = "notifications-" + run;
        ndrActions = "ndr-actions-" + run;
        jobStatusIndex = "job-status-" + run;
        feedHealthIndex = "feed-health-" + run;
        codIndex = "cod-" + run;
        KafkaServer.shared().createTopics(PARTITIONS, topicNames().toArray(String[]::new));
        if (!feedBeforeTheJob.isEmpty()) {
            try (FeedProducer producer = new FeedProducer(kafkaBootstrapServers(), topics())) {
                producer.send(feedBeforeTheJob.iterator());
            }
        }
        List<String> jobArguments =
                new ArrayList<>(JobArguments.of(run, kafkaBootstrapServers(), elasticsearchUrl()));
        jobArguments.addAll(moreJobArguments);
        config = OrderTrackingConfig.from(jobArguments.toArray(String[]::new), Map.of());
        checkpoints = Files.createTempDirectory(Path.of("target"), "checkpoints-" + run);
        job = startJob(restore);
        StringBuilder keys = new StringBuilder();
        apiKeysByTenant.forEach(
                (tenant, key) ->
                        keys.append(ApiKeys.hash(key)).append(' ').append(tenant).append('\n'));
        api =
                App.start(
                        new ApiConfig(
                                        ApiConfig.Listener.LOOPBACK_ANY_PORT,
                                        new ApiConfig.Elasticsearch(
                                                elasticsearchUrl(), ElasticsearchSecurity.NONE),
                                        new Indices(
                                                ordersIndex,
                                                alertsIndex,
                                                inventoryIndex,
                                                metricsIndex,
                                                routingIndex,
                                                jobStatusIndex,
                                                feedHealthIndex,
                                                codIndex),
                                        ApiKeys.parse(keys.toString()),
                                        new ApiConfig.Health(consumerGroup, health),
                                        ApiConfig.Limits.UNLIMITED_RATES)
                                .withKafka(
                                        new ApiConfig.Kafka(
                                                kafkaBootstrapServers(),
                                                KafkaSecurity.PLAINTEXT,
                                                orders,
                                                ndrActions,
                                                Duration.ofSeconds(10))));
    }

    /**
     * Stops the job as a crash would leave it (its last checkpoint kept) and starts it again from
     * that checkpoint.
     */
    void restartFromLatestCheckpoint() throws Exception {
        cancelJob();
        resumeFromLatestCheckpoint();
    }

    /** Cancels the job, its last checkpoint kept. */
    void cancelJob() throws Exception {
        job.cancel().get(30, TimeUnit.SECONDS);
    }

    /** Starts the cancelled job again from its last checkpoint. */
    void resumeFromLatestCheckpoint() throws Exception {
        job =
                startJob(
                        SavepointRestoreSettings.forPath(
                                latestCheckpoint(job.getJobID()).toString()));
    }

    /**
     * Waits until the job has read everything now in its input topics and completed a checkpoint
     * after it: the source commits its offsets to Kafka only then.
     */
    void awaitInputConsumed() throws Exception {
        try (Admin admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                kafkaBootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (String topic : List.of(orders, tracking, inventory)) {
                for (int partition = 0; partition < 2; partition++) {
                    latest.put(new TopicPartition(topic, partition), OffsetSpec.latest());
                }
            }
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest)
                    .all()
                    .get()
                    .forEach((partition, info) -> ends.put(partition, info.offset()));
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(500))
                    .until(
                            () -> {
                                Map<TopicPartition, OffsetAndMetadata> committed =
                                        admin.listConsumerGroupOffsets(consumerGroup)
                                                .partitionsToOffsetAndMetadata()
                                                .get();
                                return ends.entrySet().stream()
                                        .allMatch(
                                                end ->
                                                        end.getValue() == 0
                                                                || (committed.get(end.getKey())
                                                                                != null
                                                                        && committed
                                                                                        .get(
                                                                                                end
                                                                                                        .getKey())
                                                                                        .offset()
                                                                                >= end.getValue()));
                            });
        }
    }

    private JobClient startJob(SavepointRestoreSettings restore) throws Exception {
        Configuration checkpointing = new Configuration();
        checkpointing.set(
                CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        checkpointing.set(
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        if (restore.restoreSavepoint()) {
            checkpointing.set(StateRecoveryOptions.SAVEPOINT_PATH, restore.getRestorePath());
        }
        if (failOnFirstError) {
            checkpointing.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.configure(checkpointing);
        env.setParallelism(2);
        OrderTrackingJob.enableCheckpointing(env, config);
        OrderTrackingJob.fromConfig(config).defineWorkflow(env);
        StreamGraph graph = env.getStreamGraph();
        graph.setJobName(OrderTrackingJob.NAME);
        graph.setSavepointRestoreSettings(restore);
        return env.executeAsync(graph);
    }

    private Path latestCheckpoint(JobID jobId) throws Exception {
        try (Stream<Path> found = Files.list(checkpoints.resolve(jobId.toHexString()))) {
            return found.filter(dir -> dir.getFileName().toString().startsWith("chk-"))
                    .filter(dir -> Files.exists(dir.resolve("_metadata")))
                    .max(
                            Comparator.comparingInt(
                                    dir ->
                                            Integer.parseInt(
                                                    dir.getFileName().toString().substring(4))))
                    .orElseThrow(
                            () -> new IllegalStateException("no completed checkpoint of " + jobId));
        }
    }

    /** Starts it under names of its own ({@code run} tells them apart). */
    static RunningSystem start(String run, Map<String, String> apiKeysByTenant) throws Exception {
        return start(run, apiKeysByTenant, List.of(), HealthThresholds.DEFAULT);
    }

    /**
     * Starts it with more job arguments (they win over the test defaults) and the API's health
     * thresholds.
     */
    static RunningSystem start(
            String run,
            Map<String, String> apiKeysByTenant,
            List<String> moreJobArguments,
            HealthThresholds health)
            throws Exception {
        return new RunningSystem(
                run,
                apiKeysByTenant,
                SavepointRestoreSettings.none(),
                moreJobArguments,
                health,
                false,
                List.of());
    }

    /**
     * Starts it with a job that never restarts: any failure fails it for good, so a job still
     * running at the end restarted zero times.
     */
    static RunningSystem startWithoutRestarts(String run, Map<String, String> apiKeysByTenant)
            throws Exception {
        return new RunningSystem(
                run,
                apiKeysByTenant,
                SavepointRestoreSettings.none(),
                List.of(),
                HealthThresholds.DEFAULT,
                true,
                List.of());
    }

    /** The job's status now. */
    JobStatus jobStatus() throws Exception {
        return job.getJobStatus().get(30, TimeUnit.SECONDS);
    }

    /**
     * Starts it with the job restored from a savepoint, its input topics holding {@code feed}
     * before the job starts. The savepoint names the input topics it had read, so {@code run} must
     * be the run it was taken in, and the offsets it read up to: a job that found its offset beyond
     * the end of a topic still being filled would read that topic again from the start.
     */
    static RunningSystem startFrom(
            String savepoint, String run, Map<String, String> apiKeys, List<SimulatedRecord> feed)
            throws Exception {
        return new RunningSystem(
                run,
                apiKeys,
                SavepointRestoreSettings.forPath(savepoint, false),
                List.of(),
                HealthThresholds.DEFAULT,
                false,
                feed);
    }

    /** Stops the job with a savepoint (portable between state backends) into a folder. */
    String stopWithSavepoint(Path folder) throws Exception {
        return job.stopWithSavepoint(
                        false, folder.toUri().toString(), SavepointFormatType.CANONICAL)
                .get(2, TimeUnit.MINUTES);
    }

    /** The input topics of this system, for a simulator feed. */
    FeedProducer.Topics topics() {
        return new FeedProducer.Topics(orders, tracking, inventory, remittances);
    }

    static String kafkaBootstrapServers() {
        return KafkaServer.shared().bootstrapServers();
    }

    static String elasticsearchUrl() {
        return ElasticsearchServer.shared().url();
    }

    /** The API's address, e.g. {@code http://127.0.0.1:41234}. */
    String apiUrl() {
        return "http://127.0.0.1:" + api.port();
    }

    /** An authenticated GET on the API. */
    HttpResponse<String> get(String path, String apiKey) throws Exception {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
                        .header("X-Api-Key", apiKey)
                        .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The order's document through the API once it meets the condition. Four minutes at most: a
     * quiet partition holds the watermark back until it is taken for idle (a minute), and old
     * events wait for the risk scorer until the feeds have been quiet for a minute (see
     * RtoLearning), which a watermark that moves meanwhile restarts.
     */
    JsonNode awaitOrder(String orderId, String apiKey, Predicate<JsonNode> condition) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> {
                            HttpResponse<String> response =
                                    get("/api/orders/" + encode(orderId), apiKey);
                            if (response.statusCode() != 200) {
                                return false;
                            }
                            found[0] = JSON.readTree(response.body());
                            return condition.test(found[0]);
                        });
        return found[0];
    }

    /** An authenticated POST of a JSON body on the API. */
    HttpResponse<String> post(String path, String apiKey, String json) throws Exception {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
                        .header("X-Api-Key", apiKey)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A GET on the API without a key, as a load balancer asks for {@code /health}. */
    HttpResponse<String> getPublic(String path) throws Exception {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** An order id as a path segment. */
    static String encode(String orderId) {
        return URLEncoder.encode(orderId, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The Kafka topics of this system. */
    private List<String> topicNames() {
        return List.of(
                orders,
                tracking,
                inventory,
                remittances,
                deadLetters,
                alerts,
                notifications,
                ndrActions);
    }

    /**
     * Deletes the topics and indices of this system (after {@link #close}), so that another run of
     * the same name starts from nothing.
     */
    void discard() throws Exception {
        try (Admin admin =
                        Admin.create(
                                Map.of(
                                        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                        kafkaBootstrapServers()));
                ElasticsearchClients elasticsearch =
                        ElasticsearchClients.create(elasticsearchUrl())) {
            admin.deleteTopics(topicNames()).all().get();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !admin.listTopics().names().get().contains(orders));
            for (String alias :
                    List.of(
                            ordersIndex,
                            alertsIndex,
                            inventoryIndex,
                            metricsIndex,
                            routingIndex,
                            jobStatusIndex,
                            feedHealthIndex,
                            codIndex)) {
                for (String index :
                        elasticsearch
                                .client()
                                .indices()
                                .get(
                                        g ->
                                                g.index(alias)
                                                        .ignoreUnavailable(true)
                                                        .allowNoIndices(true))
                                .result()
                                .keySet()) {
                    elasticsearch.client().indices().delete(d -> d.index(index));
                }
            }
        }
    }

    @Override
    public void close() throws Exception {
        api.close();
        if (!job.getJobStatus().get(30, TimeUnit.SECONDS).isGloballyTerminalState()) {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
        // A run's checkpoints are its own (savepoints go to a folder of the test's choosing).
        FileUtils.deleteDirectoryQuietly(checkpoints.toFile());
    }
}
