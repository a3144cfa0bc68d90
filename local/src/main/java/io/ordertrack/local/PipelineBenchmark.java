package io.ordertrack.local;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordertrack.api.ApiConfig;
import io.ordertrack.api.App;
import io.ordertrack.api.elasticsearch.ElasticsearchClients;
import io.ordertrack.api.health.HealthThresholds;
import io.ordertrack.api.security.ApiKeys;
import io.ordertrack.avro.InventoryEvent;
import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.TrackingScan;
import io.ordertrack.connections.ElasticsearchSecurity;
import io.ordertrack.connections.KafkaSecurity;
import io.ordertrack.documents.Index;
import io.ordertrack.documents.IndexBootstrap;
import io.ordertrack.domain.EventValidation;
import io.ordertrack.jobs.OrderTrackingConfig;
import io.ordertrack.jobs.OrderTrackingJob;
import io.ordertrack.schemas.AvroCodec;
import io.ordertrack.simulator.FeedProducer;
import io.ordertrack.simulator.Oracle;
import io.ordertrack.simulator.SimulatedRecord;
import io.ordertrack.simulator.Simulation;
import io.ordertrack.simulator.SimulationOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The pipeline benchmark: the same simulated events, preloaded in Kafka, through the whole pipeline
 * (Kafka → Flink → Elasticsearch) with heap and with RocksDB state, next to the limits measured in
 * the same run — a plain consumer that only reads and decodes them, a plain bulk loader writing the
 * pipeline's final documents, the pipeline with its Elasticsearch sinks discarding — then freshness
 * through the API at a steady live rate, and memory.
 *
 * <p>Usage: {@code deploy/local/pipeline-benchmark.sh [--orders N] [--states heap,rocksdb]
 * [--live-rates 5000,half] [--live-seconds S] [--out FILE]}. Prints a results table (Markdown) and
 * writes every figure to a JSON file.
 */
public final class PipelineBenchmark {
    private static final int PARTITIONS = 2;
    private static final int PARALLELISM = 2;
    private static final long SEED = 7;
    private static final List<String> PHASES =
            List.of("consumer", "discarding", "pipeline", "bulk", "freshness", "peer");
    private static final Duration DONE_WITHIN = Duration.ofMinutes(60);
    private static final ObjectMapper REPORT =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper DOCUMENTS = new ObjectMapper();

    private final String kafka;
    private final String elasticsearchUrl;
    private final KafkaSecurity kafkaSecurity;
    private final ElasticsearchSecurity elasticsearchSecurity;
    private final String run;
    private final Path work;
    private final Map<String, Object> results = new LinkedHashMap<>();
    private final List<String> table = new ArrayList<>();
    private final List<String> cpuLines = new ArrayList<>();
    private final Map<String, String> servers = new LinkedHashMap<>();
    private Path out;

    private PipelineBenchmark(
            String kafka, String elasticsearchUrl, Map<String, String> credentials, Path work) {
        this.kafka = kafka;
        this.elasticsearchUrl = elasticsearchUrl;
        this.kafkaSecurity = KafkaSecurity.fromEnvironment(credentials);
        this.elasticsearchSecurity = ElasticsearchSecurity.fromEnvironment(credentials);
        this.run = "bench-" + Long.toString(System.currentTimeMillis(), 36);
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = CommandLine.options(args);
        int orders = Integer.parseInt(options.getOrDefault("orders", "100000"));
        List<String> states = List.of(options.getOrDefault("states", "heap,rocksdb").split(","));
        List<String> liveRates =
                List.of(options.getOrDefault("live-rates", "5000,half").split(","));
        int liveSeconds = Integer.parseInt(options.getOrDefault("live-seconds", "60"));
        Path out =
                Path.of(options.getOrDefault("out", ".local/bench/pipeline-" + orders + ".json"));
        Map<String, String> env = System.getenv();
        PipelineBenchmark benchmark =
                new PipelineBenchmark(
                        env.getOrDefault("ORDERTRACK_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"),
                        env.getOrDefault("ORDERTRACK_ES_URL", "http://127.0.0.1:9200"),
                        env,
                        Files.createDirectories(Path.of(".local/bench")));
        benchmark.out = out;
        int status = 0;
        try {
            benchmark.measure(orders, states, liveRates, liveSeconds, options);
        } catch (Exception e) {
            e.printStackTrace();
            benchmark.results.put("failed", e.toString());
            status = 1;
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, REPORT.writeValueAsString(benchmark.results) + "\n");
        System.out.println(String.join("\n", benchmark.table));
        System.out.println(String.join("\n", benchmark.cpuLines));
        System.out.println("\nAll figures: " + out);
        // The embedded Flink clusters leave threads behind.
        System.exit(status);
    }

