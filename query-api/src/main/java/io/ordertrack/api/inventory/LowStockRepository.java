package io.ordertrack.api.inventory;

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
import java.util.List;
import java.util.Optional;

/**
 * Reads the stock documents flagged low from the {@code inventory} alias. Every query carries the
 * caller's tenant filter, and user input only ever becomes the value of a query, never query
 * syntax.
 */
public final class LowStockRepository {
    /** The most rows one page holds. */
    public static final int MAX_PAGE_SIZE = 1_000;

    /** The sort values of a page: the available quantity, then the SKU and the warehouse. */
    public static final List<SortValue> CURSOR =
            List.of(SortValue.NUMBER, SortValue.TEXT, SortValue.TEXT);

    private static final List<SortOptions> LEAST_AVAILABLE_FIRST =
            List.of(
                    sortBy("available", SortOrder.Asc, FieldType.Integer),
                    sortBy("sku", SortOrder.Asc, FieldType.Keyword),
                    sortBy("warehouseId", SortOrder.Asc, FieldType.Keyword));

    private final DocumentSearch stock;

    /**
     * @param index the alias (or index) holding stock documents, e.g. {@code inventory}
     * @param limits what each search may cost
     */
    public LowStockRepository(ElasticsearchClient client, String index, SearchLimits limits) {
        this.stock = new DocumentSearch(client, index, limits);
    }

    /**
     * One page of the low stock, optionally of one warehouse or SKU, least available first, after
     * the given cursor.
     */
    public StockPage page(
            TenantScope scope,
            Optional<String> warehouseId,
            Optional<String> sku,
            int size,
            Optional<List<FieldValue>> after) {
        List<Query> filters = Filters.ofScope(scope);
        filters.add(Query.of(q -> q.term(t -> t.field("low").value(true))));
        Filters.addTerm(filters, "warehouseId", warehouseId);
        Filters.addTerm(filters, "sku", sku);
        DocumentSearch.Page page = stock.page(filters, LEAST_AVAILABLE_FIRST, size, after);
        return new StockPage(page.documents(), page.total(), page.totalExact(), page.next());
    }

    private static SortOptions sortBy(String field, SortOrder order, FieldType type) {
        return SortOptions.of(s -> s.field(f -> f.field(field).order(order).unmappedType(type)));
    }
}
