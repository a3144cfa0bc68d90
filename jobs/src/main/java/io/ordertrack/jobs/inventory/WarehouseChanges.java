package io.ordertrack.jobs.inventory;

import io.ordertrack.avro.InventoryEvent;
import io.ordertrack.avro.StockChange;
import io.ordertrack.avro.StockChangeKind;
import org.apache.flink.api.common.functions.MapFunction;

/** A warehouse's inventory event as the stock change the ledger applies. */
public final class WarehouseChanges implements MapFunction<InventoryEvent, StockChange> {
    private static final long serialVersionUID = 1L;

    @Override
    public StockChange map(InventoryEvent event) {
        return StockChange.newBuilder()
                .setChangeId(event.getEventId())
                .setAt(event.getEventTime())
                .setTenantId(event.getTenantId())
                .setSku(event.getSku())
                .setWarehouseId(event.getWarehouseId())
                .setKind(StockChangeKind.valueOf(event.getType().name()))
                .setQuantity(event.getQuantity())
                .setLowStockThreshold(event.getLowStockThreshold())
                .setWarehousePincode(event.getWarehousePincode())
                .build();
    }
}
