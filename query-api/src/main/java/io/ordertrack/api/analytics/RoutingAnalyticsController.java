package io.ordertrack.api.analytics;

import co.elastic.clients.elasticsearch._types.FieldValue;
import io.javalin.http.Context;
import io.ordertrack.api.elasticsearch.PageCursor;
import io.ordertrack.api.http.Parameters;
import io.ordertrack.api.security.ApiKeyAuthentication;
import io.ordertrack.api.security.TenantScope;
import io.ordertrack.documents.SellersTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP I/O of {@code GET /api/analytics/routing}: how often orders placed in a time range shipped
 * from a warehouse farther than the nearest one that held all of them (routing misses), and how
 * many kilometres that added, per warehouse they shipped from and per tenant. The miss rate is over
 * the judged orders (those some located warehouse could ship whole), with its 95% Wilson interval
 * hidden under {@code minSample}. Pages of {@code size} groups, {@code after} = the previous page's
 * {@code next}. The queries live in {@link RoutingAnalyticsRepository}.
 */
public final class RoutingAnalyticsController {
    private static final int DEFAULT_GROUPS = 100;
    private static final int MAX_GROUPS = 1_000;
    private static final int DEFAULT_MIN_SAMPLE = 30;

    private final RoutingAnalyticsRepository verdicts;

    public RoutingAnalyticsController(RoutingAnalyticsRepository verdicts) {
        this.verdicts = verdicts;
    }

    public void routing(Context ctx) {
        TenantScope scope = ApiKeyAuthentication.scope(ctx);
        RoutingAnalyticsFilter filter =
                new RoutingAnalyticsFilter(
                        Parameters.queryText(ctx, "tenant"),
                        Parameters.queryText(ctx, "warehouse"),
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
        ctx.json(verdicts.page(scope, filter, groupBy, minSample, size, after));
    }

    private static List<String> groupByOf(Context ctx) {
        String given = Parameters.queryText(ctx, "groupBy").orElse("warehouse");
        List<String> groupBy = new ArrayList<>();
        for (String name : given.split(",", -1)) {
            String dimension = name.strip();
            if (!RoutingAnalyticsRepository.DIMENSIONS.containsKey(dimension)
                    || groupBy.contains(dimension)) {
                throw Parameters.invalid(
                        "groupBy", "groupBy must be tenant, warehouse or tenant,warehouse");
            }
            groupBy.add(dimension);
        }
        return groupBy;
    }
}
