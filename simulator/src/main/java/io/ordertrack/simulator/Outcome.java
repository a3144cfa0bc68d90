package io.ordertrack.simulator;

/** How an order's story ends, as decided when it is placed. */
public enum Outcome {
    DELIVERED,
    /** Delivered after one or more failed attempts (an NDR rescued). */
    DELIVERED_AFTER_NDR,
    /** Out for delivery with no outcome that day, delivered the next. */
    DELIVERED_NEXT_DAY,
    /** Failed attempts, then returned to origin. */
    RTO,
    /** Delivered, then returned by the customer and refunded. */
    RETURNED_BY_CUSTOMER,
    /** Cancelled before it left the warehouse. */
    CANCELLED,
    /** Cancelled because no warehouse had the stock. */
    CANCELLED_OUT_OF_STOCK,
    /** Ready to ship, never picked up by the courier. */
    NEVER_PICKED_UP,
    /** Scans stop while in transit. */
    STUCK_IN_TRANSIT,
    /** The courier reports an error and nothing after it. */
    COURIER_ERROR,
    LOST,
    DAMAGED
}
