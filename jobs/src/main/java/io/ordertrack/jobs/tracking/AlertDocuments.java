package io.ordertrack.jobs.tracking;

import io.ordertrack.avro.Alert;
import io.ordertrack.domain.documents.AlertDocument;
import io.ordertrack.jobs.elasticsearch.DocumentJson;
import io.ordertrack.jobs.elasticsearch.IndexedDocument;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/** An alert as the document the alerts index keeps: id = alert id, version = the alert's. */
public final class AlertDocuments extends RichMapFunction<Alert, IndexedDocument> {
    private static final long serialVersionUID = 1L;

    private transient DocumentJson json;

    @Override
    public void open(OpenContext openContext) {
        json = new DocumentJson();
    }

    @Override
    public IndexedDocument map(Alert alert) throws Exception {
        return new IndexedDocument(
                alert.getAlertId(), alert.getVersion(), json.encode(AlertDocument.of(alert)));
    }
}
