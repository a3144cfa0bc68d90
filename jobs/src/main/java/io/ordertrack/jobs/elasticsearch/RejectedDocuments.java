package io.ordertrack.jobs.elasticsearch;

import java.io.IOException;
import java.io.Serializable;

/**
 * Where documents go that Elasticsearch refuses for good, those the mapping refuses ({@link
 * WhoseFault#DOCUMENT}): they must not be retried forever, and must not vanish. The cluster's
 * conditions (a block, a breaker, a missing index) never send a document here.
 */
public interface RejectedDocuments extends Serializable {
    /** Fails the writer: for sinks without a dead-letter destination. */
    RejectedDocuments FAIL =
            (document, reason) -> {
                throw new IOException(
                        "Elasticsearch rejected document " + document.getId() + ": " + reason);
            };

    /** Takes a rejected document with the reason Elasticsearch gave. */
    void reject(IndexedDocument document, String reason) throws IOException;

    /** Makes every document taken so far durable; called before each checkpoint completes. */
    default void flush() throws IOException {}

    /** Releases resources when the writer closes. */
    default void close() throws IOException {}
}
