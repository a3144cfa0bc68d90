package io.ordertrack.jobs.indexing;

import io.ordertrack.domain.documents.OrderDocument;
import io.ordertrack.jobs.risk.ScoredOrder;

/**
 * An order with its RTO risk as the orders index keeps it, under the order's id; its version grows
 * with every event of the order ({@link OrderDocument#indexVersion}).
 */
public final class OrderDocuments extends IndexDocuments<ScoredOrder> {
    private static final long serialVersionUID = 1L;

    @Override
    public String idOf(ScoredOrder scored) {
        return scored.order().getOrderId();
    }

    @Override
    public long versionOf(ScoredOrder scored) {
        return OrderDocument.indexVersion(scored.order());
    }

    @Override
    public OrderDocument documentOf(ScoredOrder scored) {
        return OrderDocument.of(scored.order(), scored.risk(), scored.delivery());
    }
}
