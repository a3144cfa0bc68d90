package io.ordertrack.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A Kafka broker in a process of its own (deploy/local/kafka.sh), for a test that restarts it or
 * needs its clients to log in; the in-process {@link KafkaServer} is for every other test. Stopped
 * when the JVM exits.
 */
public final class KafkaBroker {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final LocalScript script;
    private final int port;
    private final int tlsPort;

    private KafkaBroker(
            Path stateDir, int port, int controllerPort, int tlsPort, Map<String, String> more) {
        this.port = port;
        this.tlsPort = tlsPort;
        Map<String, String> environment = new HashMap<>(more);
        environment.putAll(
                Map.of(
                        "KAFKA_STATE_DIR", stateDir.toString(),
                        "KAFKA_PORT", String.valueOf(port),
                        "KAFKA_CONTROLLER_PORT", String.valueOf(controllerPort),
                        "KAFKA_HEAP", "512m"));
        this.script =
                LocalScript.of(
                        Path.of("deploy", "local", "kafka.sh"),
                        environment,
                        stateDir.resolveSibling(stateDir.getFileName() + ".log"));
    }

    /** Starts a broker on free ports with a fresh log folder under target/. */
    public static KafkaBroker startDedicated() {
        int[] ports = FreePorts.onLoopback(2);
        return started(
                new KafkaBroker(
                        LocalScript.freshStateDir("kafka"), ports[0], ports[1], -1, Map.of()));
    }

    /**
     * Starts a broker that takes SASL logins as this one user only (SCRAM-SHA-256 or SCRAM-SHA-512;
     * letters, digits and {@code -_.~}): SASL_PLAINTEXT on {@link #bootstrapServers()}, SASL_SSL
     * with the {@link LocalhostCertificate} on {@link #tlsBootstrapServers()}.
     */
    public static KafkaBroker startWithScram(String username, String password) {
        int[] ports = FreePorts.onLoopback(3);
        return started(
                new KafkaBroker(
                        LocalScript.freshStateDir("kafka"),
                        ports[0],
                        ports[1],
                        ports[2],
                        Map.of(
                                "KAFKA_SCRAM_USERNAME",
                                username,
                                "KAFKA_SCRAM_PASSWORD",
                                password,
                                "KAFKA_SSL_PORT",
                                String.valueOf(ports[2]),
                                "KAFKA_SSL_KEYSTORE",
                                LocalhostCertificate.keyStore().toString(),
                                "KAFKA_SSL_KEYSTORE_PASSWORD",
                                LocalhostCertificate.KEY_STORE_PASSWORD)));
    }

    private static KafkaBroker started(KafkaBroker broker) {
        Runtime.getRuntime().addShutdownHook(new Thread(broker::stop, "kafka-broker-stop"));
        broker.start();
        return broker;
    }

    /** Starts the broker (again) on the same ports and logs: every topic and offset comes back. */
    public void start() {
        script.run(TIMEOUT, "start");
    }

    /** Stops the broker cleanly (SIGTERM), keeping its logs. */
    public void stop() {
        script.run(TIMEOUT, "stop");
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The TLS listener of a broker started {@link #startWithScram with SCRAM}. */
    public String tlsBootstrapServers() {
        if (tlsPort < 0) {
            throw new IllegalStateException("this broker has no TLS listener");
        }
        return "127.0.0.1:" + tlsPort;
    }
}
