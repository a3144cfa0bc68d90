package io.ordertrack.benchmarks.pipeline;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A plain Elasticsearch bulk loader, the fastest the pipeline could write: documents read from one
 * index written to another, with their versions, by parallel writers.
 */
final class BulkLoader {
    private static final ObjectMapper DOCUMENTS = new ObjectMapper();

    private BulkLoader() {}

    /** Every document of an index with its version, in order id order. */
    static List<Hit<ObjectNode>> documentsOf(ElasticsearchClient client, String index)
            throws IOException {
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

    /**
     * Writes documents to an index in bulk requests of {@code batch}, {@code writers} requests at a
     * time; writer {@code w} takes batches {@code w}, {@code w + writers}, …
     */
    static void load(
            ElasticsearchClient client,
            String index,
            List<Hit<ObjectNode>> documents,
            int writers,
            int batch)
            throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(writers);
        List<Future<?>> running = new ArrayList<>();
        for (int writer = 0; writer < writers; writer++) {
            int first = writer;
            running.add(
                    threads.submit(
                            () -> {
                                for (int from = first * batch;
                                        from < documents.size();
                                        from += writers * batch) {
                                    bulk(
                                            client,
                                            index,
                                            documents.subList(
                                                    from,
                                                    Math.min(from + batch, documents.size())));
                                }
                                return null;
                            }));
        }
        for (Future<?> writer : running) {
            writer.get();
        }
        threads.shutdown();
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
                                                        .versionType(VersionType.External)
                                                        .document(
                                                                BinaryData.of(
                                                                        json,
                                                                        ContentType
                                                                                .APPLICATION_JSON))));
            }
            if (client.bulk(request.build()).errors()) {
                throw new IllegalStateException("bulk loading failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
