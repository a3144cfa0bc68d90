package io.ordertrack.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/local/kafka.sh and elasticsearch.sh run by a normal user, as a developer runs them; CI and
 * every other test run them as root. A root JVM runs them through {@code runuser} as {@link
 * NormalUser}, any other JVM directly, so the scripts take their normal-user branch either way.
 */
class LocalStackAsNormalUserIT {

    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration POLL_TIMEOUT = Duration.ofSeconds(30);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The user's own folder: the servers' state and copies of what the user cannot read. */
    @TempDir Path home;

    private final NormalUser user = NormalUser.forThisJvm();
    private final List<LocalScript> started = new ArrayList<>();
    private Path scripts;

    @BeforeEach
    void handTheFolderToTheUser() {
        user.own(home);
        scripts =
                user.readable(
                        RepositoryRoot.find().resolve(Path.of("deploy", "local")),
                        home.resolve("scripts"));
    }

    @AfterEach
    void stopWhatIsStillRunning() {
        started.forEach(script -> script.run(SCRIPT_TIMEOUT, "stop"));
    }

    @Test
    void kafkaBrokerRunsAsTheUserCarriesARecordAndStops() throws Exception {
        int[] ports = FreePorts.onLoopback(2);
        Path state = home.resolve("kafka");
        LocalScript kafka =
                script(
                        "kafka.sh",
                        Map.of(
                                "KAFKA_STATE_DIR", state.toString(),
                                "KAFKA_PORT", String.valueOf(ports[0]),
                                "KAFKA_CONTROLLER_PORT", String.valueOf(ports[1]),
                                "KAFKA_HEAP", "512m",
                                "KAFKA_CLASSPATH_FILE",
                                        brokerClasspathTheUserCanRead().toString()));
        String bootstrap = "127.0.0.1:" + ports[0];

        kafka.run(SCRIPT_TIMEOUT, "start");
        List<ProcessHandle> broker = processTree(state.resolve("kafka.pid"));
        String consumed = roundTrip(bootstrap, "order-events", "ORD-1001 placed");
        kafka.run(SCRIPT_TIMEOUT, "stop");

        assertThat(consumed).isEqualTo("ORD-1001 placed");
        assertThat(broker).noneMatch(ProcessHandle::isAlive);
    }

    @Test
    void elasticsearchRunsAsTheUserReturnsADocumentAndStops() throws Exception {
        int[] ports = FreePorts.onLoopback(2);
        Path state = home.resolve("elasticsearch");
        LocalScript elasticsearch =
                script(
                        "elasticsearch.sh",
                        Map.of(
                                "ES_STATE_DIR", state.toString(),
                                "ES_HTTP_PORT", String.valueOf(ports[0]),
                                "ES_TRANSPORT_PORT", String.valueOf(ports[1]),
                                "ES_HEAP", "512m",
                                "ES_DIST_DIR", distributionTheUserCanRead().toString(),
                                "ES_OWNER_PID", String.valueOf(ProcessHandle.current().pid())));
        String url = "http://127.0.0.1:" + ports[0];
        String order = "{\"orderId\":\"ORD-1001\",\"status\":\"PLACED\"}";

        elasticsearch.run(SCRIPT_TIMEOUT, "start");
        List<ProcessHandle> node = processTree(state.resolve("elasticsearch.pid"));
        HttpResponse<String> indexed =
                send(
                        HttpRequest.newBuilder(
                                        URI.create(url + "/orders/_doc/ORD-1001?refresh=true"))
                                .header("Content-Type", "application/json")
                                .PUT(BodyPublishers.ofString(order)));
        HttpResponse<String> read =
                send(HttpRequest.newBuilder(URI.create(url + "/orders/_doc/ORD-1001")).GET());
        elasticsearch.run(SCRIPT_TIMEOUT, "stop");

        assertThat(indexed.statusCode()).isEqualTo(201);
        assertThat(read.body()).contains("\"_source\":" + order);
        assertThat(node).noneMatch(ProcessHandle::isAlive);
    }

    /** The script as the user, reporting to target/, which outlives the user's folder. */
    private LocalScript script(String name, Map<String, String> environment) throws IOException {
        Path logs = Files.createDirectories(Path.of("target").toAbsolutePath());
        String jvm = String.valueOf(ProcessHandle.current().pid());
        Path log = logs.resolve(name + "-as-" + user.name() + "-" + jvm + ".log");
        LocalScript script =
                LocalScript.of(scripts.resolve(name), environment, log).launchedBy(user.launcher());
        started.add(script);
        return script;
    }

    /**
     * The server named by the script's pid file and every process under it, checked to run as the
     * user.
     */
    private List<ProcessHandle> processTree(Path pidFile) throws IOException {
        ProcessHandle server =
                ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip())).orElseThrow();
        assertThat(server.info().user()).contains(user.name());
        return Stream.concat(Stream.of(server), server.descendants()).toList();
    }

    /**
     * The jars of .local/dist/kafka-broker.classpath; each one the user cannot read (a root Maven
     * repository is not readable by others) is replaced by a copy.
     */
    private Path brokerClasspathTheUserCanRead() throws IOException {
        Path listed =
                RepositoryRoot.find().resolve(Path.of(".local", "dist", "kafka-broker.classpath"));
        Path copies = Files.createDirectories(home.resolve("kafka-jars"));
        List<String> jars = new ArrayList<>();
        for (String jar : Files.readString(listed).strip().split(":")) {
            Path source = Path.of(jar);
            jars.add(
                    user.readable(source, copies.resolve(jars.size() + "-" + source.getFileName()))
                            .toString());
        }
        return Files.writeString(home.resolve("kafka-broker.classpath"), String.join(":", jars));
    }

    /**
     * The distribution unpacked in .local/dist, or a copy when the user cannot read all of it (an
     * unpack by root leaves config/ to its owner and group).
     */
    private Path distributionTheUserCanRead() throws IOException {
        Path dist = RepositoryRoot.find().resolve(Path.of(".local", "dist"));
        try (DirectoryStream<Path> unpacked = Files.newDirectoryStream(dist, "elasticsearch-*")) {
            Path distribution = unpacked.iterator().next();
            return user.readable(distribution, home.resolve(distribution.getFileName()));
        }
    }

    /** Creates the topic, produces one record to it and returns the record consumed from it. */
    private static String roundTrip(String bootstrap, String topic, String value) throws Exception {
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin client = Admin.create(admin)) {
            client.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        Properties producer = new Properties();
        producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> client =
                new KafkaProducer<>(producer, new StringSerializer(), new StringSerializer())) {
            client.send(new ProducerRecord<>(topic, "ORD-1001", value)).get();
        }
        Properties consumer = new Properties();
        consumer.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaConsumer<String, String> client =
                new KafkaConsumer<>(consumer, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            client.assign(List.of(partition));
            client.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + POLL_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : client.poll(Duration.ofSeconds(1))) {
                    return record.value();
                }
            }
        }
        return "(nothing consumed within " + POLL_TIMEOUT + ")";
    }

    private static HttpResponse<String> send(HttpRequest.Builder request)
            throws IOException, InterruptedException {
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), BodyHandlers.ofString());
    }
}
