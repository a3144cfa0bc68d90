package io.ordertrack.benchmarks.api;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import io.ordertrack.avro.OrderState;
import io.ordertrack.benchmarks.FeedReplay;
import io.ordertrack.domain.documents.OrderDocument;
import io.ordertrack.domain.lifecycle.OrderLifecycle;
import io.ordertrack.jobs.elasticsearch.DocumentJson;
import io.ordertrack.simulator.Simulation;
import io.ordertrack.simulator.SimulationOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * An orders index of the API benchmarks, filled with the documents of simulated orders as the job
 * writes them once each order is over (built by the job's lifecycle code).
 */
final class SimulatedOrderIndex {
    private static final int BULK_SIZE = 2_000;
    private static final int MERGE_QUIET_SECONDS = 10;
    private static final int MERGE_WAIT_MINUTES = 10;

    /** Told of each document once Elasticsearch has taken it. */
    @FunctionalInterface
    interface Indexed {
        void accept(OrderState order, byte[] document) throws Exception;
    }

    private SimulatedOrderIndex() {}

    /**
     * Indexes the documents of {@code orderCount} simulated orders (seed 7) into {@code index} and
     * refreshes it; answers how many were indexed.
     */
    static long fill(ElasticsearchClient client, String index, int orderCount, Indexed indexed)
            throws Exception {
        DocumentJson json = new DocumentJson();
        List<OrderState> finished = new ArrayList<>();
        long count = 0;
        FeedReplay[] feed = new FeedReplay[1];
        feed[0] =
                new FeedReplay(
                        order -> {
                            if (order.getDetails() != null && OrderLifecycle.isFinished(order)) {
                                finished.add(order);
                                feed[0].forget(order.getOrderId());
                            }
                        });
        Simulation simulation = Simulation.of(SimulationOptions.defaults(7, orderCount));
        while (simulation.hasNext()) {
            feed[0].replay(simulation.next());
            if (finished.size() >= BULK_SIZE) {
                count += bulk(client, index, finished, json, indexed);
            }
        }
        finished.addAll(feed[0].tracked());
        while (!finished.isEmpty()) {
            count += bulk(client, index, finished, json, indexed);
        }
        client.indices().refresh(r -> r.index(index));
        return count;
    }

    /**
     * Waits until Elasticsearch has merged the segments of the bulk load: an index a seller queries
     * has not just taken a million documents, and the merges right after such a load double the
     * latencies of any query for minutes.
     */
    static void awaitMergesSettled(ElasticsearchClient client, String index) throws Exception {
        long began = System.nanoTime();
        long deadline = began + TimeUnit.MINUTES.toNanos(MERGE_WAIT_MINUTES);
        int quietSeconds = 0;
        while (quietSeconds < MERGE_QUIET_SECONDS && System.nanoTime() < deadline) {
            Thread.sleep(1_000);
            long running =
                    client.indices()
                            .stats(s -> s.index(index).metric("merge"))
                            .all()
                            .total()
                            .merges()
                            .current();
            quietSeconds = running == 0 ? quietSeconds + 1 : 0;
        }
        System.out.printf(
                Locale.ROOT,
                "%s after %.0f s of waiting for Elasticsearch's merges of the load%n",
                quietSeconds >= MERGE_QUIET_SECONDS ? "merged" : "still merging",
                (System.nanoTime() - began) / 1e9);
    }

    private static int bulk(
            ElasticsearchClient client,
            String index,
            List<OrderState> orders,
            DocumentJson json,
            Indexed indexed)
            throws Exception {
        List<OrderState> batch =
                new ArrayList<>(orders.subList(0, Math.min(BULK_SIZE, orders.size())));
        orders.subList(0, batch.size()).clear();
        List<byte[]> documents = new ArrayList<>(batch.size());
        BulkRequest.Builder request = new BulkRequest.Builder();
        for (OrderState order : batch) {
            byte[] document = json.encode(OrderDocument.of(order));
            documents.add(document);
            request.operations(
                    op ->
                            op.index(
                                    i ->
                                            i.index(index)
                                                    .id(order.getOrderId())
                                                    .document(
                                                            BinaryData.of(
                                                                    document,
                                                                    ContentType
                                                                            .APPLICATION_JSON))));
        }
        BulkResponse response = client.bulk(request.build());
        if (response.errors()) {
            throw new IllegalStateException("bulk indexing failed: " + response.items().get(0));
        }
        for (int i = 0; i < batch.size(); i++) {
            indexed.accept(batch.get(i), documents.get(i));
        }
        return batch.size();
    }
}
