package io.ordertrack.local;

import io.ordertrack.api.ApiConfig;
import io.ordertrack.api.App;
import io.ordertrack.api.security.ApiKeys;
import io.ordertrack.jobs.OrderTrackingConfig;
import io.ordertrack.jobs.OrderTrackingJob;
import io.ordertrack.testkit.ElasticsearchServer;
import io.ordertrack.testkit.KafkaServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The whole system for one test class: its own topics, consumer group and index on the shared real
 * Kafka broker and Elasticsearch node, the order tracking job on the test's Flink MiniCluster, and
 * the API with one key per tenant.
 */
final class RunningSystem implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final String orders;
    final String tracking;
    final String inventory;
    final String deadLetters;
    final String consumerGroup;
    final String ordersIndex;
    private final JobClient job;
    private final App.Running api;

    private RunningSystem(String run, Map<String, String> apiKeysByTenant) throws Exception {
        orders = "orders-" + run;
        tracking = "tracking-" + run;
        inventory = "inventory-" + run;
        deadLetters = "dead-letters-" + run;
        consumerGroup = "order-tracking-" + run;
        ordersIndex = "orders-" + run;
        KafkaServer.shared().createTopics(2, orders, tracking, inventory, deadLetters);
        OrderTrackingConfig config = OrderTrackingConfig.from(arguments(), Map.of());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(config.checkpointInterval().toMillis());
        OrderTrackingJob.fromConfig(config).defineWorkflow(env);
        job = env.executeAsync(OrderTrackingJob.NAME);
        StringBuilder keys = new StringBuilder();
        apiKeysByTenant.forEach(
                (tenant, key) ->
                        keys.append(ApiKeys.hash(key)).append(' ').append(tenant).append('\n'));
        api =
                App.start(
                        new ApiConfig(
                                "127.0.0.1",
                                0,
                                elasticsearchUrl(),
                                ordersIndex,
                                ApiKeys.parse(keys.toString())));
    }

    /** Starts it under names of its own ({@code run} tells them apart). */
    static RunningSystem start(String run, Map<String, String> apiKeysByTenant) throws Exception {
        return new RunningSystem(run, apiKeysByTenant);
    }

    static String kafkaBootstrapServers() {
        return KafkaServer.shared().bootstrapServers();
    }

    static String elasticsearchUrl() {
        return ElasticsearchServer.shared().url();
    }

    /** An authenticated GET on the API. */
    HttpResponse<String> get(String path, String apiKey) throws Exception {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
                        .header("X-Api-Key", apiKey)
                        .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** An order id as a path segment. */
    static String encode(String orderId) {
        return URLEncoder.encode(orderId, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private String[] arguments() {
        return new String[] {
            "--kafka.bootstrap.servers", kafkaBootstrapServers(),
            "--topic.orders", orders,
            "--topic.tracking", tracking,
            "--topic.dead-letters", deadLetters,
            "--consumer.group", consumerGroup,
            "--elasticsearch.url", elasticsearchUrl(),
            "--index.orders", ordersIndex,
            "--checkpoint.interval", "1s"
        };
    }

    @Override
    public void close() throws Exception {
        api.close();
        job.cancel().get(30, TimeUnit.SECONDS);
    }
}