    private void measure(
            int orders,
            List<String> states,
            List<String> liveRates,
            int liveSeconds,
            Map<String, String> options)
            throws Exception {
        results.put("machine", machine());
        for (String server : List.of("elasticsearch", "kafka")) {
            if (options.containsKey(server + "-pid")) {
                servers.put(server, options.get(server + "-pid"));
            }
        }
        results.put("orders", orders);
        FeedProducer.Topics topics = topics(run);
        createTopics(topics);
        Simulation simulation = Simulation.of(SimulationOptions.defaults(SEED, orders));
        long started = System.nanoTime();
        long events;
        try (FeedProducer producer = new FeedProducer(kafka, kafkaSecurity, topics)) {
            events = producer.send(simulation);
        }
        Oracle oracle = simulation.oracle();
        long finalVersions = oracle.orders().stream().mapToLong(o -> o.truth().events()).sum();
        results.put("events", events);
        results.put("preloadSeconds", seconds(started));
        header(events, orders);

        Set<String> phases =
                Set.of(options.getOrDefault("phases", String.join(",", PHASES)).split(","));
        double consumed = 0;
        if (phases.contains("consumer")) {
            consumed = consumeAndDecode(topics, events);
            row("plain Kafka consumer, read + decode (limit a)", events, consumed, null);
        }
        double discarding =
                phases.contains("discarding")
                        ? discardingPipeline(topics, orders, finalVersions, events)
                        : 0;

        Map<String, Double> replay = new LinkedHashMap<>();
        String loadedIndex = null;
        for (String state : phases.contains("pipeline") ? states : List.<String>of()) {
            String ordersIndex = run + "-" + state + "-orders";
            double rate =
                    fullPipeline(
                            topics, state, ordersIndex, orders, finalVersions, events, options);
            replay.put(state, rate);
            if (loadedIndex == null) {
                loadedIndex = ordersIndex;
            }
        }
        if (loadedIndex != null && phases.contains("bulk")) {
            double bulk = bulkLoaderLimit(loadedIndex);
            ratios(replay, consumed, discarding, bulk);
        }
        double best = replay.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        for (String rate : phases.contains("freshness") ? liveRates : List.<String>of()) {
            double eventsPerSecond = rate.equals("half") ? best / 2 : Double.parseDouble(rate);
            if (eventsPerSecond > 0) {
                freshness(eventsPerSecond, liveSeconds);
            }
        }
        if (options.containsKey("jdbc") && phases.contains("peer")) {
            int peerOrders =
                    Integer.parseInt(
                            options.getOrDefault(
                                    "peer-orders", String.valueOf(Math.min(orders, 20_000))));
            postgresPeer(options.get("jdbc"), peerOrders, replay);
        }
        results.put("residentMemory", residentMemory(options));
    }

    // ----- the peer: PostgreSQL, an upsert per event -----

    private void postgresPeer(String jdbcUrl, int peerOrders, Map<String, Double> replay)
            throws Exception {
        Simulation simulation = Simulation.of(SimulationOptions.defaults(SEED, peerOrders));
        List<SimulatedRecord> records = new ArrayList<>();
        simulation.forEachRemaining(records::add);
        List<org.apache.avro.specific.SpecificRecord> events = PostgresPeer.decode(records);
        Map<String, Object> peer = new LinkedHashMap<>();
        peer.put("orders", peerOrders);
        peer.put("events", events.size());
        for (int perTransaction : List.of(1, PostgresPeer.DEFAULT_BATCH)) {
            PostgresPeer.Result result = PostgresPeer.run(jdbcUrl, events, perTransaction);
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("eventsPerSecond", result.eventsPerSecond());
            figures.put("bucketQueryP50Millis", result.bucketQueryP50Millis());
            figures.put("bucketQueryMaxMillis", result.bucketQueryMaxMillis());
            replay.forEach(
                    (state, rate) ->
                            figures.put(
                                    "pipeline-" + state + "-ratio",
                                    rate / result.eventsPerSecond()));
            peer.put(perTransaction == 1 ? "perEvent" : "batched-" + perTransaction, figures);
            row(
                    "PostgreSQL peer, "
                            + (perTransaction == 1
                                    ? "one transaction per event"
                                    : perTransaction + " events per transaction")
                            + " ("
                            + String.format(Locale.ROOT, "%,d", peerOrders)
                            + " orders)",
                    events.size(),
                    result.eventsPerSecond(),
                    String.format(
                            Locale.ROOT,
                            "bucket query p50 %.1f ms; pipeline ÷ peer: %s",
                            result.bucketQueryP50Millis(),
                            ratiosOf(replay, result.eventsPerSecond())));
        }
        results.put("postgresPeer", peer);
    }

