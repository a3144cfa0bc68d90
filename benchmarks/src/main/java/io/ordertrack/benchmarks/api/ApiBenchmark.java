package io.ordertrack.benchmarks.api;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.ordertrack.api.ApiConfig;
import io.ordertrack.api.elasticsearch.DocumentSearch;
import io.ordertrack.api.orders.OrderFilter;
import io.ordertrack.api.orders.OrderRepository;
import io.ordertrack.api.orders.OrderSort;
import io.ordertrack.api.security.ApiKeys;
import io.ordertrack.api.security.TenantScope;
import io.ordertrack.benchmarks.CommandLine;
import io.ordertrack.documents.Index;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Latency and throughput of the API's lookups under concurrent load, side by side with the same
 * queries sent straight to Elasticsearch in the same run, so that the API's own overhead shows.
 *
 * <p>It indexes the documents of N simulated orders (built by the job's lifecycle code, as the job
 * writes them) into a fresh index of a running Elasticsearch, waits until Elasticsearch has merged
 * the load (no merge running for 10 s, 10 min at most), starts the API in process, keeps a writer
 * re-indexing orders (as the live job does) throughout, then for each query runs C client threads
 * for a fixed time: search by AWB, the order list (a bucket, 20 per page) and the bucket counts of
 * a date range, through the API (HTTP, API key, JSON) and through the API's own repository straight
 * to Elasticsearch.
 *
 * <p>Usage: {@code deploy/local/api-benchmark.sh [--orders N] [--threads C] [--seconds S]
 * [--live-writes W per second] [--out FILE]} (C may be a list, e.g. {@code 1,2}: each measured on
 * the same index) against the Elasticsearch of {@code ORDERTRACK_ES_URL} (the local stack's by
 * default).
 */
