package io.ordertrack.jobs.tracking;

import io.ordertrack.avro.Alert;
import io.ordertrack.avro.AlertReview;
import io.ordertrack.avro.AlertState;
import io.ordertrack.avro.AlertType;
import io.ordertrack.avro.OrderState;
import io.ordertrack.avro.StatusReport;
import io.ordertrack.avro.TrackedOrder;
import io.ordertrack.avro.TrackingScan;
import io.ordertrack.domain.alerts.AlertBook;
import io.ordertrack.domain.alerts.AlertCondition;
import io.ordertrack.domain.alerts.AlertThresholds;
import io.ordertrack.domain.alerts.FeedWaits;
import io.ordertrack.domain.alerts.OrderAlerts;
import java.io.Serializable;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Keeps the alerts of the tracker's current order in step with its conditions, kept with the order
 * ({@link TrackedOrder}). The alerts a scan raises ({@link OrderAlerts#EVENT_DRIVEN}) follow the
 * order's whole history at once. The SLA alerts ({@link OrderAlerts#TIMED}) are decided at review
 * times on the arrival clock, kept with the order and fired by its one event-time timer ({@link
 * OrderTracker}): once the watermark passes a review time every record that arrived by then has
 * been applied, and the review asks {@link OrderAlerts} what held by the reports that had arrived
 * by then, as of the time {@link FeedWaits} allows. What a review decides therefore depends on the
 * feeds alone, never on how fast the job read them: a replay gives the same alerts. The decisions
 * are {@link OrderAlerts}'; this class keeps the review times and the alerts.
 */
final class AlertKeeper implements Serializable {
    private static final long serialVersionUID = 1L;

    private final AlertThresholds thresholds;
    private final FeedWaits waits;

    private transient OrderAlerts rules;

    AlertKeeper(AlertThresholds thresholds, FeedWaits waits) {
        this.thresholds = thresholds;
        this.waits = waits;
    }

    /** From the tracker's {@code open}. */
    void open() {
        rules = new OrderAlerts(thresholds);
    }

    /** A scan changed the order: the alerts it raises or clears, as of its arrival. */
    void scanApplied(
            TrackedOrder tracked, TrackingScan scan, Instant arrived, Consumer<Alert> publish)
            throws Exception {
        OrderState order = tracked.getOrder();
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
                        new AlertsOfOrder(tracked))
                .forEach(publish);
    }

    /**
     * Whether the order's timer at {@code timestamp} is a review still to be made (and no longer
     * pending): a review not past what an earlier one already checked.
     */
    boolean reviewDue(TrackedOrder tracked, long timestamp) {
        List<AlertReview> reviews = tracked.getReviews();
        for (int i = 0; i < reviews.size(); i++) {
            if (reviews.get(i).getAt() == timestamp) {
                reviews.remove(i);
                return timestamp > tracked.getCheckedUntil();
            }
        }
        return false;
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
    boolean review(TrackedOrder tracked, long reviewAt, Instant feedClock, Consumer<Alert> publish)
            throws Exception {
        OrderState order = tracked.getOrder();
        AlertsOfOrder orderAlerts = new AlertsOfOrder(tracked);
        Instant review = Instant.ofEpochMilli(reviewAt);
        long before = tracked.getDecidedBefore();
        TreeSet<Instant> dueTimes = rules.dueTimes(order);
        Map<Instant, Map<AlertType, AlertCondition>> asOf = new HashMap<>();
        Map<AlertType, AlertCondition> holding = new EnumMap<>(AlertType.class);
        Instant decidedUntil = review;
        boolean decidedWithoutFeed = false;
        for (AlertType type : OrderAlerts.TIMED) {
            Instant until =
                    OrderAlerts.BY_THE_CLOCK.contains(type)
                            ? review
                            : waits.decidedUntil(type, review, feedClock);
            decidedUntil = until.isBefore(decidedUntil) ? until : decidedUntil;
            AlertCondition condition =
                    asOf.computeIfAbsent(until, at -> rules.timedConditions(order, at, review))
                            .get(type);
            Alert current = orderAlerts.get(type);
            if (condition == null && !isOpen(current) && !OrderAlerts.BY_THE_CLOCK.contains(type)) {
                // Held at a due time since the last review (or ever, if a late report shows an
                // alert never raised), over by now: kept as resolved. Not a call to action whose
                // time has passed: there is nothing left to act on.
                Instant from =
                        before == OrderStore.NONE || current == null
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
            if (condition != null
                    && !OrderAlerts.BY_THE_CLOCK.contains(type)
                    && feedClock.isBefore(condition.since())) {
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
        tracked.setCheckedUntil(reviewAt);
        tracked.setDecidedBefore(decidedUntil.toEpochMilli());
        List<String> flags = rules.timedFlags(order, decidedUntil, review, holding);
        Instant actionDueBy =
                flags.contains("NDR_ACTION_DUE")
                        ? rules.ndrActionDueBy(order, review, review)
                        : null;
        boolean flagsChanged =
                !flags.equals(order.getTimedFlags())
                        || !Objects.equals(actionDueBy, order.getNdrActionDueBy());
        if (flagsChanged) {
            order.setTimedFlags(flags);
            order.setNdrActionDueBy(actionDueBy);
            order.setFlagsAsOf(decidedUntil);
        }
        if (decidedUntil.isBefore(review)
                && (rules.mayChangeBetween(order, dueTimes, decidedUntil, review, review)
                        || decidedWithoutFeed)) {
            // The courier's feed is behind: what fell due, or what the reports it has not passed
            // yet show, is decided later; so is an alert decided without it.
            addReview(tracked, reviewAt + waits.feedPoll().toMillis(), false);
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
    void scheduleReviews(TrackedOrder tracked, long arrivedAt) {
        long checked = tracked.getCheckedUntil();
        TreeSet<Instant> reviewTimes = rules.reviewTimes(tracked.getOrder(), waits);
        TreeSet<Long> due = new TreeSet<>();
        for (Instant time : reviewTimes) {
            long at = time.toEpochMilli();
            if (at > checked) {
                due.add(at);
            }
        }
        // By index: a value read back from state holds Avro arrays, whose iterators cannot remove.
        List<AlertReview> reviews = tracked.getReviews();
        for (int i = reviews.size() - 1; i >= 0; i--) {
            AlertReview review = reviews.get(i);
            // A review before this arrival still decides on what had arrived by then.
            if (review.getOfDueTime()
                    && !due.contains(review.getAt())
                    && review.getAt() >= arrivedAt) {
                reviews.remove(i);
            }
        }
        for (Long time : due) {
            addReview(tracked, time, true);
        }
        if (reviewTimes.isEmpty()) {
            return;
        }
        long evidenceFrom =
                Math.max(
                        reviewTimes.first().toEpochMilli(),
                        checked == OrderStore.NONE ? 0 : checked + 1);
        for (StatusReport report : tracked.getOrder().getStatusHistory()) {
            Instant arrived =
                    report.getArrivedAt() == null ? report.getAt() : report.getArrivedAt();
            if (arrived.toEpochMilli() >= evidenceFrom) {
                addReview(tracked, arrived.toEpochMilli(), false);
            }
        }
        if (arrivedAt >= evidenceFrom) {
            addReview(tracked, arrivedAt, false);
        }
    }

    private static void addReview(TrackedOrder tracked, long at, boolean ofDueTime) {
        for (AlertReview review : tracked.getReviews()) {
            if (review.getAt() == at) {
                if (!ofDueTime) {
                    review.setOfDueTime(false); // kept even if the due time goes
                }
                return;
            }
        }
        tracked.getReviews().add(new AlertReview(at, ofDueTime));
    }

    /** The first review to make, or {@link OrderStore#NONE}. */
    static long nextReview(TrackedOrder tracked) {
        long next = OrderStore.NONE;
        for (AlertReview review : tracked.getReviews()) {
            next = OrderStore.earliest(next, review.getAt());
        }
        return next;
    }

    /** The order is forgotten: its alerts and its reviews go. */
    void forget(TrackedOrder tracked) {
        tracked.setCheckedUntil(OrderStore.NONE);
        tracked.setDecidedBefore(OrderStore.NONE);
        tracked.getAlerts().clear();
        tracked.getReviews().clear();
    }

    /** The alerts of the current order, kept by type name with the order. */
    private record AlertsOfOrder(TrackedOrder tracked) implements AlertBook.Alerts {
        @Override
        public Alert get(AlertType type) {
            return tracked.getAlerts().get(type.name());
        }

        @Override
        public void put(AlertType type, Alert alert) {
            tracked.getAlerts().put(type.name(), alert);
        }
    }
}
