package io.ordertrack.jobs.indexing;

import io.ordertrack.jobs.elasticsearch.DocumentJson;
import io.ordertrack.jobs.elasticsearch.IndexedDocument;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * How the records of one kind become the documents of one index: the id the index keeps a record's
 * document under, the external version that orders its writes, and the document itself. A stateless
 * map before the index's sink; the operators upstream emit domain records and know nothing of
 * Elasticsearch.
 *
 * @param <T> the records
 */
public abstract class IndexDocuments<T> extends RichMapFunction<T, IndexedDocument> {
    private static final long serialVersionUID = 1L;

    private transient DocumentJson json;

    /** The id the index keeps the record's document under: a later record replaces it. */
    public abstract String idOf(T record);

    /** The external version of the write: Elasticsearch keeps the highest. */
    public abstract long versionOf(T record);

    /** The document, as the index maps it. */
    public abstract Record documentOf(T record);

    @Override
    public void open(OpenContext openContext) {
        json = new DocumentJson();
    }

    @Override
    public IndexedDocument map(T record) throws Exception {
        return new IndexedDocument(
                idOf(record), versionOf(record), json.encode(documentOf(record)));
    }
}
