package io.ordertrack.api.cod;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.mapping.FieldType;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import io.ordertrack.api.elasticsearch.AgeBand;
import io.ordertrack.api.elasticsearch.DocumentSearch;
import io.ordertrack.api.elasticsearch.ElasticsearchUnavailableException;
import io.ordertrack.api.elasticsearch.FilteredSearch;
import io.ordertrack.api.elasticsearch.Filters;
import io.ordertrack.api.elasticsearch.SearchLimits;
import io.ordertrack.api.elasticsearch.TooManyGroupsException;
import io.ordertrack.api.security.TenantScope;
import io.ordertrack.documents.CodState;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the cash of COD parcels from the cod index: totals per seller and courier, or a page of
 * parcels. Every query carries the caller's tenant filter; user input only ever becomes values.
 */
public final class CodRepository {
    /** The most parcels one page holds. */
    public static final int MAX_PAGE_SIZE = 100;

    /** The most sellers and couriers a totals answer lists. */
    static final int MOST_GROUPS = 500;

    private static final String COLLECTED = "collected";
    private static final String REMITTED = "remitted";
    private static final String OWED = "owed";
    private static final String STATES = "states";
    private static final String OWED_PARCELS = "owedParcels";
    private static final String OVERDUE = "overdue";
    private static final String DIFFERENCE = "difference";
    private static final String BY_TENANT = "tenants";
    private static final String BY_COURIER = "couriers";

    private final ElasticsearchClient client;
    private final String index;
    private final SearchLimits limits;
    private final DocumentSearch search;

    /**
     * @param index the alias (or index) holding the parcels' documents, e.g. {@code cod}
     * @param limits what each search may cost
     */
    public CodRepository(ElasticsearchClient client, String index, SearchLimits limits) {
        this.client = client;
        this.index = index;
        this.limits = limits;
        this.search = new DocumentSearch(client, index, limits);
    }

    /**
     * Which parcels: a courier, a state, overdue or not, an AWB, a remittance, and delivered from /
     * before a time.
     */
    public record ParcelFilter(
            Optional<String> courier,
            Optional<CodState> state,
            Optional<Boolean> overdue,
            Optional<String> awb,
            Optional<String> remittanceId,
            Optional<Instant> deliveredFrom,
            Optional<Instant> deliveredBefore) {}

    /**
     * The selected parcels, oldest delivery first (parcels only remitted for last), after the
     * previous page's cursor ({@link CodController#CURSOR}).
     */
    public DocumentSearch.Page page(
            TenantScope scope, ParcelFilter filter, int size, Optional<List<FieldValue>> after) {
        return search.page(filters(scope, filter), SORT, size, after);
    }

    /**
     * The totals of the selected parcels per seller and courier (largest first), and over all of
     * them, as of {@code now} (the ageing of the parcels still owed).
     */
    public Totals totals(TenantScope scope, ParcelFilter filter, Instant now) {
        Map<String, Aggregation> measures = measures(now);
        SearchResponse<Void> response;
        try {
            response =
                    FilteredSearch.search(
                            client,
                            index,
                            limits,
                            filters(scope, filter),
                            s ->
                                    s.size(0)
                                            .trackTotalHits(t -> t.enabled(true))
                                            .aggregations(measures)
                                            .aggregations(
                                                    BY_TENANT,
                                                    a ->
                                                            a.terms(
                                                                            t ->
                                                                                    t.field(
                                                                                                    "tenantId")
                                                                                            .size(
                                                                                                    MOST_GROUPS))
                                                                    .aggregations(
                                                                            BY_COURIER,
                                                                            c ->
                                                                                    c.terms(
                                                                                                    t ->
                                                                                                            t.field(
                                                                                                                            "courier")
                                                                                                                    .size(
                                                                                                                            MOST_GROUPS))
                                                                                            .aggregations(
                                                                                                    measures))),
                            Void.class);
        } catch (IOException e) {
            throw new ElasticsearchUnavailableException(
                    "Totalling COD parcels in " + index + " failed", e);
        }
        List<CodTotals> rows = new ArrayList<>();
        Aggregate tenants = response.aggregations().get(BY_TENANT);
        requireAll(tenants, null);
        for (StringTermsBucket tenant : tenants.sterms().buckets().array()) {
            Aggregate couriers = tenant.aggregations().get(BY_COURIER);
            requireAll(couriers, "courier");
            for (StringTermsBucket courier : couriers.sterms().buckets().array()) {
                rows.add(
                        totalsOf(
                                tenant.key().stringValue(),
                                courier.key().stringValue(),
                                courier.docCount(),
                                courier.aggregations()));
            }
        }
        long all = response.hits().total() == null ? 0 : response.hits().total().value();
        return new Totals(rows, totalsOf(null, null, all, response.aggregations()));
    }

    /** Refuses an answer that would leave out groups past {@link #MOST_GROUPS}. */
    private static void requireAll(Aggregate groups, String narrowedBy) {
        if (groups.sterms().sumOtherDocCount() > 0) {
            throw new TooManyGroupsException(
                    MOST_GROUPS, narrowedBy, groups.sterms().buckets().array().size());
        }
    }

    /** The totals per seller and courier, and over all of them. */
    public record Totals(List<CodTotals> rows, CodTotals total) {}

