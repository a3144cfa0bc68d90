package io.ordertrack.jobs.indexing;

import io.ordertrack.domain.documents.MetricDocument;
import io.ordertrack.jobs.analytics.CohortWrite;

/**
 * A cohort's delivery metrics as the order-metrics index keeps them, under the cohort's id; the
 * version is the wall-clock time of the write, so the latest write wins.
 */
public final class MetricDocuments extends IndexDocuments<CohortWrite> {
    private static final long serialVersionUID = 1L;

    @Override
    public String idOf(CohortWrite write) {
        return write.cohortId();
    }

    @Override
    public long versionOf(CohortWrite write) {
        return write.writtenAt();
    }

    @Override
    public MetricDocument documentOf(CohortWrite write) {
        return MetricDocument.of(write.metrics());
    }
}
