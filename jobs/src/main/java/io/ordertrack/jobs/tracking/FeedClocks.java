package io.ordertrack.jobs.tracking;

import io.ordertrack.domain.alerts.FeedClock;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Follows how far each courier feed has come (keyed by seller and courier, {@link
 * FeedClock#feedOf}): every routed scan is a reading of its feed's clock at the scan's arrival
 * time, to the minute; a reading that moves the clock on is sent on, for the order tracker's SLA
 * alerts to wait for. Readings older than {@code kept} behind the latest are forgotten.
 */
public final class FeedClocks extends KeyedProcessFunction<String, RoutedScan, FeedClockReading> {
    private static final long serialVersionUID = 1L;
    private static final long MINUTE = 60_000;

    private final Duration kept;
    private transient ValueState<long[]> steps;

    public FeedClocks(Duration kept) {
        this.kept = kept;
    }

    /** The key of a scan: its seller's courier account. */
    public static String feedOf(RoutedScan routed) {
        return FeedClock.feedOf(routed.getTenantId(), routed.getScan().getCourier());
    }

    /**
     * When a record reached the job, on the feeds' clock: its Flink timestamp, set by the source to
     * the latest event time its Kafka partition had shown; never before the event itself.
     */
    public static long arrivalOf(Long timestamp, long eventTime) {
        return timestamp == null ? eventTime : Math.max(timestamp, eventTime);
    }

    /**
     * When a routed scan could first be put down to its order: as the router says (the later of the
     * scan's and its manifest's arrivals), else by its timestamp.
     */
    public static long arrivalOf(RoutedScan routed, Long timestamp) {
        long eventTime = routed.getScan().getEventTime().toEpochMilli();
        return routed.getArrivedAt() > 0
                ? Math.max(routed.getArrivedAt(), eventTime)
                : arrivalOf(timestamp, eventTime);
    }

    @Override
    public void open(OpenContext openContext) {
        steps =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "feed-clock",
                                        PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
    }

    @Override
    public void processElement(RoutedScan routed, Context ctx, Collector<FeedClockReading> out)
            throws Exception {
        long eventTime = routed.getScan().getEventTime().toEpochMilli();
        long arrivedAt = arrivalOf(routed, ctx.timestamp());
        long clock = Math.floorDiv(eventTime, MINUTE) * MINUTE;
        long[] before = steps.value() == null ? FeedClock.empty() : steps.value();
        if (!FeedClock.advances(before, arrivedAt, clock)) {
            return;
        }
        long[] after = FeedClock.add(before, arrivedAt, clock);
        steps.update(FeedClock.forgetBefore(after, arrivedAt - kept.toMillis()));
        out.collect(new FeedClockReading(ctx.getCurrentKey(), arrivedAt, clock));
    }
}