public final class ApiBenchmark {
    private static final String TENANT = "acme-fashion";
    private static final int WARM_UP_SECONDS = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One query with its arguments, asked through the API and straight to Elasticsearch. */
    private record Query(
            String name,
            List<String> arguments,
            Function<String, String> apiPath,
            Consumer<String> direct) {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = CommandLine.options(args);
        int orderCount = Integer.parseInt(options.getOrDefault("orders", "1000000"));
        List<Integer> threadCounts =
                Arrays.stream(options.getOrDefault("threads", "8").split(","))
                        .map(count -> Integer.valueOf(count.trim()))
                        .toList();
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "60"));
        int liveWrites = Integer.parseInt(options.getOrDefault("live-writes", "500"));
        Path out = Path.of(options.getOrDefault("out", "target/api-benchmark.md"));

        try (BenchmarkIndex benchmarkIndex = BenchmarkIndex.create("bench-orders-", Index.ORDERS)) {
            ElasticsearchClient client = benchmarkIndex.client();
            String index = benchmarkIndex.name();
            long began = System.nanoTime();
            List<String> awbs = new ArrayList<>();
            List<ObjectNode> sample = new ArrayList<>();
            long indexed = indexOrders(client, index, orderCount, awbs, sample);
            double loadSeconds = (System.nanoTime() - began) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "indexed %d order documents in %.0f s (%.0f docs/s)%n",
                    indexed,
                    loadSeconds,
                    indexed / loadSeconds);
            SimulatedOrderIndex.awaitMergesSettled(client, index);

            String key = ApiKeys.newKey();
            ApiConfig config =
                    benchmarkIndex.apiConfig(ApiKeys.parse(ApiKeys.hash(key) + " " + TENANT));
            Javalin api = benchmarkIndex.startApi(config);
            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicLong liveWritten = new AtomicLong();
            Thread writer =
                    new Thread(
                            () ->
                                    writeLive(
                                            client,
                                            index,
                                            sample,
                                            liveWrites,
                                            writing,
                                            liveWritten),
                            "live-writer");
            writer.start();
            long writerStarted = System.nanoTime();
            try {
                StringBuilder tables = new StringBuilder();
                // One load of the index serves every number of concurrent clients asked for.
                for (int threads : threadCounts) {
                    tables.append(
                            measure(
                                    api.port(),
                                    key,
                                    new OrderRepository(
                                            client,
                                            index,
                                            index + "-routing",
                                            config.limits().search()),
                                    awbs,
                                    threads,
                                    seconds,
                                    indexed,
                                    loadSeconds,
                                    liveWrites));
                    tables.append(System.lineSeparator());
                }
                String table =
                        tables
                                + String.format(
                                        Locale.ROOT,
                                        "%nThe live writer re-indexed %,d orders meanwhile"
                                                + " (%.0f/s).%n",
                                        liveWritten.get(),
                                        liveWritten.get()
                                                / ((System.nanoTime() - writerStarted) / 1e9));
                System.out.println(table);
                Files.createDirectories(out.toAbsolutePath().getParent());
                Files.writeString(out, table);
                System.out.println("written to " + out);
            } finally {
                writing.set(false);
                writer.join();
                api.stop();
                benchmarkIndex.delete();
            }
        }
    }

    private static String measure(
            int port,
            String key,
            OrderRepository repository,
            List<String> awbs,
            int threads,
            int seconds,
            long indexed,
            double loadSeconds,
            int liveWrites)
            throws Exception {
        TenantScope scope = TenantScope.of(TENANT);
        List<String> buckets = List.of("NOT_PICKED", "LIVE", "DELIVERED", "RETURNED");
        List<Query> queries =
                List.of(
                        new Query(
                                "search by AWB",
                                awbs,
                                awb -> "/api/orders?awb=" + encode(awb),
                                awb ->
                                        repository.list(
                                                scope,
                                                OrderFilter.none().withAwb(awb),
                                                OrderSort.NEWEST_PLACED,
                                                20,
                                                Optional.empty())),
                        new Query(
                                "order list (bucket, 20 per page)",
                                buckets,
                                bucket -> "/api/orders?size=20&bucket=" + bucket,
                                bucket ->
                                        repository.list(
                                                scope,
                                                OrderFilter.none().withBucket(bucket),
                                                OrderSort.NEWEST_PLACED,
                                                20,
                                                Optional.empty())),
                        new Query(
                                "bucket counts",
                                List.of(""),
                                none -> "/api/orders/buckets",
                                none ->
                                        repository.count(
                                                scope,
                                                OrderFilter.none(),
                                                List.of(DocumentSearch.Grouping.of("bucket")))));
        StringBuilder table = new StringBuilder();
        table.append(
                String.format(
                        Locale.ROOT,
                        "API benchmark: %,d order documents of three sellers, queries as %s,"
                                + " loaded in %.0f s; %d client threads, %d s per query, each"
                                + " thread asking the API (blocking HTTP/1.1, kept alive) and"
                                + " Elasticsearch directly the same question, each first in"
                                + " turn; a live writer re-indexing %d orders/s throughout.%n%n",
                        indexed,
                        TENANT,
                        loadSeconds,
                        threads,
                        seconds,
                        liveWrites));
        table.append(LatencyLoad.TABLE_HEAD);
        for (Query query : queries) {
            // The first calls run interpreted code; every query's paths are compiled before any
            // is measured.
            LatencyLoad.run(threads, WARM_UP_SECONDS, query.arguments(), calls(port, key, query));
        }
        for (Query query : queries) {
            List<LatencyLoad.Sample> samples =
                    LatencyLoad.run(threads, seconds, query.arguments(), calls(port, key, query));
            LatencyLoad.row(table, query.name(), "API", samples.get(0));
            LatencyLoad.row(table, query.name(), "Elasticsearch direct", samples.get(1));
            table.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | API overhead at p99 | | | %.1f | |%n",
                            query.name(),
                            (LatencyLoad.percentile(samples.get(0), 0.99)
                                            - LatencyLoad.percentile(samples.get(1), 0.99))
                                    / 1e6));
        }
        return table.toString();
    }

    /** The query through the API, then straight to Elasticsearch. */
    private static List<LatencyLoad.Call> calls(int port, String key, Query query) {
        return List.of(
                argument -> LatencyLoad.apiGet(port, key, query.apiPath().apply(argument)),
                argument -> query.direct().accept(argument));
    }

    /** Documents of simulated orders, sampling the AWBs and documents of TENANT's. */
    private static long indexOrders(
            ElasticsearchClient client,
            String index,
            int orderCount,
            List<String> awbs,
            List<ObjectNode> sample)
            throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        return SimulatedOrderIndex.fill(
                client,
                index,
                orderCount,
                (order, document) -> {
                    if (order.getTenantId().equals(TENANT)
                            && order.getAwb() != null
                            && random.nextInt(10) == 0) {
                        awbs.add(order.getAwb());
                        if (sample.size() < 10_000) {
                            sample.add((ObjectNode) JSON.readTree(document));
                        }
                    }
                });
    }

    /** Re-indexes sampled orders at a steady rate, as the live job keeps writing. */
    private static void writeLive(
            ElasticsearchClient client,
            String index,
            List<ObjectNode> sample,
            int perSecond,
            AtomicBoolean writing,
            AtomicLong written) {
        SplittableRandom random = new SplittableRandom(3);
        int perBatch = Math.max(1, perSecond / 10);
        while (writing.get() && !sample.isEmpty()) {
            long began = System.nanoTime();
            BulkRequest.Builder request = new BulkRequest.Builder();
            for (int i = 0; i < perBatch; i++) {
                ObjectNode order = sample.get(random.nextInt(sample.size()));
                order.put("lastEventAt", Instant.now().toString());
                request.operations(
                        op ->
                                op.index(
                                        x ->
                                                x.index(index)
                                                        .id(order.path("orderId").asText())
                                                        .document(order)));
            }
            try {
                if (!client.bulk(request.build()).errors()) {
                    written.addAndGet(perBatch);
                }
            } catch (Exception e) {
                // The report says how much was written; a failed batch is not retried.
                System.err.println("live writer: a bulk request failed: " + e.getMessage());
            }
            long sleep = 100 - (System.nanoTime() - began) / 1_000_000;
            if (sleep > 0) {
                try {
                    Thread.sleep(sleep);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private ApiBenchmark() {}
}
