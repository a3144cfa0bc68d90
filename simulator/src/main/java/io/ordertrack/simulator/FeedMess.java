package io.ordertrack.simulator;

/** The kinds of mess one order's feed received. */
public enum FeedMess {
    DUPLICATES,
    OUT_OF_ORDER,
    LATE_SCAN,
    SCAN_BEFORE_MANIFEST,
    REGRESSION,
    UNKNOWN_CODE,
    /** At least one of its scans waited for its courier account's next batch. */
    COURIER_BATCH,
    /** At least one of its scans was held by its courier's feed outage (an injected incident). */
    FEED_OUTAGE
}
