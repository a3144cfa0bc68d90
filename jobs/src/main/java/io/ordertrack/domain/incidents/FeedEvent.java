package io.ordertrack.domain.incidents;

import io.ordertrack.avro.InventoryEvent;
import io.ordertrack.avro.OrderEvent;
import java.time.Instant;

/**
 * An event of a seller's own feed as {@link FeedHealth} takes it: a placed order of a sales
 * channel, a stock event of a warehouse.
 *
 * @param eventAt when it happened at the source
 * @param arrivedAt when it reached ordertrack
 */
public record FeedEvent(FeedId feed, String eventId, Instant eventAt, Instant arrivedAt) {

    /** An order placed on a seller's sales channel. */
    public static FeedEvent placed(OrderEvent order, Instant arrivedAt) {
        return new FeedEvent(
                FeedId.channel(order.getTenantId(), order.getChannel()),
                order.getEventId(),
                order.getEventTime(),
                arrivedAt);
    }

    /** A stock event of a seller's warehouse. */
    public static FeedEvent stock(InventoryEvent stock, Instant arrivedAt) {
        return new FeedEvent(
                FeedId.warehouse(stock.getTenantId(), stock.getWarehouseId()),
                stock.getEventId(),
                stock.getEventTime(),
                arrivedAt);
    }
}
