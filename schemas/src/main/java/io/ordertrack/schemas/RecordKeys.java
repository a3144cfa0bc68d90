package io.ordertrack.schemas;

import io.ordertrack.avro.InventoryEvent;
import io.ordertrack.avro.Manifest;
import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.Remittance;
import io.ordertrack.avro.StockChange;
import io.ordertrack.avro.TrackingScan;
import java.util.Locale;

/**
 * Kafka record keys and the global order id. A client order id is unique only within its tenant and
 * channel (two sellers may both have order "1001"), and an AWB only within its courier, so every
 * key names its scope.
 */
public final class RecordKeys {
    private RecordKeys() {}

    /** The order id used everywhere in ordertrack: {@code tenant:CHANNEL:clientOrderId}. */
    public static String orderId(String tenantId, String channel, String clientOrderId) {
        return tenantId + ":" + channel.toUpperCase(Locale.ROOT) + ":" + clientOrderId;
    }

    /** Key of an {@code orders} record: its order id. */
    public static String of(OrderEvent event) {
        return orderId(event.getTenantId(), event.getChannel(), event.getClientOrderId());
    }

    /** Key of a {@code tracking} record: {@code tenant:COURIER:awb}. */
    public static String of(TrackingScan scan) {
        return shipment(scan.getTenantId(), scan.getCourier(), scan.getAwb());
    }

    /** Key of an {@code inventory} record: {@code tenant:sku:warehouse}. */
    public static String of(InventoryEvent event) {
        return stock(event.getTenantId(), event.getSku(), event.getWarehouseId());
    }

    /** Key of a {@code remittances} record: {@code tenant:COURIER:remittanceId}. */
    public static String of(Remittance remittance) {
        return shipment(
                remittance.getTenantId(), remittance.getCourier(), remittance.getRemittanceId());
    }

    /** The SKU × warehouse a stock change is about: {@code tenant:sku:warehouse}. */
    public static String of(StockChange change) {
        return stock(change.getTenantId(), change.getSku(), change.getWarehouseId());
    }

    private static String stock(String tenantId, String sku, String warehouseId) {
        return tenantId + ":" + sku + ":" + warehouseId;
    }

    /** The shipment a manifest event assigns to its order. */
    public static String shipmentOf(OrderEvent manifested) {
        if (!(manifested.getDetails() instanceof Manifest manifest)) {
            throw new IllegalArgumentException("not a manifest: " + manifested.getType());
        }
        return shipment(manifested.getTenantId(), manifest.getCourier(), manifest.getAwb());
    }

    /** A shipment's identity: an AWB is unique only within its courier (and tenant account). */
    public static String shipment(String tenantId, String courier, String awb) {
        return tenantId + ":" + courier.toUpperCase(Locale.ROOT) + ":" + awb;
    }
}
