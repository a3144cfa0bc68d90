package io.ordertrack.jobs.indexing;

import io.ordertrack.avro.StockState;
import io.ordertrack.domain.documents.InventoryDocument;
import io.ordertrack.domain.stock.StockKeeping;

/**
 * The stock of a SKU at a warehouse as the inventory index keeps it (with how low it may run under
 * the job's rules), under tenant, SKU and warehouse; its version grows with every change applied.
 */
public final class InventoryDocuments extends IndexDocuments<StockState> {
    private static final long serialVersionUID = 1L;

    private final StockKeeping.Rules rules;

    public InventoryDocuments(StockKeeping.Rules rules) {
        this.rules = rules;
    }

    @Override
    public String idOf(StockState stock) {
        return InventoryDocument.idOf(stock);
    }

    @Override
    public long versionOf(StockState stock) {
        return stock.getVersion();
    }

    @Override
    public InventoryDocument documentOf(StockState stock) {
        return InventoryDocument.of(stock, rules);
    }
}
