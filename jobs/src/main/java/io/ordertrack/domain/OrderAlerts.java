package io.ordertrack.domain;

import io.ordertrack.avro.AlertSeverity;
import io.ordertrack.avro.AlertType;
import io.ordertrack.avro.NdrReason;
import io.ordertrack.avro.OrderStage;
import io.ordertrack.avro.OrderState;
import io.ordertrack.avro.ShipmentStatus;
import io.ordertrack.avro.StatusReport;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The alert conditions of one order, as of an event time. Conditions are checked, never remembered:
 * an alert is open exactly while its condition holds.
 *
 * <p>Timed conditions (the SLAs) are asked as of the times they fall due, from the order's history,
 * so the answer does not depend on when the events reached the job. Event conditions (a failed
 * delivery, a courier error) are asked as soon as the scan that raises them arrives.
 */
public final class OrderAlerts {
    /** The SLAs: they hold from a time on, found by timers. */
    public static final Set<AlertType> TIMED =
            EnumSet.of(
                    AlertType.NOT_PICKED,
                    AlertType.STUCK_IN_TRANSIT,
                    AlertType.OFD_NOT_DELIVERED,
                    AlertType.EDD_BREACH);

    /** Raised by a scan itself. */
    public static final Set<AlertType> EVENT_DRIVEN =
            EnumSet.of(AlertType.NDR, AlertType.COURIER_ERROR);

    private static final Set<ShipmentStatus> FORWARD_TRANSIT =
            EnumSet.of(
                    ShipmentStatus.PICKED_UP,
                    ShipmentStatus.IN_TRANSIT,
                    ShipmentStatus.AT_DESTINATION_HUB,
                    ShipmentStatus.HELD,
                    ShipmentStatus.MISROUTED);

    private final AlertThresholds thresholds;

    public OrderAlerts(AlertThresholds thresholds) {
        this.thresholds = thresholds;
    }

    /** The SLA conditions holding as of {@code at}. */
    public Map<AlertType, AlertCondition> timedConditions(OrderState order, Instant at) {
        ShipmentHistory shipment = ShipmentHistory.asOf(order, at);
        Map<AlertType, AlertCondition> holding = new EnumMap<>(AlertType.class);
        boolean cancelled = cancelledBy(order, at);
        Instant ready = readyToShip(order);
        if (ready != null
                && !cancelled
                && !shipment.pickedUp()
                && !at.isBefore(ready.plus(thresholds.notPickedAfter()))) {
            holding.put(
                    AlertType.NOT_PICKED,
                    warning(
                            "not picked up "
                                    + thresholds.notPickedAfter().toHours()
                                    + " h after it was ready to ship"));
        }
        if (FORWARD_TRANSIT.contains(shipment.status())
                && !shipment.courierError()
                && !at.isBefore(shipment.lastReportAt().plus(thresholds.stuckAfter()))) {
            holding.put(
                    AlertType.STUCK_IN_TRANSIT,
                    warning("no scan for " + thresholds.stuckAfter().toHours() + " h"));
        }
        if (shipment.status() == ShipmentStatus.OUT_FOR_DELIVERY
                && !at.isBefore(endOfDay(shipment.since()))) {
            holding.put(
                    AlertType.OFD_NOT_DELIVERED,
                    warning("out for delivery with no outcome by the end of the day"));
        }
        LocalDate promised = promised(order);
        if (promised != null
                && !cancelled
                && !shipment.finished()
                && !isCustomerReturn(shipment.status())) {
            if (!at.isBefore(endOfDay(promised))) {
                holding.put(
                        AlertType.EDD_BREACH,
                        warning("promised delivery date " + promised + " passed"));
            } else if (!at.isBefore(startOfDay(promised)) && !nearingDelivery(shipment)) {
                holding.put(
                        AlertType.EDD_BREACH,
                        warning(
                                "predicted to miss the promised delivery date "
                                        + promised
                                        + ": not at the destination hub when that day began"));
            }
        }
        return holding;
    }

    /**
     * The derived flags that begin to hold with time rather than with an event, as of {@code at}:
     * NOT_PICKED_SLA and STUCK while those SLAs are breached, EDD_BREACH_RISK while the promised
     * date is predicted to be missed, EDD_BREACHED once it has been (for good: a parcel delivered
     * late keeps it). {@code holding} is what {@link #timedConditions} says as of the same time.
     */
    public List<String> timedFlags(
            OrderState order, Instant at, Map<AlertType, AlertCondition> holding) {
        List<String> flags = new ArrayList<>();
        if (holding.containsKey(AlertType.NOT_PICKED)) {
            flags.add("NOT_PICKED_SLA");
        }
        if (holding.containsKey(AlertType.STUCK_IN_TRANSIT)) {
            flags.add("STUCK");
        }
        if (eddBreached(order, at)) {
            flags.add("EDD_BREACHED");
        } else if (holding.containsKey(AlertType.EDD_BREACH)) {
            flags.add("EDD_BREACH_RISK");
        }
        return flags;
    }

