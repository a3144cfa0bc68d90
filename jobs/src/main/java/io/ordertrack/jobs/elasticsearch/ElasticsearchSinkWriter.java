package io.ordertrack.jobs.elasticsearch;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import io.ordertrack.documents.Index;
import io.ordertrack.documents.IndexBootstrap;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Counter;
import org.elasticsearch.client.ResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buffers documents and indexes them in bulk. Within a batch only the newest version of each
 * document is sent: an order that changed five times since the last flush costs one write. All work
 * happens on the task thread (timers run in its mailbox), so failures surface there.
 *
 * <p>With a {@link ElasticsearchSink.CatchUp}, a document whose record is older than its live lag
 * (a replay, a backlog: the record's timestamp, on the feeds' clock, far behind the wall clock) is
 * held apart and sent with the others held at the next catch-up release, every catch-up delay, or
 * at the next checkpoint: a replay writes an alert opened and resolved within seconds, or a stock
 * level moved a hundred times, once. A live document is sent within the flush interval, and takes
 * along a held version of itself. Held documents are bounded ({@link #HELD_BATCHES} batches); more
 * release them early.
 *
 * <p>Writes the cluster cannot take now ({@link WhoseFault#CLUSTER}) are held and sent again after
 * a backoff, from a timer, while new documents wait in the buffer. The task thread only waits when
 * it must (a full buffer, a flush before a checkpoint or at the end of input), and then it keeps
 * running the mailbox's mails (timers, checkpoint triggers) instead of sleeping through the
 * backoff, as Flink's own sinks do. When the retry policy's attempts are spent the writer throws:
 * the job restores from its last checkpoint and nothing is lost, dropped or dead-lettered.
 */
final class ElasticsearchSinkWriter implements SinkWriter<IndexedDocument> {
    private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchSinkWriter.class);

    /** Longest the task thread sleeps at once while it waits for a retry and no mail is ready. */
    private static final long IDLE_WAIT_MILLIS = 10;

    /** How many full batches of caught-up documents are held at most before they are released. */
    static final int HELD_BATCHES = 20;

    /** Of two versions of a document, the one to keep. */
    private static final BinaryOperator<IndexedDocument> NEWER =
            (held, next) -> next.getVersion() >= held.getVersion() ? next : held;

    private final ElasticsearchConnection connection;
    private final String alias;
    private final int maxBatchActions;
    private final long flushIntervalMillis;
    private final RetryPolicy retryPolicy;
    private final ProcessingTimeService timeService;
    private final MailboxExecutor mailbox;
    private final ElasticsearchSink.CatchUp catchUp;
    private final Map<String, IndexedDocument> buffer = new LinkedHashMap<>();

    /** Documents of old records, held until the next catch-up release. */
    private final Map<String, IndexedDocument> caughtUp = new LinkedHashMap<>();

    private final Counter documentsIndexed;
    private final Counter staleWrites;
    private final Counter documentsRejected;
    private final Counter writesPushedBack;
    private final RejectedDocuments rejected;

    /** Documents the cluster pushed back, sent again at {@link #retryAt} before any newer batch. */
    private List<IndexedDocument> pushedBack = List.of();

    private int attemptsMade;
    private long retryAt;
    private String lastPushBack;

    ElasticsearchSinkWriter(
            ElasticsearchConnection connection,
            String alias,
            Index index,
            int maxBatchActions,
            Duration flushInterval,
            RetryPolicy retryPolicy,
            ElasticsearchSink.CatchUp catchUp,
            RejectedDocuments rejected,
            WriterInitContext context) {
        this.connection = connection;
        this.catchUp = catchUp;
        this.alias = alias;
        this.maxBatchActions = maxBatchActions;
        this.flushIntervalMillis = flushInterval.toMillis();
        this.retryPolicy = retryPolicy;
        this.timeService = context.getProcessingTimeService();
        this.mailbox = context.getMailboxExecutor();
        this.documentsIndexed = context.metricGroup().counter("documentsIndexed");
        this.staleWrites = context.metricGroup().counter("staleWritesSkipped");
        this.documentsRejected = context.metricGroup().counter("documentsRejected");
        this.writesPushedBack = context.metricGroup().counter("writesPushedBack");
        this.rejected = rejected;
        try {
            IndexBootstrap.ensureIndex(connection.client(), alias, index);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create index " + alias, e);
        }
        scheduleFlush();
        if (catchUp != null) {
            scheduleCatchUpRelease();
        }
    }

    @Override
    public void write(IndexedDocument document, Context context)
            throws IOException, InterruptedException {
        String id = document.getId();
        if (isCaughtUp(context.timestamp()) && !buffer.containsKey(id)) {
            caughtUp.merge(id, document, NEWER);
            if (caughtUp.size() >= HELD_BATCHES * maxBatchActions) {
                releaseCaughtUp();
            }
        } else {
            IndexedDocument held = caughtUp.remove(id);
            if (held != null) {
                buffer.put(id, held);
            }
            buffer.merge(id, document, NEWER);
        }
        if (buffer.size() >= maxBatchActions) {
            awaitPushedBack();
            sendBuffer();
        }
    }

    /** Whether a record of this timestamp is older than the catch-up's live lag. */
    private boolean isCaughtUp(Long timestamp) {
        return catchUp != null
                && timestamp != null
                && timestamp
                        < timeService.getCurrentProcessingTime() - catchUp.liveLag().toMillis();
    }

    /** The documents held for catch-up join the buffer, to be sent with it. */
    private void releaseCaughtUp() {
        caughtUp.forEach((id, document) -> buffer.merge(id, document, NEWER));
        caughtUp.clear();
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        releaseCaughtUp();
        do {
            awaitPushedBack();
            sendBuffer();
        } while (!pushedBack.isEmpty());
        rejected.flush();
    }

    private void scheduleFlush() {
        timeService.registerTimer(
                timeService.getCurrentProcessingTime() + flushIntervalMillis,
                time -> {
                    sendBuffer();
                    scheduleFlush();
                });
    }

    private void scheduleCatchUpRelease() {
        timeService.registerTimer(
                timeService.getCurrentProcessingTime() + catchUp.delay().toMillis(),
                time -> {
                    releaseCaughtUp();
                    sendBuffer();
                    scheduleCatchUpRelease();
                });
    }

    /**
     * Sends the buffer, a batch of at most {@code maxBatchActions} at a time, until it is empty or
     * documents are pushed back: while the cluster pushes back, new documents wait too rather than
     * add to its load.
     */
    private void sendBuffer() throws IOException {
        while (!buffer.isEmpty() && pushedBack.isEmpty()) {
            List<IndexedDocument> batch = new ArrayList<>(Math.min(buffer.size(), maxBatchActions));
            Iterator<IndexedDocument> buffered = buffer.values().iterator();
            while (buffered.hasNext() && batch.size() < maxBatchActions) {
                batch.add(buffered.next());
                buffered.remove();
            }
            attemptsMade = 0;
            send(batch);
        }
    }

    /** Waits, running the mailbox meanwhile, until every document pushed back is accepted. */
    private void awaitPushedBack() throws IOException, InterruptedException {
        while (!pushedBack.isEmpty()) {
            long wait = retryAt - timeService.getCurrentProcessingTime();
            if (wait <= 0) {
                send(pushedBack);
            } else if (!mailbox.tryYield()) {
                Thread.sleep(Math.min(wait, IDLE_WAIT_MILLIS));
            }
        }
    }

    private void retryIfDue() throws IOException {
        if (!pushedBack.isEmpty() && timeService.getCurrentProcessingTime() >= retryAt) {
            send(pushedBack);
        }
    }

    /**
     * Sends a batch and holds what the cluster pushed back for a retry after a backoff.
     *
     * @throws IOException when the retry policy's attempts are spent
     */
    private void send(List<IndexedDocument> batch) throws IOException {
        pushedBack = sendOnce(batch);
        attemptsMade++;
        if (pushedBack.isEmpty()) {
            return;
        }
        writesPushedBack.inc(pushedBack.size());
        if (attemptsMade >= retryPolicy.maxAttempts()) {
            throw new IOException(
                    String.format(
                            "Elasticsearch did not accept %d documents after %d attempts; the last"
                                    + " answer: %s",
                            pushedBack.size(), attemptsMade, lastPushBack));
        }
        long backoff = retryPolicy.backoffBefore(attemptsMade + 1).toMillis();
        LOG.warn(
                "Elasticsearch pushed back {} of {} documents (attempt {} of {}), retrying in {}"
                        + " ms: {}",
                pushedBack.size(),
                batch.size(),
                attemptsMade,
                retryPolicy.maxAttempts(),
                backoff,
                lastPushBack);
        retryAt = timeService.getCurrentProcessingTime() + backoff;
        timeService.registerTimer(retryAt, time -> retryIfDue());
    }

    /** Sends a batch once; returns the documents the cluster pushed back. */
    private List<IndexedDocument> sendOnce(List<IndexedDocument> batch) throws IOException {
        BulkResponse response;
        try {
            response = connection.client().bulk(request(batch));
        } catch (ResponseException e) {
            // The whole request answered with an error status, e.g. 429 from a tripped breaker.
            return refusedWhole(batch, e.getResponse().getStatusLine().getStatusCode(), null, e);
        } catch (ElasticsearchException e) {
            return refusedWhole(batch, e.status(), e.error().type(), e);
        } catch (IOException e) {
            // Unreachable, or an answer the client could not read (TransportException).
            lastPushBack = e.toString();
            return batch;
        }
        return sortItems(batch, response.items());
    }

    /** Holds a whole refused batch for a retry, or fails when the request itself is at fault. */
    private List<IndexedDocument> refusedWhole(
            List<IndexedDocument> batch, int status, String errorType, Exception e)
            throws IOException {
        lastPushBack = e.getMessage();
        if (WhoseFault.of(status, errorType) == WhoseFault.CLUSTER) {
            return batch;
        }
        // No single document is to blame for a refused request (e.g. one too large).
        throw new IOException("Elasticsearch refused a bulk request: " + lastPushBack, e);
    }

    /** Counts what was done, dead-letters what the mapping refused, returns what to retry. */
    private List<IndexedDocument> sortItems(
            List<IndexedDocument> batch, List<BulkResponseItem> items) throws IOException {
        List<IndexedDocument> retry = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            BulkResponseItem item = items.get(i);
            ErrorCause error = item.error();
            WhoseFault fault = WhoseFault.of(item.status(), error == null ? null : error.type());
            if (fault == WhoseFault.NOBODY) {
                (error == null ? documentsIndexed : staleWrites).inc();
            } else {
                String reason = item.status() + " " + error.type() + ": " + error.reason();
                if (fault == WhoseFault.CLUSTER) {
                    retry.add(batch.get(i));
                    lastPushBack = reason;
                } else {
                    rejected.reject(batch.get(i), reason);
                    documentsRejected.inc();
                }
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
