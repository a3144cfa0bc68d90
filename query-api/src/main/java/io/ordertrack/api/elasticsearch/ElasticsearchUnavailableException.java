package io.ordertrack.api.elasticsearch;

/** Elasticsearch could not be reached or did not answer; the API answers 503, not 500. */
public final class ElasticsearchUnavailableException extends RuntimeException {
    public ElasticsearchUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
