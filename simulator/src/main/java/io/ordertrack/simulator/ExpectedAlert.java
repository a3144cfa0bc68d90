package io.ordertrack.simulator;

/**
 * An alert that must have fired under the default thresholds of the design, by the true event
 * times. RTO_RISK is not listed: its score is a model, not a fact of the story.
 *
 * @param type NOT_PICKED, STUCK_IN_TRANSIT, OFD_NOT_DELIVERED, NDR, NDR_ACTION_DUE, COURIER_ERROR,
 *     EDD_BREACH or LOW_STOCK
 * @param tenantId the seller
 * @param subject the order id, or {@code sku@warehouse} for LOW_STOCK
 * @param dueAt event time at which the condition is met (epoch ms)
 * @param detail e.g. the number of failed attempts of an NDR
 */
public record ExpectedAlert(
        String type, String tenantId, String subject, long dueAt, String detail) {}
