package io.ordertrack.jobs.tracking;

import io.ordertrack.avro.Alert;
import io.ordertrack.avro.AlertState;
import io.ordertrack.avro.AlertType;
import io.ordertrack.avro.OrderState;
import io.ordertrack.avro.StatusReport;
import io.ordertrack.avro.TrackingScan;
import io.ordertrack.domain.alerts.AlertBook;
import io.ordertrack.domain.alerts.AlertCondition;
import io.ordertrack.domain.alerts.AlertThresholds;
import io.ordertrack.domain.alerts.FeedWaits;
import io.ordertrack.domain.alerts.OrderAlerts;
import io.ordertrack.jobs.state.StateRetention;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;

/**
 * Keeps the alerts of the tracker's current order in step with its conditions, in keyed state. The
 * alerts a scan raises ({@link OrderAlerts#EVENT_DRIVEN}) follow the order's whole history at once.
 * The SLA alerts ({@link OrderAlerts#TIMED}) are decided at review times, event-time timers on the
 * arrival clock: once the watermark passes a review time every record that arrived by then has been
 * applied, and the review asks {@link OrderAlerts} what held by the reports that had arrived by
 * then, as of the time {@link FeedWaits} allows. What a review decides therefore depends on the
 * feeds alone, never on how fast the job read them: a replay gives the same alerts. The decisions
 * are {@link OrderAlerts}'; this class keeps the timers and the alerts.
 */
final class AlertKeeper implements Serializable {
    private static final long serialVersionUID = 1L;

    private final AlertThresholds thresholds;
    private final FeedWaits waits;
    private final Duration retention;

    private transient MapState<String, Alert> alerts;
    private transient MapState<Long, Boolean> reviewTimers;
    private transient ValueState<Long> checkedUntil;
    private transient ValueState<Long> decidedBefore;
    private transient OrderAlerts rules;

    /**
     * @param retention how long an order's alerts are kept unwritten (state time-to-live)
     */
    AlertKeeper(AlertThresholds thresholds, FeedWaits waits, Duration retention) {
        this.thresholds = thresholds;
        this.waits = waits;
        this.retention = retention;
    }

    /** From the tracker's {@code open}. */
    void open(RuntimeContext context) {
        checkedUntil =
                context.getState(new ValueStateDescriptor<>("alerts-checked-until", Types.LONG));
        decidedBefore =
                context.getState(new ValueStateDescriptor<>("alerts-decided-until", Types.LONG));
        reviewTimers =
                context.getMapState(
                        new MapStateDescriptor<>("alert-timers", Types.LONG, Types.BOOLEAN));
        MapStateDescriptor<String, Alert> alertDescriptor =
                new MapStateDescriptor<>("alerts", Types.STRING, TypeInformation.of(Alert.class));
        alertDescriptor.enableTimeToLive(StateRetention.after(retention));
        alerts = context.getMapState(alertDescriptor);
        rules = new OrderAlerts(thresholds);
    }

    /** A scan changed the order: the alerts it raises or clears, as of its arrival. */
    void scanApplied(OrderState order, TrackingScan scan, Instant arrived, Consumer<Alert> publish)
            throws Exception {
        // The scan names the shipment even when the manifest has not reached this order yet.
        AlertBook.Subject subject =
                order.getCourier() != null
                        ? AlertBook.Subject.of(order)
                        : new AlertBook.Subject(
                                order.getTenantId(),
                                order.getOrderId(),
                                scan.getCourier(),
                                scan.getAwb(),
                                null,
                                null);
        AlertBook.reconcile(
                        subject,
                        OrderAlerts.EVENT_DRIVEN,
                        rules.eventConditions(order),
                        arrived,
                        new AlertsOfOrder())
                .forEach(publish);
    }

    /**
     * Whether the event-time timer at {@code timestamp} is a review still to be made (and no longer
     * pending): a review not past what an earlier one already checked.
     */
    boolean reviewDue(long timestamp) throws Exception {
        if (!reviewTimers.contains(timestamp)) {
            return false;
        }
        reviewTimers.remove(timestamp);
        Long checked = checkedUntil.value();
        return checked == null || timestamp > checked;
    }

