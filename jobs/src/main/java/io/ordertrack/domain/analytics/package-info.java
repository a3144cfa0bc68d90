/**
 * The delivery facts of a shipment that the per-courier and per-destination analytics count
 * (ShipmentMetrics).
 */
package io.ordertrack.domain.analytics;
