package io.ordertrack.documents;

/**
 * The aliases (or indices) one deployment writes and reads: the job's {@code index.*} settings, the
 * API's {@code ORDERTRACK_*_INDEX} variables. Job and API of a deployment name the same ones.
 *
 * @param orders order documents
 * @param alerts alert documents
 * @param inventory stock documents (SKU × warehouse)
 * @param metrics the delivery analytics (cohorts of shipments)
 * @param routing the routing verdicts of orders (whether each shipped from the nearest warehouse
 *     that held it)
 * @param jobStatus the job's heartbeat, one document per consumer group, which tells the API
 *     whether the live view is current
 * @param feedHealth the health of each input feed, platform-wide and per tenant
 * @param cod the cash of each cash-on-delivery parcel: collected, remitted, owed
 */
public record Indices(
        String orders,
        String alerts,
        String inventory,
        String metrics,
        String routing,
        String jobStatus,
        String feedHealth,
        String cod) {
    /** The indices' default aliases ({@link Index#defaultAlias()}). */
    public static final Indices DEFAULT =
            new Indices(
                    Index.ORDERS.defaultAlias(),
                    Index.ALERTS.defaultAlias(),
                    Index.INVENTORY.defaultAlias(),
                    Index.ORDER_METRICS.defaultAlias(),
                    Index.ORDER_ROUTING.defaultAlias(),
                    Index.JOB_STATUS.defaultAlias(),
                    Index.FEED_HEALTH.defaultAlias(),
                    Index.COD.defaultAlias());
}
