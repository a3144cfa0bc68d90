package io.ordertrack.api.returns;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import io.ordertrack.api.elasticsearch.AgeBand;
import io.ordertrack.api.elasticsearch.DocumentSearch;
import io.ordertrack.api.elasticsearch.ElasticsearchUnavailableException;
import io.ordertrack.api.elasticsearch.FilteredSearch;
import io.ordertrack.api.elasticsearch.Filters;
import io.ordertrack.api.elasticsearch.SearchLimits;
import io.ordertrack.api.orders.OrderFilter;
import io.ordertrack.api.orders.OrderQueries;
import io.ordertrack.api.security.TenantScope;
import io.ordertrack.documents.ReturnStage;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads customer returns from the order documents ({@code customerReturn}): a page of them, or
 * their totals per stage. Every query carries the caller's tenant filter and the order filters of
 * the orders views ({@link OrderQueries}); user input only ever becomes values.
 */
public final class ReturnRepository {
    /** The most returns one page holds. */
    public static final int MAX_PAGE_SIZE = 100;

    private static final String STAGE = "customerReturn.stage";
    private static final String SINCE = "customerReturn.since";
    private static final String BY_STAGE = "stages";
    private static final String REFUNDED = "refunded";
    private static final String OLDEST = "oldest";

    private final ElasticsearchClient client;
    private final String index;
    private final SearchLimits limits;
    private final DocumentSearch search;

    /**
     * @param index the alias (or index) holding order documents, e.g. {@code orders}
     * @param limits what each search may cost
     */
    public ReturnRepository(ElasticsearchClient client, String index, SearchLimits limits) {
        this.client = client;
        this.index = index;
        this.limits = limits;
        this.search = new DocumentSearch(client, index, limits);
    }

    /** Which returns: the orders' filters, a stage, and at their stage since before a time. */
    public record ReturnFilter(
            OrderFilter orders,
            Optional<ReturnStage> stage,
            Optional<Instant> atStageSinceBefore) {}

    /** One page of the selected returns in the given order, after the previous page's cursor. */
    public DocumentSearch.Page page(
            TenantScope scope,
            ReturnFilter filter,
            ReturnSort sort,
            int size,
            Optional<List<FieldValue>> after) {
        return search.page(filters(scope, filter), sort.options(), size, after);
    }

    /**
     * Per stage, in the order of the steps: how many of the selected returns stand there, the
     * refunds they carry, since when the oldest has stood there, and how many have stood there
     * under a day, one to three days, three to seven days and longer, as of {@code now}.
     */
    public List<StageTotals> stages(TenantScope scope, ReturnFilter filter, Instant now) {
        Map<String, Aggregation> measures = new LinkedHashMap<>();
        measures.put(
                REFUNDED, Aggregation.of(a -> a.sum(s -> s.field("customerReturn.refundPaise"))));
        measures.put(OLDEST, Aggregation.of(a -> a.min(m -> m.field(SINCE))));
        for (AgeBand band : AgeBand.values()) {
            measures.put(band.name(), Aggregation.of(a -> a.filter(band.query(SINCE, now))));
        }
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
                                            .aggregations(
                                                    BY_STAGE,
                                                    a ->
                                                            a.terms(
                                                                            t ->
                                                                                    t.field(STAGE)
                                                                                            .size(
                                                                                                    ReturnStage
                                                                                                                    .values()
                                                                                                                    .length
                                                                                                            + 1))
                                                                    .aggregations(measures)),
                            Void.class);
        } catch (IOException e) {
            throw new ElasticsearchUnavailableException(
                    "Counting returns in " + index + " failed", e);
        }
        Map<String, StageTotals> found = new LinkedHashMap<>();
        Aggregate stages = response.aggregations().get(BY_STAGE);
        if (stages != null) {
            for (StringTermsBucket bucket : stages.sterms().buckets().array()) {
                found.put(bucket.key().stringValue(), totalsOf(bucket));
            }
        }
        List<StageTotals> totals = new ArrayList<>();
        for (ReturnStage stage : ReturnStage.values()) {
            totals.add(
                    found.getOrDefault(
                            stage.name(),
                            new StageTotals(
                                    stage.name(), 0, 0, null, new long[AgeBand.values().length])));
        }
        return totals;
    }

    private static StageTotals totalsOf(StringTermsBucket bucket) {
        Map<String, Aggregate> measures = bucket.aggregations();
        long[] bands = new long[AgeBand.values().length];
        for (AgeBand band : AgeBand.values()) {
            bands[band.ordinal()] = measures.get(band.name()).filter().docCount();
        }
        var oldest = measures.get(OLDEST).min();
        return new StageTotals(
                bucket.key().stringValue(),
                bucket.docCount(),
                Math.round(measures.get(REFUNDED).sum().value()),
                !Double.isFinite(oldest.value())
                        ? null
                        : Instant.ofEpochMilli(Math.round(oldest.value())),
                bands);
    }

    /**
     * The returns of one stage: how many, refunds, the oldest start, counts per {@link AgeBand}.
     */
    public record StageTotals(
            String stage, long count, long refundPaise, Instant oldestSince, long[] ageBands) {}

    private static List<Query> filters(TenantScope scope, ReturnFilter filter) {
        List<Query> filters = OrderQueries.filters(scope, filter.orders());
        filters.add(Query.of(q -> q.exists(e -> e.field(STAGE))));
        Filters.addTerm(filters, STAGE, filter.stage().map(Enum::name));
        Filters.addRange(filters, SINCE, Optional.empty(), filter.atStageSinceBefore());
        return filters;
    }
}