    /**
     * The promised day is over and the shipment had not ended by then (delivered, or back at the
     * warehouse, or lost): a cancelled order breaches nothing.
     */
    private boolean eddBreached(OrderState order, Instant at) {
        LocalDate promised = promised(order);
        if (promised == null || cancelledBy(order, at)) {
            return false;
        }
        Instant due = endOfDay(promised);
        if (at.isBefore(due)) {
            return false;
        }
        ShipmentHistory byDue = ShipmentHistory.asOf(order, due.minusMillis(1));
        return !byDue.finished() && !isCustomerReturn(byDue.status());
    }

    /** The conditions a scan raises, as of {@code at}. */
    public Map<AlertType, AlertCondition> eventConditions(OrderState order, Instant at) {
        ShipmentHistory shipment = ShipmentHistory.asOf(order, at);
        Map<AlertType, AlertCondition> holding = new EnumMap<>(AlertType.class);
        int attempts = shipment.failedAttempts();
        boolean settled =
                shipment.finished()
                        || shipment.status() == ShipmentStatus.DELIVERED
                        || (shipment.status() != null
                                && ShipmentProgress.rank(shipment.status())
                                        >= ShipmentProgress.rank(ShipmentStatus.RTO_INITIATED));
        if (attempts > 0 && !settled) {
            AlertSeverity severity =
                    attempts >= thresholds.criticalNdrAttempts()
                            ? AlertSeverity.CRITICAL
                            : AlertSeverity.WARNING;
            holding.put(
                    AlertType.NDR,
                    new AlertCondition(
                            severity,
                            List.of("attempt " + attempts + " failed: " + lastReason(order))));
        }
        if (shipment.courierError()) {
            holding.put(
                    AlertType.COURIER_ERROR,
                    new AlertCondition(
                            AlertSeverity.CRITICAL, List.of("the courier reported an error")));
        }
        return holding;
    }

    /**
     * Every time at which an SLA condition may start to hold, given the order's history: the timers
     * to set. Asked as of each, the conditions say whether it did. A scan followed by another
     * within the stuck SLA cannot leave the shipment stuck, so it sets no time (a shipment in
     * transit would otherwise set one per scan, each checked 48 hours later for nothing).
     */
    public TreeSet<Instant> dueTimes(OrderState order) {
        TreeSet<Instant> due = new TreeSet<>();
        Instant ready = readyToShip(order);
        if (ready != null) {
            due.add(ready.plus(thresholds.notPickedAfter()));
        }
        List<StatusReport> reports = order.getStatusHistory();
        for (int i = 0; i < reports.size(); i++) {
            StatusReport report = reports.get(i);
            Instant stuckAt = report.getAt().plus(thresholds.stuckAfter());
            if (FORWARD_TRANSIT.contains(report.getStatus())
                    && !reportedWithin(reports, i, stuckAt)) {
                due.add(stuckAt);
            }
            if (report.getStatus() == ShipmentStatus.OUT_FOR_DELIVERY) {
                due.add(endOfDay(report.getAt()));
            }
        }
        LocalDate promised = promised(order);
        if (promised != null) {
            due.add(startOfDay(promised));
            due.add(endOfDay(promised));
        }
        return due;
    }

    /** Whether a report later than the {@code i}th (in time order) came by {@code until}. */
    private static boolean reportedWithin(List<StatusReport> reports, int i, Instant until) {
        Instant at = reports.get(i).getAt();
        for (int next = i + 1; next < reports.size(); next++) {
            Instant later = reports.get(next).getAt();
            if (later.isAfter(at)) {
                return !later.isAfter(until);
            }
        }
        return false;
    }

    private static AlertCondition warning(String reason) {
        return new AlertCondition(AlertSeverity.WARNING, List.of(reason));
    }

    private static Instant readyToShip(OrderState order) {
        Instant manifested = order.getMilestones().get("MANIFESTED");
        Instant labelled = order.getMilestones().get("LABEL_SCANNED");
        if (manifested == null) {
            return labelled;
        }
        return labelled == null || manifested.isBefore(labelled) ? manifested : labelled;
    }

    private static boolean cancelledBy(OrderState order, Instant at) {
        Instant cancelled = order.getMilestones().get("CANCELLED");
        return order.getStage() == OrderStage.CANCELLED
                && cancelled != null
                && !cancelled.isAfter(at);
    }

    private static LocalDate promised(OrderState order) {
        return order.getDetails() == null ? null : order.getDetails().getPromisedDeliveryDate();
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
        return day.atStartOfDay(thresholds.zone()).toInstant();
    }

    private Instant endOfDay(Instant at) {
        return endOfDay(LocalDate.ofInstant(at, thresholds.zone()));
    }

    private Instant endOfDay(LocalDate day) {
        return day.plusDays(1).atStartOfDay(thresholds.zone()).toInstant();
    }
}
