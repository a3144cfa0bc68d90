package io.ordertrack.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Elasticsearch for integration tests: one per test JVM, shared by every test in
 * it, started on first use by {@code deploy/local/elasticsearch.sh} and stopped when the JVM exits.
 *
 * <p>The node listens on free ports of 127.0.0.1 and keeps its data, logs and the start script's
 * output ({@code script.log}) in a fresh folder {@code target/es-<pid>-*} of the module under test,
 * so it can run beside a local stack and beside other test JVMs. The shared node has security off
 * (plain HTTP, no credentials); a dedicated node may require a login, over HTTPS as well.
 *
 * <p>Starting takes 15–25 s, which is why tests share one node: give each test its own index names
 * instead of a server of its own. Indices get one replica unless told otherwise, so a single node
 * reports {@code yellow}; wait for yellow, not green.
 */
public final class ElasticsearchServer {

    private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchServer.class);

    private static final String HOST = "127.0.0.1";
    private static final String HEAP = "512m";

    /** Longer than the script's own 120 s wait for a healthy node, so the script reports. */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    /**
     * The build waits 120 s for a finished test JVM to exit before killing it (the parent pom's
     * forkedProcessExitTimeoutInSeconds); stopping must end well before that or the node outlives
     * its JVM until the script's owner watch notices.
     */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private static final int LOG_TAIL_LINES = 60;

    /** The script's setting that turns HTTPS on. */
    private static final String TLS_KEYSTORE_ENV = "ES_TLS_KEYSTORE";

    private static ElasticsearchServer shared;
    private static RuntimeException startFailure;

    private final Path script;
    private final Path stateDir;
    private final int httpPort;
    private final int transportPort;
    private final Map<String, String> security;

    private ElasticsearchServer(
            Path script,
            Path stateDir,
            int httpPort,
            int transportPort,
            Map<String, String> security) {
        this.script = script;
        this.stateDir = stateDir;
        this.httpPort = httpPort;
        this.transportPort = transportPort;
        this.security = security;
    }

    /**
     * Returns the node of this JVM, starting it on the first call; later calls return at once.
     *
     * @throws IllegalStateException if the node did not start (now or on an earlier call: a failed
     *     start is not retried), with the tail of the start log in its message
     */
    public static synchronized ElasticsearchServer shared() {
        if (startFailure != null) {
            throw new IllegalStateException(
                    "Elasticsearch failed to start earlier in this JVM", startFailure);
        }
        if (shared == null) {
            try {
                shared = startForThisJvm(Map.of());
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
        }
        return shared;
    }

    /**
     * A node of the caller's own, for a test that stops and restarts it, which would disturb the
     * tests sharing {@link #shared()}; stopped when the JVM exits.
     */
    public static ElasticsearchServer startDedicated() {
        return startForThisJvm(Map.of());
    }

    /**
     * A node of the caller's own with security on, where every request must log in as this one user
     * (a superuser; letters, digits and {@code -_.~}, 6 characters or more for the password) with
     * basic auth, and whose HTTP port speaks TLS only, with the {@link LocalhostCertificate}: its
     * {@link #url()} is {@code https://...}, and a client trusts it through {@link
     * LocalhostCertificate#caFile()}; stopped when the JVM exits.
     */
    public static ElasticsearchServer startDedicatedWithUserOverHttps(
            String username, String password) {
        return startForThisJvm(
                Map.of(
                        "ES_USERNAME",
                        username,
                        "ES_PASSWORD",
                        password,
                        TLS_KEYSTORE_ENV,
                        LocalhostCertificate.keyStore().toString(),
                        "ES_TLS_KEYSTORE_PASSWORD",
                        LocalhostCertificate.KEY_STORE_PASSWORD,
                        "ES_TLS_CA_FILE",
                        LocalhostCertificate.caFile().toString()));
    }

    /** The address the node's HTTP port is bound to: {@code 127.0.0.1}. */
    public String httpHost() {
        return HOST;
    }

    /** The node's HTTP port, chosen free when the node started. */
    public int httpPort() {
        return httpPort;
    }

    /**
     * The node's base URL without a trailing slash: {@code http://127.0.0.1:41234}, or {@code
     * https://...} for a node {@linkplain #startDedicatedWithUserOverHttps over HTTPS}.
     */
    public String url() {
        return (security.containsKey(TLS_KEYSTORE_ENV) ? "https://" : "http://")
                + HOST
                + ":"
                + httpPort;
    }

    @Override
    public String toString() {
        return "Elasticsearch at " + url() + " (state in " + stateDir + ")";
    }

    private static ElasticsearchServer startForThisJvm(Map<String, String> security) {
        Path script = RepositoryRoot.find().resolve(RepositoryRoot.ELASTICSEARCH_SCRIPT);
        int[] ports = FreePorts.onLoopback(2);
        ElasticsearchServer server =
                new ElasticsearchServer(
                        script, LocalScript.freshStateDir("es"), ports[0], ports[1], security);
        // Registered before starting: a start that times out may still leave a node behind.
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "elasticsearch-stop"));
        server.start();
        return server;
    }

    /** Starts the node (again), on the same ports and data: every index it held comes back. */
    public void start() {
        long began = System.nanoTime();
        int exitCode = runScript("start", START_TIMEOUT);
        if (exitCode != 0) {
            throw new IllegalStateException(
                    "Elasticsearch did not start (exit code "
                            + exitCode
                            + "). Last lines of "
                            + logFile()
                            + ":\n"
                            + logTail());
        }
        LOG.info("{} ready in {} s", this, Duration.ofNanos(System.nanoTime() - began).toSeconds());
    }

    /** Stops the node cleanly, keeping its data. */
    public void stop() {
        long began = System.nanoTime();
        int exitCode = runScript("stop", STOP_TIMEOUT);
        if (exitCode != 0) {
            LOG.warn("Stopping {} failed (exit code {}); see {}", this, exitCode, logFile());
        }
        LOG.info(
                "{} stopped in {} ms",
                this,
                Duration.ofNanos(System.nanoTime() - began).toMillis());
    }

    /** Runs the script with this node's settings; its output goes to the log file. */
    private int runScript(String command, Duration timeout) {
        ProcessBuilder builder =
                new ProcessBuilder("bash", script.toString(), command)
                        .redirectErrorStream(true)
                        .redirectOutput(Redirect.appendTo(logFile().toFile()));
        builder.environment().putAll(scriptEnvironment());
        try {
            Process process = builder.start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(
                        "elasticsearch.sh "
                                + command
                                + " took over "
                                + timeout
                                + ":\n"
                                + logTail());
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + script, e);
        }
    }

    private Map<String, String> scriptEnvironment() {
        Map<String, String> environment = new HashMap<>(security);
        environment.putAll(
                Map.of(
                        "ES_STATE_DIR", stateDir.toString(),
                        "ES_HTTP_PORT", String.valueOf(httpPort),
                        "ES_TRANSPORT_PORT", String.valueOf(transportPort),
                        "ES_HEAP", HEAP,
                        "ES_STOP_TIMEOUT", String.valueOf(STOP_TIMEOUT.toSeconds() - 5),
                        "ES_OWNER_PID", String.valueOf(ProcessHandle.current().pid())));
        return environment;
    }

    private Path logFile() {
        return stateDir.resolve("script.log");
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile());
            return String.join(
                    "\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + logFile() + ": " + e.getMessage() + ")";
        }
    }
}
