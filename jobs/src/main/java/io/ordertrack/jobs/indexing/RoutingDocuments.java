package io.ordertrack.jobs.indexing;

import io.ordertrack.avro.RoutingVerdict;
import io.ordertrack.domain.documents.RoutingDocument;

/** A routing verdict as the order-routing index holds it, under the order's id. */
public final class RoutingDocuments extends IndexDocuments<RoutingVerdict> {
    private static final long serialVersionUID = 1L;

    @Override
    public String idOf(RoutingVerdict verdict) {
        return verdict.getOrderId();
    }

    @Override
    public long versionOf(RoutingVerdict verdict) {
        return RoutingDocument.VERSION;
    }

    @Override
    public RoutingDocument documentOf(RoutingVerdict verdict) {
        return RoutingDocument.of(verdict);
    }
}
