package io.ordertrack.domain.alerts;

import io.ordertrack.avro.AlertSeverity;
import io.ordertrack.avro.AlertType;
import io.ordertrack.avro.NdrActionTaken;
import io.ordertrack.avro.NdrReason;
import io.ordertrack.avro.OrderEventType;
import io.ordertrack.avro.OrderStage;
import io.ordertrack.avro.OrderState;
import io.ordertrack.avro.ShipmentStatus;
import io.ordertrack.avro.StatusReport;
import io.ordertrack.domain.lifecycle.ShipmentHistory;
import io.ordertrack.domain.lifecycle.ShipmentProgress;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * The alert conditions of one order, as of an event time. Conditions are checked, never remembered:
 * an alert is open exactly while its condition holds.
 *
 * <p>Timed conditions (the SLAs) are asked as of a time, by the courier reports that had reached
 * the job by another (when to ask is {@link FeedWaits}'), so the answer never depends on when the
 * job happened to read the events. Event conditions (a failed delivery, a courier error) are asked
 * of the order's whole history whenever a scan changes it, so an alert's attempts, severity and
 * reason are always the order's.
 */
public final class OrderAlerts {
    /** The SLAs: they hold from a time on, found by timers. */
    public static final Set<AlertType> TIMED =
            EnumSet.of(
                    AlertType.NOT_PICKED,
                    AlertType.STUCK_IN_TRANSIT,
                    AlertType.OFD_NOT_DELIVERED,
                    AlertType.EDD_BREACH,
                    AlertType.NDR_ACTION_DUE);

    /**
     * Timed alerts that end by the clock, not by a report: decided up to the review time, without
     * waiting for the courier's feed to pass it (NDR_ACTION_DUE's deadline is the seller's to meet,
     * whatever the courier has sent).
     */
    public static final Set<AlertType> BY_THE_CLOCK = EnumSet.of(AlertType.NDR_ACTION_DUE);

    /** Raised by a scan itself. */
    public static final Set<AlertType> EVENT_DRIVEN =
            EnumSet.of(AlertType.NDR, AlertType.COURIER_ERROR);

    /** On its way forward, before the delivery round. */
    public static final Set<ShipmentStatus> FORWARD_TRANSIT =
            EnumSet.of(
                    ShipmentStatus.PICKED_UP,
                    ShipmentStatus.IN_TRANSIT,
                    ShipmentStatus.AT_DESTINATION_HUB,
                    ShipmentStatus.HELD,
                    ShipmentStatus.MISROUTED);

    /** How an NDR_ACTION_DUE alert names its deadline: "6 Dec 08:00 IST". */
    private static final DateTimeFormatter DEADLINE =
            DateTimeFormatter.ofPattern("d MMM HH:mm z", Locale.ENGLISH);

    /** The milestones that make an order ready to ship, the earlier counting. */
    private static final List<String> READY =
            List.of(OrderEventType.MANIFESTED.name(), OrderEventType.LABEL_SCANNED.name());

    /** How many days' starts {@link #startOfDay} keeps before it starts afresh. */
    private static final int DAYS_KEPT = 4096;

    private final AlertThresholds thresholds;

    /**
     * When each day asked for begins in the thresholds' zone: reviews ask for a few days again and
     * again, and the zone's rules are a search each time. Not for sharing between threads.
     */
    private final Map<LocalDate, Instant> dayStarts = new HashMap<>();

    /** For one thread: the tracker keeps one per operator instance. */
    public OrderAlerts(AlertThresholds thresholds) {
        this.thresholds = thresholds;
    }

    /** The SLA conditions holding as of {@code at}, by every report applied. */
    public Map<AlertType, AlertCondition> timedConditions(OrderState order, Instant at) {
        return timedConditions(order, at, Instant.MAX);
    }

    /**
     * The SLA conditions holding as of {@code at}, by the courier reports that had reached the job
     * by {@code knownBy}; each says since when it holds (its due time).
     */
    public Map<AlertType, AlertCondition> timedConditions(
            OrderState order, Instant at, Instant knownBy) {
        ShipmentHistory shipment = ShipmentHistory.asOf(order, at, knownBy);
        Map<AlertType, AlertCondition> holding = new EnumMap<>(AlertType.class);
        boolean cancelled = cancelledBy(order, at, knownBy);
        Instant ready = readyToShip(order, knownBy);
        if (ready != null && !cancelled && !shipment.pickedUp()) {
            Instant due = ready.plus(thresholds.notPickedAfter());
            if (!at.isBefore(due)) {
                holding.put(
                        AlertType.NOT_PICKED,
                        AlertCondition.since(
                                AlertSeverity.WARNING,
                                "not picked up "
                                        + thresholds.notPickedAfter().toHours()
                                        + " h after it was ready to ship",
                                due));
            }
        }
        if (FORWARD_TRANSIT.contains(shipment.status()) && !shipment.courierError()) {
            Instant due = shipment.lastReportAt().plus(thresholds.stuckAfter());
            if (!at.isBefore(due)) {
                holding.put(
                        AlertType.STUCK_IN_TRANSIT,
                        AlertCondition.since(
                                AlertSeverity.WARNING,
                                "no scan for " + thresholds.stuckAfter().toHours() + " h",
                                due));
            }
        }
        if (shipment.status() == ShipmentStatus.OUT_FOR_DELIVERY) {
            Instant due = endOfDay(shipment.since());
            if (!at.isBefore(due)) {
                holding.put(
                        AlertType.OFD_NOT_DELIVERED,
                        AlertCondition.since(
                                AlertSeverity.WARNING,
                                "out for delivery with no outcome by the end of the day",
                                due));
            }
        }
        Instant actionDueBy = ndrActionDueBy(order, at, knownBy);
        if (actionDueBy != null) {
            holding.put(
                    AlertType.NDR_ACTION_DUE,
                    AlertCondition.since(
                            AlertSeverity.WARNING,
                            "attempt "
                                    + shipment.failedAttempts()
                                    + " failed: act by "
                                    + DEADLINE.format(actionDueBy.atZone(thresholds.zone()))
                                    + ", before the courier's next attempt",
                            shipment.since()));
        }
        LocalDate promised = promised(order, knownBy);
        if (promised != null
                && !cancelled
                && !shipment.finished()
                && !isCustomerReturn(shipment.status())) {
            if (!at.isBefore(endOfDay(promised))) {
                holding.put(
                        AlertType.EDD_BREACH,
                        AlertCondition.since(
                                AlertSeverity.WARNING,
                                "promised delivery date " + promised + " passed",
                                endOfDay(promised)));
            } else if (!at.isBefore(startOfDay(promised)) && !nearingDelivery(shipment)) {
                holding.put(
                        AlertType.EDD_BREACH,
                        AlertCondition.since(
                                AlertSeverity.WARNING,
                                "predicted to miss the promised delivery date "
                                        + promised
                                        + ": not at the destination hub when that day began",
                                startOfDay(promised)));
            }
        }
        return holding;
    }

    /**
     * The derived flags that begin to hold with time rather than with an event, as of {@code at} by
     * what was known by {@code knownBy}: NOT_PICKED_SLA and STUCK while those SLAs are breached,
     * NDR_ACTION_DUE while the seller can act on a failed attempt, EDD_BREACH_RISK while the
     * promised date is predicted to be missed, EDD_BREACHED once it has been (for good: a parcel
     * delivered late keeps it). {@code holding} is what the SLA alerts say at the same review.
     */
    public List<String> timedFlags(
            OrderState order, Instant at, Instant knownBy, Map<AlertType, AlertCondition> holding) {
        List<String> flags = new ArrayList<>();
        if (holding.containsKey(AlertType.NOT_PICKED)) {
            flags.add("NOT_PICKED_SLA");
        }
        if (holding.containsKey(AlertType.STUCK_IN_TRANSIT)) {
            flags.add("STUCK");
        }
        AlertCondition actionDue = holding.get(AlertType.NDR_ACTION_DUE);
        if (actionDue != null && actionDue.endedAt() == null) {
            flags.add("NDR_ACTION_DUE");
        }
        if (eddBreached(order, at, knownBy)) {
            flags.add("EDD_BREACHED");
        } else if (holding.containsKey(AlertType.EDD_BREACH)) {
            flags.add("EDD_BREACH_RISK");
        }
        return flags;
    }

    /**
     * Until when the seller can act on the order's latest failed attempt, as of {@code at} by what
     * was known by {@code knownBy}; null when there is nothing to act on: the latest report is no
     * failed attempt, the courier returns the parcel after this many, the seller already answered
     * this attempt, or its deadline (the courier's next round, {@link
     * AlertThresholds#ndrActionDeadline}) has passed.
     */
    public Instant ndrActionDueBy(OrderState order, Instant at, Instant knownBy) {
        ShipmentHistory shipment = ShipmentHistory.asOf(order, at, knownBy);
        if (shipment.status() != ShipmentStatus.DELIVERY_FAILED
                || shipment.failedAttempts() >= thresholds.rtoAfterAttempts()) {
            return null;
        }
        Instant deadline = thresholds.ndrActionDeadline(shipment.since());
        if (!at.isBefore(deadline) || answered(order, shipment.failedAttempts(), at, knownBy)) {
            return null;
        }
        return deadline;
    }

    /** Whether the seller's answer to this attempt had been given by then, and had arrived. */
    private static boolean answered(OrderState order, int attempt, Instant at, Instant knownBy) {
        for (NdrActionTaken action : order.getNdrActions()) {
            if (action.getAttempt() == attempt
                    && !action.getAt().isAfter(at)
                    && !action.getArrivedAt().isAfter(knownBy)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The promised day is over and the shipment had not ended by then (delivered, or back at the
     * warehouse, or lost): a cancelled order breaches nothing.
     */
    private boolean eddBreached(OrderState order, Instant at, Instant knownBy) {
        LocalDate promised = promised(order, knownBy);
        if (promised == null || cancelledBy(order, at, knownBy)) {
            return false;
        }
        Instant due = endOfDay(promised);
        if (at.isBefore(due)) {
            return false;
        }
        ShipmentHistory byDue = ShipmentHistory.asOf(order, due.minusMillis(1), knownBy);
        return !byDue.finished() && !isCustomerReturn(byDue.status());
    }

    /**
     * The conditions scans raise, by the order's whole history: a failed delivery (NDR, its
     * attempts and last reason counted over every attempt reported) until the shipment is settled,
     * and a courier error while it is the courier's latest word. A condition that is already over
     * by the time its scan arrives (a failed attempt reported after the delivery) comes with its
     * end, to be kept as a resolved alert.
     */
    public Map<AlertType, AlertCondition> eventConditions(OrderState order) {
        Map<AlertType, AlertCondition> holding = new EnumMap<>(AlertType.class);
        Instant firstFailure = null;
        Instant settledAt = null;
        Instant errorSince = null;
        Instant errorClearedAt = null;
        int attempts = 0;
        for (StatusReport report : order.getStatusHistory()) {
            ShipmentStatus status = report.getStatus();
            if (status == ShipmentStatus.DELIVERY_FAILED) {
                attempts++;
                firstFailure = firstFailure == null ? report.getAt() : firstFailure;
            } else if (settledAt == null && settles(status)) {
                settledAt = report.getAt();
            }
            if (status == ShipmentStatus.COURIER_ERROR) {
                if (errorSince == null || errorClearedAt != null) {
                    errorSince = report.getAt();
                    errorClearedAt = null;
                }
            } else if (errorSince != null && errorClearedAt == null) {
                errorClearedAt = report.getAt();
            }
        }
        if (attempts > 0) {
            AlertSeverity severity =
                    attempts >= thresholds.criticalNdrAttempts()
                            ? AlertSeverity.CRITICAL
                            : AlertSeverity.WARNING;
            AlertCondition ndr =
                    AlertCondition.since(
                            severity,
                            "attempt " + attempts + " failed: " + lastReason(order),
                            firstFailure);
            holding.put(
                    AlertType.NDR,
                    settledAt == null ? ndr : ndr.endedAt(latest(settledAt, firstFailure)));
        }
        if (errorSince != null) {
            AlertCondition error =
                    AlertCondition.since(
                            AlertSeverity.CRITICAL, "the courier reported an error", errorSince);
            holding.put(
                    AlertType.COURIER_ERROR,
                    ShipmentHistory.latest(order).courierError()
                            ? error
                            : error.endedAt(latest(errorClearedAt, errorSince)));
        }
        return holding;
    }

    /** Whether a shipment reported so is past needing a delivery attempt. */
    private static boolean settles(ShipmentStatus status) {
        return status == ShipmentStatus.DELIVERED
                || ShipmentProgress.isFinished(status)
                || ShipmentProgress.rank(status)
                        >= ShipmentProgress.rank(ShipmentStatus.RTO_INITIATED);
    }

    private static Instant latest(Instant a, Instant b) {
        return a == null || a.isBefore(b) ? b : a;
    }

    /**
     * Every time at which an SLA condition may start to hold, given the order's history. Asked as
     * of each, the conditions say whether it did. A scan followed by another within the stuck SLA
     * cannot leave the shipment stuck, so it sets no time (a shipment in transit would otherwise
     * set one per scan, each checked 48 hours later for nothing).
     */
    public TreeSet<Instant> dueTimes(OrderState order) {
        TreeSet<Instant> due = new TreeSet<>();
        forEachDueTime(order, (at, knownAt) -> due.add(at));
        return due;
    }

    /**
     * When the order's SLAs are to be reviewed: each due time plus each alert type's grace, or, if
     * later, when what defines the due time reached the job (a scan days late can make an SLA due
     * in the past).
     */
    public TreeSet<Instant> reviewTimes(OrderState order, FeedWaits waits) {
        List<Duration> graces = waits.gracesOf(TIMED);
        TreeSet<Instant> reviews = new TreeSet<>();
        forEachDueTime(
                order,
                (at, knownAt) -> {
                    for (Duration grace : graces) {
                        Instant review = at.plus(grace);
                        reviews.add(review.isBefore(knownAt) ? knownAt : review);
                    }
                });
        return reviews;
    }

    /**
     * Whether the SLA conditions by what had arrived by {@code knownBy} may differ as of {@code to}
     * from as of {@code from}: an SLA falls due (one of the order's {@link #dueTimes}), or a
     * courier report or an order milestone is dated, in between. Otherwise time alone changes none
     * of them.
     */
    public boolean mayChangeBetween(
            OrderState order,
            TreeSet<Instant> dueTimes,
            Instant from,
            Instant to,
            Instant knownBy) {
        Instant due = dueTimes.higher(from);
        if (due != null && !due.isAfter(to)) {
            return true;
        }
        for (StatusReport report : order.getStatusHistory()) {
            if (ShipmentHistory.knownBy(report, knownBy) && within(report.getAt(), from, to)) {
                return true;
            }
        }
        for (String milestone : order.getMilestones().keySet()) {
            Instant at = milestoneKnownBy(order, milestone, knownBy);
            if (at != null && within(at, from, to)) {
                return true;
            }
        }
        return false;
    }

    private static boolean within(Instant at, Instant from, Instant to) {
        return at.isAfter(from) && !at.isAfter(to);
    }

    private void forEachDueTime(OrderState order, BiConsumer<Instant, Instant> dueAndKnownAt) {
        Instant ready = readyToShip(order, Instant.MAX);
        List<StatusReport> reports = order.getStatusHistory();
        if (ready != null) {
            // Known once the milestone that made it ready had arrived: an earlier one arriving
            // later moves the due time, from its own arrival on.
            Instant knownAt = Instant.MAX;
            for (String milestone : READY) {
                if (ready.equals(order.getMilestones().get(milestone))) {
                    Instant arrived = arrivalOf(order, milestone);
                    knownAt = arrived.isBefore(knownAt) ? arrived : knownAt;
                }
            }
            dueAndKnownAt.accept(ready.plus(thresholds.notPickedAfter()), knownAt);
        }
        ShipmentHistory.Replay shipment = new ShipmentHistory.Replay();
        for (int i = 0; i < reports.size(); i++) {
            StatusReport report = reports.get(i);
            shipment.apply(report);
            Instant stuckAt = report.getAt().plus(thresholds.stuckAfter());
            // A scan that moved nothing (of an earlier state, an unreadable code) is a scan all the
            // same: the parcel still on its way is stuck 48 hours after it.
            boolean onItsWay =
                    FORWARD_TRANSIT.contains(shipment.status()) && !shipment.courierError();
            if ((FORWARD_TRANSIT.contains(report.getStatus()) || onItsWay)
                    && !reportedWithin(reports, i, stuckAt)) {
                dueAndKnownAt.accept(stuckAt, arrivalOf(report));
            }
            if (report.getStatus() == ShipmentStatus.OUT_FOR_DELIVERY) {
                dueAndKnownAt.accept(endOfDay(report.getAt()), arrivalOf(report));
            }
            if (report.getStatus() == ShipmentStatus.DELIVERY_FAILED) {
                // NDR_ACTION_DUE from the failed attempt until its deadline.
                dueAndKnownAt.accept(report.getAt(), arrivalOf(report));
                dueAndKnownAt.accept(
                        thresholds.ndrActionDeadline(report.getAt()), arrivalOf(report));
            }
        }
        LocalDate promised = promised(order, Instant.MAX);
        if (promised != null) {
            Instant placedArrived = arrivalOf(order, OrderEventType.PLACED.name());
            for (Instant due : List.of(startOfDay(promised), endOfDay(promised))) {
                dueAndKnownAt.accept(due, placedArrived.isAfter(due) ? placedArrived : due);
            }
        }
    }

    private static Instant arrivalOf(StatusReport report) {
        return report.getArrivedAt() == null ? report.getAt() : report.getArrivedAt();
    }

    /**
     * Whether a report later than the {@code i}th (in time order) came by {@code until}, and
     * reached the job by then: one that arrived later may be unknown when the SLA is decided.
     */
    private static boolean reportedWithin(List<StatusReport> reports, int i, Instant until) {
        Instant at = reports.get(i).getAt();
        for (int next = i + 1; next < reports.size(); next++) {
            StatusReport later = reports.get(next);
            if (later.getAt().isAfter(at) && ShipmentHistory.knownBy(later, until)) {
                return !later.getAt().isAfter(until);
            }
        }
        return false;
    }

    private static AlertCondition warning(String reason) {
        return new AlertCondition(AlertSeverity.WARNING, List.of(reason));
    }

    /** When the order was ready to ship: the earlier of manifest and label scan known by then. */
    private static Instant readyToShip(OrderState order, Instant knownBy) {
        Instant ready = null;
        for (String milestone : READY) {
            Instant at = milestoneKnownBy(order, milestone, knownBy);
            if (at != null && (ready == null || at.isBefore(ready))) {
                ready = at;
            }
        }
        return ready;
    }

    private static boolean cancelledBy(OrderState order, Instant at, Instant knownBy) {
        Instant cancelled = milestoneKnownBy(order, OrderEventType.CANCELLED.name(), knownBy);
        return order.getStage() == OrderStage.CANCELLED
                && cancelled != null
                && !cancelled.isAfter(at);
    }

    /** The promised date, once the order's placement had arrived. */
    private static LocalDate promised(OrderState order, Instant knownBy) {
        boolean placedKnown =
                !arrivalOf(order, OrderEventType.PLACED.name()).isAfter(knownBy)
                        || !order.getMilestones().containsKey(OrderEventType.PLACED.name());
        return order.getDetails() == null || !placedKnown
                ? null
                : order.getDetails().getPromisedDeliveryDate();
    }

    /** The order's courier, if its manifest had arrived by {@code knownBy}; else null. */
    public static String courierKnownBy(OrderState order, Instant knownBy) {
        return milestoneKnownBy(order, OrderEventType.MANIFESTED.name(), knownBy) == null
                ? null
                : order.getCourier();
    }

    /** A milestone's time, if the order event that set it had arrived by {@code knownBy}. */
    private static Instant milestoneKnownBy(OrderState order, String milestone, Instant knownBy) {
        Instant at = order.getMilestones().get(milestone);
        return at == null || arrivalOf(order, milestone).isAfter(knownBy) ? null : at;
    }

    /**
     * When the order event that set a milestone arrived; its own time for one applied before
     * arrivals were kept.
     */
    private static Instant arrivalOf(OrderState order, String milestone) {
        Instant arrived = order.getMilestonesArrivedAt().get(milestone);
        if (arrived != null) {
            return arrived;
        }
        Instant at = order.getMilestones().get(milestone);
        return at == null ? Instant.MIN : at;
    }

    private static boolean isCustomerReturn(ShipmentStatus status) {
        return status != null && status.name().startsWith("RETURN_");
    }

    private static String lastReason(OrderState order) {
        List<NdrReason> reasons = order.getNdrReasons();
        return reasons.isEmpty()
                ? NdrReason.UNMAPPED.name()
                : reasons.get(reasons.size() - 1).name();
    }

    /**
     * Whether the parcel has reached the destination hub (or gone further): a parcel that has not
     * when the promised day begins is not delivered that day, since the last mile starts the day
     * after it reaches the hub.
     */
    private static boolean nearingDelivery(ShipmentHistory shipment) {
        return shipment.status() != null
                && shipment.status() != ShipmentStatus.COURIER_ERROR
                && ShipmentProgress.rank(shipment.status())
                        >= ShipmentProgress.rank(ShipmentStatus.AT_DESTINATION_HUB);
    }

    private Instant startOfDay(LocalDate day) {
        Instant start = dayStarts.get(day);
        if (start == null) {
            if (dayStarts.size() >= DAYS_KEPT) {
                dayStarts.clear();
            }
            start = day.atStartOfDay(thresholds.zone()).toInstant();
            dayStarts.put(day, start);
        }
        return start;
    }

    private Instant endOfDay(Instant at) {
        return endOfDay(LocalDate.ofInstant(at, thresholds.zone()));
    }

    private Instant endOfDay(LocalDate day) {
        return startOfDay(day.plusDays(1));
    }
}
