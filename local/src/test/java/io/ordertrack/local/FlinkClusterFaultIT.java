package io.ordertrack.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordertrack.api.elasticsearch.ElasticsearchClients;
import io.ordertrack.avro.Alert;
import io.ordertrack.avro.InventoryEvent;
import io.ordertrack.avro.InventoryEventType;
import io.ordertrack.schemas.AvroCodec;
import io.ordertrack.simulator.FeedProducer;
import io.ordertrack.simulator.Oracle;
import io.ordertrack.simulator.SimulatedRecord;
import io.ordertrack.simulator.SimulatedRecord.Topic;
import io.ordertrack.testkit.ElasticsearchServer;
import io.ordertrack.testkit.FlinkSessionCluster;
import io.ordertrack.testkit.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Faults on a real Flink cluster: the job jar runs on a standalone session cluster (a JobManager
 * and TaskManagers, each its own process, RocksDB state, checkpoints on disk) against a Kafka
 * broker and an Elasticsearch node in processes of their own, and each scenario breaks one of them
 * in the middle of a messy simulated feed. Every scenario passes only if, at the end, every order
 * document and every order alert is the oracle's, no document was ever seen below a version it had
 * reached, no alert reached the alerts topic twice and every bad record reached the dead letters
 * exactly once. Each scenario's figures go to {@code target/fault-tests.md}.
 */
class FlinkClusterFaultIT {
    private static final Duration RECOVERY_LIMIT = Duration.ofMinutes(3);
    private static final Path RESULTS = Path.of("target", "fault-tests.md");
    private static final List<String> FIGURES = new ArrayList<>();

    private static ElasticsearchServer elasticsearchServer;
    private static KafkaBroker kafka;
    private static FlinkSessionCluster flink;
    private static ElasticsearchClients elasticsearch;
    private static SimulatedRun feed;

    @BeforeAll
    static void startTheCluster() {
        elasticsearchServer = ElasticsearchServer.startDedicated();
        kafka = KafkaBroker.startDedicated();
        flink = FlinkSessionCluster.start(2);
        elasticsearch = ElasticsearchClients.create(elasticsearchServer.url());
        feed = SimulatedRun.of(SimulatedRunIT.RUN);
    }

    @AfterAll
    static void stopTheCluster() throws Exception {
        Files.writeString(
                RESULTS,
                "| scenario | events | orders | faults | recovery s (each) | job restarts | lost |"
                        + " regressed | duplicate alerts | dead letters (bad records) |\n"
                        + "|---|---|---|---|---|---|---|---|---|---|\n"
                        + String.join("\n", FIGURES)
                        + "\n");
        elasticsearch.close();
        flink.close();
        kafka.stop();
        elasticsearchServer.stop();
    }

    @Test
    void taskManagersKilledThreeTimesLoseNothing() throws Exception {
        try (ClusterRun run = new ClusterRun("tm-kill")) {
            List<Long> recoveries = new ArrayList<>();
            for (List<SimulatedRecord> part : run.parts(4)) {
                run.send(part);
                if (recoveries.size() < 3) {
                    Thread.sleep(2_000);
                    long restarts = flink.restarts(run.jobId);
                    long killed = System.nanoTime();
                    flink.killBusyTaskManager();
                    flink.addTaskManager();
                    await().atMost(RECOVERY_LIMIT)
                            .until(() -> flink.restarts(run.jobId) > restarts);
                    run.awaitRunning();
                    recoveries.add(System.nanoTime() - killed);
                }
            }

            run.assertEndStateIsTheOracles("3 × kill -9 of a TaskManager", recoveries);
        }
    }

    @Test
    void elasticsearchDownForAMinuteIsCaughtUp() throws Exception {
        try (ClusterRun run = new ClusterRun("es-down")) {
            List<List<SimulatedRecord>> parts = run.parts(2);
            run.send(parts.get(0));
            Thread.sleep(2_000);
            elasticsearchServer.stop();
            long stopped = System.nanoTime();
            run.send(parts.get(1));
            Thread.sleep(Math.max(0, 60_000 - (System.nanoTime() - stopped) / 1_000_000));
            long checkpointsBefore = flink.completedCheckpoints(run.jobId);
            elasticsearchServer.start();
            long back = System.nanoTime();
            run.awaitRunning();
            await().atMost(RECOVERY_LIMIT)
                    .until(() -> flink.completedCheckpoints(run.jobId) > checkpointsBefore + 2);

            run.assertEndStateIsTheOracles(
                    "Elasticsearch stopped for 60 s", List.of(System.nanoTime() - back));
        }
    }

