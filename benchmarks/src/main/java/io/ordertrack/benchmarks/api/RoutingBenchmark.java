package io.ordertrack.benchmarks.api;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.ordertrack.api.security.ApiKeys;
import io.ordertrack.benchmarks.CommandLine;
import io.ordertrack.documents.Index;
import io.ordertrack.geo.Pincodes;
import io.ordertrack.geo.Place;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Answer time of fulfilment routing ({@code GET /api/routing}) under concurrent load, with the
 * stock of many SKUs at many warehouses indexed: W warehouses at random real PIN codes, S SKUs each
 * stocked at K of them, questions of one to five SKUs to random destinations.
 *
 * <p>Usage: {@code deploy/local/routing-benchmark.sh [--warehouses W] [--skus S] [--stocked-at K]
 * [--threads C] [--seconds T] [--out FILE]} against the Elasticsearch of {@code ORDERTRACK_ES_URL}
 * (the local stack's by default).
 */
public final class RoutingBenchmark {
    private static final String TENANT = "acme-fashion";
    private static final int BULK_SIZE = 5_000;
    private static final int QUESTIONS = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        Map<String, String> options = CommandLine.options(args);
        int warehouseCount = Integer.parseInt(options.getOrDefault("warehouses", "1000"));
        int skuCount = Integer.parseInt(options.getOrDefault("skus", "100000"));
        int stockedAt = Integer.parseInt(options.getOrDefault("stocked-at", "10"));
        int threads = Integer.parseInt(options.getOrDefault("threads", "4"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "20"));
        Path out = Path.of(options.getOrDefault("out", "target/routing-benchmark.md"));
        SplittableRandom random = new SplittableRandom(17);
        List<Place> places = Pincodes.all().places();
        List<Place> warehouses = new ArrayList<>();
        for (int w = 0; w < warehouseCount; w++) {
            warehouses.add(places.get(random.nextInt(places.size())));
        }

        try (BenchmarkIndex index = BenchmarkIndex.create("bench-inventory-", Index.INVENTORY)) {
            long began = System.nanoTime();
            long indexed =
                    indexStock(
                            index.client(), index.name(), warehouses, skuCount, stockedAt, random);
            double loadSeconds = (System.nanoTime() - began) / 1e9;
            System.out.printf(
                    Locale.ROOT, "indexed %,d stock documents in %.0f s%n", indexed, loadSeconds);
            String key = ApiKeys.newKey();
            Javalin api =
                    index.startApi(
                            index.apiConfig(ApiKeys.parse(ApiKeys.hash(key) + " " + TENANT)));
            try {
                List<String> questions = questions(places, skuCount, random);
                AtomicInteger splits = new AtomicInteger();
                LatencyLoad.Call route =
                        question -> {
                            String body =
                                    LatencyLoad.apiGet(api.port(), key, "/api/routing?" + question);
                            if (!body.contains("\"split\":null")) {
                                splits.incrementAndGet();
                            }
                        };
                List<LatencyLoad.Sample> samples =
                        LatencyLoad.run(threads, seconds, questions, List.of(route));
                StringBuilder table = new StringBuilder();
                table.append(
                        String.format(
                                Locale.ROOT,
                                "Routing benchmark: %,d stock documents (%,d SKUs, each at %d of"
                                    + " %,d warehouses at random PIN codes), loaded in %.0f s; %d"
                                    + " client threads for %d s, questions of 1 to 5 SKUs to random"
                                    + " PIN codes (%.0f%% answered with a split).%n%n",
                                indexed,
                                skuCount,
                                stockedAt,
                                warehouseCount,
                                loadSeconds,
                                threads,
                                seconds,
                                100.0 * splits.get() / Math.max(1, samples.get(0).count())));
                table.append(LatencyLoad.TABLE_HEAD);
                LatencyLoad.row(table, "routing", "API", samples.get(0));
                System.out.println(table);
                Files.createDirectories(out.toAbsolutePath().getParent());
                Files.writeString(out, table);
                System.out.println("written to " + out);
            } finally {
                api.stop();
                index.delete();
            }
        }
        System.exit(0);
    }

    private static long indexStock(
            ElasticsearchClient client,
            String index,
            List<Place> warehouses,
            int skuCount,
            int stockedAt,
            SplittableRandom random)
            throws Exception {
        long indexed = 0;
        BulkRequest.Builder bulk = new BulkRequest.Builder();
        int pending = 0;
        for (int s = 0; s < skuCount; s++) {
            Set<Integer> at = new LinkedHashSet<>();
            while (at.size() < Math.min(stockedAt, warehouses.size())) {
                at.add(random.nextInt(warehouses.size()));
            }
            for (int w : at) {
                int available = random.nextInt(40);
                ObjectNode stock = JSON.createObjectNode();
                stock.put("tenantId", TENANT);
                stock.put("sku", sku(s));
                stock.put("warehouseId", warehouse(w));
                stock.put("warehousePincode", warehouses.get(w).pincode());
                stock.put("onHand", available);
                stock.put("reserved", 0);
                stock.put("available", available);
                stock.put("version", 1);
                String id = TENANT + ":" + sku(s) + ":" + warehouse(w);
                byte[] json = JSON.writeValueAsBytes(stock);
                bulk.operations(
                        op ->
                                op.index(
                                        i ->
                                                i.index(index)
                                                        .id(id)
                                                        .document(
                                                                BinaryData.of(
                                                                        json,
                                                                        ContentType
                                                                                .APPLICATION_JSON))));
                if (++pending == BULK_SIZE) {
                    indexed += send(client, bulk.build(), pending);
                    bulk = new BulkRequest.Builder();
                    pending = 0;
                }
            }
        }
        if (pending > 0) {
            indexed += send(client, bulk.build(), pending);
        }
        client.indices().refresh(r -> r.index(index));
        return indexed;
    }

    private static int send(ElasticsearchClient client, BulkRequest request, int count)
            throws Exception {
        BulkResponse response = client.bulk(request);
        if (response.errors()) {
            throw new IllegalStateException("bulk indexing failed: " + response.items().get(0));
        }
        return count;
    }

    /** Questions of one to five SKUs, one to three units each, to random PIN codes. */
    private static List<String> questions(
            List<Place> places, int skuCount, SplittableRandom random) {
        List<String> questions = new ArrayList<>();
        for (int q = 0; q < QUESTIONS; q++) {
            Set<String> items = new LinkedHashSet<>();
            int lines = 1 + random.nextInt(5);
            while (items.size() < lines) {
                items.add(sku(random.nextInt(skuCount)));
            }
            List<String> parts = new ArrayList<>();
            items.forEach(sku -> parts.add(sku + ":" + (1 + random.nextInt(3))));
            questions.add(
                    "destination="
                            + places.get(random.nextInt(places.size())).pincode()
                            + "&items="
                            + URLEncoder.encode(String.join(",", parts), StandardCharsets.UTF_8));
        }
        return questions;
    }

    private static String sku(int number) {
        return String.format(Locale.ROOT, "SKU-%06d", number);
    }

    private static String warehouse(int number) {
        return String.format(Locale.ROOT, "WH-%04d", number);
    }

    private RoutingBenchmark() {}
}