    private static Map<String, Aggregation> measures(Instant now) {
        Map<String, Aggregation> measures = new LinkedHashMap<>();
        measures.put(COLLECTED, sum("expectedPaise"));
        measures.put(REMITTED, sum("remittedPaise"));
        measures.put(OWED, sum("outstandingPaise"));
        Map<String, Aggregation> perState = new LinkedHashMap<>();
        perState.put(OWED, sum("outstandingPaise"));
        perState.put(REMITTED, sum("remittedPaise"));
        perState.put(DIFFERENCE, sum("differencePaise"));
        measures.put(
                STATES,
                Aggregation.of(
                        a ->
                                a.terms(t -> t.field("state").size(CodState.values().length + 1))
                                        .aggregations(perState)));
        Map<String, Aggregation> ageing = new LinkedHashMap<>();
        ageing.put(OWED, sum("outstandingPaise"));
        for (AgeBand band : AgeBand.values()) {
            ageing.put(band.name(), Aggregation.of(a -> a.filter(band.query("deliveredAt", now))));
        }
        measures.put(
                OWED_PARCELS,
                Aggregation.of(
                        a ->
                                a.filter(
                                                Query.of(
                                                        q ->
                                                                q.terms(
                                                                        t ->
                                                                                t.field("state")
                                                                                        .terms(
                                                                                                v ->
                                                                                                        v
                                                                                                                .value(
                                                                                                                        owedStates())))))
                                        .aggregations(ageing)));
        measures.put(
                OVERDUE,
                Aggregation.of(
                        a ->
                                a.filter(Query.of(q -> q.term(t -> t.field("overdue").value(true))))
                                        .aggregations(OWED, sum("outstandingPaise"))));
        return measures;
    }

    private static List<FieldValue> owedStates() {
        List<FieldValue> owed = new ArrayList<>();
        for (CodState state : CodState.values()) {
            if (state.owed()) {
                owed.add(FieldValue.of(state.name()));
            }
        }
        return owed;
    }

    private static CodTotals totalsOf(
            String tenantId, String courier, long parcels, Map<String, Aggregate> measures) {
        Map<String, Long> states = new LinkedHashMap<>();
        Map<String, Map<String, Aggregate>> byState = new LinkedHashMap<>();
        for (CodState state : CodState.values()) {
            states.put(state.name(), 0L);
        }
        for (StringTermsBucket bucket : measures.get(STATES).sterms().buckets().array()) {
            states.put(bucket.key().stringValue(), bucket.docCount());
            byState.put(bucket.key().stringValue(), bucket.aggregations());
        }
        Aggregate owed = measures.get(OWED_PARCELS);
        Map<String, Long> ageing = new LinkedHashMap<>();
        for (AgeBand band : AgeBand.values()) {
            ageing.put(
                    band.name(), owed.filter().aggregations().get(band.name()).filter().docCount());
        }
        Aggregate overdue = measures.get(OVERDUE);
        return new CodTotals(
                tenantId,
                courier,
                parcels,
                paise(measures.get(COLLECTED)),
                paise(measures.get(REMITTED)),
                paise(measures.get(OWED)),
                new CodTotals.Owed(
                        owed.filter().docCount(),
                        paise(owed.filter().aggregations().get(OWED)),
                        ageing),
                new CodTotals.Owed(
                        overdue.filter().docCount(),
                        paise(overdue.filter().aggregations().get(OWED)),
                        null),
                new CodTotals.Mismatch(
                        states.get(CodState.SHORT.name()),
                        stateSum(byState, CodState.SHORT, DIFFERENCE)),
                new CodTotals.Mismatch(
                        states.get(CodState.EXCESS.name()),
                        stateSum(byState, CodState.EXCESS, DIFFERENCE)),
                new CodTotals.NotDelivered(
                        states.get(CodState.NOT_DELIVERED.name()),
                        stateSum(byState, CodState.NOT_DELIVERED, REMITTED)),
                states);
    }

    private static long stateSum(
            Map<String, Map<String, Aggregate>> byState, CodState state, String measure) {
        Map<String, Aggregate> measures = byState.get(state.name());
        return measures == null ? 0 : paise(measures.get(measure));
    }

    private static long paise(Aggregate sum) {
        return Math.round(sum.sum().value());
    }

    private static Aggregation sum(String field) {
        return Aggregation.of(a -> a.sum(s -> s.field(field)));
    }

    private static final List<SortOptions> SORT =
            List.of(
                    SortOptions.of(
                            s ->
                                    s.field(
                                            f ->
                                                    f.field("deliveredAt")
                                                            .order(SortOrder.Asc)
                                                            .missing("_last")
                                                            .unmappedType(FieldType.Date))),
                    SortOptions.of(
                            s ->
                                    s.field(
                                            f ->
                                                    f.field("parcelId")
                                                            .order(SortOrder.Asc)
                                                            .unmappedType(FieldType.Keyword))));

    private static List<Query> filters(TenantScope scope, ParcelFilter filter) {
        List<Query> filters = Filters.ofScope(scope);
        Filters.addTerm(filters, "courier", filter.courier());
        Filters.addTerm(filters, "state", filter.state().map(Enum::name));
        filter.overdue()
                .ifPresent(
                        overdue ->
                                filters.add(
                                        Query.of(
                                                q ->
                                                        q.term(
                                                                t ->
                                                                        t.field("overdue")
                                                                                .value(overdue)))));
        Filters.addTerm(filters, "awb", filter.awb());
        Filters.addTerm(filters, "remittances.remittanceId", filter.remittanceId());
        Filters.addRange(filters, "deliveredAt", filter.deliveredFrom(), filter.deliveredBefore());
        return filters;
    }
}
