package io.ordertrack.simulator;

/**
 * How a customer return ends in the run, from the simulator's own story.
 *
 * @param stage where it stands (a {@code ReturnStage}: RECEIVED, QC_PASSED, QC_FAILED, REFUNDED or
 *     REFUND_REFUSED)
 * @param reason the customer's reason
 * @param refundPaise the amount refunded, when refunded
 * @param refusalReason the seller's reason, when the refund was refused
 */
public record ReturnTruth(String stage, String reason, Long refundPaise, String refusalReason) {}
