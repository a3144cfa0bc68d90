package io.ordertrack.jobs.risk;

import io.ordertrack.avro.OrderState;
import io.ordertrack.domain.documents.OrderDocument;

/**
 * An order whose document is due, with its RTO risk as last scored (none before its details are
 * known) and its expected delivery, as the risk scorer emits it.
 *
 * @param order the order's latest state
 * @param risk its score, the reasons for it and whether it is high; null when not scored
 * @param delivery when it is expected to be delivered; null when not predicted
 */
public record ScoredOrder(
        OrderState order, OrderDocument.Risk risk, OrderDocument.DeliveryEstimate delivery) {}
