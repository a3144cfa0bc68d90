package io.ordertrack.jobs.elasticsearch;

import java.util.Set;

/**
 * Whose fault a write Elasticsearch did not perform is, which decides what the writer does with it:
 * the cluster's conditions pass (a full disk is freed, a write block lifted, a breaker resets, a
 * missing index is created), so such writes wait and are sent again; a document the mapping refuses
 * will be refused on every attempt, so only it goes to the dead letters.
 */
enum WhoseFault {
    /** Done: written, or Elasticsearch already holds this version or a newer one (409). */
    NOBODY,
    /** The cluster cannot take the write now: retry with backoff, never dead-letter. */
    CLUSTER,
    /** The document itself is refused (the mapping rejects it): it would fail every time. */
    DOCUMENT;

    private static final int CONFLICT = 409;

    /**
     * Statuses that describe the cluster's state or its access rules rather than the document: 401
     * and 403 (credentials, a write block), 404 (the index is missing), 408, 429 (a breaker, a full
     * write queue, a read-only-allow-delete block) and every 5xx.
     */
    private static final Set<Integer> CLUSTER_STATUSES = Set.of(401, 403, 404, 408, 429);

    /** Error types of cluster conditions, whatever status they come with (a closed index: 400). */
    private static final Set<String> CLUSTER_ERRORS =
            Set.of(
                    "cluster_block_exception",
                    "circuit_breaking_exception",
                    "es_rejected_execution_exception",
                    "index_not_found_exception",
                    "index_closed_exception",
                    "unavailable_shards_exception",
                    "no_shard_available_action_exception",
                    "process_cluster_event_timeout_exception");

    /**
     * Sorts one answer: a bulk item's, or a whole request's.
     *
     * @param status the HTTP status Elasticsearch answered with
     * @param errorType the error's {@code type}, or null when there was no error
     */
    static WhoseFault of(int status, String errorType) {
        if (errorType == null && status < 300 || status == CONFLICT) {
            return NOBODY;
        }
        if (errorType != null && CLUSTER_ERRORS.contains(errorType)
                || CLUSTER_STATUSES.contains(status)
                || status >= 500) {
            return CLUSTER;
        }
        return DOCUMENT;
    }
}
