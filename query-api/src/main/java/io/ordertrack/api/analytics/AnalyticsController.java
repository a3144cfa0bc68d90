package io.ordertrack.api.analytics;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import io.javalin.http.Context;
import io.ordertrack.api.elasticsearch.Filters;
import io.ordertrack.api.elasticsearch.PageCursor;
import io.ordertrack.api.elasticsearch.SearchLimits;
import io.ordertrack.api.http.Parameters;
import io.ordertrack.api.security.ApiKeyAuthentication;
import io.ordertrack.documents.PaymentModes;
import io.ordertrack.documents.SellersTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The delivery analytics, summed from the cohorts of the order-metrics index over the shipments
 * dispatched in a time range ({@code from}, {@code to}), per period ({@code interval}) and per
 * value of up to three dimensions ({@code groupBy}), filtered by any dimension, always within the
 * caller's tenant (analyst keys read, filter and group across tenants):
 *
 * <ul>
 *   <li>{@code GET /api/analytics/rto}: RTO ÷ (delivered + RTO);
 *   <li>{@code GET /api/analytics/ndr}: shipments with a failed attempt, attempts per reason, how
 *       they ended;
 *   <li>{@code GET /api/analytics/turnaround}: dispatch-to-delivery percentiles and first-attempt
 *       delivery rate;
 *   <li>{@code GET /api/analytics/couriers}: the courier scorecard, per courier and the dimensions
 *       asked for.
 * </ul>
 *
 * Every rate comes with its 95% confidence interval, hidden under {@code minSample}.
 */
public final class AnalyticsController {
    private static final int DEFAULT_GROUPS = 100;
    private static final int MAX_GROUPS = 1_000;
    private static final int MAX_DIMENSIONS = 3;
    private static final int DEFAULT_MIN_SAMPLE = 30;

    /** The groups of a page, each its values and measures; {@code next} is null on the last. */
    public record AnalyticsPage(List<Map<String, Object>> rows, String next) {}

    private interface View {
        Map<String, Object> measures(CohortTotals totals, int minSample);
    }

    private final CohortSearch cohorts;

    public AnalyticsController(ElasticsearchClient client, String index, SearchLimits limits) {
        this.cohorts = new CohortSearch(client, index, limits);
    }

    public void rto(Context ctx) {
        answer(ctx, false, AnalyticsController::rtoMeasures);
    }

    public void ndr(Context ctx) {
        answer(ctx, false, AnalyticsController::ndrMeasures);
    }

    public void turnaround(Context ctx) {
        answer(ctx, false, AnalyticsController::turnaroundMeasures);
    }

    public void couriers(Context ctx) {
        answer(ctx, true, AnalyticsController::scorecardMeasures);
    }

    private void answer(Context ctx, boolean byCourier, View view) {
        int minSample = Parameters.queryInt(ctx, "minSample", DEFAULT_MIN_SAMPLE, 1, 1_000_000);
        CohortSearch.Result result = cohorts.totals(requestOf(ctx, byCourier));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (CohortTotals totals : result.groups()) {
            Map<String, Object> row = new LinkedHashMap<>(totals.group());
            row.putAll(view.measures(totals, minSample));
            rows.add(row);
        }
        ctx.json(new AnalyticsPage(rows, result.next()));
    }

    private static CohortSearch.Request requestOf(Context ctx, boolean byCourier) {
        List<Query> filters = Filters.ofScope(ApiKeyAuthentication.scope(ctx));
        for (Dimension dimension : Dimension.values()) {
            Optional<String> value =
                    dimension == Dimension.PAYMENT_MODE
                            ? Parameters.queryChoice(ctx, dimension.parameter, PaymentModes.NAMES)
                            : Parameters.queryText(ctx, dimension.parameter);
            Filters.addTerm(filters, dimension.field, value);
        }
        Filters.addRange(
                filters,
                "hour",
                Parameters.queryTime(ctx, "from", SellersTime.ZONE, false),
                Parameters.queryTime(ctx, "to", SellersTime.ZONE, true));
        Optional<Interval> interval =
                Parameters.queryChoice(ctx, "interval", Interval.parameters())
                        .map(Interval::ofParameter);
        List<Dimension> groupBy = groupByOf(ctx, byCourier);
        int size = Parameters.queryInt(ctx, "size", DEFAULT_GROUPS, 1, MAX_GROUPS);
        List<String> keyNames =
                new CohortSearch.Request(filters, interval, groupBy, size, Optional.empty())
                        .keyNames();
        Optional<Map<String, FieldValue>> after =
                Parameters.queryText(ctx, "after", PageCursor.MAX_LENGTH)
                        .map(
                                token ->
                                        GroupCursor.decode(token, keyNames)
                                                .orElseThrow(
                                                        () ->
                                                                Parameters.invalid(
                                                                        "after",
                                                                        "after must be the next of"
                                                                                + " a previous page"
                                                                                + " of the same"
                                                                                + " grouping")));
        return new CohortSearch.Request(filters, interval, groupBy, size, after);
    }

