package io.ordertrack.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordertrack.api.elasticsearch.ElasticsearchClients;
import io.ordertrack.connections.KafkaSecurity;
import io.ordertrack.jobs.KafkaTopics;
import io.ordertrack.jobs.OrderTrackingConfig;
import io.ordertrack.simulator.FeedProducer;
import io.ordertrack.simulator.SimulationOptions;
import io.ordertrack.testkit.ElasticsearchServer;
import io.ordertrack.testkit.KafkaBroker;
import io.ordertrack.testkit.LocalhostCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job and the simulator against a broker that takes SASL/SCRAM logins only, configured as an
 * operator would: the credentials in the environment, the password in a mounted file. The job logs
 * in with SCRAM-SHA-256 over TLS (SASL_SSL, the broker's CA from a PEM file), the simulator with
 * SCRAM-SHA-512 (the default) over SASL_PLAINTEXT; every order of the run reaches Elasticsearch as
 * the oracle says. A wrong password, or TLS without the CA, fails at once with Kafka's
 * authentication or handshake error, never as a silent wait.
 */
class ScramKafkaIT {
    @RegisterExtension static final MiniClusterExtension FLINK = TestFlink.cluster();

    private static final String USER = "ordertrack";
    private static final String PASSWORD = "scram-secret-42";
    private static final SimulationOptions RUN =
            SimulationOptions.defaults(29, 150).withOrdersPerDay(150);

    @TempDir static Path secrets;

    private static KafkaBroker broker;
    private static ElasticsearchClients elasticsearch;

    @BeforeAll
    static void startABrokerThatRequiresScram() {
        broker = KafkaBroker.startWithScram(USER, PASSWORD);
        elasticsearch = ElasticsearchClients.create(ElasticsearchServer.shared().url());
    }

    @AfterAll
    static void stop() {
        elasticsearch.close();
        broker.stop();
    }

    @Test
    void theJobAndTheSimulatorLogInWithScramAndEveryOrderIsIndexed() throws Exception {
        String run = "scram-" + Long.toString(System.currentTimeMillis(), 36);
        Path passwordFile = Files.writeString(secrets.resolve("kafka-password"), PASSWORD + "\n");
        Map<String, String> operatorSettings =
                Map.of(
                        "ORDERTRACK_KAFKA_SECURITY_PROTOCOL",
                        "SASL_SSL",
                        "ORDERTRACK_KAFKA_SASL_MECHANISM",
                        "SCRAM-SHA-256",
                        "ORDERTRACK_KAFKA_USERNAME",
                        USER,
                        "ORDERTRACK_KAFKA_PASSWORD_FILE",
                        passwordFile.toString(),
                        "ORDERTRACK_KAFKA_CA_FILE",
                        LocalhostCertificate.caFile().toString());
        OrderTrackingConfig config = jobConfig(run, broker.tlsBootstrapServers(), operatorSettings);
        KafkaTopics.ensureExist(config);
        JobClient job = SimulatedJobRun.start(config);
        try {
            SimulatedRun simulated = SimulatedRun.of(RUN);
            try (FeedProducer producer =
                    new FeedProducer(
                            broker.bootstrapServers(),
                            simulatorSecurity(),
                            SimulatedJobRun.topics(run))) {
                producer.send(simulated.records().iterator());
            }
            Map<String, ObjectNode> documents =
                    SimulatedJobRun.assertIndexedAsTheOracleSays(elasticsearch, run, simulated);
            assertThat(documents).hasSize(simulated.oracle().orders().size());
            // The heartbeat's consumer lag comes from an admin client that logged in as well: one
            // per input topic (orders, tracking, inventory, remittances).
            await().ignoreExceptions()
                    .atMost(Duration.ofSeconds(60))
                    .untilAsserted(
                            () ->
                                    assertThat(heartbeat(run).path("inputs").findValues("lag"))
                                            .hasSize(4));
        } finally {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aWrongPasswordOrAnUntrustedBrokerIsAnErrorNotAWait() {
        String run = "scram-wrong-" + Long.toString(System.currentTimeMillis(), 36);
        Map<String, String> wrongPassword =
                Map.of(
                        "ORDERTRACK_KAFKA_SECURITY_PROTOCOL",
                        "SASL_PLAINTEXT",
                        "ORDERTRACK_KAFKA_USERNAME",
                        USER,
                        "ORDERTRACK_KAFKA_PASSWORD",
                        "not-" + PASSWORD);
        Map<String, String> tlsWithoutTheCa =
                Map.of(
                        "ORDERTRACK_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                        "ORDERTRACK_KAFKA_USERNAME", USER,
                        "ORDERTRACK_KAFKA_PASSWORD", PASSWORD);

        assertTimeoutPreemptively(
                Duration.ofSeconds(60),
                () -> {
                    assertThatThrownBy(
                                    () ->
                                            KafkaTopics.ensureExist(
                                                    jobConfig(
                                                            run,
                                                            broker.bootstrapServers(),
                                                            wrongPassword)))
                            .hasStackTraceContaining("invalid credentials")
                            .hasStackTraceContaining("SCRAM-SHA-512");
                    assertThatThrownBy(
                                    () ->
                                            KafkaTopics.ensureExist(
                                                    jobConfig(
                                                            run,
                                                            broker.tlsBootstrapServers(),
                                                            tlsWithoutTheCa)))
                            .hasStackTraceContaining("SSL handshake failed");
                    try (FeedProducer producer =
                            new FeedProducer(
                                    broker.bootstrapServers(),
                                    KafkaSecurity.fromEnvironment(wrongPassword),
                                    SimulatedJobRun.topics(run))) {
                        assertThatThrownBy(
                                        () ->
                                                producer.send(
                                                        SimulatedRun.of(RUN).records().stream()
                                                                .limit(1)
                                                                .iterator()))
                                .hasMessageContaining("Kafka did not accept a record")
                                .hasMessageContaining("invalid credentials");
                    }
                });
    }

    private static OrderTrackingConfig jobConfig(
            String run, String bootstrapServers, Map<String, String> environment) {
        List<String> arguments =
                new ArrayList<>(
                        JobArguments.of(run, bootstrapServers, ElasticsearchServer.shared().url()));
        arguments.addAll(List.of("--topics.create", "true", "--topics.partitions", "2"));
        return OrderTrackingConfig.from(arguments.toArray(String[]::new), environment);
    }

    private static KafkaSecurity simulatorSecurity() {
        return KafkaSecurity.fromEnvironment(
                Map.of(
                        "ORDERTRACK_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                        "ORDERTRACK_KAFKA_USERNAME", USER,
                        "ORDERTRACK_KAFKA_PASSWORD", PASSWORD));
    }

    private static JsonNode heartbeat(String run) throws Exception {
        return elasticsearch
                .client()
                .get(
                        g -> g.index("job-status-" + run).id("order-tracking-" + run),
                        ObjectNode.class)
                .source();
    }
}
