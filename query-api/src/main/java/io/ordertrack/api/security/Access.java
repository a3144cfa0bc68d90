package io.ordertrack.api.security;

import io.javalin.security.RouteRole;

/**
 * What a route gives access to; every route declares one, and a key's {@link Role} says which it
 * may use. A route without one is refused to every key.
 */
public enum Access implements RouteRole {
    /** Open to anyone: only for liveness and readiness checks and the API's documentation. */
    PUBLIC,
    /** The API's own request metrics: no seller's data. */
    METRICS,
    /** Counts, rates and scorecards over orders and shipments: no document, no customer field. */
    AGGREGATES,
    /** A seller's documents: orders (with their customers), alerts, stock, routing. */
    SELLER_DATA,
    /** Acting on a seller's orders: the seller's answer to a failed delivery (NDR action). */
    SELLER_ACTIONS,
    /**
     * Webhooks pushed by couriers and sales channels: authenticated by the signature of each
     * source's secret, not by an API key, and given to no key.
     */
    SIGNED_PUSH,
    /**
     * End customers tracking their parcel: no key, limited per client address, and answering only
     * to the number and check the customer knows, with city-level facts; given to no key.
     */
    PARCEL_TRACKING;

    /** Whether requests need no API key: open, or authenticated otherwise. */
    public boolean keyless() {
        return this == PUBLIC || this == SIGNED_PUSH || this == PARCEL_TRACKING;
    }
}