    @Test
    void aKafkaBrokerRestartLosesNothing() throws Exception {
        try (ClusterRun run = new ClusterRun("kafka-restart")) {
            List<List<SimulatedRecord>> parts = run.parts(2);
            run.send(parts.get(0));
            Thread.sleep(2_000);
            kafka.stop();
            long stopped = System.nanoTime();
            Thread.sleep(10_000);
            kafka.start();
            run.awaitRunning();
            long recovered = System.nanoTime() - stopped;
            run.send(parts.get(1));

            run.assertEndStateIsTheOracles("Kafka broker stopped for 10 s", List.of(recovered));
        }
    }

    @Test
    void poisonPillsInEveryTopicGoToDeadLettersOnceAndNeverRestartTheJob() throws Exception {
        try (ClusterRun run = new ClusterRun("poison")) {
            int pills = run.sendPoisonPills();
            run.send(feed.records());

            run.assertEndStateIsTheOracles("none; " + pills + " extra poison pills", List.of());
            assertThat(flink.restarts(run.jobId)).isZero();
            assertThat(flink.prometheusMetrics())
                    .as("what Prometheus scrapes from the cluster's reporters")
                    .contains("flink_jobmanager_job_numRestarts{")
                    .contains("flink_taskmanager_job_task_operator_documentsIndexed{")
                    .contains("flink_taskmanager_job_task_operator_KafkaSourceReader_");
            Map<String, List<DeadLetters.Letter>> byKey =
                    run.letters.stream()
                            .filter(letter -> letter.key() != null)
                            .collect(Collectors.groupingBy(DeadLetters.Letter::key));
            for (HostileRecords.Hostile hostile : run.hostile) {
                assertThat(byKey.get(hostile.key()))
                        .as("dead letters of %s", hostile.key())
                        .singleElement()
                        .satisfies(
                                letter -> assertThat(letter.reason()).startsWith(hostile.reason()));
            }
            assertThat(run.deadLetterSources())
                    .containsExactlyInAnyOrder(
                            "orders-" + run.name, "tracking-" + run.name, "inventory-" + run.name);
        }
    }

    @Test
    void aJobStoppedWithASavepointAndStartedFromItLosesNothing() throws Exception {
        try (ClusterRun run = new ClusterRun("upgrade")) {
            List<List<SimulatedRecord>> parts = run.parts(2);
            run.send(parts.get(0));
            Thread.sleep(2_000);
            long stopping = System.nanoTime();
            String savepoint = flink.stopWithSavepoint(run.jobId);
            run.submit(Optional.of(savepoint));
            run.awaitRunning();
            long recovered = System.nanoTime() - stopping;
            run.send(parts.get(1));

            run.assertEndStateIsTheOracles(
                    "stop with savepoint, start from it", List.of(recovered));
        }
    }

    /** One scenario's job, topics and indices, fed the same simulated run. */
    private static final class ClusterRun implements AutoCloseable {
        private final String scenario;
        private final String name;
        private final List<String> arguments;
        private final VersionWatch versions;
        private final List<Integer> extraDeadLetters = new ArrayList<>();
        private String jobId;
        private List<DeadLetters.Letter> letters = List.of();
        private List<HostileRecords.Hostile> hostile = List.of();

        ClusterRun(String scenario) throws Exception {
            this.scenario = scenario;
            this.name = scenario + "-" + Long.toString(System.currentTimeMillis(), 36);
            this.arguments =
                    JobArguments.of(name, kafka.bootstrapServers(), elasticsearchServer.url());
            createTopics();
            submit(Optional.empty());
            awaitRunning();
            versions = VersionWatch.start(elasticsearch.client(), "orders-" + name);
        }

        void submit(Optional<String> savepoint) {
            jobId = flink.submit(FlinkSessionCluster.orderTrackingJobJar(), savepoint, arguments);
        }

