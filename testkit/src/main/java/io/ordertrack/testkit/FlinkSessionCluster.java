package io.ordertrack.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real Flink session cluster, a JobManager and TaskManagers each in a process of its own
 * (deploy/local/flink-cluster.sh), with RocksDB state and checkpoints under target/. Stopped when
 * the JVM exits.
 */
public final class FlinkSessionCluster implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final int MAX_PROCESSES = 8;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final LocalScript script;
    private final Path stateDir;
    private final int restPort;
    private final int[] prometheusPorts;

    private FlinkSessionCluster(
            Path stateDir, int restPort, int rpcPort, int[] prometheusPorts, int parallelism) {
        this.stateDir = stateDir;
        this.restPort = restPort;
        this.prometheusPorts = prometheusPorts;
        this.script =
                LocalScript.of(
                        Path.of("deploy", "local", "flink-cluster.sh"),
                        Map.of(
                                "FLINK_STATE_DIR", stateDir.toString(),
                                "FLINK_REST_PORT", String.valueOf(restPort),
                                "FLINK_RPC_PORT", String.valueOf(rpcPort),
                                "FLINK_PARALLELISM", String.valueOf(parallelism),
                                "FLINK_PROMETHEUS_PORTS",
                                        Arrays.stream(prometheusPorts)
                                                .mapToObj(String::valueOf)
                                                .collect(Collectors.joining(","))),
                        stateDir.resolveSibling(stateDir.getFileName() + ".log"));
    }

    /**
     * A JobManager and this many TaskManagers of two slots each, on free ports (Prometheus
     * reporters included, for up to {@value #MAX_PROCESSES} processes); jobs run at parallelism 2.
     */
    public static FlinkSessionCluster start(int taskManagers) {
        return start(taskManagers, 2);
    }

    /** As {@link #start(int)}, with jobs run at {@code parallelism}. */
    public static FlinkSessionCluster start(int taskManagers, int parallelism) {
        int[] ports = FreePorts.onLoopback(2 + MAX_PROCESSES);
        FlinkSessionCluster cluster =
                new FlinkSessionCluster(
                        LocalScript.freshStateDir("flink"),
                        ports[0],
                        ports[1],
                        Arrays.copyOfRange(ports, 2, ports.length),
                        parallelism);
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "flink-cluster-stop"));
        cluster.script.run(TIMEOUT, "start", String.valueOf(taskManagers));
        return cluster;
    }

    /** The job jar built by the jobs module (its shaded "job" artifact). */
    public static Path orderTrackingJobJar() {
        Path target = RepositoryRoot.find().resolve(Path.of("jobs", "target"));
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(file -> file.getFileName().toString().endsWith("-job.jar"))
                    .findFirst()
                    .orElseThrow(
                            () ->
                                    new IllegalStateException(
                                            "no job jar in "
                                                    + target
                                                    + ": package the jobs module"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + target, e);
        }
    }

    /** Submits a job jar with its arguments, from saved state if given; returns the job id. */
    public String submit(Path jar, Optional<String> restoreFrom, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of("submit", jar.toString()));
        command.addAll(arguments);
        Map<String, String> restore = new HashMap<>();
        restoreFrom.ifPresent(path -> restore.put("FLINK_RESTORE", path));
        String jobId = script.with(restore).run(TIMEOUT, command.toArray(String[]::new));
        if (!jobId.matches("[0-9a-f]{32}")) {
            throw new IllegalStateException("submission answered no job id: " + jobId);
        }
        return jobId;
    }

    /** Stops a job with a savepoint and returns the savepoint's path. */
    public String stopWithSavepoint(String jobId) {
        return script.run(TIMEOUT, "stop-job", jobId);
    }

    /** Cancels a job, as an operator would without keeping its state. */
    public void cancel(String jobId) {
        send(
                request("/jobs/" + jobId + "?mode=cancel")
                        .method("PATCH", HttpRequest.BodyPublishers.noBody()));
    }

    /**
     * Kills a TaskManager that runs tasks (of any job) with SIGKILL, as a crash of its machine
     * would; returns its id.
     */
    public String killBusyTaskManager() {
        for (JsonNode taskManager : rest("/taskmanagers").path("taskmanagers")) {
            if (taskManager.path("freeSlots").asInt() < taskManager.path("slotsNumber").asInt()) {
                String id = taskManager.path("id").asText();
                script.run(TIMEOUT, "kill-taskmanager", id.substring(id.lastIndexOf('-') + 1));
                return id;
            }
        }
        throw new IllegalStateException("no TaskManager runs any task");
    }

    /** Starts one more TaskManager and waits until it registered. */
    public void addTaskManager() {
        script.run(TIMEOUT, "add-taskmanager");
    }

    /** Whether every task of the job runs. */
    public boolean allTasksRunning(String jobId) {
        JsonNode job = rest("/jobs/" + jobId);
        if (!"RUNNING".equals(job.path("state").asText())) {
            return false;
        }
        for (JsonNode vertex : job.path("vertices")) {
            if (!"RUNNING".equals(vertex.path("status").asText())) {
                return false;
            }
        }
        return true;
    }

    /** How many times the job restarted since it was submitted. */
    public long restarts(String jobId) {
        for (JsonNode metric : rest("/jobs/" + jobId + "/metrics?get=numRestarts")) {
            return metric.path("value").asLong();
        }
        return 0;
    }

    /**
     * What the cluster's Prometheus reporters serve: the {@code /metrics} text of every process
     * whose reporter answers, one after the other.
     */
    public String prometheusMetrics() {
        StringBuilder metrics = new StringBuilder();
        for (int port : prometheusPorts) {
            HttpRequest.Builder request =
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                            .timeout(Duration.ofSeconds(10));
            try {
                HttpResponse<String> response =
                        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    metrics.append(response.body());
                }
            } catch (IOException e) {
                // No process took this port.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return metrics.toString();
    }

    /** The process id of each of the cluster's processes, by name ({@code taskmanager-1}, ...). */
    public Map<String, String> processIds() {
        try (Stream<Path> files = Files.list(stateDir)) {
            Map<String, String> pids = new TreeMap<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".pid")).toList()) {
                String name = file.getFileName().toString();
                pids.put(
                        name.substring(0, name.length() - ".pid".length()),
                        Files.readString(file).strip());
            }
            return pids;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the pid files in " + stateDir, e);
        }
    }

    /** The number of completed checkpoints of the job. */
    public long completedCheckpoints(String jobId) {
        return rest("/jobs/" + jobId + "/checkpoints").path("counts").path("completed").asLong();
    }

    /** A GET on the cluster's REST API. */
    public JsonNode rest(String path) {
        HttpResponse<String> response = send(request(path).GET());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    "GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " answered no JSON", e);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + restPort + path))
                .timeout(Duration.ofSeconds(10));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        HttpRequest built = request.build();
        try {
            return HTTP.send(built, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(built.method() + " " + built.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "Flink session cluster at http://127.0.0.1:"
                + restPort
                + " (state in "
                + stateDir
                + ")";
    }

    /** Stops every process of the cluster; its checkpoints and logs stay under target/. */
    @Override
    public void close() {
        script.run(TIMEOUT, "stop");
    }
}
