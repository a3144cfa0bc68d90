package io.ordertrack.jobs.state;

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
 * Puts a key's records in the order of their arrival on the feeds' clock before an operator applies
 * them. Records reach a keyed operator from several channels (Kafka partitions, upstream subtasks,
 * inputs), each read at its own pace: applied as read, they would interleave differently in every
 * run, and a replay would see a record from hours later before the watermark reached the time in
 * between. So each record waits, in keyed state, until the watermark passes its arrival: by then
 * every record that arrived before it is here too. They are then applied by arrival; records of the
 * same instant in the operator's order, else in the order they were read. The incident watch uses
 * it; the order tracker does the same with the records kept in its one state value per order.
 *
 * <p>The watermark stands just behind the partitions' clocks, so a record waits for the slowest
 * partition to show a later time. A record behind the watermark (a partition back from idleness) is
 * applied at once. When the feeds go quiet ({@link QuietFeeds}) what is held is applied then.
 *
 * <p>A held record's event-time timer is its arrival. Flink keeps one timer per key and time,
 * shared with the operator's other timers: none is deleted here (one that fires with nothing held
 * does nothing), and the operator's other parts delete theirs through {@link #sharing}, which keeps
 * those still needed here.
 *
 * @param <T> the records
 */
public final class ArrivalOrder<T> implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A record and when it arrived. */
    public record Arrived<T>(T input, long arrivedAt) {}

    private final QuietFeeds quietFeeds;
    private final String stateName;
    private final TypeInformation<T> type;
    private final SerializableComparator<T> atOneInstant;
    private transient MapState<Long, List<T>> waiting;

    /** The order of records that arrived at the same instant. */
    public interface SerializableComparator<T> extends Comparator<T>, Serializable {}

    /**
     * @param quietAfter how long the watermark stands still before what is held is applied
     * @param stateName the name of the map state that holds the records, by arrival
     * @param type the records' type information
     * @param atOneInstant the order of records that arrived at the same instant (a stable sort:
     *     records it finds equal stay in the order they were read)
     */
    public ArrivalOrder(
            Duration quietAfter,
            String stateName,
            TypeInformation<T> type,
            SerializableComparator<T> atOneInstant) {
        this.quietFeeds = new QuietFeeds(quietAfter);
        this.stateName = stateName;
        this.type = type;
        this.atOneInstant = atOneInstant;
    }

    /** From the operator's {@code open}. */
    public void open(RuntimeContext context) {
        waiting =
                context.getMapState(
                        new MapStateDescriptor<>(stateName, Types.LONG, Types.LIST(type)));
        quietFeeds.open(context);
    }

    /**
     * A record was read: held until the watermark passes its arrival, or, behind the watermark
     * already, returned to be applied at once.
     */
    public List<Arrived<T>> read(T input, long arrivedAt, TimerService timers) throws Exception {
        quietFeeds.recordRead(timers.currentProcessingTime());
        if (arrivedAt <= timers.currentWatermark()) {
            return List.of(new Arrived<>(input, arrivedAt));
        }
        List<T> atOnce = waiting.get(arrivedAt);
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
    public List<Arrived<T>> quiet(
            long timestamp, TimerService timers, SharedTimers.StillNeeded sharedTimer)
            throws Exception {
        if (!quietFeeds.isCheck(timestamp) || !quietFeeds.stalled(timers, !waiting.isEmpty())) {
            return List.of();
        }
        return arrivedBy(Long.MAX_VALUE, timers, sharedTimer);
    }

    /**
     * The timers as the operator's other parts see them: a timer they delete stays if a record held
     * here, or the quiet check, is due at the same time.
     */
    public TimerService sharing(TimerService timers) {
        return new SharedTimers(timers, waiting::contains, quietFeeds::isCheck);
    }

    /**
     * The records held that arrived by {@code upTo}, in the order they are to be applied; the quiet
     * check is called off once nothing is held.
     *
     * @param sharedTimer whether the operator has another processing-time timer at a time
     */
    public List<Arrived<T>> arrivedBy(
            long upTo, TimerService timers, SharedTimers.StillNeeded sharedTimer) throws Exception {
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
        List<Arrived<T>> released = new ArrayList<>();
        for (Long arrivedAt : due) {
            List<T> atOnce = waiting.get(arrivedAt);
            waiting.remove(arrivedAt);
            atOnce.sort(atOneInstant);
            atOnce.forEach(input -> released.add(new Arrived<>(input, arrivedAt)));
        }
        if (waiting.isEmpty()) {
            quietFeeds.released(timers, sharedTimer);
        }
        return released;
    }
}
