package io.ordertrack.benchmarks.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.ordertrack.api.ApiConfig;
import io.ordertrack.api.App;
import io.ordertrack.api.ingest.IngestSources;
import io.ordertrack.api.security.ApiKeys;
import io.ordertrack.api.security.WebhookSignature;
import io.ordertrack.benchmarks.CommandLine;
import io.ordertrack.connections.KafkaSecurity;
import io.ordertrack.documents.Indices;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * The ingest gateway's sustained rate and latency: the API in process on the local Kafka, one
 * courier source signing with its secret, and wrk (a real HTTP load generator, its own process)
 * pushing pre-signed Delhivery status webhooks on many connections as fast as they are answered.
 * Every answer is 202 only once Kafka has the scan (idempotent producer, every in-sync replica), so
 * the rate is that of acknowledged writes; afterwards the tracking topic must hold one scan per
 * 202.
 *
 * <p>Usage: {@code deploy/local/ingest-benchmark.sh [--seconds S] [--connections C] [--threads T]
 * [--pushes N] [--out FILE]} against the Kafka of {@code ORDERTRACK_KAFKA_BOOTSTRAP_SERVERS} (the
 * local broker by default, which the script starts); wrk must be on the PATH (the script installs
 * it).
 */
public final class IngestBenchmark {
    private static final String TENANT = "acme-fashion";
    private static final String PATH = "/ingest/couriers/delhivery";
    private static final int WARM_UP_SECONDS = 10;
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private IngestBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = CommandLine.options(args);
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "30"));
        int connections = Integer.parseInt(options.getOrDefault("connections", "32"));
        // wrk shares the two cores with the API and the broker.
        int threads = Integer.parseInt(options.getOrDefault("threads", "1"));
        int pushCount = Integer.parseInt(options.getOrDefault("pushes", "50000"));
        Path out = Path.of(options.getOrDefault("out", "target/ingest-benchmark.json"));
        String kafka =
                System.getenv()
                        .getOrDefault("ORDERTRACK_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
        String run = "bench-ingest-" + Long.toString(System.currentTimeMillis(), 36);
        ApiConfig.Kafka topics =
                new ApiConfig.Kafka(
                        kafka,
                        KafkaSecurity.fromEnvironment(System.getenv()),
                        run + "-orders",
                        run + "-tracking",
                        run + "-ndr-actions",
                        run + "-dead-letters",
                        ApiConfig.DEFAULT_KAFKA_SEND_TIMEOUT);
        createTopics(topics);

        String secret = WebhookSignature.newSecret(new SecureRandom());
        Path pushes = signedPushes(secret, pushCount, run);
        Path script = Wrk.script("signed-pushes.lua");
        ApiConfig config =
                ApiConfig.onLoopback(
                                "http://127.0.0.1:9200",
                                Indices.DEFAULT,
                                ApiKeys.parse(ApiKeys.hash(ApiKeys.newKey()) + " " + TENANT))
                        .withKafka(topics)
                        .withIngest(
                                IngestSources.parse(
                                                "courier delhivery delhivery "
                                                        + TENANT
                                                        + " "
                                                        + secret)
                                        // What the gateway can take, not one account's share.
                                        .withRate(null));
        Map<String, String> environment =
                Map.of("ORDERTRACK_BENCH_PUSHES", pushes.toString(), "ORDERTRACK_BENCH_PATH", PATH);
        Wrk.Result warmUp;
        Wrk.Result measured;
        long recordsBefore;
        try (App.Running api = App.start(config)) {
            String url = "http://127.0.0.1:" + api.port() + PATH;
            acceptedOnce(url, Files.readAllLines(pushes).get(0));
            warmUp =
                    Wrk.result(
                            Wrk.start(
                                    url,
                                    script,
                                    threads,
                                    connections,
                                    WARM_UP_SECONDS,
                                    environment));
            // Answers to the requests wrk left in flight are in Kafka a moment later.
            Thread.sleep(2_000);
            recordsBefore = records(topics);
            measured =
                    Wrk.result(Wrk.start(url, script, threads, connections, seconds, environment));
        }
        Thread.sleep(2_000);
        long recordsWritten = records(topics) - recordsBefore;
        // wrk counts no answer to the requests in flight when it stops: at most one a connection.
        boolean onePer202 =
                recordsWritten >= measured.ok() && recordsWritten <= measured.ok() + connections;
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("seconds", seconds);
        report.put("connections", connections);
        report.put("wrkThreads", threads);
        report.put("cores", Runtime.getRuntime().availableProcessors());
        report.put("warmUpRequests", warmUp.requests());
        report.put("requestsPerSecond", Math.round(measured.perSecond()));
        report.put("accepted202", measured.ok());
        report.put("refused", measured.refused() + measured.limited());
        report.put("socketErrors", measured.socketErrors());
        report.put("timeouts", measured.timeouts());
        report.put("p50Millis", measured.p50() / 1e3);
        report.put("p90Millis", measured.p90() / 1e3);
        report.put("p99Millis", measured.p99() / 1e3);
        report.put("maxMillis", measured.max() / 1e3);
        report.put("scansInKafka", recordsWritten);
        report.put("oneScanPer202", onePer202);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, JSON.writeValueAsString(report));
        System.out.printf(
                Locale.ROOT,
                "Ingest benchmark: %d s, %d connections, %d wrk thread(s), %d cores.%n"
                        + "%,.0f signed webhooks/s answered 202 (%,d); p50 %.1f ms, p90 %.1f ms,"
                        + " p99 %.1f ms, max %.1f ms; refused %d, socket errors %d, timeouts %d;"
                        + " scans in Kafka %,d (%s one per 202, and per request in flight at the"
                        + " end).%n%s%n",
                seconds,
                connections,
                threads,
                Runtime.getRuntime().availableProcessors(),
                measured.perSecond(),
                measured.ok(),
                measured.p50() / 1e3,
                measured.p90() / 1e3,
                measured.p99() / 1e3,
                measured.max() / 1e3,
                measured.refused() + measured.limited(),
                measured.socketErrors(),
                measured.timeouts(),
                recordsWritten,
                onePer202 ? "exactly" : "NOT",
                out);
        if (!onePer202 || measured.refused() + measured.limited() > 0) {
            System.exit(1);
        }
    }

    /** Sends one push as wrk will: the run is meaningless unless it is accepted. */
    private static void acceptedOnce(String url, String line) throws Exception {
        String[] push = line.split("\t", 4);
        HttpResponse<String> answer =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(url))
                                        .header("Content-Type", "application/json")
                                        .header(WebhookSignature.ID_HEADER, push[0])
                                        .header(WebhookSignature.TIMESTAMP_HEADER, push[1])
                                        .header(WebhookSignature.SIGNATURE_HEADER, push[2])
                                        .POST(HttpRequest.BodyPublishers.ofString(push[3]))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 202) {
            throw new IllegalStateException(
                    "a signed push was answered " + answer.statusCode() + ": " + answer.body());
        }
    }

    /**
     * Signed Delhivery pushes, one a line ({@code id, timestamp, signature, body} tab-separated),
     * each of its own AWB and webhook id, signed now: the run must end within the gateway's five
     * minutes.
     */
    private static Path signedPushes(String secret, int count, String run) throws Exception {
        WebhookSignature signature = WebhookSignature.ofSecret(secret);
        long now = Instant.now().getEpochSecond();
        String scanTime = LocalDateTime.now(ZoneId.of("Asia/Kolkata")).withNano(0).toString();
        List<String> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String id = run + "-" + i;
            String body =
                    ("{\"Shipment\": {\"Status\": {\"Status\": \"In Transit\", \"StatusDateTime\":"
                                    + " \"%s\", \"StatusLocation\": \"Nagpur_Hub (Nagpur)\","
                                    + " \"Instructions\": \"Shipment Received at Facility\"},"
                                    + " \"NSLCode\": \"X-DLO2F\", \"AWB\": \"%s\"}}")
                            .formatted(scanTime, "BENCH" + (1_000_000 + i));
            lines.add(
                    id
                            + "\t"
                            + now
                            + "\t"
                            + signature.sign(id, now, body.getBytes(StandardCharsets.UTF_8))
                            + "\t"
                            + body);
        }
        Path file = Files.createTempFile("signed-pushes", ".tsv");
        Files.write(file, lines);
        return file;
    }

    private static void createTopics(ApiConfig.Kafka topics) throws Exception {
        try (Admin admin = admin(topics)) {
            admin.createTopics(
                            List.of(
                                    new NewTopic(topics.ordersTopic(), 2, (short) 1),
                                    new NewTopic(topics.trackingTopic(), 2, (short) 1),
                                    new NewTopic(topics.deadLettersTopic(), 1, (short) 1)))
                    .all()
                    .get(1, TimeUnit.MINUTES);
        }
    }

    /** The records the tracking topic holds. */
    private static long records(ApiConfig.Kafka topics) throws Exception {
        try (Admin admin = admin(topics)) {
            Map<TopicPartition, OffsetSpec> ends = new LinkedHashMap<>();
            for (int partition = 0; partition < 2; partition++) {
                ends.put(
                        new TopicPartition(topics.trackingTopic(), partition), OffsetSpec.latest());
            }
            return admin.listOffsets(ends).all().get(1, TimeUnit.MINUTES).values().stream()
                    .mapToLong(info -> info.offset())
                    .sum();
        }
    }

    private static Admin admin(ApiConfig.Kafka topics) {
        Properties properties = topics.security().clientProperties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, topics.bootstrapServers());
        properties.put(
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                (int) Duration.ofSeconds(30).toMillis());
        return Admin.create(properties);
    }
}
