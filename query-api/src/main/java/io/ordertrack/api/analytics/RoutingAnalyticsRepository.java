package io.ordertrack.api.analytics;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregate;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregationSource;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import io.ordertrack.api.elasticsearch.ElasticsearchUnavailableException;
import io.ordertrack.api.elasticsearch.FilteredSearch;
import io.ordertrack.api.elasticsearch.Filters;
import io.ordertrack.api.elasticsearch.SearchLimits;
import io.ordertrack.api.security.TenantScope;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sums the routing verdicts of the order-routing index the job writes, per warehouse they shipped
 * from and/or per tenant: orders, judged orders (those some located warehouse could ship whole),
 * routing misses and the kilometres misses added. Every query carries the caller's tenant filter,
 * and user input only ever becomes the value of a query, never query syntax.
 */
public final class RoutingAnalyticsRepository {
    /** The dimensions a page may be grouped by, each with its field. */
    static final Map<String, String> DIMENSIONS =
            Map.of("tenant", "tenantId", "warehouse", "warehouseId");

    /** The groups of a page, each its values and measures; {@code next} is null on the last. */
    public record RoutingAnalyticsPage(List<Map<String, Object>> rows, String next) {}

    private final ElasticsearchClient client;
    private final String index;
    private final SearchLimits limits;

    /**
     * @param index the alias (or index) holding routing verdicts, e.g. {@code order-routing}
     * @param limits what each search may cost
     */
    public RoutingAnalyticsRepository(
            ElasticsearchClient client, String index, SearchLimits limits) {
        this.client = client;
        this.index = index;
        this.limits = limits;
    }

    /**
     * A page of {@code size} groups of the verdicts the filter selects, by the {@link #DIMENSIONS}
     * of {@code groupBy}, after the key of the previous page; the miss rate of each is hidden under
     * {@code minSample} judged orders. No rows while no order was judged yet (no index).
     */
    public RoutingAnalyticsPage page(
            TenantScope scope,
            RoutingAnalyticsFilter filter,
            List<String> groupBy,
            int minSample,
            int size,
            Optional<Map<String, FieldValue>> after) {
        CompositeAggregate groups = search(filters(scope, filter), groupBy, size, after);
        List<Map<String, Object>> rows = new ArrayList<>();
        String next = null;
        if (groups != null) {
            for (CompositeBucket bucket : groups.buckets().array()) {
                rows.add(row(bucket, groupBy, minSample));
            }
            if (groups.buckets().array().size() == size && groups.afterKey() != null) {
                next = GroupCursor.encode(groups.afterKey());
            }
        }
        return new RoutingAnalyticsPage(rows, next);
    }

    private static List<Query> filters(TenantScope scope, RoutingAnalyticsFilter filter) {
        List<Query> filters = Filters.ofScope(scope);
        Filters.addTerm(filters, "tenantId", filter.tenantId());
        Filters.addTerm(filters, "warehouseId", filter.warehouseId());
        Filters.addRange(filters, "placedAt", filter.placedFrom(), filter.placedBefore());
        return filters;
    }

    /** A page of groups, or null when no order was judged yet (no index). */
    private CompositeAggregate search(
            List<Query> filters,
            List<String> groupBy,
            int size,
            Optional<Map<String, FieldValue>> after) {
        List<Map<String, CompositeAggregationSource>> sources = new ArrayList<>();
        for (String dimension : groupBy) {
            sources.add(
                    Map.of(
                            dimension,
                            CompositeAggregationSource.of(
                                    c -> c.terms(t -> t.field(DIMENSIONS.get(dimension))))));
        }
        try {
            return FilteredSearch.groups(
                    client, index, limits, filters, sources, size, after, measures());
        } catch (IOException e) {
            throw new ElasticsearchUnavailableException("Search of " + index + " failed", e);
        }
    }

    /** Orders judged, misses, and the kilometres misses added, per group. */
    private static Map<String, Aggregation> measures() {
        return Map.of(
                "judged",
                Aggregation.of(a -> a.filter(f -> f.term(t -> t.field("judged").value(true)))),
                "misses",
                Aggregation.of(
                        a ->
                                a.filter(f -> f.term(t -> t.field("miss").value(true)))
                                        .aggregations(
                                                "extraKm",
                                                Aggregation.of(
                                                        sum -> sum.sum(m -> m.field("extraKm"))))));
    }

    private static Map<String, Object> row(
            CompositeBucket bucket, List<String> groupBy, int minSample) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (String dimension : groupBy) {
            row.put(dimension, bucket.key().get(dimension).stringValue());
        }
        long judged = bucket.aggregations().get("judged").filter().docCount();
        Aggregate misses = bucket.aggregations().get("misses");
        long missCount = misses.filter().docCount();
        double extraKm = misses.filter().aggregations().get("extraKm").sum().value();
        row.put("orders", bucket.docCount());
        row.put("judged", judged);
        row.put("misses", missCount);
        row.put("missRate", Rate.of(missCount, judged, minSample));
        row.put("extraKm", Math.round(extraKm * 10) / 10.0);
        row.put(
                "extraKmPerMiss",
                missCount == 0 ? null : Math.round(extraKm / missCount * 10) / 10.0);
        return row;
    }
}
