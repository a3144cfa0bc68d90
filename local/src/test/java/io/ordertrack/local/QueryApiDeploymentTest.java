package io.ordertrack.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.ordertrack.api.ApiConfig;
import io.ordertrack.api.App;
import io.ordertrack.api.security.ApiKeys;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API's Kubernetes Deployment (deploy/kubernetes/query-api.yaml) against the API itself: its
 * settings start the API, its probes reach it where it listens, and the readiness probe, which
 * sends no API key, gets the health report rather than a refusal.
 */
class QueryApiDeploymentTest {
    private static final Path MANIFEST = Path.of("../deploy/kubernetes/query-api.yaml");
    private static final Path JOB_MANIFEST = Path.of("../deploy/kubernetes/order-tracking.yaml");

    private static JsonNode container;

    @BeforeAll
    static void readTheDeployment() throws IOException {
        try (MappingIterator<JsonNode> objects =
                new YAMLMapper().readerFor(JsonNode.class).readValues(MANIFEST.toFile())) {
            while (objects.hasNext()) {
                JsonNode object = objects.next();
                if ("Deployment".equals(object.path("kind").asText())) {
                    container = object.at("/spec/template/spec/containers/0");
                }
            }
        }
        assertThat(container).as("the Deployment's container").isNotNull();
    }

    @Test
    void theProbesAskThePortTheApiListensOnOnEveryInterface() {
        Map<String, String> env = plainEnvironment();
        JsonNode http = container.path("ports").get(0);

        assertThat(http.path("name").asText()).isEqualTo("http");
        assertThat(http.path("containerPort").asInt())
                .isEqualTo(Integer.parseInt(env.get(ApiConfig.PORT_ENV)));
        assertThat(env.get(ApiConfig.HOST_ENV)).isEqualTo("0.0.0.0");
        assertThat(container.at("/readinessProbe/httpGet/port").asText()).isEqualTo("http");
        assertThat(container.at("/livenessProbe/tcpSocket/port").asText()).isEqualTo("http");
    }

    @Test
    void ndrActionsGoToTheJobsKafkaAndOrdersTopicWithItsCredentials() throws IOException {
        List<String> jobArguments = new ArrayList<>();
        try (MappingIterator<JsonNode> objects =
                new YAMLMapper().readerFor(JsonNode.class).readValues(JOB_MANIFEST.toFile())) {
            while (objects.hasNext()) {
                objects.next().at("/spec/job/args").forEach(arg -> jobArguments.add(arg.asText()));
            }
        }
        Map<String, String> env = plainEnvironment();

        assertThat(env.get(ApiConfig.KAFKA_BOOTSTRAP_SERVERS_ENV))
                .isEqualTo(argumentOf(jobArguments, "--kafka.bootstrap.servers", null));
        assertThat(env.get(ApiConfig.ORDERS_TOPIC_ENV))
                .isEqualTo(argumentOf(jobArguments, "--topic.orders", "orders"));
        assertThat(container.at("/envFrom/0/secretRef/name").asText())
                .as("the Secret of the job's Kafka credentials")
                .isEqualTo("ordertrack-kafka");
    }

    @Test
    void theReadinessProbeGetsTheHealthReportWithoutAnApiKey(@TempDir Path secrets)
            throws Exception {
        Path keys = secrets.resolve("keys");
        Files.writeString(keys, ApiKeys.hash(ApiKeys.newKey()) + " acme-fashion\n");
        Map<String, String> env = plainEnvironment();
        // The pod's settings, on this machine: a free port, the keys Secret's file, and an
        // Elasticsearch (so the report is DOWN, with its 503) and a Kafka nobody runs.
        env.put(ApiConfig.HOST_ENV, "127.0.0.1");
        env.put(ApiConfig.PORT_ENV, "0");
        env.put(ApiConfig.API_KEYS_FILE_ENV, keys.toString());
        env.put(ApiConfig.ELASTICSEARCH_URL_ENV, "http://127.0.0.1:" + freePort());
        env.put(ApiConfig.KAFKA_BOOTSTRAP_SERVERS_ENV, "127.0.0.1:" + freePort());

        try (App.Running api = App.start(ApiConfig.fromEnvironment(env))) {
            String path = container.at("/readinessProbe/httpGet/path").asText();
            HttpResponse<String> response =
                    HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(
                                                    URI.create(
                                                            "http://127.0.0.1:"
                                                                    + api.port()
                                                                    + path))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body()).contains("\"status\":\"DOWN\"", "Elasticsearch");
        }
    }

    /** The value following {@code name} in the job's arguments, or {@code fallback}. */
    private static String argumentOf(List<String> arguments, String name, String fallback) {
        int at = arguments.indexOf(name);
        return at < 0 ? fallback : arguments.get(at + 1);
    }

    /** The container's environment variables that have a plain value (not from a Secret). */
    private static Map<String, String> plainEnvironment() {
        Map<String, String> env = new HashMap<>();
        for (JsonNode variable : container.path("env")) {
            if (variable.has("value")) {
                env.put(variable.path("name").asText(), variable.path("value").asText());
            }
        }
        return env;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