    private static void share(
            Map<String, Object> ratios, List<String> shares, String name, double of, double limit) {
        if (limit > 0) {
            ratios.put(name, of / limit);
            shares.add(String.format(Locale.ROOT, "%s %.2f", name, of / limit));
        }
    }

    private static String ratiosOf(Map<String, Double> replay, double peerRate) {
        List<String> ratios = new ArrayList<>();
        replay.forEach(
                (state, rate) ->
                        ratios.add(String.format(Locale.ROOT, "%s %.1f×", state, rate / peerRate)));
        return String.join(", ", ratios);
    }

    // ----- limit (a): a plain consumer -----

    private double consumeAndDecode(FeedProducer.Topics topics, long events) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(PARTITIONS);
        long started = System.nanoTime();
        List<Future<Long>> read = new ArrayList<>();
        for (int partition = 0; partition < PARTITIONS; partition++) {
            int assigned = partition;
            read.add(threads.submit(() -> readPartition(topics, assigned)));
        }
        long total = 0;
        for (Future<Long> part : read) {
            total += part.get();
        }
        double seconds = seconds(started);
        threads.shutdown();
        if (total != events) {
            throw new IllegalStateException("read " + total + " of " + events + " records");
        }
        results.put("limitConsumerEventsPerSecond", events / seconds);
        return events / seconds;
    }

    /** Reads partition {@code partition} of each input topic to its end, decoding every value. */
    private long readPartition(FeedProducer.Topics topics, int partition) {
        Properties properties = kafkaSecurity.clientProperties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
        Map<String, Function<byte[], Optional<String>>> decoders =
                Map.of(
                        topics.orders(), decoder(OrderEvent.class, EventValidation::problemOf),
                        topics.tracking(), decoder(TrackingScan.class, EventValidation::problemOf),
                        topics.inventory(),
                                decoder(InventoryEvent.class, EventValidation::problemOf));
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        properties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> assigned =
                    decoders.keySet().stream()
                            .map(topic -> new TopicPartition(topic, partition))
                            .toList();
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            Map<TopicPartition, Long> ends = consumer.endOffsets(assigned);
            long read = 0;
            long expected = ends.values().stream().mapToLong(Long::longValue).sum();
            long problems = 0;
            while (read < expected) {
                for (ConsumerRecord<byte[], byte[]> record :
                        consumer.poll(Duration.ofMillis(500))) {
                    read++;
                    if (decoders.get(record.topic()).apply(record.value()).isPresent()) {
                        problems++;
                    }
                }
            }
            results.merge("limitConsumerBadRecords", problems, (a, b) -> (long) a + (long) b);
            return read;
        }
    }

    /** What is wrong with a record's bytes, or empty when they decode to a valid event. */
    private static <T extends org.apache.avro.specific.SpecificRecord>
            Function<byte[], Optional<String>> decoder(
                    Class<T> type, Function<T, Optional<String>> validation) {
        AvroCodec<T> codec = AvroCodec.of(type);
        return bytes -> {
            try {
                return validation.apply(codec.decode(bytes));
            } catch (RuntimeException e) {
                return Optional.of(e.toString());
            }
        };
    }

    // ----- limit (c): the pipeline with discarding sinks -----

    private double discardingPipeline(
            FeedProducer.Topics topics, int orders, long finalVersions, long events)
            throws Exception {
        FinalVersionSink.reset();
        OrderTrackingConfig config = config(topics, run + "-discarding", "discarding");
        OrderTrackingJob job =
                new OrderTrackingJob(
                        OrderTrackingJob.Sources.kafka(config),
                        new OrderTrackingJob.Sinks(
                                new FinalVersionSink(),
                                new DiscardingSink<>(),
                                new DiscardingSink<>(),
                                new DiscardingSink<>(),
                                new DiscardingSink<>(),
                                new DiscardingSink<>(),
                                new DiscardingSink<>()),
                        config);
        long started = System.nanoTime();
        CpuUse.Snapshot cpuBefore = CpuUse.now(servers);
        JobClient client = start(job, config, "hashmap", null);
        awaitDone(FinalVersionSink::versionSum, finalVersions);
        double seconds = seconds(started);
        cpuUse("discarding", CpuUse.between(cpuBefore, CpuUse.now(servers)), events);
        client.cancel().get(1, TimeUnit.MINUTES);
        double rate = events / seconds;
        results.put("limitDiscardingEventsPerSecond", rate);
        results.put("limitDiscardingSeconds", seconds);
        results.put("limitDiscardingOrderDocuments", FinalVersionSink.documents());
        row("pipeline, Elasticsearch sinks discarding (limit c)", events, rate, null);
        return rate;
    }

    // ----- the whole pipeline -----

    private double fullPipeline(
            FeedProducer.Topics topics,
            String state,
            String ordersIndex,
            int orders,
            long finalVersions,
            long events,
            Map<String, String> options)
            throws Exception {
        OrderTrackingConfig config = config(topics, run + "-" + state, state);
        Path checkpoints =
                Files.createDirectories(work.resolve(run + "-" + state + "-checkpoints"));
        String backend = state.equals("heap") ? "hashmap" : state;
        try (ElasticsearchClients elasticsearch =
                ElasticsearchClients.create(elasticsearchUrl, elasticsearchSecurity)) {
            long started = System.nanoTime();
            CpuUse.Snapshot cpuBefore = CpuUse.now(servers);
            JobClient client =
                    start(OrderTrackingJob.fromConfig(config), config, backend, checkpoints);
            awaitDone(() -> versionSum(elasticsearch.client(), ordersIndex), finalVersions);
            double seconds = seconds(started);
            cpuUse("pipeline-" + state, CpuUse.between(cpuBefore, CpuUse.now(servers)), events);
            Instant doneAt = Instant.now();
            long ordersWritten = indexedCount(elasticsearch.client(), ordersIndex);
            long allWritten = indexedCount(elasticsearch.client(), run + "-" + state + "-*");
            long stateBytes = awaitCheckpointBytes(checkpoints, client.getJobID(), doneAt);
            client.cancel().get(1, TimeUnit.MINUTES);
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("seconds", seconds);
            figures.put("eventsPerSecond", events / seconds);
            figures.put("orderDocumentsWritten", ordersWritten);
            figures.put("orderDocumentsPerSecond", ordersWritten / seconds);
            figures.put("allDocumentsWritten", allWritten);
            figures.put(
                    "documentsWrittenByIndex",
                    indexedCounts(elasticsearch.client(), run + "-" + state + "-*"));
            figures.put("eventsPerOrderDocument", (double) events / ordersWritten);
            figures.put("checkpointBytes", stateBytes);
            figures.put("stateBytesPerOrder", stateBytes / (double) orders);
            results.put("pipeline-" + state, figures);
            row(
                    "whole pipeline, " + state + " state",
                    events,
                    events / seconds,
                    String.format(
                            Locale.ROOT,
                            "%,.0f order docs/s; %.1f events per order doc; %,.0f state bytes"
                                    + " per order",
                            ordersWritten / seconds,
                            (double) events / ordersWritten,
                            stateBytes / (double) orders));
            return events / seconds;
        }
    }

    // ----- limit (b): a plain bulk loader -----

    private double bulkLoaderLimit(String loadedIndex) throws Exception {
        try (ElasticsearchClients elasticsearch =
                ElasticsearchClients.create(elasticsearchUrl, elasticsearchSecurity)) {
            ElasticsearchClient client = elasticsearch.client();
            List<Hit<ObjectNode>> documents = finalDocuments(client, loadedIndex);
            String target = run + "-bulk-orders";
            IndexBootstrap.ensureIndex(client, target, Index.ORDERS);
            int batch = OrderTrackingConfig.from(new String[0], Map.of()).bulkMaxActions();
            ExecutorService threads = Executors.newFixedThreadPool(PARALLELISM);
            long started = System.nanoTime();
            List<Future<?>> writers = new ArrayList<>();
            for (int writer = 0; writer < PARALLELISM; writer++) {
                int first = writer;
                writers.add(
                        threads.submit(
                                () -> {
                                    for (int from = first * batch;
                                            from < documents.size();
                                            from += PARALLELISM * batch) {
                                        bulk(
                                                client,
                                                target,
                                                documents.subList(
                                                        from,
                                                        Math.min(from + batch, documents.size())));
                                    }
                                    return null;
                                }));
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
            double seconds = seconds(started);
            threads.shutdown();
            double docsPerSecond = documents.size() / seconds;
            results.put("limitBulkLoaderDocumentsPerSecond", docsPerSecond);
            report(
                    String.format(
                            Locale.ROOT,
                            "| plain bulk loader, the final order documents (limit b) | %,d docs"
                                    + " | %,.0f docs/s | |",
                            documents.size(),
                            docsPerSecond));
            return docsPerSecond;
        }
    }

    /**
     * The pipeline as a share of each limit measured in this run: events/s over events/s,
     * documents/s over documents/s.
     */
    @SuppressWarnings("unchecked")
    private void ratios(
            Map<String, Double> replay, double consumer, double discarding, double bulkLoader) {
        Map<String, Object> ratios = new LinkedHashMap<>();
        replay.forEach(
                (state, eventsPerSecond) -> {
                    Map<String, Object> figures =
                            (Map<String, Object>) results.get("pipeline-" + state);
                    double docsPerSecond = (double) figures.get("orderDocumentsPerSecond");
                    Map<String, Object> ofState = new LinkedHashMap<>();
                    List<String> shares = new ArrayList<>();
                    share(ofState, shares, "ofConsumer", eventsPerSecond, consumer);
                    share(ofState, shares, "ofDiscardingPipeline", eventsPerSecond, discarding);
                    share(ofState, shares, "ofBulkLoader", docsPerSecond, bulkLoader);
                    ratios.put(state, ofState);
                    report(
                            "| "
                                    + state
                                    + " pipeline ÷ limits | "
                                    + String.join(" | ", shares)
                                    + " |");
                });
        results.put("ratios", ratios);
    }

    private static void bulk(ElasticsearchClient client, String index, List<Hit<ObjectNode>> hits) {
        try {
            BulkRequest.Builder request = new BulkRequest.Builder();
            for (Hit<ObjectNode> hit : hits) {
                byte[] json = DOCUMENTS.writeValueAsBytes(hit.source());
                request.operations(
                        op ->
                                op.index(
                                        i ->
                                                i.index(index)
                                                        .id(hit.id())
                                                        .version(hit.version())
                                                        .versionType(
                                                                co.elastic.clients.elasticsearch
                                                                        ._types.VersionType
                                                                        .External)
                                                        .document(
                                                                BinaryData.of(
                                                                        json,
                                                                        ContentType
                                                                                .APPLICATION_JSON))));
            }
            if (client.bulk(request.build()).errors()) {
                throw new IllegalStateException("bulk loading failed");
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Hit<ObjectNode>> finalDocuments(ElasticsearchClient client, String index)
            throws Exception {
        List<Hit<ObjectNode>> all = new ArrayList<>();
        List<FieldValue> after = null;
        while (true) {
            List<FieldValue> from = after;
            SearchResponse<ObjectNode> page =
                    client.search(
                            s -> {
                                s.index(index)
                                        .size(5_000)
                                        .version(true)
                                        .sort(
                                                o ->
                                                        o.field(
                                                                f ->
                                                                        f.field("orderId")
                                                                                .order(
                                                                                        SortOrder
                                                                                                .Asc)));
                                if (from != null) {
                                    s.searchAfter(from);
                                }
                                return s;
                            },
                            ObjectNode.class);
            List<Hit<ObjectNode>> hits = page.hits().hits();
            if (hits.isEmpty()) {
                return all;
            }
            all.addAll(hits);
            after = hits.get(hits.size() - 1).sort();
        }
    }

    // ----- freshness -----

    private void freshness(double eventsPerSecond, int liveSeconds) throws Exception {
        String name = run + "-live-" + (long) eventsPerSecond;
        FeedProducer.Topics topics = topics(name);
        createTopics(topics);
        OrderTrackingConfig config = config(topics, name, "heap");
        JobClient client = start(OrderTrackingJob.fromConfig(config), config, "hashmap", null);
        String key = ApiKeys.newKey();
        ApiConfig api =
                new ApiConfig(
                        "127.0.0.1",
                        0,
                        elasticsearchUrl,
                        config.ordersIndex(),
                        config.alertsIndex(),
                        config.inventoryIndex(),
                        config.metricsIndex(),
                        config.routingIndex(),
                        ApiKeys.parse(ApiKeys.hash(key) + " " + FreshnessProbe.TENANT),
                        ApiConfig.DEFAULT_JOB_STATUS_INDEX,
                        ApiConfig.DEFAULT_CONSUMER_GROUP,
                        HealthThresholds.DEFAULT,
                        elasticsearchSecurity);
        Simulation live =
                Simulation.of(
                        SimulationOptions.defaults(SEED + 1, 50_000_000)
                                .withStart(Instant.now().minus(Duration.ofDays(1))));
        try (App.Running running = App.start(api);
                FeedProducer feed = new FeedProducer(kafka, kafkaSecurity, topics);
                FreshnessProbe probe =
                        new FreshnessProbe(
                                kafka, kafkaSecurity, topics.orders(), running.port(), key)) {
            long[] sent = new long[1];
            Thread feeding =
                    new Thread(
                            () -> sent[0] = feed.send(live, eventsPerSecond, (n, nanos, sim) -> {}),
                            "live-feed");
            feeding.start();
            long started = System.nanoTime();
            CpuUse.Snapshot cpuBefore = CpuUse.now(servers);
            probe.run(Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ZERO);
            long[] latencies =
                    probe.run(
                            Duration.ofMillis(200),
                            Duration.ofSeconds(liveSeconds),
                            Duration.ofSeconds(30));
            CpuUse.Report cpu = CpuUse.between(cpuBefore, CpuUse.now(servers));
            feed.stop();
            feeding.join(30_000);
            double achieved = sent[0] / seconds(started);
            long notVisible = Arrays.stream(latencies).filter(l -> l == Long.MAX_VALUE).count();
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("targetEventsPerSecond", eventsPerSecond);
            figures.put("achievedEventsPerSecond", achieved);
            figures.put("probes", latencies.length);
            figures.put("p50Millis", millis(latencies, 0.50));
            figures.put("p99Millis", millis(latencies, 0.99));
            figures.put("maxMillis", millis(latencies, 1.0));
            figures.put("probesNotVisible", notVisible);
            results.put("freshness-" + (long) eventsPerSecond, figures);
            report(
                    String.format(
                            Locale.ROOT,
                            "| freshness at %,.0f events/s (%,.0f achieved), %d probes | p50 %s"
                                    + " | p99 %s | max %s%s |",
                            eventsPerSecond,
                            achieved,
                            latencies.length,
                            latency(latencies, 0.50),
                            latency(latencies, 0.99),
                            latency(latencies, 1.0),
                            notVisible == 0
                                    ? ""
                                    : "; "
                                            + notVisible
                                            + " probes not visible 30 s after the run"));
            cpuUse("freshness-" + (long) eventsPerSecond, cpu, Math.max(1, sent[0]));
        } finally {
            client.cancel().get(1, TimeUnit.MINUTES);
        }
    }

    /** A latency quantile for the table: milliseconds, or "not visible" past the wait. */
    private static String latency(long[] sortedNanos, double quantile) {
        double millis = millis(sortedNanos, quantile);
        return Double.isInfinite(millis)
                ? "not visible"
                : String.format(Locale.ROOT, "%.0f ms", millis);
    }

    private static double millis(long[] sortedNanos, double quantile) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        long nanos =
                sortedNanos[
                        (int)
                                Math.min(
                                        sortedNanos.length - 1,
                                        Math.ceil(quantile * sortedNanos.length) - 1)];
        return nanos == Long.MAX_VALUE ? Double.POSITIVE_INFINITY : nanos / 1e6;
    }

    // ----- plumbing -----

    private OrderTrackingConfig config(FeedProducer.Topics topics, String name, String state) {
        return OrderTrackingConfig.from(
                new String[] {
                    "--kafka.bootstrap.servers",
                    kafka,
                    "--topic.orders",
                    topics.orders(),
                    "--topic.tracking",
                    topics.tracking(),
                    "--topic.inventory",
                    topics.inventory(),
                    "--topic.dead-letters",
                    name + "-dead-letters",
                    "--topic.alerts",
                    name + "-alerts",
                    "--consumer.group",
                    name,
                    "--elasticsearch.url",
                    elasticsearchUrl,
                    "--index.orders",
                    name + "-orders",
                    "--index.alerts",
                    name + "-alerts",
                    "--index.inventory",
                    name + "-inventory",
                    "--index.metrics",
                    name + "-metrics",
                    // The simulated feeds run ahead of the wall clock: a replay of a million
                    // orders spans 200 days from the simulator's fixed start, and the live feed
                    // runs hours of simulated time a second. Their event times are true to them.
                    "--event.max-future",
                    "3650d"
                },
                // Any other job setting from ORDERTRACK_* variables, as on a cluster.
                System.getenv());
    }

    private static JobClient start(
            OrderTrackingJob job, OrderTrackingConfig config, String backend, Path checkpoints)
            throws Exception {
        Configuration configuration = new Configuration();
        configuration.set(StateBackendOptions.STATE_BACKEND, backend);
        if (checkpoints != null) {
            configuration.set(
                    CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
            configuration.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, false);
        }
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironment(PARALLELISM, configuration);
        if (checkpoints != null) {
            OrderTrackingJob.enableCheckpointing(env, config);
        }
        job.defineWorkflow(env);
        return env.executeAsync(OrderTrackingJob.NAME);
    }

    private static FeedProducer.Topics topics(String name) {
        return new FeedProducer.Topics(name + "-orders", name + "-tracking", name + "-inventory");
    }

    private void createTopics(FeedProducer.Topics topics) throws Exception {
        Properties properties = kafkaSecurity.clientProperties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        try (Admin admin = Admin.create(properties)) {
            admin.createTopics(
                            Stream.of(topics.orders(), topics.tracking(), topics.inventory())
                                    .map(topic -> new NewTopic(topic, PARTITIONS, (short) 1))
                                    .toList())
                    .all()
                    .get(1, TimeUnit.MINUTES);
        }
    }

    private interface Progress {
        long done() throws Exception;
    }

    /**
     * Waits until the versions of the order documents add up to the sum of their final versions,
     * printing how far along it is every 10 s (a steady rate, or a long tail, shows).
     */
    private static void awaitDone(Progress progress, long total) throws Exception {
        long started = System.nanoTime();
        long deadline = started + DONE_WITHIN.toNanos();
        long nextReport = started + Duration.ofSeconds(10).toNanos();
        long done;
        while ((done = progress.done()) < total) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not done within " + DONE_WITHIN);
            }
            if (System.nanoTime() > nextReport) {
                System.out.printf(
                        Locale.ROOT,
                        "  %.0f s: %.1f%% of the order versions%n",
                        seconds(started),
                        100.0 * done / total);
                nextReport += Duration.ofSeconds(10).toNanos();
            }
            Thread.sleep(200);
        }
    }

    /** The sum of the versions of an index's documents; 0 while it cannot answer yet. */
    private static long versionSum(ElasticsearchClient client, String index) {
        SearchResponse<Void> response;
        try {
            response =
                    client.search(
                            s ->
                                    s.index(index)
                                            .ignoreUnavailable(true)
                                            .allowNoIndices(true)
                                            .size(0)
                                            .aggregations(
                                                    "versions",
                                                    a -> a.sum(m -> m.field("version"))),
                            Void.class);
        } catch (java.io.IOException | RuntimeException e) {
            // A new index whose shard is not allocated yet answers 503.
            return 0;
        }
        var versions = response.aggregations().get("versions");
        return versions == null ? 0 : Math.round(versions.sum().value());
    }

    /** Index operations Elasticsearch carried out on the indices of a name or pattern. */
    private static long indexedCount(ElasticsearchClient client, String indices) throws Exception {
        return client.indices()
                .stats(s -> s.index(indices).metric("indexing"))
                .all()
                .total()
                .indexing()
                .indexTotal();
    }

    /** Documents indexed by each index (every write, not only the documents that remain). */
    private static Map<String, Long> indexedCounts(ElasticsearchClient client, String indices)
            throws Exception {
        Map<String, Long> counts = new TreeMap<>();
        client.indices()
                .stats(s -> s.index(indices).metric("indexing"))
                .indices()
                .forEach(
                        (index, stats) ->
                                counts.put(index, stats.primaries().indexing().indexTotal()));
        return counts;
    }

    /** The size of the first checkpoint completed after {@code after}: the job's whole state. */
    private static long awaitCheckpointBytes(Path checkpoints, JobID job, Instant after)
            throws Exception {
        Path dir = checkpoints.resolve(job.toHexString());
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> found = Files.list(dir)) {
                    Optional<Path> completed =
                            found.filter(p -> p.getFileName().toString().startsWith("chk-"))
                                    .filter(p -> Files.exists(p.resolve("_metadata")))
                                    .filter(p -> modifiedAfter(p.resolve("_metadata"), after))
                                    .findFirst();
                    if (completed.isPresent()) {
                        return sizeOf(completed.get());
                    }
                }
            }
            Thread.sleep(500);
        }
        return -1;
    }

    private static boolean modifiedAfter(Path file, Instant after) {
        try {
            return Files.getLastModifiedTime(file).toInstant().isAfter(after);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static long sizeOf(Path dir) throws java.io.IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(
                            file -> {
                                try {
                                    return Files.size(file);
                                } catch (java.io.IOException e) {
                                    return 0;
                                }
                            })
                    .sum();
        }
    }

    private static Map<String, Object> residentMemory(Map<String, String> options) {
        Map<String, Object> memory = new LinkedHashMap<>();
        memory.put("benchmarkJvmMiB", residentMiB("self"));
        for (String process : List.of("elasticsearch", "kafka", "postgres")) {
            String pid = options.get(process + "-pid");
            if (pid != null) {
                memory.put(process + "MiB", residentMiB(pid));
            }
        }
        return memory;
    }

    private static long residentMiB(String pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (java.io.IOException e) {
            // Reported as unknown.
        }
        return -1;
    }

    private static Map<String, Object> machine() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("java", System.getProperty("java.version"));
        machine.put("maxHeapMiB", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        machine.put("date", Instant.now().toString());
        return machine;
    }

    private void header(long events, int orders) {
        report(
                String.format(
                        Locale.ROOT,
                        "%n%,d simulated orders, %,d events (%d cores, Java %s)%n",
                        orders,
                        events,
                        Runtime.getRuntime().availableProcessors(),
                        System.getProperty("java.version")));
        report("| run | work | events/s | notes |");
        report("|---|---|---|---|");
    }

    private void row(String what, long events, double eventsPerSecond, String notes) {
        report(
                String.format(
                        Locale.ROOT,
                        "| %s | %,d events | %,.0f | %s |",
                        what,
                        events,
                        eventsPerSecond,
                        notes == null ? "" : notes));
    }

    /**
     * Where a run's CPU went: the busiest thread groups' CPU per event, printed under the table, so
     * that the stage a run is bound by shows (or that it was not bound by CPU at all).
     */
    private void cpuUse(String runName, CpuUse.Report cpu, long events) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("machineBusyCores", cpu.machineBusyCores());
        figures.put("jvmCores", cpu.jvmCores());
        figures.put("serverCores", cpu.serverCores());
        figures.put("cpuMicrosPerEvent", cpu.microsPerEvent(events, Integer.MAX_VALUE));
        results.put("cpu-" + runName, figures);
        String line = "- " + runName + ": " + cpu.summary(events, 8);
        cpuLines.add(line);
        System.out.println(line);
    }

    /** A line of the results table, printed at once; the figures so far are saved with it. */
    private void report(String line) {
        table.add(line);
        System.out.println(line);
        try {
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, REPORT.writeValueAsString(results) + "\n");
        } catch (java.io.IOException e) {
            System.err.println("could not save the figures so far: " + e);
        }
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
