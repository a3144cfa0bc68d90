package io.ordertrack.api.analytics;

import java.time.Instant;
import java.util.Optional;

/**
 * Which routing verdicts the routing analytics sum. Every field is optional and they all combine.
 *
 * @param tenantId the seller
 * @param warehouseId the warehouse the orders shipped from
 * @param placedFrom orders placed at or after
 * @param placedBefore orders placed before
 */
public record RoutingAnalyticsFilter(
        Optional<String> tenantId,
        Optional<String> warehouseId,
        Optional<Instant> placedFrom,
        Optional<Instant> placedBefore) {}