    /**
     * Decides the SLA alerts at review time {@code reviewAt} (every record that arrived by then has
     * been applied): each type as of the time {@link FeedWaits#decidedUntil} allows, by the reports
     * that had arrived by the review. An alert decided without its courier's feed having passed its
     * due time says so. The order's timed flags follow, as of that time. While the courier's feed
     * keeps the review from deciding up to its own time, and something falls due or is dated in
     * between ({@link OrderAlerts#mayChangeBetween}), or an alert was decided without the feed,
     * another is set a poll interval later: an order whose SLAs have nothing pending is not polled.
     *
     * @param feedClock the clock of the order's courier feed by the review ({@link FeedClocks})
     * @return whether the order's timed flags changed
     */
    boolean review(
            OrderState order,
            long reviewAt,
            Instant feedClock,
            TimerService timers,
            Consumer<Alert> publish)
            throws Exception {
        AlertsOfOrder orderAlerts = new AlertsOfOrder();
        Instant review = Instant.ofEpochMilli(reviewAt);
        Long before = decidedBefore.value();
        TreeSet<Instant> dueTimes = rules.dueTimes(order);
        Map<Instant, Map<AlertType, AlertCondition>> asOf = new HashMap<>();
        Map<AlertType, AlertCondition> holding = new EnumMap<>(AlertType.class);
        Instant decidedUntil = review;
        boolean decidedWithoutFeed = false;
        for (AlertType type : OrderAlerts.TIMED) {
            Instant until = waits.decidedUntil(type, review, feedClock);
            decidedUntil = until.isBefore(decidedUntil) ? until : decidedUntil;
            AlertCondition condition =
                    asOf.computeIfAbsent(until, at -> rules.timedConditions(order, at, review))
                            .get(type);
            Alert current = orderAlerts.get(type);
            if (condition == null && !isOpen(current)) {
                // Held at a due time since the last review (or ever, if a late report shows an
                // alert never raised), over by now: kept as resolved.
                Instant from =
                        before == null || current == null
                                ? Instant.MIN
                                : Instant.ofEpochMilli(before);
                for (Instant due : dueTimes.subSet(from, false, until, true)) {
                    AlertCondition then =
                            asOf.computeIfAbsent(
                                            due, at -> rules.timedConditions(order, at, review))
                                    .get(type);
                    if (then != null) {
                        condition = then.endedAt(review);
                        break;
                    }
                }
            }
            if (condition != null && feedClock.isBefore(condition.since())) {
                decidedWithoutFeed = true;
                condition =
                        condition.because(
                                order.getCourier()
                                        + " had sent no scan after the due time for "
                                        + waits.maxFeedWait().toHours()
                                        + " h: decided without its feed");
            }
            if (condition != null) {
                holding.put(type, condition);
            }
        }
        AlertBook.Subject subject =
                OrderAlerts.courierKnownBy(order, review) == null
                        ? AlertBook.Subject.of(order).withoutShipment()
                        : AlertBook.Subject.of(order);
        AlertBook.reconcile(subject, OrderAlerts.TIMED, holding, review, orderAlerts)
                .forEach(publish);
        AlertBook.nameShipment(subject, OrderAlerts.TIMED, review, orderAlerts).forEach(publish);
        checkedUntil.update(reviewAt);
        decidedBefore.update(decidedUntil.toEpochMilli());
        List<String> flags = rules.timedFlags(order, decidedUntil, review, holding);
        boolean flagsChanged = !flags.equals(order.getTimedFlags());
        if (flagsChanged) {
            order.setTimedFlags(flags);
            order.setFlagsAsOf(decidedUntil);
        }
        if (decidedUntil.isBefore(review)
                && (rules.mayChangeBetween(order, decidedUntil, review, review)
                        || decidedWithoutFeed)) {
            // The courier's feed is behind: what fell due, or what the reports it has not passed
            // yet show, is decided later; so is an alert decided without it.
            addReview(reviewAt + waits.feedPoll().toMillis(), false, timers);
        }
        return flagsChanged;
    }

