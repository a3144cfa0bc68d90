package io.ordertrack.api.inventory;

import co.elastic.clients.elasticsearch._types.FieldValue;
import io.javalin.http.Context;
import io.ordertrack.api.http.Parameters;
import io.ordertrack.api.security.ApiKeyAuthentication;
import io.ordertrack.api.security.TenantScope;
import java.util.List;
import java.util.Optional;

/**
 * HTTP I/O of {@code GET /api/low-stock}: the SKUs × warehouses whose stock is low (under their
 * threshold, or lasting too few days at the trailing sales rate), least available first, with their
 * days of cover; optionally of one warehouse or SKU, always within the caller's tenant; pages of
 * {@code size}, {@code after} = the previous page's {@code next}. The queries live in {@link
 * LowStockRepository}.
 */
public final class LowStockController {
    private static final int DEFAULT_ROWS = 100;

    private final LowStockRepository stock;

    public LowStockController(LowStockRepository stock) {
        this.stock = stock;
    }

    public void list(Context ctx) {
        TenantScope scope = ApiKeyAuthentication.scope(ctx);
        Optional<String> warehouse = Parameters.queryText(ctx, "warehouse");
        Optional<String> sku = Parameters.queryText(ctx, "sku");
        int size =
                Parameters.queryInt(ctx, "size", DEFAULT_ROWS, 1, LowStockRepository.MAX_PAGE_SIZE);
        Optional<List<FieldValue>> after =
                Parameters.queryCursor(ctx, "after", LowStockRepository.CURSOR);
        ctx.json(stock.page(scope, warehouse, sku, size, after));
    }
}
