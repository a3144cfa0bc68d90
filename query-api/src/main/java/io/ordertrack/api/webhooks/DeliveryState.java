package io.ordertrack.api.webhooks;

/** Where a webhook delivery stands. */
public enum DeliveryState {
    /** Not yet accepted by the receiver: due now, or again after a failure. */
    PENDING,
    /** The receiver answered 2xx. */
    DELIVERED,
    /** Failed for the whole retry window; sent again only when the seller re-sends it. */
    PARKED,
    /** Its subscription was deleted before it was delivered. */
    CANCELLED
}
