package io.ordertrack.api.analytics;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregate;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregationSource;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import io.javalin.http.Context;
import io.ordertrack.api.elasticsearch.ElasticsearchUnavailableException;
import io.ordertrack.api.elasticsearch.Filters;
import io.ordertrack.api.elasticsearch.PageCursor;
import io.ordertrack.api.elasticsearch.SearchLimits;
import io.ordertrack.api.http.Parameters;
import io.ordertrack.api.security.ApiKeyAuthentication;
import io.ordertrack.documents.SellersTime;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/analytics/routing}: how often orders placed in a time range shipped from a
 * warehouse farther than the nearest one that held all of them (routing misses), and how many
 * kilometres that added, per warehouse they shipped from and per tenant, from the order-routing
 * index the job writes. The miss rate is over the judged orders (those some located warehouse could
 * ship whole), with its 95% Wilson interval hidden under {@code minSample}. Pages of {@code size}
 * groups, {@code after} = the previous page's {@code next}.
 */
public final class RoutingAnalyticsController {
    private static final int DEFAULT_GROUPS = 100;
    private static final int MAX_GROUPS = 1_000;
    private static final int DEFAULT_MIN_SAMPLE = 30;
    private static final Map<String, String> DIMENSIONS =
            Map.of("tenant", "tenantId", "warehouse", "warehouseId");

    private final ElasticsearchClient client;
    private final String index;
    private final SearchLimits limits;

    public RoutingAnalyticsController(
            ElasticsearchClient client, String index, SearchLimits limits) {
        this.client = client;
        this.index = index;
        this.limits = limits;
    }

    public void routing(Context ctx) {
        List<Query> filters = Filters.ofScope(ApiKeyAuthentication.scope(ctx));
        Filters.addTerm(filters, "tenantId", Parameters.queryText(ctx, "tenant"));
        Filters.addTerm(filters, "warehouseId", Parameters.queryText(ctx, "warehouse"));
        Filters.addRange(
                filters,
                "placedAt",
                Parameters.queryTime(ctx, "from", SellersTime.ZONE, false),
                Parameters.queryTime(ctx, "to", SellersTime.ZONE, true));
        List<String> groupBy = groupByOf(ctx);
        int minSample = Parameters.queryInt(ctx, "minSample", DEFAULT_MIN_SAMPLE, 1, 1_000_000);
        int size = Parameters.queryInt(ctx, "size", DEFAULT_GROUPS, 1, MAX_GROUPS);
        Optional<Map<String, FieldValue>> after =
                Parameters.queryText(ctx, "after", PageCursor.MAX_LENGTH)
                        .map(
                                token ->
                                        GroupCursor.decode(token, groupBy)
                                                .orElseThrow(
                                                        () ->
                                                                Parameters.invalid(
                                                                        "after",
                                                                        "after must be the next of"
                                                                            + " a previous page of"
                                                                            + " the same"
                                                                            + " grouping")));
        CompositeAggregate groups = search(filters, groupBy, size, after);
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
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("rows", rows);
        answer.put("next", next);
        ctx.json(answer);
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
            SearchResponse<Void> response =
                    client.search(
                            s ->
                                    s.index(index)
                                            .ignoreUnavailable(true)
                                            .allowNoIndices(true)
                                            .timeout(limits.elasticsearchTimeout())
                                            .size(0)
                                            .query(q -> q.bool(b -> b.filter(filters)))
                                            .aggregations(
                                                    "groups",
                                                    a ->
                                                            a.composite(
                                                                            c -> {
                                                                                c.sources(sources)
                                                                                        .size(size);
                                                                                after.ifPresent(
                                                                                        c::after);
                                                                                return c;
                                                                            })
                                                                    .aggregations(measures())),
                            Void.class);
            limits.complete(response, index);
            Aggregate groups = response.aggregations().get("groups");
            return groups == null || !groups.isComposite() ? null : groups.composite();
        } catch (IOException e) {
            throw new ElasticsearchUnavailableException("Search of " + index + " failed", e);
        }
    }

    private static List<String> groupByOf(Context ctx) {
        String given = Parameters.queryText(ctx, "groupBy").orElse("warehouse");
        List<String> groupBy = new ArrayList<>();
        for (String name : given.split(",", -1)) {
            String dimension = name.strip();
            if (!DIMENSIONS.containsKey(dimension) || groupBy.contains(dimension)) {
                throw Parameters.invalid(
                        "groupBy", "groupBy must be tenant, warehouse or tenant,warehouse");
            }
            groupBy.add(dimension);
        }
        return groupBy;
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
