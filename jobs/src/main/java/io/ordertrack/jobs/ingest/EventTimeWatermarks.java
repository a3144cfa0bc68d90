package io.ordertrack.jobs.ingest;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Watermarks of one Kafka partition at its clock on the feeds' clock: the latest event time of its
 * valid events, less a millisecond. A record's arrival ({@link PartitionClocks}) is never before
 * the clock of its partition, so no record is ever behind the watermark, late as its own time may
 * be; the next record may arrive at the clock itself, hence the millisecond. What must be judged by
 * event time despite late records waits for its own allowance of disorder (the routing audit).
 *
 * <p>A dead letter carries no event time (its timestamp is the Kafka record's, often the wall
 * clock): letting it advance the watermark would fire every event-time timer of the job at once.
 *
 * @param <T> the event type
 */
final class EventTimeWatermarks<T> implements WatermarkGenerator<Decoded<T>> {
    private long clock = Long.MIN_VALUE;

    @Override
    public void onEvent(Decoded<T> decoded, long eventTimestamp, WatermarkOutput output) {
        clock = Math.max(clock, Decoded.eventTimeOf(decoded));
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        if (clock != Long.MIN_VALUE) {
            output.emitWatermark(new Watermark(clock - 1));
        }
    }
}
