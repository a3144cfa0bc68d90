package io.ordertrack.jobs.indexing;

import io.ordertrack.jobs.elasticsearch.IndexedDocument;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.DefaultOpenContext;

/** The documents an index's sink receives for the records an operator emitted. */
public final class WrittenDocuments {
    private WrittenDocuments() {}

    public static <T> List<IndexedDocument> of(IndexDocuments<T> documents, List<T> records) {
        documents.open(DefaultOpenContext.INSTANCE);
        List<IndexedDocument> written = new ArrayList<>();
        for (T record : records) {
            try {
                written.add(documents.map(record));
            } catch (Exception e) {
                throw new IllegalStateException("not a document: " + record, e);
            }
        }
        return written;
    }
}
