package io.ordertrack.api.orders;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordertrack.api.elasticsearch.ElasticsearchUnavailableException;
import io.ordertrack.api.security.TenantScope;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads order documents from the {@code orders} alias. Every query carries the caller's tenant
 * filter ({@link OrderQueries}), and user input only ever becomes the value of a query, never query
 * syntax.
 */
public final class OrderRepository {
    /** The most orders one page holds. */
    public static final int MAX_PAGE_SIZE = 100;

    /** The most groups (warehouses × couriers, channels) a breakdown holds. */
    private static final int MAX_GROUPS = 1_000;

    private final ElasticsearchClient client;
    private final String index;

    /**
     * @param index the alias (or index) holding order documents, e.g. {@code orders}
     */
    public OrderRepository(ElasticsearchClient client, String index) {
        this.client = Objects.requireNonNull(client, "client");
        this.index = Objects.requireNonNull(index, "index");
    }

    /** The order with this id, if it exists and the scope may see it. */
    public Optional<ObjectNode> findById(TenantScope scope, String orderId) {
        List<Query> filters = OrderQueries.filters(scope, OrderFilter.none());
        filters.add(Query.of(q -> q.ids(i -> i.values(orderId))));
        return page(filters, OrderSort.NEWEST_PLACED, 1, Optional.empty()).orders().stream()
                .findFirst();
    }

    /**
     * One page of the orders a filter selects, in the given order, starting after the cursor of the
     * previous page.
     */
    public OrderList list(
            TenantScope scope,
            OrderFilter filter,
            OrderSort sort,
            int size,
            Optional<List<FieldValue>> after) {
        return page(OrderQueries.filters(scope, filter), sort, size, after);
    }

    /** How many of the selected orders are in each field value, e.g. per bucket. */
    public Map<String, Long> countBy(TenantScope scope, OrderFilter filter, String field) {
        SearchResponse<Void> response =
                aggregate(
                        OrderQueries.filters(scope, filter), Map.of("by", terms(field, Map.of())));
        Map<String, Long> counts = new LinkedHashMap<>();
        for (StringTermsBucket bucket : buckets(response.aggregations().get("by"))) {
            counts.put(bucket.key().stringValue(), bucket.docCount());
        }
        return counts;
    }

    /**
     * How many of the selected orders are in each value of {@code field}, for each pair of values
     * of {@code first} and {@code second} (orders without {@code second} count under {@code
     * missing}).
     */
    public List<Breakdown> breakdown(
            TenantScope scope,
            OrderFilter filter,
            String first,
            String second,
            String missing,
            String field) {
        Aggregation inner = terms(field, Map.of());
        Aggregation middle =
                Aggregation.of(
                        a ->
                                a.terms(t -> t.field(second).size(MAX_GROUPS).missing(missing))
                                        .aggregations("by", inner));
        SearchResponse<Void> response =
                aggregate(
                        OrderQueries.filters(scope, filter),
                        Map.of("first", terms(first, Map.of("second", middle))));
        List<Breakdown> rows = new ArrayList<>();
        for (StringTermsBucket outer : buckets(response.aggregations().get("first"))) {
            for (StringTermsBucket pair : buckets(outer.aggregations().get("second"))) {
                Map<String, Long> counts = new LinkedHashMap<>();
                for (StringTermsBucket value : buckets(pair.aggregations().get("by"))) {
                    counts.put(value.key().stringValue(), value.docCount());
                }
                rows.add(
                        new Breakdown(outer.key().stringValue(), pair.key().stringValue(), counts));
            }
        }
        return rows;
    }

    /** The counts of one pair of group values, by value of the counted field. */
    public record Breakdown(String first, String second, Map<String, Long> counts) {}

    private OrderList page(
            List<Query> filters, OrderSort sort, int size, Optional<List<FieldValue>> after) {
        try {
            SearchResponse<ObjectNode> response =
                    client.search(
                            s -> {
                                s.index(index)
                                        .ignoreUnavailable(true)
                                        .allowNoIndices(true)
                                        .query(q -> q.bool(b -> b.filter(filters)))
                                        .size(size)
                                        .sort(sort.options())
                                        .trackTotalHits(t -> t.enabled(true));
                                after.ifPresent(s::searchAfter);
                                return s;
                            },
                            ObjectNode.class);
            List<Hit<ObjectNode>> hits = response.hits().hits();
            List<ObjectNode> orders =
                    hits.stream().map(Hit::source).filter(Objects::nonNull).toList();
            long total =
                    response.hits().total() == null
                            ? orders.size()
                            : response.hits().total().value();
            String next =
                    hits.size() == size && !hits.isEmpty()
                            ? PageCursor.encode(hits.get(hits.size() - 1).sort())
                            : null;
            return new OrderList(orders, total, next);
        } catch (IOException e) {
            throw new ElasticsearchUnavailableException("Order search failed", e);
        }
    }

    private SearchResponse<Void> aggregate(
            List<Query> filters, Map<String, Aggregation> aggregations) {
        try {
            return client.search(
                    s ->
                            s.index(index)
                                    .ignoreUnavailable(true)
                                    .allowNoIndices(true)
                                    .query(q -> q.bool(b -> b.filter(filters)))
                                    .size(0)
                                    .aggregations(aggregations),
                    Void.class);
        } catch (IOException e) {
            throw new ElasticsearchUnavailableException("Order counts failed", e);
        }
    }

    /** The buckets of a terms aggregation; none when no index answered. */
    private static List<StringTermsBucket> buckets(Aggregate aggregate) {
        return aggregate == null || !aggregate.isSterms()
                ? List.of()
                : aggregate.sterms().buckets().array();
    }

    private static Aggregation terms(String field, Map<String, Aggregation> inner) {
        return Aggregation.of(
                a -> a.terms(t -> t.field(field).size(MAX_GROUPS)).aggregations(inner));
    }
}
