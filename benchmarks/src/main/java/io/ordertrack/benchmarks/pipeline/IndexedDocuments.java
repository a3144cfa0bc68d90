package io.ordertrack.benchmarks.pipeline;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/** What the pipeline wrote to Elasticsearch, as Elasticsearch counts it. */
final class IndexedDocuments {
    private IndexedDocuments() {}

    /** The sum of the versions of an index's documents; 0 while it cannot answer yet. */
    static long versionSum(ElasticsearchClient client, String index) {
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
        } catch (IOException | RuntimeException e) {
            // A new index whose shard is not allocated yet answers 503.
            return 0;
        }
        var versions = response.aggregations().get("versions");
        return versions == null ? 0 : Math.round(versions.sum().value());
    }

    /** Index operations Elasticsearch carried out on the indices of a name or pattern. */
    static long indexedCount(ElasticsearchClient client, String indices) throws IOException {
        return client.indices()
                .stats(s -> s.index(indices).metric("indexing"))
                .all()
                .total()
                .indexing()
                .indexTotal();
    }

    /**
     * Documents each index holds, as a search counts them (nested parts not counted): the fewest
     * writes that could have built it.
     */
    static Map<String, Long> keptCounts(ElasticsearchClient client, String indices)
            throws IOException {
        client.indices().refresh(r -> r.index(indices));
        Map<String, Long> counts = new TreeMap<>();
        for (String index : indexedCounts(client, indices).keySet()) {
            counts.put(index, client.count(c -> c.index(index)).count());
        }
        return counts;
    }

    /** Documents indexed by each index (every write, not only the documents that remain). */
    static Map<String, Long> indexedCounts(ElasticsearchClient client, String indices)
            throws IOException {
        Map<String, Long> counts = new TreeMap<>();
        client.indices()
                .stats(s -> s.index(indices).metric("indexing"))
                .indices()
                .forEach(
                        (index, stats) ->
                                counts.put(index, stats.primaries().indexing().indexTotal()));
        return counts;
    }
}