    private static List<Dimension> groupByOf(Context ctx, boolean byCourier) {
        List<Dimension> groupBy = new ArrayList<>();
        if (byCourier) {
            groupBy.add(Dimension.COURIER);
        }
        Optional<String> given = Parameters.queryText(ctx, "groupBy");
        if (given.isEmpty()) {
            return groupBy;
        }
        String problem =
                "groupBy must be up to "
                        + MAX_DIMENSIONS
                        + " different of "
                        + String.join(", ", Dimension.parameters())
                        + ", separated by commas";
        for (String name : given.get().split(",", -1)) {
            Dimension dimension =
                    Dimension.ofParameter(name.strip())
                            .orElseThrow(() -> Parameters.invalid("groupBy", problem));
            if (groupBy.contains(dimension)) {
                if (byCourier && dimension == Dimension.COURIER) {
                    continue;
                }
                throw Parameters.invalid("groupBy", problem);
            }
            groupBy.add(dimension);
        }
        if (groupBy.size() > MAX_DIMENSIONS) {
            throw Parameters.invalid("groupBy", problem);
        }
        return groupBy;
    }

    private static Map<String, Object> rtoMeasures(CohortTotals totals, int minSample) {
        Map<String, Object> measures = outcomes(totals);
        measures.put("rtoRate", totals.rtoRate(minSample));
        return measures;
    }

    private static Map<String, Object> ndrMeasures(CohortTotals totals, int minSample) {
        long ndrShipments = totals.count("ndrShipments");
        long attempts = totals.count("ndrAttempts");
        Map<String, Object> measures = new LinkedHashMap<>();
        measures.put("shipments", totals.count("shipments"));
        measures.put("ndrShipments", ndrShipments);
        measures.put("ndrRate", Rate.of(ndrShipments, totals.count("shipments"), minSample));
        measures.put("ndrAttempts", attempts);
        Map<String, Long> firstFailures = totals.byNdrReason("ndrFirstReasons");
        Map<String, Long> rescued = totals.byNdrReason("ndrFirstReasonsDelivered");
        List<Map<String, Object>> reasons = new ArrayList<>();
        totals.byNdrReason("ndrReasons").entrySet().stream()
                .sorted(
                        Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                                .thenComparing(Map.Entry.comparingByKey()))
                .forEach(
                        reason -> {
                            long first = firstFailures.getOrDefault(reason.getKey(), 0L);
                            Map<String, Object> byReason = new LinkedHashMap<>();
                            byReason.put("reason", reason.getKey());
                            byReason.put("share", Rate.of(reason.getValue(), attempts, minSample));
                            byReason.put("shipments", first);
                            byReason.put(
                                    "endedDelivered",
                                    Rate.of(
                                            rescued.getOrDefault(reason.getKey(), 0L),
                                            first,
                                            minSample));
                            reasons.add(byReason);
                        });
        measures.put("reasons", reasons);
        measures.put(
                "endedDelivered", Rate.of(totals.count("ndrDelivered"), ndrShipments, minSample));
        measures.put("endedRto", Rate.of(totals.count("ndrRto"), ndrShipments, minSample));
        return measures;
    }

    private static Map<String, Object> turnaroundMeasures(CohortTotals totals, int minSample) {
        Map<String, Object> measures = new LinkedHashMap<>();
        measures.put("delivered", totals.count("delivered"));
        measures.put("turnaroundMinutes", turnaround(totals, minSample));
        measures.put("firstAttemptRate", firstAttemptRate(totals, minSample));
        return measures;
    }

    private static Map<String, Object> scorecardMeasures(CohortTotals totals, int minSample) {
        Map<String, Object> measures = outcomes(totals);
        measures.put("stuck", totals.count("stuck"));
        measures.put("courierErrors", totals.count("courierErrors"));
        measures.put("rtoRate", totals.rtoRate(minSample));
        measures.put(
                "ndrRate",
                Rate.of(totals.count("ndrShipments"), totals.count("shipments"), minSample));
        measures.put("firstAttemptRate", firstAttemptRate(totals, minSample));
        measures.put("turnaroundMinutes", turnaround(totals, minSample));
        return measures;
    }

    private static Map<String, Object> outcomes(CohortTotals totals) {
        long shipments = totals.count("shipments");
        long delivered = totals.count("delivered");
        long rto = totals.count("rto");
        long lost = totals.count("lost");
        Map<String, Object> measures = new LinkedHashMap<>();
        measures.put("shipments", shipments);
        measures.put("delivered", delivered);
        measures.put("rto", rto);
        measures.put("lost", lost);
        measures.put("open", shipments - delivered - rto - lost);
        return measures;
    }

    private static Rate firstAttemptRate(CohortTotals totals, int minSample) {
        return Rate.of(totals.count("firstAttemptDelivered"), totals.count("delivered"), minSample);
    }

    private static Turnaround turnaround(CohortTotals totals, int minSample) {
        return Turnaround.of(totals.count("delivered"), totals.turnaroundMinutes(), minSample);
    }
}
