package io.ordertrack.api.inventory;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.mapping.FieldType;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import io.javalin.http.Context;
import io.ordertrack.api.elasticsearch.DocumentSearch;
import io.ordertrack.api.elasticsearch.Filters;
import io.ordertrack.api.elasticsearch.PageCursor.SortValue;
import io.ordertrack.api.elasticsearch.SearchLimits;
import io.ordertrack.api.http.Parameters;
import io.ordertrack.api.security.ApiKeyAuthentication;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/low-stock}: the SKUs × warehouses whose stock is low (under their threshold, or
 * lasting too few days at the trailing sales rate), least available first, with their days of
 * cover; optionally of one warehouse or SKU, always within the caller's tenant; pages of {@code
 * size}, {@code after} = the previous page's {@code next}.
 */
public final class LowStockController {
    private static final int DEFAULT_ROWS = 100;
    private static final int MAX_ROWS = 1_000;
    private static final List<SortValue> CURSOR =
            List.of(SortValue.NUMBER, SortValue.TEXT, SortValue.TEXT);
    private static final List<SortOptions> LEAST_AVAILABLE_FIRST =
            List.of(
                    sortBy("available", SortOrder.Asc, FieldType.Integer),
                    sortBy("sku", SortOrder.Asc, FieldType.Keyword),
                    sortBy("warehouseId", SortOrder.Asc, FieldType.Keyword));

    private final DocumentSearch stock;

    public LowStockController(ElasticsearchClient client, String index, SearchLimits limits) {
        this.stock = new DocumentSearch(client, index, limits);
    }

    public void list(Context ctx) {
        List<Query> filters = Filters.ofScope(ApiKeyAuthentication.scope(ctx));
        filters.add(Query.of(q -> q.term(t -> t.field("low").value(true))));
        Filters.addTerm(filters, "warehouseId", Parameters.queryText(ctx, "warehouse"));
        Filters.addTerm(filters, "sku", Parameters.queryText(ctx, "sku"));
        int size = Parameters.queryInt(ctx, "size", DEFAULT_ROWS, 1, MAX_ROWS);
        Optional<List<FieldValue>> after = Parameters.queryCursor(ctx, "after", CURSOR);
        DocumentSearch.Page page = stock.page(filters, LEAST_AVAILABLE_FIRST, size, after);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("stock", page.documents());
        answer.put("total", page.total());
        answer.put("totalExact", page.totalExact());
        answer.put("next", page.next());
        ctx.json(answer);
    }

    private static SortOptions sortBy(String field, SortOrder order, FieldType type) {
        return SortOptions.of(s -> s.field(f -> f.field(field).order(order).unmappedType(type)));
    }
}
