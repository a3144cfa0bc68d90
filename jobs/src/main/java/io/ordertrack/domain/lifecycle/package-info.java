/**
 * How an order moves: the seller stages and the courier status it takes from its events and scans,
 * whatever order they arrive in (OrderLifecycle), the courier codes that mean each status
 * (CourierCodes), and the facts of its shipment decided once (ShipmentProgress: left the warehouse,
 * finished, an RTO).
 */
package io.ordertrack.domain.lifecycle;
