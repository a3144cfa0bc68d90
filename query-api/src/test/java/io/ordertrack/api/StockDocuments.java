package io.ordertrack.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Stock documents of the inventory index, one per tenant × SKU × warehouse, as the order tracking
 * job writes them, for tests that index them directly.
 */
final class StockDocuments {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode stock = JSON.createObjectNode();
    private final int available;

    private StockDocuments(String tenant, String sku, String warehouse, int available) {
        this.available = available;
        stock.put("tenantId", tenant);
        stock.put("sku", sku);
        stock.put("warehouseId", warehouse);
        stock.put("onHand", available);
        stock.put("reserved", 0);
        stock.put("available", available);
        stock.put("updatedAt", "2026-03-03T05:00:00Z");
        stock.put("version", 1);
    }

    /** A warehouse's stock of a tenant's SKU, none of it reserved. */
    static StockDocuments stock(String tenant, String sku, String warehouse, int available) {
        return new StockDocuments(tenant, sku, warehouse, available);
    }

    /** Judged against a threshold of 5: low or not, as the job flagged it. */
    StockDocuments low(boolean low) {
        stock.put("lowStockThreshold", 5);
        stock.put("low", low);
        return this;
    }

    /** Selling this many a day, and so covering the available stock's days. */
    StockDocuments selling(double perDay) {
        stock.put("dailySalesRate", perDay);
        stock.put("daysOfCover", available / perDay);
        return this;
    }

    /** In a warehouse at this PIN code, so that the routing planner can rank it by distance. */
    StockDocuments at(String pincode) {
        stock.put("warehousePincode", pincode);
        return this;
    }

    ObjectNode build() {
        return stock.deepCopy();
    }

    /** The document's id, as the job gives it: tenant, SKU and warehouse. */
    static String idOf(JsonNode stock) {
        return stock.path("tenantId").asText()
                + ":"
                + stock.path("sku").asText()
                + ":"
                + stock.path("warehouseId").asText();
    }
}
