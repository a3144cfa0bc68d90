package io.ordertrack.local;

import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordertrack.api.elasticsearch.ElasticsearchClients;
import java.util.List;

/** Every document of a (test-sized) index, straight from Elasticsearch. */
final class IndexSearch {
    private IndexSearch() {}

    static List<Hit<ObjectNode>> all(ElasticsearchClients elasticsearch, String index)
            throws Exception {
        return elasticsearch
                .client()
                .search(
                        s ->
                                s.index(index)
                                        .size(10_000)
                                        .ignoreUnavailable(true)
                                        .allowNoIndices(true),
                        ObjectNode.class)
                .hits()
                .hits();
    }
}
