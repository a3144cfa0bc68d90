package io.ordertrack.api.analytics;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import io.javalin.http.Context;
import io.ordertrack.api.elasticsearch.ElasticsearchUnavailableException;
import io.ordertrack.api.elasticsearch.Filters;
import io.ordertrack.api.http.Parameters;
import io.ordertrack.api.security.ApiKeyAuthentication;
import java.io.IOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/analytics/routing}: how often orders placed in a time range shipped from a
 * warehouse farther than the nearest one that held all of them (routing misses), and how many
 * kilometres that added, per warehouse they shipped from and per tenant, from the order-routing
 * index the job writes. The miss rate is over the judged orders (those some located warehouse could
 * ship whole), with its 95% Wilson interval hidden under {@code minSample}.
 */
public final class RoutingAnalyticsController {
    private static final int MAX_GROUPS = 1_000;
    private static final int DEFAULT_MIN_SAMPLE = 30;
    private static final ZoneId INDIA = ZoneId.of("Asia/Kolkata");
    private static final Map<String, String> DIMENSIONS =
            Map.of("tenant", "tenantId", "warehouse", "warehouseId");

    private final ElasticsearchClient client;
    private final String index;

    public RoutingAnalyticsController(ElasticsearchClient client, String index) {
        this.client = client;
        this.index = index;
    }

    public void routing(Context ctx) {
        List<Query> filters = Filters.ofScope(ApiKeyAuthentication.scope(ctx));
        Filters.addTerm(filters, "tenantId", Parameters.queryText(ctx, "tenant"));
        Filters.addTerm(filters, "warehouseId", Parameters.queryText(ctx, "warehouse"));
        Filters.addRange(
                filters,
                "placedAt",
                Parameters.queryTime(ctx, "from", INDIA, false),
                Parameters.queryTime(ctx, "to", INDIA, true));
        List<String> groupBy = groupByOf(ctx);
        int minSample = Parameters.queryInt(ctx, "minSample", DEFAULT_MIN_SAMPLE, 1, 1_000_000);
        try {
            Map<String, Aggregate> aggregations =
                    client.search(
                                    s ->
                                            s.index(index)
                                                    .ignoreUnavailable(true)
                                                    .allowNoIndices(true)
                                                    .size(0)
                                                    .query(q -> q.bool(b -> b.filter(filters)))
                                                    .aggregations(groups(groupBy, 0)),
                                    Void.class)
                            .aggregations();
            List<Map<String, Object>> rows = new ArrayList<>();
            collect(aggregations, groupBy, 0, new LinkedHashMap<>(), minSample, rows);
            ctx.json(Map.of("rows", rows));
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

    /** Terms of each grouping level in turn, the measures under the last. */
    private static Map<String, Aggregation> groups(List<String> groupBy, int level) {
        if (level == groupBy.size()) {
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
                                                            sum ->
                                                                    sum.sum(
                                                                            m ->
                                                                                    m.field(
                                                                                            "extraKm"))))));
        }
        String field = DIMENSIONS.get(groupBy.get(level));
        return Map.of(
                "group",
                Aggregation.of(
                        a ->
                                a.terms(t -> t.field(field).size(MAX_GROUPS))
                                        .aggregations(groups(groupBy, level + 1))));
    }

    private static void collect(
            Map<String, Aggregate> aggregations,
            List<String> groupBy,
            int level,
            Map<String, Object> group,
            int minSample,
            List<Map<String, Object>> rows) {
        Aggregate groups = aggregations.get("group");
        if (groups == null || !groups.isSterms()) {
            return; // no index yet: no orders judged
        }
        for (StringTermsBucket bucket : groups.sterms().buckets().array()) {
            Map<String, Object> row = new LinkedHashMap<>(group);
            row.put(groupBy.get(level), bucket.key().stringValue());
            if (level + 1 < groupBy.size()) {
                collect(bucket.aggregations(), groupBy, level + 1, row, minSample, rows);
                continue;
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
            rows.add(row);
        }
    }
}
