package io.ordertrack.api.feeds;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.mapping.FieldType;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import io.ordertrack.api.elasticsearch.DocumentSearch;
import io.ordertrack.api.elasticsearch.Filters;
import io.ordertrack.api.elasticsearch.PageCursor.SortValue;
import io.ordertrack.api.elasticsearch.SearchLimits;
import io.ordertrack.api.security.TenantScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads feed health documents from the {@code feed-health} alias: one per feed (kind and name) per
 * tenant, the tenant's share of the feed, plus one per feed for the whole platform under the tenant
 * id {@value #PLATFORM}. A tenant's key reads its own share of each feed, an analyst's or
 * all-tenants key the platform's; user input only ever becomes the value of a term query.
 */
public final class FeedHealthRepository {
    /** The most feeds one page holds. */
    public static final int MAX_PAGE_SIZE = 1_000;

    /** The tenant id of a feed's platform-wide document (the job's {@code ALL_TENANTS}). */
    public static final String PLATFORM = "*";

    /** The sort values of a page: the state, then the feed id ({@code kind:name|tenant}). */
    public static final List<SortValue> CURSOR = List.of(SortValue.TEXT, SortValue.TEXT);

    /** SILENT sorts before OK when descending; within a state, by kind then name. */
    private static final List<SortOptions> SILENT_FIRST =
            List.of(
                    sortBy("state", SortOrder.Desc, FieldType.Keyword),
                    sortBy("feedId", SortOrder.Asc, FieldType.Keyword));

    private final DocumentSearch feeds;

    /**
     * @param index the alias (or index) holding feed health documents, e.g. {@code feed-health}
     * @param limits what each search may cost
     */
    public FeedHealthRepository(ElasticsearchClient client, String index, SearchLimits limits) {
        this.feeds = new DocumentSearch(client, index, limits);
    }

    /** One page of the feeds a filter selects, silent ones first, after the given cursor. */
    public FeedHealthPage page(
            TenantScope scope, FeedFilter filter, int size, Optional<List<FieldValue>> after) {
        List<Query> filters = new ArrayList<>();
        filters.add(Filters.term("tenantId", scope.tenantId().orElse(PLATFORM)));
        Filters.addTerm(filters, "kind", filter.kind());
        Filters.addTerm(filters, "name", filter.name());
        Filters.addTerm(filters, "state", filter.state());
        DocumentSearch.Page page = feeds.page(filters, SILENT_FIRST, size, after);
        return new FeedHealthPage(page.documents(), page.total(), page.totalExact(), page.next());
    }

    private static SortOptions sortBy(String field, SortOrder order, FieldType type) {
        return SortOptions.of(s -> s.field(f -> f.field(field).order(order).unmappedType(type)));
    }
}
