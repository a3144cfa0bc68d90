package io.ordertrack.jobs.tracking;

import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.TrackedOrder;
import io.ordertrack.domain.alerts.FeedClock;
import io.ordertrack.jobs.risk.OrderChange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.util.OutputTag;

/**
 * An {@link OrderTracker} in a test harness, fed as the job feeds it: order events and routed scans
 * on one keyed input, courier feed clocks on the broadcast one. By default the order's courier feed
 * (acme-fashion / DELHIVERY) is live: each watermark comes with a reading saying the feed has come
 * that far. A harness with a {@linkplain #withFeedReadings quiet feed} sends readings only when
 * told to. The watermark passes each record's arrival as soon as it is processed, as the job's does
 * once every partition has shown a later time, unless the harness {@linkplain #holdingRecords holds
 * the watermark} for a test of what waits for it.
 */
final class TrackerHarness implements AutoCloseable {
    static final String FEED = FeedClock.feedOf("acme-fashion", "DELHIVERY");

    private final KeyedBroadcastOperatorTestHarness<
                    String, TrackerInput, FeedClockReading, OrderChange>
            harness;
    private final boolean liveFeed;
    private boolean watermarkFollowsRecords = true;
    private long watermark = Long.MIN_VALUE;

    private TrackerHarness(OrderTracker tracker, boolean liveFeed) throws Exception {
        this.harness =
                ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                        tracker, TrackerInput::orderOf, Types.STRING, OrderTracker.FEED_CLOCKS);
        this.liveFeed = liveFeed;
    }

    /** A tracker whose courier feed keeps up with the watermark. */
    static TrackerHarness withLiveFeed(OrderTracker tracker) throws Exception {
        return new TrackerHarness(tracker, true);
    }

    /** A tracker whose courier feed moves only by {@link #feedReading}. */
    static TrackerHarness withFeedReadings(OrderTracker tracker) throws Exception {
        return new TrackerHarness(tracker, false);
    }

    /** The watermark moves only by {@link #processBothWatermarks} from now on. */
    TrackerHarness holdingRecords() {
        watermarkFollowsRecords = false;
        return this;
    }

    /** An order event, arrived at {@code timestamp} (its own time, if later). */
    void processElement1(OrderEvent event, long timestamp) throws Exception {
        harness.processElement(TrackerInput.of(event), timestamp);
        passArrival(FeedClocks.arrivalOf(timestamp, event.getEventTime().toEpochMilli()));
    }

    /** A routed scan, arrived at {@code timestamp} (its own time, if later). */
    void processElement2(RoutedScan scan, long timestamp) throws Exception {
        harness.processElement(TrackerInput.of(scan), timestamp);
        passArrival(FeedClocks.arrivalOf(scan, timestamp));
    }

    private void passArrival(long arrivedAt) throws Exception {
        if (watermarkFollowsRecords && arrivedAt > watermark) {
            processBothWatermarks(new Watermark(arrivedAt));
        }
    }

    /** By {@code arrivedAt}, the courier had sent scans up to {@code clock}. */
    void feedReading(Instant arrivedAt, Instant clock) throws Exception {
        harness.processBroadcastElement(
                new FeedClockReading(FEED, arrivedAt.toEpochMilli(), clock.toEpochMilli()),
                arrivedAt.toEpochMilli());
    }

    void processBothWatermarks(Watermark watermark) throws Exception {
        this.watermark = Math.max(this.watermark, watermark.getTimestamp());
        if (liveFeed) {
            Instant now = Instant.ofEpochMilli(watermark.getTimestamp());
            feedReading(now, now);
        }
        harness.processWatermark(watermark);
        harness.processBroadcastWatermark(watermark);
    }

    List<OrderChange> extractOutputValues() {
        return harness.extractOutputValues();
    }

    <X> ConcurrentLinkedQueue<StreamRecord<X>> getSideOutput(OutputTag<X> tag) {
        return harness.getSideOutput(tag);
    }

    int numEventTimeTimers() {
        return harness.numEventTimeTimers();
    }

    int numProcessingTimeTimers() {
        return harness.numProcessingTimeTimers();
    }

    /** Entries of the order's keyed state (the heap backend's count). */
    int numKeyedStateEntries() {
        AbstractStreamOperator<?> operator =
                (AbstractStreamOperator<?>) harness.getTwoInputOperator();
        return ((HeapKeyedStateBackend<?>) operator.getKeyedStateBackend())
                .numKeyValueStateEntries();
    }

    /** What the tracker keeps of an order, as its state holds it (null for nothing). */
    TrackedOrder tracked(String orderId) throws Exception {
        return trackedState(orderId).value();
    }

    private ValueState<TrackedOrder> trackedState(String orderId) throws Exception {
        AbstractStreamOperator<?> operator =
                (AbstractStreamOperator<?>) harness.getTwoInputOperator();
        KeyedStateBackend<String> backend = operator.getKeyedStateBackend();
        backend.setCurrentKey(orderId);
        return backend.getPartitionedState(
                VoidNamespace.INSTANCE,
                VoidNamespaceSerializer.INSTANCE,
                OrderStore.descriptor(Duration.ofDays(1)));
    }

    /**
     * Keeps the order's value as a build that held records in a state of its own wrote it (see
     * {@link #holdAsEarlierBuilds}).
     */
    void markWrittenBeforeHeldRecords(String orderId) throws Exception {
        ValueState<TrackedOrder> state = trackedState(orderId);
        TrackedOrder tracked = state.value();
        tracked.setHeldMovedIn(false);
        state.update(tracked);
    }

    /**
     * Holds records as builds before {@link TrackedOrder#getHeld} did, in a map state of their own,
     * where a savepoint of such a build restores them.
     */
    void holdAsEarlierBuilds(String orderId, long arrivedAt, TrackerInput... inputs)
            throws Exception {
        AbstractStreamOperator<?> operator =
                (AbstractStreamOperator<?>) harness.getTwoInputOperator();
        KeyedStateBackend<String> backend = operator.getKeyedStateBackend();
        backend.setCurrentKey(orderId);
        backend.getPartitionedState(
                        VoidNamespace.INSTANCE,
                        VoidNamespaceSerializer.INSTANCE,
                        new MapStateDescriptor<>(
                                "records-waiting-for-watermark",
                                Types.LONG,
                                Types.LIST(TypeInformation.of(TrackerInput.class))))
                .put(arrivedAt, new ArrayList<>(List.of(inputs)));
    }

    void setProcessingTime(long time) throws Exception {
        harness.setProcessingTime(time);
    }

    void setStateTtlProcessingTime(long time) {
        harness.setStateTtlProcessingTime(time);
    }

    @Override
    public void close() throws Exception {
        harness.close();
    }
}
