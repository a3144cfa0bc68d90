package io.ordertrack.jobs.tracking;

import io.ordertrack.jobs.state.QuietFeeds;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;

/**
 * Puts an order's records in the order of their arrival on the feeds' clock before the tracker
 * applies them. Order events and routed scans reach the tracker on separate channels, each read at
 * its own pace: applied as read, one order's records would interleave differently in every run, and
 * with them the order's states on the way (which stock change comes first, which open state the
 * risk scorer sees, what an alert says in between). So each record waits, in keyed state, until the
 * watermark passes its arrival: by then every record that arrived before it is here too. They are
 * then applied by arrival, order events before scans at the same instant (a scan held for its
 * manifest arrives with it), each input's records in the order they were read.
 *
 * <p>The watermark stands just behind the partitions' clocks, so a record waits for the slowest
 * partition to show a later time. A record behind the watermark (a partition back from idleness) is
 * applied at once. When the feeds go quiet ({@link QuietFeeds}) what is held is applied then.
 *
 * <p>A held record's event-time timer is its arrival. Flink keeps one timer per key and time,
 * shared with the order's alert reviews, retention and document writes: none is deleted here (one
 * that fires with nothing held does nothing), and the tracker's other parts delete theirs through
 * {@link #sharing}, which keeps those still needed here.
 */
final class ArrivalOrder implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A record and when it arrived. */
    record Arrived(TrackerInput input, long arrivedAt) {}

    private static final Comparator<TrackerInput> EVENTS_FIRST =
            Comparator.comparing(input -> input.getEvent() == null);

    private final QuietFeeds quietFeeds;
    private transient MapState<Long, List<TrackerInput>> waiting;

    /**
     * @param quietAfter how long the watermark stands still before what is held is applied
     */
    ArrivalOrder(Duration quietAfter) {
        this.quietFeeds = new QuietFeeds(quietAfter);
    }

    /** From the tracker's {@code open}. */
    void open(RuntimeContext context) {
        waiting =
                context.getMapState(
                        new MapStateDescriptor<>(
                                "records-waiting-for-watermark",
                                Types.LONG,
                                Types.LIST(TypeInformation.of(TrackerInput.class))));
        quietFeeds.open(context);
    }

    /**
     * A record was read: held until the watermark passes its arrival, or, behind the watermark
     * already, returned to be applied at once.
     */
    List<Arrived> read(TrackerInput input, long arrivedAt, TimerService timers) throws Exception {
        quietFeeds.recordRead(timers);
        if (arrivedAt <= timers.currentWatermark()) {
            return List.of(new Arrived(input, arrivedAt));
        }
        List<TrackerInput> atOnce = waiting.get(arrivedAt);
        if (atOnce == null) {
            atOnce = new ArrayList<>(1);
            timers.registerEventTimeTimer(arrivedAt);
        }
        atOnce.add(input);
        waiting.put(arrivedAt, atOnce);
        quietFeeds.holding(timers);
        return List.of();
    }

    /**
     * A processing-time timer fired: if it is the quiet check and the feeds went quiet, every
     * record held; else none.
     */
    List<Arrived> quiet(long timestamp, TimerService timers, QuietFeeds.SharedTimer sharedTimer)
            throws Exception {
        if (!quietFeeds.isCheck(timestamp) || !quietFeeds.stalled(timers, !waiting.isEmpty())) {
            return List.of();
        }
        return arrivedBy(Long.MAX_VALUE, timers, sharedTimer);
    }

    /**
     * The timers as the tracker's other parts see them: a timer they delete stays if a record held
     * here, or the quiet check, is due at the same time.
     */
    TimerService sharing(TimerService timers) {
        return new TimerService() {
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
                if (!read(() -> quietFeeds.isCheck(time))) {
                    timers.deleteProcessingTimeTimer(time);
                }
            }

            @Override
            public void deleteEventTimeTimer(long time) {
                if (!read(() -> waiting.contains(time))) {
                    timers.deleteEventTimeTimer(time);
                }
            }
        };
    }

    /** A read of keyed state, which may throw. */
    private interface StateRead {
        boolean get() throws Exception;
    }

    private static boolean read(StateRead read) {
        try {
            return read.get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the tracker's keyed state", e);
        }
    }

    /**
     * The records held that arrived by {@code upTo}, in the order they are to be applied; the quiet
     * check is called off once nothing is held.
     *
     * @param sharedTimer whether the tracker has another processing-time timer at a time
     */
    List<Arrived> arrivedBy(long upTo, TimerService timers, QuietFeeds.SharedTimer sharedTimer)
            throws Exception {
        if (waiting.isEmpty()) {
            return List.of();
        }
        List<Long> due = new ArrayList<>();
        for (Long arrivedAt : waiting.keys()) {
            if (arrivedAt <= upTo) {
                due.add(arrivedAt);
            }
        }
        due.sort(null);
        List<Arrived> released = new ArrayList<>();
        for (Long arrivedAt : due) {
            List<TrackerInput> atOnce = waiting.get(arrivedAt);
            waiting.remove(arrivedAt);
            atOnce.sort(EVENTS_FIRST);
            atOnce.forEach(input -> released.add(new Arrived(input, arrivedAt)));
        }
        if (waiting.isEmpty()) {
            quietFeeds.released(timers, sharedTimer);
        }
        return released;
    }
}
