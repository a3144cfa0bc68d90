package io.ordertrack.api.alerts;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.mapping.FieldType;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import io.ordertrack.api.elasticsearch.DocumentSearch;
import io.ordertrack.api.elasticsearch.DocumentSearch.GroupCount;
import io.ordertrack.api.elasticsearch.DocumentSearch.Grouping;
import io.ordertrack.api.elasticsearch.Filters;
import io.ordertrack.api.elasticsearch.PageCursor.SortValue;
import io.ordertrack.api.elasticsearch.SearchLimits;
import io.ordertrack.api.security.TenantScope;
import java.util.List;
import java.util.Optional;

/**
 * Reads alert documents from the {@code alerts} alias. Every query carries the caller's tenant
 * filter, and user input only ever becomes the value of a query, never query syntax.
 */
public final class AlertRepository {
    /** The most alerts one page holds. */
    public static final int MAX_PAGE_SIZE = 100;

    /** The sort values of a page: the time of the last change, then the alert id. */
    public static final List<SortValue> CURSOR = List.of(SortValue.NUMBER, SortValue.TEXT);

    private static final List<SortOptions> NEWEST_CHANGE_FIRST =
            List.of(
                    SortOptions.of(
                            s ->
                                    s.field(
                                            f ->
                                                    f.field("updatedAt")
                                                            .order(SortOrder.Desc)
                                                            .unmappedType(FieldType.Date))),
                    SortOptions.of(
                            s ->
                                    s.field(
                                            f ->
                                                    f.field("alertId")
                                                            .order(SortOrder.Asc)
                                                            .unmappedType(FieldType.Keyword))));

    private final DocumentSearch alerts;

    /**
     * @param index the alias (or index) holding alert documents, e.g. {@code alerts}
     * @param limits what each search may cost
     */
    public AlertRepository(ElasticsearchClient client, String index, SearchLimits limits) {
        this.alerts = new DocumentSearch(client, index, limits);
    }

    /** One page of the alerts a filter selects, newest change first, after the given cursor. */
    public AlertPage page(
            TenantScope scope, AlertFilter filter, int size, Optional<List<FieldValue>> after) {
        DocumentSearch.Page page =
                alerts.page(filters(scope, filter), NEWEST_CHANGE_FIRST, size, after);
        return new AlertPage(page.documents(), page.total(), page.totalExact(), page.next());
    }

    /** The selected alerts counted per type × state. */
    public List<GroupCount> countByTypeAndState(TenantScope scope, AlertFilter filter) {
        return alerts.count(
                filters(scope, filter),
                List.of(
                        Grouping.of("type").filteredBy("type"),
                        Grouping.of("state").filteredBy("state")));
    }

    private static List<Query> filters(TenantScope scope, AlertFilter filter) {
        List<Query> filters = Filters.ofScope(scope);
        Filters.addTerm(filters, "type", filter.type());
        Filters.addTerm(filters, "state", filter.state());
        Filters.addTerm(filters, "severity", filter.severity());
        Filters.addTerm(filters, "orderId", filter.orderId());
        Filters.addRange(filters, "openedAt", filter.openedFrom(), filter.openedBefore());
        return filters;
    }
}
