package io.ordertrack.jobs.elasticsearch;

import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buffers documents and indexes them in bulk. Within a batch only the newest version of each
 * document is sent: an order that changed five times since the last flush costs one write. All work
 * happens on the task thread (timers run in its mailbox), so failures surface there.
 */
final class ElasticsearchSinkWriter implements SinkWriter<IndexedDocument> {
    private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchSinkWriter.class);
    private static final int CONFLICT = 409;
    private static final int TOO_MANY_REQUESTS = 429;

    private final ElasticsearchConnection connection;
    private final String alias;
    private final int maxBatchActions;
    private final long flushIntervalMillis;
    private final RetryPolicy retryPolicy;
    private final ProcessingTimeService timeService;
    private final Map<String, IndexedDocument> pending = new LinkedHashMap<>();
    private final Counter documentsIndexed;
    private final Counter staleWrites;
    private final Counter documentsRejected;
    private final RejectedDocuments rejected;

    ElasticsearchSinkWriter(
            ElasticsearchConnection connection,
            String alias,
            String mappingResource,
            int maxBatchActions,
            Duration flushInterval,
            RetryPolicy retryPolicy,
            RejectedDocuments rejected,
            WriterInitContext context) {
        this.connection = connection;
        this.alias = alias;
        this.maxBatchActions = maxBatchActions;
        this.flushIntervalMillis = flushInterval.toMillis();
        this.retryPolicy = retryPolicy;
        this.timeService = context.getProcessingTimeService();
        this.documentsIndexed = context.metricGroup().counter("documentsIndexed");
        this.staleWrites = context.metricGroup().counter("staleWritesSkipped");
        this.documentsRejected = context.metricGroup().counter("documentsRejected");
        this.rejected = rejected;
        try {
            IndexBootstrap.ensureIndex(connection.client(), alias, mappingResource);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create index " + alias, e);
        }
        scheduleFlush();
    }

    @Override
    public void write(IndexedDocument document, Context context)
            throws IOException, InterruptedException {
        pending.merge(
                document.getId(),
                document,
                (held, next) -> next.getVersion() >= held.getVersion() ? next : held);
        if (pending.size() >= maxBatchActions) {
            sendPending();
        }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        sendPending();
        rejected.flush();
    }

    private void scheduleFlush() {
        timeService.registerTimer(
                timeService.getCurrentProcessingTime() + flushIntervalMillis,
                time -> {
                    sendPending();
                    scheduleFlush();
                });
    }

    private void sendPending() throws IOException, InterruptedException {
        List<IndexedDocument> batch = new ArrayList<>(pending.values());
        pending.clear();
        for (int attempt = 1; !batch.isEmpty(); attempt++) {
            if (attempt > 1) {
                if (attempt > retryPolicy.maxAttempts()) {
                    throw new IOException(
                            "Elasticsearch did not accept "
                                    + batch.size()
                                    + " documents after "
                                    + retryPolicy.maxAttempts()
                                    + " attempts");
                }
                Thread.sleep(retryPolicy.backoffBefore(attempt).toMillis());
            }
            batch = sendOnce(batch, attempt);
        }
    }

    /** Sends a batch; returns the documents to send again. */
    private List<IndexedDocument> sendOnce(List<IndexedDocument> batch, int attempt)
            throws IOException {
        BulkResponse response;
        try {
            response = connection.client().bulk(request(batch));
        } catch (IOException e) {
            LOG.warn(
                    "Bulk request of {} documents failed (attempt {}): {}",
                    batch.size(),
                    attempt,
                    e.toString());
            return batch;
        }
        List<IndexedDocument> retry = new ArrayList<>();
        List<BulkResponseItem> items = response.items();
        for (int i = 0; i < items.size(); i++) {
            BulkResponseItem item = items.get(i);
            if (item.error() == null) {
                documentsIndexed.inc();
            } else if (item.status() == CONFLICT) {
                // Elasticsearch already holds this version or a newer one: done.
                staleWrites.inc();
            } else if (item.status() == TOO_MANY_REQUESTS || item.status() >= 500) {
                retry.add(batch.get(i));
            } else {
                rejected.reject(
                        batch.get(i),
                        item.status() + " " + item.error().type() + ": " + item.error().reason());
                documentsRejected.inc();
            }
        }
        return retry;
    }

    private BulkRequest request(List<IndexedDocument> batch) {
        BulkRequest.Builder bulk = new BulkRequest.Builder();
        for (IndexedDocument document : batch) {
            bulk.operations(
                    op ->
                            op.index(
                                    index ->
                                            index.index(alias)
                                                    .id(document.getId())
                                                    .version(document.getVersion())
                                                    .versionType(VersionType.External)
                                                    .document(
                                                            BinaryData.of(
                                                                    document.getJson(),
                                                                    ContentType
                                                                            .APPLICATION_JSON))));
        }
        return bulk.build();
    }

    @Override
    public void close() throws IOException {
        rejected.close();
        connection.close();
    }
}
