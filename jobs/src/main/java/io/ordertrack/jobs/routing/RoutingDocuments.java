package io.ordertrack.jobs.routing;

import io.ordertrack.avro.RoutingVerdict;
import io.ordertrack.domain.documents.RoutingDocument;
import io.ordertrack.jobs.elasticsearch.DocumentJson;
import io.ordertrack.jobs.elasticsearch.IndexedDocument;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/** A routing verdict as the order-routing index holds it, under the order's id. */
public final class RoutingDocuments extends RichMapFunction<RoutingVerdict, IndexedDocument> {
    private static final long serialVersionUID = 1L;

    private transient DocumentJson json;

    @Override
    public void open(OpenContext openContext) {
        json = new DocumentJson();
    }

    @Override
    public IndexedDocument map(RoutingVerdict verdict) throws Exception {
        return new IndexedDocument(
                verdict.getOrderId(),
                RoutingDocument.VERSION,
                json.encode(RoutingDocument.of(verdict)));
    }
}
