package io.ordertrack.jobs.ingest;

import io.ordertrack.jobs.tracking.CatchUpWatch;
import java.io.Serializable;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A source (the job's Kafka sources) that tells Flink while it is working through a backlog, so
 * that checkpoints come every {@code checkpoint.interval-while-catching-up} then instead of every
 * {@code checkpoint.interval} (Flink's {@code execution.checkpointing.interval-during-backlog}). A
 * full snapshot of the job's state costs the same however few records it covers: during a replay or
 * after an outage a long interval spends the cores on the backlog, and once live the short one
 * keeps what a restart repeats small.
 *
 * <p>Each reader watches the latest event time it has read ({@link Arrival}; on the feeds' clock,
 * as the watermark, not Kafka's append time: a topic replayed from the start was written long
 * before only if its events were) with {@link CatchUpWatch}, the rule the tracker's held writes
 * follow: more than the live lag behind the wall clock and moving at least twice as fast. It
 * reports its verdict to the source's coordinator every second while it reads ({@link CatchingUp}).
 * A reader that has nothing left to read stops reporting: its backlog is drained. The coordinator
 * counts the source as catching up while any reader's last report within {@link
 * CatchUpVotes#STALE_MILLIS} said so. Everything else, splits and their state included, is the
 * wrapped source's: savepoints read and write the same bytes as without this class.
 *
 * @param <T> what the source produces
 * @param <S> its splits
 * @param <E> its enumerator's checkpoint
 */
public final class CatchUpReportingSource<T, S extends SourceSplit, E>
        implements Source<T, S, E>, ResultTypeQueryable<T> {
    private static final long serialVersionUID = 1L;

    /** How often a reading reader reports, at most. */
    static final long REPORT_MILLIS = 1_000;

    private final Source<T, S, E> source;
    private final TypeInformation<T> producedType;
    private final Arrival<T> arrival;
    private final Duration liveLag;

    /**
     * @param source the source wrapped
     * @param producedType what it produces
     * @param arrival the event time of what it produces
     * @param liveLag how far behind the wall clock a reader's latest arrival may be and still count
     *     as live ({@code orders.write.live-lag})
     */
    public CatchUpReportingSource(
            Source<T, S, E> source,
            TypeInformation<T> producedType,
            Arrival<T> arrival,
            Duration liveLag) {
        this.source = source;
        this.producedType = producedType;
        this.arrival = arrival;
        this.liveLag = liveLag;
    }

    /** The event time of a record read, or {@link Long#MIN_VALUE} for one that has none. */
    @FunctionalInterface
    public interface Arrival<T> extends Serializable {
        long of(T record);
    }

    /** A reader's verdict, sent to the coordinator. */
    public record CatchingUp(boolean catchingUp) implements SourceEvent {}

    @Override
    public Boundedness getBoundedness() {
        return source.getBoundedness();
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return producedType;
    }

    @Override
    public SourceReader<T, S> createReader(SourceReaderContext context) throws Exception {
        return new Reader<>(
                source.createReader(context),
                context,
                new Arrivals<>(arrival),
                new CatchUpWatch(liveLag));
    }

    @Override
    public SplitEnumerator<S, E> createEnumerator(SplitEnumeratorContext<S> context)
            throws Exception {
        return new Enumerator<>(source.createEnumerator(context), context);
    }

    @Override
    public SplitEnumerator<S, E> restoreEnumerator(SplitEnumeratorContext<S> context, E checkpoint)
            throws Exception {
        return new Enumerator<>(source.restoreEnumerator(context, checkpoint), context);
    }

    @Override
    public SimpleVersionedSerializer<S> getSplitSerializer() {
        return source.getSplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<E> getEnumeratorCheckpointSerializer() {
        return source.getEnumeratorCheckpointSerializer();
    }

    /** The wrapped reader, watching the arrivals it emits. */
    private static final class Reader<T, S extends SourceSplit> implements SourceReader<T, S> {
        private final SourceReader<T, S> reader;
        private final SourceReaderContext context;
        private final CatchUpWatch watch;
        private final Arrivals<T> arrivals;
        private ReaderOutput<T> wrapped;
        private ArrivalsOutput<T> output;
        private long reportedAt;

        Reader(
                SourceReader<T, S> reader,
                SourceReaderContext context,
                Arrivals<T> arrivals,
                CatchUpWatch watch) {
            this.reader = reader;
            this.context = context;
            this.arrivals = arrivals;
            this.watch = watch;
        }

        @Override
        public InputStatus pollNext(ReaderOutput<T> readerOutput) throws Exception {
            if (readerOutput != wrapped) {
                wrapped = readerOutput;
                output = new ArrivalsOutput<>(readerOutput, arrivals);
            }
            InputStatus status = reader.pollNext(output);
            long now = System.currentTimeMillis();
            if (now - reportedAt >= REPORT_MILLIS) {
                reportedAt = now;
                context.sendSourceEventToCoordinator(
                        new CatchingUp(watch.catchingUp(now, arrivals.latest)));
            }
            return status;
        }

        @Override
        public void start() {
            reader.start();
        }

        @Override
        public List<S> snapshotState(long checkpointId) {
            return reader.snapshotState(checkpointId);
        }

        @Override
        public CompletableFuture<Void> isAvailable() {
            return reader.isAvailable();
        }

        @Override
        public void addSplits(List<S> splits) {
            reader.addSplits(splits);
        }

        @Override
        public void notifyNoMoreSplits() {
            reader.notifyNoMoreSplits();
        }

        @Override
        public void handleSourceEvents(SourceEvent event) {
            reader.handleSourceEvents(event);
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) throws Exception {
            reader.notifyCheckpointComplete(checkpointId);
        }

        @Override
        public void notifyCheckpointAborted(long checkpointId) throws Exception {
            reader.notifyCheckpointAborted(checkpointId);
        }

        @Override
        public void pauseOrResumeSplits(
                Collection<String> splitsToPause, Collection<String> splitsToResume) {
            reader.pauseOrResumeSplits(splitsToPause, splitsToResume);
        }

        @Override
        public void close() throws Exception {
            reader.close();
        }
    }

    /** The latest event time a reader has emitted, over all its splits. */
    private static final class Arrivals<T> {
        private final Arrival<T> arrival;
        long latest = Long.MIN_VALUE;

        Arrivals(Arrival<T> arrival) {
            this.arrival = arrival;
        }

        void saw(T record) {
            latest = Math.max(latest, arrival.of(record));
        }
    }

    /** A source output that notes each record's event time and passes everything on. */
    private static class SplitArrivalsOutput<T> implements SourceOutput<T> {
        private final SourceOutput<T> output;
        final Arrivals<T> arrivals;

        SplitArrivalsOutput(SourceOutput<T> output, Arrivals<T> arrivals) {
            this.output = output;
            this.arrivals = arrivals;
        }

        @Override
        public void collect(T record) {
            arrivals.saw(record);
            output.collect(record);
        }

        @Override
        public void collect(T record, long timestamp) {
            arrivals.saw(record);
            output.collect(record, timestamp);
        }

        @Override
        public void emitWatermark(Watermark watermark) {
            output.emitWatermark(watermark);
        }

        @Override
        public void markIdle() {
            output.markIdle();
        }

        @Override
        public void markActive() {
            output.markActive();
        }
    }

    /** The reader's output, its split outputs watched as well. */
    private static final class ArrivalsOutput<T> extends SplitArrivalsOutput<T>
            implements ReaderOutput<T> {
        private final ReaderOutput<T> output;

        ArrivalsOutput(ReaderOutput<T> output, Arrivals<T> arrivals) {
            super(output, arrivals);
            this.output = output;
        }

        @Override
        public SourceOutput<T> createOutputForSplit(String splitId) {
            return new SplitArrivalsOutput<>(output.createOutputForSplit(splitId), arrivals);
        }

        @Override
        public void releaseOutputForSplit(String splitId) {
            output.releaseOutputForSplit(splitId);
        }
    }

    /**
     * The wrapped enumerator, counting its readers' reports and telling Flink when the source
     * starts and stops catching up (checked every second, on the coordinator's thread).
     */
    private static final class Enumerator<S extends SourceSplit, E>
            implements SplitEnumerator<S, E> {
        private final SplitEnumerator<S, E> enumerator;
        private final SplitEnumeratorContext<S> context;
        private final CatchUpVotes votes = new CatchUpVotes();
        private boolean catchingUp;

        Enumerator(SplitEnumerator<S, E> enumerator, SplitEnumeratorContext<S> context) {
            this.enumerator = enumerator;
            this.context = context;
        }

        @Override
        public void start() {
            enumerator.start();
            context.callAsync(
                    () -> null, (ignored, error) -> decide(), REPORT_MILLIS, REPORT_MILLIS);
        }

        private void decide() {
            boolean now = votes.catchingUp(System.currentTimeMillis());
            if (now != catchingUp) {
                catchingUp = now;
                context.setIsProcessingBacklog(now);
            }
        }

        @Override
        public void handleSourceEvent(int subtaskId, SourceEvent event) {
            if (event instanceof CatchingUp report) {
                votes.report(subtaskId, report.catchingUp(), System.currentTimeMillis());
            } else {
                enumerator.handleSourceEvent(subtaskId, event);
            }
        }

        @Override
        public void handleSplitRequest(int subtaskId, String requesterHostname) {
            enumerator.handleSplitRequest(subtaskId, requesterHostname);
        }

        @Override
        public void addSplitsBack(List<S> splits, int subtaskId) {
            enumerator.addSplitsBack(splits, subtaskId);
        }

        @Override
        public void addReader(int subtaskId) {
            enumerator.addReader(subtaskId);
        }

        @Override
        public E snapshotState(long checkpointId) throws Exception {
            return enumerator.snapshotState(checkpointId);
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) throws Exception {
            enumerator.notifyCheckpointComplete(checkpointId);
        }

        @Override
        public void notifyCheckpointAborted(long checkpointId) throws Exception {
            enumerator.notifyCheckpointAborted(checkpointId);
        }

        @Override
        public void close() throws java.io.IOException {
            enumerator.close();
        }
    }
}
