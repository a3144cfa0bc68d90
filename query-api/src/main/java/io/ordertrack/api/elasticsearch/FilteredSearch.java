package io.ordertrack.api.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * How every search of the API asks Elasticsearch: one index (or alias), which holds nothing while
 * it does not exist yet, only the documents the filters select, and at most the search timeout of
 * the API's limits; an answer the timeout cut short is refused, never given out.
 */
public final class FilteredSearch {
    private FilteredSearch() {}

    /**
     * Searches {@code index} for the documents {@code filters} select; {@code request} sets the
     * rest of the request (size, sort, aggregations, cursor).
     *
     * @throws ElasticsearchUnavailableException when Elasticsearch stopped at the timeout
     * @throws IOException when Elasticsearch could not answer
     */
    public static <T> SearchResponse<T> search(
            ElasticsearchClient client,
            String index,
            SearchLimits limits,
            List<Query> filters,
            Consumer<SearchRequest.Builder> request,
            Class<T> documentType)
            throws IOException {
        SearchResponse<T> response =
                client.search(
                        s -> {
                            s.index(index)
                                    .ignoreUnavailable(true)
                                    .allowNoIndices(true)
                                    .timeout(limits.elasticsearchTimeout())
                                    .query(q -> q.bool(b -> b.filter(filters)));
                            request.accept(s);
                            return s;
                        },
                        documentType);
        limits.complete(response, index);
        return response;
    }
}