        private void createTopics() throws Exception {
            try (Admin admin =
                    Admin.create(
                            Map.of(
                                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                    kafka.bootstrapServers()))) {
                admin.createTopics(
                                List.of(
                                                "orders",
                                                "tracking",
                                                "inventory",
                                                "remittances",
                                                "dead-letters",
                                                "alerts",
                                                "notifications")
                                        .stream()
                                        .map(
                                                topic ->
                                                        new NewTopic(
                                                                topic + "-" + name, 2, (short) 1))
                                        .toList())
                        .all()
                        .get();
            }
        }

        /** The feed cut into this many consecutive parts. */
        List<List<SimulatedRecord>> parts(int count) {
            List<SimulatedRecord> records = feed.records();
            List<List<SimulatedRecord>> parts = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                parts.add(
                        records.subList(
                                records.size() * i / count, records.size() * (i + 1) / count));
            }
            return parts;
        }

        void send(List<SimulatedRecord> records) {
            try (FeedProducer producer =
                    new FeedProducer(kafka.bootstrapServers(), FeedProducer.Topics.of(name))) {
                producer.send(records.iterator());
            }
        }

        /**
         * Records no simulated feed sends, on top of the feed's own bad order events and scans:
         * foreign bytes, an empty record and a cut-off single-object header on every input topic,
         * and on the inventory topic a truncated stock event, an order event (wrong schema) and a
         * stock receipt of a negative quantity (invalid values); then a hostile producer's records
         * on every partition ({@link HostileRecords}: length bombs, event times in microseconds).
         */
        int sendPoisonPills() throws Exception {
            List<byte[]> foreign =
                    List.of(
                            "{\"not\": \"avro\"}".getBytes(StandardCharsets.UTF_8),
                            new byte[0],
                            new byte[] {(byte) 0xC3, 0x01, 0x42});
            byte[] stockEvent = firstValueOn(Topic.INVENTORY);
            AvroCodec<InventoryEvent> stockEvents = AvroCodec.of(InventoryEvent.class);
            InventoryEvent negativeReceipt =
                    InventoryEvent.newBuilder(stockEvents.decode(stockEvent))
                            .setEventId("poison-negative-receipt")
                            .setType(InventoryEventType.RECEIVED)
                            .setQuantity(-5)
                            .build();
            Map<String, List<byte[]>> pills =
                    Map.of(
                            "orders",
                            foreign,
                            "tracking",
                            foreign,
                            "inventory",
                            Stream.concat(
                                            foreign.stream(),
                                            Stream.of(
                                                    Arrays.copyOf(
                                                            stockEvent, stockEvent.length / 2),
                                                    firstValueOn(Topic.ORDERS),
                                                    stockEvents.encode(negativeReceipt)))
                                    .toList());
            Properties properties = new Properties();
            properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
            properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
            int sent = 0;
            hostile = HostileRecords.against(feed.records(), 2);
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties)) {
                for (Map.Entry<String, List<byte[]>> topic : pills.entrySet()) {
                    for (byte[] pill : topic.getValue()) {
                        producer.send(
                                        new ProducerRecord<>(
                                                topic.getKey() + "-" + name,
                                                ("pill-" + sent).getBytes(StandardCharsets.UTF_8),
                                                pill))
                                .get();
                        sent++;
                    }
                }
                for (HostileRecords.Hostile record : hostile) {
                    producer.send(
                                    new ProducerRecord<>(
                                            record.topic().name().toLowerCase(Locale.ROOT)
                                                    + "-"
                                                    + name,
                                            record.partition(),
                                            record.key().getBytes(StandardCharsets.UTF_8),
                                            record.value()))
                            .get();
                    sent++;
                }
            }
            extraDeadLetters.add(sent);
            return sent;
        }

        private static byte[] firstValueOn(Topic topic) {
            return feed.records().stream()
                    .filter(record -> record.topic() == topic)
                    .findFirst()
                    .orElseThrow()
                    .value();
        }

        /** The input topics the dead letters came from. */
        Set<String> deadLetterSources() {
            return letters.stream()
                    .map(DeadLetters.Letter::sourceTopic)
                    .collect(Collectors.toSet());
        }

        void awaitRunning() {
            await().atMost(RECOVERY_LIMIT)
                    .pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .until(() -> flink.allTasksRunning(jobId));
        }

        void assertEndStateIsTheOracles(String faults, List<Long> recoveryNanos) throws Exception {
            Oracle oracle = feed.oracle();
            Map<String, ObjectNode> documents =
                    OracleComparison.awaitFinalDocuments(
                            elasticsearch, "orders-" + name, oracle, feed.records());
            versions.close();
            long lost =
                    oracle.orders().stream()
                            .filter(
                                    order ->
                                            !documents.containsKey(order.orderId())
                                                    || documents
                                                                    .get(order.orderId())
                                                                    .path("version")
                                                                    .asLong()
                                                            != order.truth().events())
                            .count();
            int bad =
                    oracle.summary().badRecords().values().stream().mapToInt(Long::intValue).sum()
                            + extraDeadLetters.stream().mapToInt(Integer::intValue).sum();
            letters = DeadLetters.all(kafka.bootstrapServers(), "dead-letters-" + name, bad);
            Map<String, Long> lettersBySource =
                    letters.stream()
                            .collect(
                                    Collectors.groupingBy(
                                            letter ->
                                                    letter.sourceTopic()
                                                            + "/"
                                                            + letter.sourcePartition()
                                                            + "@"
                                                            + letter.sourceOffset(),
                                            Collectors.counting()));
            Map<String, Integer> alertEvents = alertEventsById();
            long duplicateAlerts = alertEvents.values().stream().filter(count -> count > 1).count();
            FIGURES.add(
                    String.format(
                            Locale.ROOT,
                            "| %s | %d | %d | %s | %s | %d | %d | %d | %d | %d (%d) |",
                            scenario,
                            feed.records().size(),
                            oracle.orders().size(),
                            faults,
                            recoveryNanos.stream()
                                    .map(nanos -> String.format(Locale.ROOT, "%.1f", nanos / 1e9))
                                    .collect(Collectors.joining(", ")),
                            flink.restarts(jobId),
                            lost,
                            versions.regressions().size(),
                            duplicateAlerts,
                            letters.size(),
                            bad));

            OracleComparison.assertMatches(oracle, feed.records(), documents);
            assertThat(versions.passes()).as("passes over the orders index").isGreaterThan(10);
            assertThat(versions.regressions()).as("documents seen going back").isEmpty();
            assertThat(alertEvents).as("alert events on the alerts topic").isNotEmpty();
            assertThat(duplicateAlerts).as("alert events published twice").isZero();
            Set<String> expected = AlertComparison.expected(oracle, feed.records());
            assertThat(AlertComparison.fired(elasticsearch, "alerts-" + name, oracle, expected))
                    .as("order alerts")
                    .isEqualTo(expected);
            assertThat(letters).as("dead letters").hasSize(bad);
            assertThat(lettersBySource.values())
                    .as("dead letters per source record")
                    .allMatch(count -> count == 1);
            assertThat(letters)
                    .allSatisfy(letter -> assertThat(letter.reason()).as("reason").isNotBlank());
        }

        /** How many times each alert event (by event id) reached the alerts topic. */
        private Map<String, Integer> alertEventsById() {
            AvroCodec<Alert> codec = AvroCodec.of(Alert.class);
            Map<String, Integer> counts = new HashMap<>();
            Properties properties = new Properties();
            properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            properties.put(ConsumerConfig.GROUP_ID_CONFIG, "alert-reader-" + UUID.randomUUID());
            properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            properties.put(
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
            properties.put(
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties)) {
                consumer.subscribe(List.of("alerts-" + name));
                long quietUntil = System.currentTimeMillis() + 5_000;
                while (System.currentTimeMillis() < quietUntil) {
                    for (var record : consumer.poll(Duration.ofMillis(500))) {
                        counts.merge(
                                codec.decode(record.value()).getEventId().toString(),
                                1,
                                Integer::sum);
                        quietUntil = System.currentTimeMillis() + 5_000;
                    }
                }
            }
            return counts;
        }

        @Override
        public void close() throws Exception {
            versions.close();
            flink.cancel(jobId);
        }
    }
}
