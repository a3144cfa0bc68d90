package io.ordertrack.api.analytics;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.Time;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregate;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregationSource;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import io.ordertrack.api.elasticsearch.ElasticsearchUnavailableException;
import io.ordertrack.api.elasticsearch.FilteredSearch;
import io.ordertrack.api.elasticsearch.SearchLimits;
import io.ordertrack.avro.NdrReason;
import io.ordertrack.documents.CohortCounters;
import io.ordertrack.documents.SellersTime;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Sums the cohorts of the order-metrics index that the filters select, per group: per period of an
 * interval and per value of up to three dimensions (a composite aggregation, paged by its after
 * key), or in one total. Turnaround percentiles run over every delivered shipment's turnaround (a
 * multi-valued field of each cohort) with an HDR histogram of three significant digits: a
 * percentile is the value at its nearest rank (give or take one rank), within 0.1%.
 */
final class CohortSearch {
    /** The name of the period among a group's values. */
    static final String PERIOD = "period";

    static final List<String> NDR_REASONS =
            Arrays.stream(NdrReason.values()).map(Enum::name).toList();

    private static final List<Double> PERCENTS = List.of(50.0, 90.0, 99.0);
    private static final String TURNAROUND = "turnaround";

    /**
     * What to sum: the filters (the caller's tenant among them), how to group, the most groups of a
     * page and where the page starts.
     */
    record Request(
            List<Query> filters,
            Optional<Interval> interval,
            List<Dimension> groupBy,
            int size,
            Optional<Map<String, FieldValue>> after) {

        /** The names of a group's values, in order. */
        List<String> keyNames() {
            List<String> names = new ArrayList<>();
            interval.ifPresent(i -> names.add(PERIOD));
            groupBy.forEach(d -> names.add(d.parameter));
            return names;
        }
    }

    /** The groups with shipments, and the cursor of the next page (null on the last). */
    record Result(List<CohortTotals> groups, String next) {}

    private final ElasticsearchClient client;
    private final String index;
    private final SearchLimits limits;

    CohortSearch(ElasticsearchClient client, String index, SearchLimits limits) {
        this.client = Objects.requireNonNull(client, "client");
        this.index = Objects.requireNonNull(index, "index");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    Result totals(Request request) {
        boolean grouped = !request.keyNames().isEmpty();
        try {
            SearchResponse<Void> response =
                    FilteredSearch.search(
                            client,
                            index,
                            limits,
                            request.filters(),
                            s ->
                                    s.size(0)
                                            .aggregations(
                                                    grouped
                                                            ? Map.of("groups", groups(request))
                                                            : measures()),
                            Void.class);
            Map<String, Aggregate> aggregations = response.aggregations();
            if (!grouped) {
                CohortTotals total = totalsOf(Map.of(), aggregations);
                return new Result(total.count("shipments") > 0 ? List.of(total) : List.of(), null);
            }
            Aggregate groups = aggregations.get("groups");
            if (groups == null || !groups.isComposite()) {
                return new Result(List.of(), null);
            }
            return resultOf(groups.composite(), request);
        } catch (IOException e) {
            throw new ElasticsearchUnavailableException("Analytics of " + index + " failed", e);
        }
    }

    private static Result resultOf(CompositeAggregate composite, Request request) {
        List<CompositeBucket> buckets = composite.buckets().array();
        List<CohortTotals> groups = new ArrayList<>();
        for (CompositeBucket bucket : buckets) {
            CohortTotals totals = totalsOf(groupOf(bucket.key()), bucket.aggregations());
            if (totals.count("shipments") > 0) {
                groups.add(totals);
            }
        }
        String next =
                buckets.size() == request.size() && composite.afterKey() != null
                        ? GroupCursor.encode(composite.afterKey())
                        : null;
        return new Result(groups, next);
    }

    private static Map<String, String> groupOf(Map<String, FieldValue> key) {
        Map<String, String> group = new LinkedHashMap<>();
        key.forEach(
                (name, value) ->
                        group.put(
                                name,
                                name.equals(PERIOD)
                                        ? Instant.ofEpochMilli(value.longValue()).toString()
                                        : value.stringValue()));
        return group;
    }

    private static Aggregation groups(Request request) {
        List<Map<String, CompositeAggregationSource>> sources = new ArrayList<>();
        request.interval().ifPresent(interval -> sources.add(Map.of(PERIOD, periodOf(interval))));
        for (Dimension dimension : request.groupBy()) {
            sources.add(
                    Map.of(
                            dimension.parameter,
                            CompositeAggregationSource.of(
                                    s -> s.terms(t -> t.field(dimension.field)))));
        }
        return Aggregation.of(
                a ->
                        a.composite(
                                        c -> {
                                            c.sources(sources).size(request.size());
                                            request.after().ifPresent(c::after);
                                            return c;
                                        })
                                .aggregations(measures()));
    }

    private static CompositeAggregationSource periodOf(Interval interval) {
        Time every = Time.of(t -> t.time(interval.calendarInterval));
        return CompositeAggregationSource.of(
                s ->
                        s.dateHistogram(
                                d ->
                                        d.field("hour")
                                                .calendarInterval(every)
                                                .timeZone(SellersTime.ZONE.getId())));
    }

    private static Map<String, Aggregation> measures() {
        Map<String, Aggregation> measures = new LinkedHashMap<>();
        for (String counter : CohortCounters.NAMES) {
            measures.put(counter, Aggregation.of(a -> a.sum(s -> s.field(counter))));
        }
        for (String counts : CohortCounters.BY_NDR_REASON) {
            for (String reason : NDR_REASONS) {
                measures.put(
                        counts + ":" + reason,
                        Aggregation.of(a -> a.sum(s -> s.field(counts + "." + reason))));
            }
        }
        measures.put(
                TURNAROUND,
                Aggregation.of(
                        a ->
                                a.percentiles(
                                        p ->
                                                p.field("turnaroundMinutes")
                                                        .percents(PERCENTS)
                                                        .keyed(true)
                                                        .hdr(
                                                                h ->
                                                                        h
                                                                                .numberOfSignificantValueDigits(
                                                                                        3)))));
        return measures;
    }

    private static CohortTotals totalsOf(
            Map<String, String> group, Map<String, Aggregate> aggregations) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String counter : CohortCounters.NAMES) {
            counts.put(counter, sumOf(aggregations.get(counter)));
        }
        Map<String, Map<String, Long>> byReason = new LinkedHashMap<>();
        for (String object : CohortCounters.BY_NDR_REASON) {
            Map<String, Long> reasons = new LinkedHashMap<>();
            for (String reason : NDR_REASONS) {
                long count = sumOf(aggregations.get(object + ":" + reason));
                if (count > 0) {
                    reasons.put(reason, count);
                }
            }
            byReason.put(object, reasons);
        }
        return new CohortTotals(
                group, counts, byReason, percentilesOf(aggregations.get(TURNAROUND)));
    }

    private static long sumOf(Aggregate aggregate) {
        return aggregate == null || !aggregate.isSum() ? 0 : Math.round(aggregate.sum().value());
    }

    private static Map<String, Double> percentilesOf(Aggregate aggregate) {
        Map<String, Double> percentiles = new LinkedHashMap<>();
        if (aggregate == null || !aggregate.isHdrPercentiles()) {
            return percentiles;
        }
        Map<String, String> values = aggregate.hdrPercentiles().values().keyed();
        for (double percent : PERCENTS) {
            String value = values.get(String.valueOf(percent));
            if (value != null && !value.equals("NaN")) {
                percentiles.put("p" + (int) percent, Double.parseDouble(value));
            }
        }
        return percentiles;
    }
}
