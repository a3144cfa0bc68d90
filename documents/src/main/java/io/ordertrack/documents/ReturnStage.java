package io.ordertrack.documents;

/**
 * Where a customer return stands, in the order its steps follow: requested by the customer, picked
 * up by the courier, on its way back, received at the warehouse, quality-checked (passed or
 * failed), then refunded or the refund refused. The job decides it from the order's events ({@code
 * CustomerReturns}); the returns view filters and counts by it.
 */
public enum ReturnStage {
    REQUESTED,
    PICKED_UP,
    IN_TRANSIT,
    RECEIVED,
    QC_PASSED,
    QC_FAILED,
    REFUNDED,
    REFUND_REFUSED;
}
