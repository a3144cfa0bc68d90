package io.ordertrack.jobs.state;

import org.apache.flink.streaming.api.TimerService;

/**
 * An operator's timers as one of its parts sees them when another part shares them: Flink keeps one
 * timer per key and time, so a timer this part deletes stays if the other still needs one at the
 * same time (when it fires, each part asks whether it is its own).
 */
public final class SharedTimers implements TimerService {

    /** Whether the other part still needs a timer at a time; a keyed state read may throw. */
    public interface StillNeeded {
        boolean at(long time) throws Exception;
    }

    private final TimerService timers;
    private final StillNeeded eventTime;
    private final StillNeeded processingTime;

    /**
     * @param eventTime whether the other part needs an event-time timer at a time
     * @param processingTime whether it needs a processing-time timer at a time
     */
    public SharedTimers(TimerService timers, StillNeeded eventTime, StillNeeded processingTime) {
        this.timers = timers;
        this.eventTime = eventTime;
        this.processingTime = processingTime;
    }

    @Override
    public long currentProcessingTime() {
        return timers.currentProcessingTime();
    }

    @Override
    public long currentWatermark() {
        return timers.currentWatermark();
    }

    @Override
    public void registerProcessingTimeTimer(long time) {
        timers.registerProcessingTimeTimer(time);
    }

    @Override
    public void registerEventTimeTimer(long time) {
        timers.registerEventTimeTimer(time);
    }

    @Override
    public void deleteProcessingTimeTimer(long time) {
        if (!needed(processingTime, time)) {
            timers.deleteProcessingTimeTimer(time);
        }
    }

    @Override
    public void deleteEventTimeTimer(long time) {
        if (!needed(eventTime, time)) {
            timers.deleteEventTimeTimer(time);
        }
    }

    private static boolean needed(StillNeeded stillNeeded, long time) {
        try {
            return stillNeeded.at(time);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the operator's keyed state", e);
        }
    }
}
