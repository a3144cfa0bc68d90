package io.ordertrack.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ordertrack.api.ApiConfig;
import io.ordertrack.api.App;
import io.ordertrack.api.elasticsearch.ElasticsearchClients;
import io.ordertrack.api.security.ApiKeyAuthentication;
import io.ordertrack.api.security.ApiKeys;
import io.ordertrack.connections.ElasticsearchSecurity;
import io.ordertrack.jobs.OrderTrackingConfig;
import io.ordertrack.jobs.elasticsearch.ElasticsearchConnection;
import io.ordertrack.simulator.FeedProducer;
import io.ordertrack.simulator.SimulationOptions;
import io.ordertrack.testkit.ElasticsearchServer;
import io.ordertrack.testkit.KafkaServer;
import io.ordertrack.testkit.LocalhostCertificate;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job and the API against an Elasticsearch node with security on, which speaks HTTPS only and
 * where every request must log in: both read the user and the CA file from the environment and the
 * password from a mounted file, the job's sinks index every order of a simulated run as the oracle
 * says, and the API serves them. A wrong password is refused with Elasticsearch's own
 * authentication error, and a client without the CA by the TLS handshake, at once.
 */
class SecuredElasticsearchIT {
    @RegisterExtension static final MiniClusterExtension FLINK = TestFlink.cluster();

    private static final String USER = "ordertrack";
    private static final String PASSWORD = "es-secret-9";
    private static final SimulationOptions RUN =
            SimulationOptions.defaults(31, 100).withOrdersPerDay(100);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir static Path secrets;

    private static ElasticsearchServer secured;

    @BeforeAll
    static void startANodeThatRequiresALoginOverHttps() {
        secured = ElasticsearchServer.startDedicatedWithUserOverHttps(USER, PASSWORD);
    }

    @AfterAll
    static void stop() {
        secured.stop();
    }

    @Test
    void theJobIndexesAndTheApiServesWithBasicAuthOverHttps() throws Exception {
        String run = "secured-es-" + Long.toString(System.currentTimeMillis(), 36);
        Path passwordFile = Files.writeString(secrets.resolve("es-password"), PASSWORD + "\n");
        Map<String, String> credentials =
                Map.of(
                        "ORDERTRACK_ES_USERNAME",
                        USER,
                        "ORDERTRACK_ES_PASSWORD_FILE",
                        passwordFile.toString(),
                        "ORDERTRACK_ES_CA_FILE",
                        LocalhostCertificate.caFile().toString());
        KafkaServer.shared()
                .createTopics(
                        2,
                        "orders-" + run,
                        "tracking-" + run,
                        "inventory-" + run,
                        "remittances-" + run,
                        "dead-letters-" + run,
                        "alerts-" + run,
                        "notifications-" + run);
        OrderTrackingConfig config =
                OrderTrackingConfig.from(
                        JobArguments.of(run, KafkaServer.shared().bootstrapServers(), secured.url())
                                .toArray(String[]::new),
                        credentials);
        SimulatedRun simulated = SimulatedRun.of(RUN);
        String tenant = simulated.world().tenants().get(0).id();
        String key = ApiKeys.newKey();
        Map<String, String> apiEnvironment = new HashMap<>(credentials);
        apiEnvironment.putAll(
                Map.of(
                        ApiConfig.PORT_ENV,
                        "0",
                        ApiConfig.ELASTICSEARCH_URL_ENV,
                        secured.url(),
                        ApiConfig.ORDERS_INDEX_ENV,
                        "orders-" + run,
                        ApiConfig.API_KEYS_ENV,
                        ApiKeys.hash(key) + " " + tenant));
        JobClient job = SimulatedJobRun.start(config);
        try (App.Running api = App.start(ApiConfig.fromEnvironment(apiEnvironment));
                ElasticsearchClients elasticsearch =
                        ElasticsearchClients.create(
                                secured.url(),
                                ElasticsearchSecurity.fromEnvironment(credentials))) {
            try (FeedProducer producer =
                    new FeedProducer(
                            KafkaServer.shared().bootstrapServers(), SimulatedJobRun.topics(run))) {
                producer.send(simulated.records().iterator());
            }
            SimulatedJobRun.assertIndexedAsTheOracleSays(elasticsearch, run, simulated);

            HttpResponse<String> answer = ordersOf(api, key);
            assertThat(answer.statusCode()).isEqualTo(200);
            JsonNode orders = JSON.readTree(answer.body()).path("orders");
            assertThat(orders).isNotEmpty();
            orders.forEach(order -> assertThat(order.path("tenantId").asText()).isEqualTo(tenant));
        } finally {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aWrongPasswordIsRefusedWithElasticsearchsAuthenticationError() {
        ElasticsearchSecurity wrongPassword =
                ElasticsearchSecurity.fromEnvironment(
                        Map.of(
                                "ORDERTRACK_ES_USERNAME",
                                USER,
                                "ORDERTRACK_ES_PASSWORD",
                                "not-" + PASSWORD,
                                "ORDERTRACK_ES_CA_FILE",
                                LocalhostCertificate.caFile().toString()));
        try (ElasticsearchClients elasticsearch =
                ElasticsearchClients.create(secured.url(), wrongPassword)) {
            assertThatThrownBy(() -> elasticsearch.client().info())
                    .hasMessageContaining("security_exception")
                    .hasMessageContaining("unable to authenticate user [" + USER + "]")
                    .hasMessageNotContaining(PASSWORD);
        }
    }

    @Test
    void withoutTheCaTheJobsAndTheApisClientsAreRefusedByTheTlsHandshake() {
        ElasticsearchSecurity withoutTheCa =
                ElasticsearchSecurity.fromEnvironment(
                        Map.of("ORDERTRACK_ES_USERNAME", USER, "ORDERTRACK_ES_PASSWORD", PASSWORD));

        assertTimeoutPreemptively(
                Duration.ofSeconds(30),
                () -> {
                    try (ElasticsearchConnection job =
                                    ElasticsearchConnection.open(secured.url(), withoutTheCa);
                            ElasticsearchClients api =
                                    ElasticsearchClients.create(secured.url(), withoutTheCa)) {
                        assertThatThrownBy(() -> job.client().info())
                                .isInstanceOf(SSLHandshakeException.class)
                                .hasMessageContaining("unable to find valid certification path");
                        assertThatThrownBy(() -> api.client().info())
                                .isInstanceOf(SSLHandshakeException.class)
                                .hasMessageContaining("unable to find valid certification path");
                    }
                });
    }

    private static HttpResponse<String> ordersOf(App.Running api, String key) throws Exception {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + "/api/orders"))
                        .header(ApiKeyAuthentication.API_KEY_HEADER, key)
                        .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