    private static boolean isOpen(Alert alert) {
        return alert != null && alert.getState() == AlertState.OPEN;
    }

    /**
     * Sets the reviews the order needs, as a function of what it holds (so a replay sets the same,
     * whatever order the records were read in): one for each SLA due time and grace, once what
     * defines it has arrived; and, from the first of those on, one at each arrival of a report or
     * of the order event that arrived at {@code arrivedAt}, which may clear what holds. Reviews of
     * due times that no longer apply are deleted, unless they come before this arrival: those still
     * decide on what had arrived by their time. A review that finds nothing to change publishes
     * nothing.
     */
    void scheduleReviews(OrderState order, long arrivedAt, TimerService timers) throws Exception {
        Long checked = checkedUntil.value();
        TreeSet<Instant> reviewTimes = rules.reviewTimes(order, waits);
        TreeSet<Long> due = new TreeSet<>();
        for (Instant time : reviewTimes) {
            long at = time.toEpochMilli();
            if (checked == null || at > checked) {
                due.add(at);
            }
        }
        List<Long> obsolete = new ArrayList<>();
        for (Map.Entry<Long, Boolean> review : reviewTimers.entries()) {
            // A review before this arrival still decides on what had arrived by then.
            if (review.getValue()
                    && !due.contains(review.getKey())
                    && review.getKey() >= arrivedAt) {
                obsolete.add(review.getKey());
            }
        }
        for (Long time : obsolete) {
            timers.deleteEventTimeTimer(time);
            reviewTimers.remove(time);
        }
        for (Long time : due) {
            addReview(time, true, timers);
        }
        if (reviewTimes.isEmpty()) {
            return;
        }
        long evidenceFrom =
                Math.max(reviewTimes.first().toEpochMilli(), checked == null ? 0 : checked + 1);
        for (StatusReport report : order.getStatusHistory()) {
            Instant arrived =
                    report.getArrivedAt() == null ? report.getAt() : report.getArrivedAt();
            if (arrived.toEpochMilli() >= evidenceFrom) {
                addReview(arrived.toEpochMilli(), false, timers);
            }
        }
        if (arrivedAt >= evidenceFrom) {
            addReview(arrivedAt, false, timers);
        }
    }

    private void addReview(long at, boolean ofDueTime, TimerService timers) throws Exception {
        Boolean registered = reviewTimers.get(at);
        if (registered == null) {
            timers.registerEventTimeTimer(at);
            reviewTimers.put(at, ofDueTime);
        } else if (!ofDueTime && registered) {
            reviewTimers.put(at, false); // kept even if the due time goes
        }
    }

    /** The order is forgotten: its alerts, its reviews and their timers go. */
    void forget(TimerService timers) throws Exception {
        for (Long due : reviewTimers.keys()) {
            timers.deleteEventTimeTimer(due);
        }
        checkedUntil.clear();
        decidedBefore.clear();
        alerts.clear();
        reviewTimers.clear();
    }

    /**
     * The alerts of the current order, read from state once per event or timer (an event checks
     * several alert types several times), each change written through.
     */
    private final class AlertsOfOrder implements AlertBook.Alerts {
        private Map<AlertType, Alert> read;

        @Override
        public Alert get(AlertType type) throws Exception {
            if (read == null) {
                read = new EnumMap<>(AlertType.class);
                for (Map.Entry<String, Alert> alert : alerts.entries()) {
                    read.put(AlertType.valueOf(alert.getKey()), alert.getValue());
                }
            }
            return read.get(type);
        }

        @Override
        public void put(AlertType type, Alert alert) throws Exception {
            get(type);
            read.put(type, alert);
            alerts.put(type.name(), alert);
        }
    }
}
