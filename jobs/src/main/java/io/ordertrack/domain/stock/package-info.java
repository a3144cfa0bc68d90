/**
 * What orders and the warehouse feed do to stock: the changes an order implies (OrderStock) and how
 * a SKU's stock at a warehouse and its low-stock condition follow (StockKeeping, StockUnits).
 */
package io.ordertrack.domain.stock;
