package io.ordertrack.jobs.elasticsearch;

import io.ordertrack.connections.ElasticsearchSecurity;
import io.ordertrack.documents.Index;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Indexes documents into one Elasticsearch alias with the official Java client: bulk requests, a
 * flush whenever a batch is full, at a fixed interval and before every checkpoint (so a completed
 * checkpoint means every document before it is indexed), external versions; with a {@link CatchUp},
 * documents of old records held back and coalesced.
 */
public final class ElasticsearchSink implements Sink<IndexedDocument> {
    private static final long serialVersionUID = 1L;

    private final String url;
    private final ElasticsearchSecurity security;
    private final String alias;
    private final Index index;
    private final int maxBatchActions;
    private final Duration flushInterval;
    private final RetryPolicy retryPolicy;
    private final CatchUp catchUp;
    private final RejectedDocuments rejected;

    /**
     * When documents of old records are held back and coalesced ({@link ElasticsearchSinkWriter}).
     *
     * @param liveLag a document whose record's timestamp is at most this far behind the wall clock
     *     is live, sent within the flush interval
     * @param delay older ones are held and sent at most this often (and at every checkpoint)
     */
    public record CatchUp(Duration liveLag, Duration delay) implements Serializable {}

    private ElasticsearchSink(Builder builder) {
        this.url = builder.url;
        this.security = builder.security;
        this.alias = builder.alias;
        this.index = builder.index;
        this.maxBatchActions = builder.maxBatchActions;
        this.flushInterval = builder.flushInterval;
        this.retryPolicy = builder.retryPolicy;
        this.catchUp = builder.catchUp;
        this.rejected = builder.rejected;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public SinkWriter<IndexedDocument> createWriter(WriterInitContext context) {
        return new ElasticsearchSinkWriter(
                ElasticsearchConnection.open(url, security),
                alias,
                index,
                maxBatchActions,
                flushInterval,
                retryPolicy,
                catchUp,
                rejected,
                context);
    }

    /** Builds a sink; url, alias and index are required. */
    public static final class Builder {
        private String url;
        private ElasticsearchSecurity security = ElasticsearchSecurity.NONE;
        private String alias;
        private Index index;
        private int maxBatchActions = 1000;
        private Duration flushInterval = Duration.ofMillis(200);
        private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
        private CatchUp catchUp;
        private RejectedDocuments rejected = RejectedDocuments.FAIL;

        private Builder() {}

        /** Where documents Elasticsearch refuses for good go; by default the writer fails. */
        public Builder onRejected(RejectedDocuments rejected) {
            this.rejected = rejected;
            return this;
        }

        /** Elasticsearch address, e.g. {@code http://127.0.0.1:9200}. */
        public Builder url(String url) {
            this.url = url;
            return this;
        }

        /** Credentials and trust; by default none (an unsecured cluster). */
        public Builder security(ElasticsearchSecurity security) {
            this.security = Objects.requireNonNull(security, "security");
            return this;
        }

        /** The alias written to, created with the index's mapping when missing. */
        public Builder index(String alias, Index index) {
            this.alias = alias;
            this.index = index;
            return this;
        }

        public Builder maxBatchActions(int maxBatchActions) {
            this.maxBatchActions = maxBatchActions;
            return this;
        }

        public Builder flushInterval(Duration flushInterval) {
            this.flushInterval = flushInterval;
            return this;
        }

        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = retryPolicy;
            return this;
        }

        /** Holds documents of old records back and coalesces them; by default every one is live. */
        public Builder catchUp(CatchUp catchUp) {
            this.catchUp = Objects.requireNonNull(catchUp, "catchUp");
            return this;
        }

        public ElasticsearchSink build() {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(alias, "alias");
            Objects.requireNonNull(index, "index");
            if (maxBatchActions < 1) {
                throw new IllegalArgumentException("maxBatchActions must be at least 1");
            }
            if (flushInterval.isNegative() || flushInterval.isZero()) {
                throw new IllegalArgumentException("flushInterval must be positive");
            }
            return new ElasticsearchSink(this);
        }
    }
}
