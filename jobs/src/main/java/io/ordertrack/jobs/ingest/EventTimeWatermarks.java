package io.ordertrack.jobs.ingest;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Bounded-out-of-orderness watermarks from the event times of valid events only. A dead letter
 * carries no event time (its timestamp is the Kafka record's, often the wall clock): letting it
 * advance the watermark would fire every event-time timer of the job at once.
 *
 * @param <T> the event type
 */
final class EventTimeWatermarks<T> implements WatermarkGenerator<Decoded<T>> {
    private final long outOfOrdernessMillis;
    private long maxEventTime = Long.MIN_VALUE;

    EventTimeWatermarks(Duration outOfOrderness) {
        this.outOfOrdernessMillis = outOfOrderness.toMillis();
    }

    @Override
    public void onEvent(Decoded<T> decoded, long eventTimestamp, WatermarkOutput output) {
        if (decoded.getDeadLetter() == null) {
            maxEventTime = Math.max(maxEventTime, decoded.getTimestamp());
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        if (maxEventTime != Long.MIN_VALUE) {
            output.emitWatermark(new Watermark(maxEventTime - outOfOrdernessMillis - 1));
        }
    }
}
