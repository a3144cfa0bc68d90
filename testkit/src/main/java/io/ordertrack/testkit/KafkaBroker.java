package io.ordertrack.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A Kafka broker in a process of its own (deploy/local/kafka.sh), for a test that restarts it; the
 * in-process {@link KafkaServer} is for every other test. Stopped when the JVM exits.
 */
public final class KafkaBroker {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final LocalScript script;
    private final int port;

    private KafkaBroker(Path stateDir, int port, int controllerPort) {
        this.port = port;
        this.script =
                LocalScript.of(
                        Path.of("deploy", "local", "kafka.sh"),
                        Map.of(
                                "KAFKA_STATE_DIR", stateDir.toString(),
                                "KAFKA_PORT", String.valueOf(port),
                                "KAFKA_CONTROLLER_PORT", String.valueOf(controllerPort),
                                "KAFKA_HEAP", "512m"),
                        stateDir.resolveSibling(stateDir.getFileName() + ".log"));
    }

    /** Starts a broker on free ports with a fresh log folder under target/. */
    public static KafkaBroker startDedicated() {
        int[] ports = FreePorts.onLoopback(2);
        KafkaBroker broker =
                new KafkaBroker(LocalScript.freshStateDir("kafka"), ports[0], ports[1]);
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
}
