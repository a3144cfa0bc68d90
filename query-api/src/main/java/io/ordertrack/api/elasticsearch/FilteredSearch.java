package io.ordertrack.api.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregate;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregationSource;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How every search of the API asks Elasticsearch: one index (or alias), which holds nothing while
 * it does not exist yet, only the documents the filters select, and at most the search timeout of
 * the API's limits; an answer the timeout cut short is refused, never given out.
 */
public final class FilteredSearch {
    private static final String GROUPS = "groups";

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

    /**
     * One page of the groups of the documents {@code filters} select: up to {@code size} buckets of
     * a composite aggregation of {@code sources} after the key of the previous page ({@code after},
     * none for the first page), each holding the {@code measures} of its documents; null while the
     * index does not exist.
     *
     * @throws ElasticsearchUnavailableException when Elasticsearch stopped at the timeout
     * @throws IOException when Elasticsearch could not answer
     */
    public static CompositeAggregate groups(
            ElasticsearchClient client,
            String index,
            SearchLimits limits,
            List<Query> filters,
            List<Map<String, CompositeAggregationSource>> sources,
            int size,
            Optional<Map<String, FieldValue>> after,
            Map<String, Aggregation> measures)
            throws IOException {
        SearchResponse<Void> response =
                search(
                        client,
                        index,
                        limits,
                        filters,
                        s ->
                                s.size(0)
                                        .aggregations(
                                                GROUPS,
                                                a -> {
                                                    Aggregation.Builder.ContainerBuilder groups =
                                                            a.composite(
                                                                    c -> {
                                                                        c.sources(sources)
                                                                                .size(size);
                                                                        after.ifPresent(c::after);
                                                                        return c;
                                                                    });
                                                    if (!measures.isEmpty()) {
                                                        groups.aggregations(measures);
                                                    }
                                                    return groups;
                                                }),
                        Void.class);
        Aggregate groups = response.aggregations().get(GROUPS);
        return groups == null || !groups.isComposite() ? null : groups.composite();
    }
}
