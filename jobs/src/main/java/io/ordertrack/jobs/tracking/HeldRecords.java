package io.ordertrack.jobs.tracking;

import io.ordertrack.avro.HeldRecord;
import io.ordertrack.avro.HeldScan;
import io.ordertrack.avro.TrackedOrder;
import io.ordertrack.jobs.state.ArrivalOrder;
import io.ordertrack.jobs.state.ArrivalOrder.Arrived;
import io.ordertrack.jobs.state.QuietFeeds;
import io.ordertrack.jobs.state.SharedTimers;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.streaming.api.TimerService;

/**
 * Puts the tracker's records of an order in the order of their arrival before they are applied, as
 * {@link ArrivalOrder} does for other operators (read there why), keeping them in the order's one
 * state value ({@link TrackedOrder#getHeld}) with the check that the feeds went quiet ({@link
 * QuietFeeds}): holding a record costs no keyed state of its own. A held record's event-time timer
 * is its arrival, shared with the order's other timer ({@link OrderTracker}); none is deleted here
 * (one that fires with nothing held does nothing), and the tracker's other parts delete theirs
 * through {@link #sharing}, which keeps those still needed here.
 */
final class HeldRecords implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * Records of one instant: an order event first (a scan held for its manifest arrives with it).
     */
    private static final Comparator<HeldRecord> BY_ARRIVAL =
            Comparator.comparingLong(HeldRecord::getArrivedAt)
                    .thenComparing(held -> held.getEvent() == null);

    private final QuietFeeds quietFeeds;

    /**
     * @param quietAfter how long the watermark stands still before what is held is applied
     */
    HeldRecords(Duration quietAfter) {
        this.quietFeeds = new QuietFeeds(quietAfter);
    }

    /**
     * A record of the order was read: held until the watermark passes its arrival, or, behind the
     * watermark already, returned to be applied at once.
     */
    List<Arrived<TrackerInput>> read(
            TrackerInput input, long arrivedAt, TrackedOrder tracked, TimerService timers)
            throws Exception {
        quietFeeds.recordRead(timers.currentProcessingTime());
        if (arrivedAt <= timers.currentWatermark()) {
            return List.of(new Arrived<>(input, arrivedAt));
        }
        if (!holdsAt(tracked, arrivedAt)) {
            timers.registerEventTimeTimer(arrivedAt);
        }
        tracked.getHeld().add(held(input, arrivedAt));
        quietFeeds.holding(new QuietCheck(tracked), timers);
        return List.of();
    }

    /**
     * A processing-time timer fired: if it is the quiet check and the feeds went quiet, every
     * record held; else none.
     */
    List<Arrived<TrackerInput>> quiet(long timestamp, TrackedOrder tracked, TimerService timers)
            throws Exception {
        QuietCheck check = new QuietCheck(tracked);
        if (!quietFeeds.isCheck(check, timestamp)
                || !quietFeeds.stalled(check, timers, !tracked.getHeld().isEmpty())) {
            return List.of();
        }
        return arrivedBy(Long.MAX_VALUE, tracked, timers);
    }

    /**
     * The records held that arrived by {@code upTo}, in the order they are to be applied: by
     * arrival, records of one instant in the order above, else in the order they were read. The
     * quiet check is called off once nothing is held.
     */
    List<Arrived<TrackerInput>> arrivedBy(long upTo, TrackedOrder tracked, TimerService timers)
            throws Exception {
        List<HeldRecord> held = tracked.getHeld();
        if (held.isEmpty()) {
            return List.of();
        }
        List<HeldRecord> due = new ArrayList<>();
        // By index: a value read back from state holds Avro arrays, whose iterators cannot remove.
        for (int i = 0; i < held.size(); ) {
            if (held.get(i).getArrivedAt() <= upTo) {
                due.add(held.remove(i));
            } else {
                i++;
            }
        }
        due.sort(BY_ARRIVAL);
        List<Arrived<TrackerInput>> released = new ArrayList<>(due.size());
        for (HeldRecord record : due) {
            released.add(new Arrived<>(input(record), record.getArrivedAt()));
        }
        if (held.isEmpty()) {
            quietFeeds.released(new QuietCheck(tracked), timers, at -> tracked.getWriteAt() == at);
        }
        return released;
    }

    /**
     * The timers as the tracker's other parts see them: a timer they delete stays if a record held
     * here, or the quiet check, is due at the same time.
     */
    TimerService sharing(TrackedOrder tracked, TimerService timers) {
        return new SharedTimers(
                timers, time -> holdsAt(tracked, time), time -> tracked.getQuietCheckAt() == time);
    }

    private static boolean holdsAt(TrackedOrder tracked, long arrivedAt) {
        for (HeldRecord held : tracked.getHeld()) {
            if (held.getArrivedAt() == arrivedAt) {
                return true;
            }
        }
        return false;
    }

    static HeldRecord held(TrackerInput input, long arrivedAt) {
        RoutedScan routed = input.getScan();
        HeldScan scan =
                routed == null
                        ? null
                        : new HeldScan(
                                routed.getScan(),
                                routed.getOrderId(),
                                routed.getTenantId(),
                                routed.getChannel(),
                                routed.getClientOrderId());
        return new HeldRecord(arrivedAt, input.getEvent(), scan);
    }

    private static TrackerInput input(HeldRecord held) {
        HeldScan scan = held.getScan();
        return scan == null
                ? TrackerInput.of(held.getEvent())
                : TrackerInput.of(
                        new RoutedScan(
                                scan.getOrderId(),
                                scan.getTenantId(),
                                scan.getChannel(),
                                scan.getClientOrderId(),
                                scan.getScan()));
    }

    /** The quiet check, kept with the order. */
    private record QuietCheck(TrackedOrder tracked) implements QuietFeeds.Check {
        @Override
        public long at() {
            return tracked.getQuietCheckAt();
        }

        @Override
        public long watermark() {
            return tracked.getWatermarkAtQuietCheck();
        }

        @Override
        public void set(long at, long watermark) {
            tracked.setQuietCheckAt(at);
            tracked.setWatermarkAtQuietCheck(watermark);
        }

        @Override
        public void clear() {
            tracked.setQuietCheckAt(QuietFeeds.NONE);
            tracked.setWatermarkAtQuietCheck(QuietFeeds.NONE);
        }
    }
}
