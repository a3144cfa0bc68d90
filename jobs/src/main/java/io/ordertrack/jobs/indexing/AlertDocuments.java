package io.ordertrack.jobs.indexing;

import io.ordertrack.avro.Alert;
import io.ordertrack.documents.AlertDocument;

/** An alert as the document the alerts index keeps: id = alert id, version = the alert's. */
public final class AlertDocuments extends IndexDocuments<Alert> {
    private static final long serialVersionUID = 1L;

    @Override
    public String idOf(Alert alert) {
        return alert.getAlertId();
    }

    @Override
    public long versionOf(Alert alert) {
        return alert.getVersion();
    }

    @Override
    public AlertDocument documentOf(Alert alert) {
        return AlertDocument.of(alert);
    }
}
