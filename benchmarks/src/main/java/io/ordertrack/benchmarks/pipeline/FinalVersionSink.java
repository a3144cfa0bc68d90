package io.ordertrack.benchmarks.pipeline;

import io.ordertrack.domain.documents.OrderDocument;
import io.ordertrack.jobs.elasticsearch.IndexedDocument;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A sink of order documents that writes nothing and only remembers the highest version of each: the
 * pipeline without Elasticsearch, which still tells when every order reached its final version (the
 * events it applied). For a job on an embedded MiniCluster, in the same JVM as the reader of {@link
 * #versionSum()}.
 */
final class FinalVersionSink implements Sink<IndexedDocument> {
    private static final long serialVersionUID = 1L;
    private static final ConcurrentHashMap<String, Long> HIGHEST = new ConcurrentHashMap<>();
    private static final AtomicLong VERSION_SUM = new AtomicLong();
    private static final AtomicLong DOCUMENTS = new AtomicLong();

    /** Forgets what an earlier run saw. */
    static void reset() {
        HIGHEST.clear();
        VERSION_SUM.set(0);
        DOCUMENTS.set(0);
    }

    /** The sum over orders of the events their highest document version applied. */
    static long versionSum() {
        return VERSION_SUM.get();
    }

    /** Documents given to the sink. */
    static long documents() {
        return DOCUMENTS.get();
    }

    @Override
    public SinkWriter<IndexedDocument> createWriter(WriterInitContext context) {
        return new SinkWriter<>() {
            @Override
            public void write(IndexedDocument document, Context context) {
                DOCUMENTS.incrementAndGet();
                long version = document.getVersion();
                Long before = HIGHEST.put(document.getId(), version);
                if (before == null) {
                    VERSION_SUM.addAndGet(OrderDocument.eventsIn(version));
                } else if (before > version) {
                    HIGHEST.put(document.getId(), before);
                } else {
                    VERSION_SUM.addAndGet(
                            OrderDocument.eventsIn(version) - OrderDocument.eventsIn(before));
                }
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
