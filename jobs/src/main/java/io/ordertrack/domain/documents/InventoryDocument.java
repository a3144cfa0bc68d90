package io.ordertrack.domain.documents;

import io.ordertrack.avro.StockState;
import io.ordertrack.domain.stock.StockKeeping;
import java.time.Instant;

/**
 * The stock of one SKU at one warehouse, as indexed into the {@code inventory} index (id = tenant,
 * SKU and warehouse; external version = changes applied). Field names are those of {@link
 * io.ordertrack.documents.Index#INVENTORY}.
 */
public record InventoryDocument(
        String tenantId,
        String sku,
        String warehouseId,
        String warehousePincode,
        int onHand,
        int reserved,
        int available,
        Integer lowStockThreshold,
        double dailySalesRate,
        Double daysOfCover,
        boolean low,
        Instant updatedAt,
        long version) {

    /** The document id of a SKU at a warehouse of a tenant. */
    public static String idOf(StockState stock) {
        return stock.getTenantId() + ":" + stock.getSku() + ":" + stock.getWarehouseId();
    }

    public static InventoryDocument of(StockState stock, StockKeeping.Rules rules) {
        return new InventoryDocument(
                stock.getTenantId(),
                stock.getSku(),
                stock.getWarehouseId(),
                stock.getWarehousePincode(),
                stock.getOnHand(),
                stock.getReserved(),
                StockKeeping.available(stock),
                stock.getLowStockThreshold(),
                StockKeeping.dailySalesRate(stock, rules),
                StockKeeping.daysOfCover(stock, rules),
                !StockKeeping.conditions(stock, rules).isEmpty(),
                stock.getUpdatedAt(),
                stock.getVersion());
    }
}
