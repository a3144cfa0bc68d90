package io.ordertrack.jobs.tracking;

import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.TrackingScan;
import io.ordertrack.jobs.ingest.DeadLetter;
import io.ordertrack.jobs.ingest.DeadLetterSplitter;
import io.ordertrack.jobs.state.StateRetention;
import io.ordertrack.schemas.AvroCodec;
import io.ordertrack.schemas.RecordKeys;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Joins courier scans to orders, keyed by shipment (tenant, courier, AWB). The manifest event names
 * the AWB of an order; scans name only the AWB. Scans that arrive before their manifest are held,
 * at most {@code maxHeld} per AWB, and released in arrival order when it comes; if it has not come
 * within {@code holdTimeout} of event time after the first of them (or after the watermark, for a
 * late scan), they go to dead letters with the reason.
 *
 * <p>They also wait at least {@code minWait} of wall-clock time: replaying a backlog, the topics
 * progress at their own pace, and a partition starved of reading time can be taken for idle and let
 * the watermark pass a manifest not yet read.
 */
public final class ShipmentRouter
        extends KeyedCoProcessFunction<String, OrderEvent, TrackingScan, RoutedScan> {
    private static final long serialVersionUID = 1L;
    private static final AvroCodec<TrackingScan> SCANS = AvroCodec.of(TrackingScan.class);

    private final Duration retention;
    private final Duration holdTimeout;
    private final Duration minWait;
    private final int maxHeld;
    private final String trackingTopic;

    private transient ValueState<OrderEvent> manifest;
    private transient ListState<TrackingScan> heldScans;

    /** When each held scan arrived, in the same order (empty for scans held by earlier builds). */
    private transient ListState<Long> heldArrivals;

    /** When the manifest arrived, on the feeds' clock. */
    private transient ValueState<Long> manifestArrivedAt;

    private transient ValueState<Long> giveUpAt;
    private transient ValueState<Long> heldSince;

    /**
     * @param retention how long the state of a quiet shipment is kept after its last change
     * @param holdTimeout how long (event time) scans wait for their manifest
     * @param minWait how long (wall-clock time) scans wait for their manifest at least
     * @param maxHeld scans held at most per AWB; more go to dead letters at once
     * @param trackingTopic named as the source of the dead letters
     */
    public ShipmentRouter(
            Duration retention,
            Duration holdTimeout,
            Duration minWait,
            int maxHeld,
            String trackingTopic) {
        this.retention = retention;
        this.holdTimeout = holdTimeout;
        this.minWait = minWait;
        this.maxHeld = maxHeld;
        this.trackingTopic = trackingTopic;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<OrderEvent> manifestDescriptor =
                new ValueStateDescriptor<>("manifest", TypeInformation.of(OrderEvent.class));
        manifestDescriptor.enableTimeToLive(StateRetention.after(retention));
        manifest = getRuntimeContext().getState(manifestDescriptor);
        ListStateDescriptor<TrackingScan> heldDescriptor =
                new ListStateDescriptor<>("held-scans", TypeInformation.of(TrackingScan.class));
        heldDescriptor.enableTimeToLive(StateRetention.after(retention));
        heldScans = getRuntimeContext().getListState(heldDescriptor);
        ListStateDescriptor<Long> arrivalsDescriptor =
                new ListStateDescriptor<>("held-scan-arrivals", Types.LONG);
        arrivalsDescriptor.enableTimeToLive(StateRetention.after(retention));
        heldArrivals = getRuntimeContext().getListState(arrivalsDescriptor);
        ValueStateDescriptor<Long> manifestArrivedDescriptor =
                new ValueStateDescriptor<>("manifest-arrived-at", Types.LONG);
        manifestArrivedDescriptor.enableTimeToLive(StateRetention.after(retention));
        manifestArrivedAt = getRuntimeContext().getState(manifestArrivedDescriptor);
        giveUpAt =
                getRuntimeContext().getState(new ValueStateDescriptor<>("give-up-at", Types.LONG));
        heldSince =
                getRuntimeContext().getState(new ValueStateDescriptor<>("held-since", Types.LONG));
    }

    /** A manifest: remembers which order the AWB belongs to and releases held scans. */
    @Override
    public void processElement1(OrderEvent manifested, Context ctx, Collector<RoutedScan> out)
            throws Exception {
        manifest.update(manifested);
        // The first copy counts: a manifest sent again later names the same AWB.
        Long firstArrived = manifestArrivedAt.value();
        long manifestArrived = FeedClocks.arrivalOf(ctx.timestamp(), 0);
        if (firstArrived != null && firstArrived < manifestArrived) {
            manifestArrived = firstArrived;
        }
        manifestArrivedAt.update(manifestArrived);
        List<Long> arrivals = new ArrayList<>();
        heldArrivals.get().forEach(arrivals::add);
        int i = 0;
        for (TrackingScan scan : heldScans.get()) {
            long scanArrived = i < arrivals.size() ? arrivals.get(i) : 0;
            out.collect(route(manifested, scan, Math.max(scanArrived, manifestArrived)));
            i++;
        }
        stopHolding(ctx);
    }

    @Override
    public void processElement2(TrackingScan scan, Context ctx, Collector<RoutedScan> out)
            throws Exception {
        OrderEvent manifested = manifest.value();
        long scanArrived =
                FeedClocks.arrivalOf(ctx.timestamp(), scan.getEventTime().toEpochMilli());
        if (manifested != null) {
            Long manifestArrived = manifestArrivedAt.value();
            out.collect(
                    route(
                            manifested,
                            scan,
                            Math.max(scanArrived, manifestArrived == null ? 0 : manifestArrived)));
        } else if (heldCount() >= maxHeld) {
            ctx.output(
                    DeadLetterSplitter.DEAD_LETTERS,
                    deadLetter(
                            scan,
                            "more than " + maxHeld + " scans held for an AWB no manifest names",
                            ctx.timerService().currentProcessingTime()));
        } else {
            hold(scan, ctx);
            heldArrivals.add(scanArrived);
        }
    }

    /** No manifest came in time: the held scans become dead letters, once they waited enough. */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<RoutedScan> out)
            throws Exception {
        Long since = heldSince.value();
        if (since == null) {
            return;
        }
        long waitedEnough = since + minWait.toMillis();
        if (ctx.timerService().currentProcessingTime() < waitedEnough) {
            ctx.timerService().registerProcessingTimeTimer(waitedEnough);
            return;
        }
        for (TrackingScan scan : heldScans.get()) {
            ctx.output(
                    DeadLetterSplitter.DEAD_LETTERS,
                    deadLetter(
                            scan,
                            "no manifest named this AWB within " + holdTimeout,
                            ctx.timerService().currentProcessingTime()));
        }
        heldScans.clear();
        heldArrivals.clear();
        giveUpAt.clear();
        heldSince.clear();
    }

    private void hold(TrackingScan scan, Context ctx) throws Exception {
        heldScans.add(scan);
        if (giveUpAt.value() == null) {
            heldSince.update(ctx.timerService().currentProcessingTime());
            // From the scan's own time, or from the watermark if that is later (a late scan still
            // gets the whole hold). Never from a watermark behind the scan: replaying a backlog,
            // the scans' topic can be read days ahead of the orders' while the watermark follows
            // the orders, and the manifest of such a scan comes days of event time later.
            long due =
                    Math.max(
                                    ctx.timerService().currentWatermark(),
                                    scan.getEventTime().toEpochMilli())
                            + holdTimeout.toMillis();
            ctx.timerService().registerEventTimeTimer(due);
            giveUpAt.update(due);
        }
    }

    private void stopHolding(Context ctx) throws Exception {
        Long due = giveUpAt.value();
        if (due != null) {
            ctx.timerService().deleteEventTimeTimer(due);
            ctx.timerService().deleteProcessingTimeTimer(heldSince.value() + minWait.toMillis());
            giveUpAt.clear();
            heldSince.clear();
        }
        heldScans.clear();
        heldArrivals.clear();
    }

    private int heldCount() throws Exception {
        int count = 0;
        for (TrackingScan ignored : heldScans.get()) {
            count++;
        }
        return count;
    }

    /**
     * A held scan as a dead letter, stamped with the wall-clock time it gave up: a scan's own time
     * may lie in the future, and Kafka refuses records stamped over an hour ahead.
     */
    private DeadLetter deadLetter(TrackingScan scan, String reason, long now) {
        return new DeadLetter(
                trackingTopic,
                -1,
                -1,
                RecordKeys.of(scan).getBytes(StandardCharsets.UTF_8),
                SCANS.encode(scan),
                reason,
                now);
    }

    private static RoutedScan route(OrderEvent manifested, TrackingScan scan, long arrivedAt) {
        RoutedScan routed =
                new RoutedScan(
                        RecordKeys.of(manifested),
                        manifested.getTenantId(),
                        manifested.getChannel(),
                        manifested.getClientOrderId(),
                        scan);
        routed.setArrivedAt(arrivedAt);
        return routed;
    }
}
