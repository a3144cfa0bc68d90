package io.ordertrack.domain;

import io.ordertrack.avro.AlertSeverity;
import io.ordertrack.avro.AlertType;
import io.ordertrack.avro.OrderStage;
import io.ordertrack.avro.OrderState;
import io.ordertrack.avro.ShipmentStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The alert conditions of one order at an event time, and when its timed conditions (the SLAs) fall
 * due. Conditions are checked, never remembered: an alert is open exactly while its condition
 * holds.
 */
public final class OrderAlerts {
    private static final Set<ShipmentStatus> IN_TRANSIT =
            Set.of(
                    ShipmentStatus.PICKED_UP,
                    ShipmentStatus.IN_TRANSIT,
                    ShipmentStatus.AT_DESTINATION_HUB,
                    ShipmentStatus.HELD,
                    ShipmentStatus.MISROUTED);

    /** Why an alert's condition holds, and how bad it is. */
    public record Condition(AlertSeverity severity, List<String> reasons) {}

    private final AlertThresholds thresholds;

    public OrderAlerts(AlertThresholds thresholds) {
        this.thresholds = thresholds;
    }

    /** The conditions that hold for the order at event time {@code now}. */
    public Map<AlertType, Condition> conditions(OrderState order, Instant now) {
        Map<AlertType, Condition> holding = new EnumMap<>(AlertType.class);
        notPickedDue(order)
                .filter(due -> !now.isBefore(due))
                .ifPresent(
                        due ->
                                holding.put(
                                        AlertType.NOT_PICKED,
                                        new Condition(
                                                AlertSeverity.WARNING,
                                                List.of(
                                                        "not picked up "
                                                                + thresholds
                                                                        .notPickedAfter()
                                                                        .toHours()
                                                                + " h after it was ready to"
                                                                + " ship"))));
        stuckDue(order)
                .filter(due -> !now.isBefore(due))
                .ifPresent(
                        due ->
                                holding.put(
                                        AlertType.STUCK_IN_TRANSIT,
                                        new Condition(
                                                AlertSeverity.WARNING,
                                                List.of(
                                                        "no scan for "
                                                                + thresholds.stuckAfter().toHours()
                                                                + " h since "
                                                                + order.getLastScanLocation()))));
        outForDeliveryDue(order)
                .filter(due -> !now.isBefore(due))
                .ifPresent(
                        due ->
                                holding.put(
                                        AlertType.OFD_NOT_DELIVERED,
                                        new Condition(
                                                AlertSeverity.WARNING,
                                                List.of(
                                                        "out for delivery with no outcome by the"
                                                                + " end of the day"))));
        eddDue(order)
                .filter(due -> !now.isBefore(due))
                .ifPresent(
                        due ->
                                holding.put(
                                        AlertType.EDD_BREACH,
                                        new Condition(
                                                AlertSeverity.WARNING,
                                                List.of(
                                                        "promised delivery date "
                                                                + order.getDetails()
                                                                        .getPromisedDeliveryDate()
                                                                + " passed"))));
        ndr(order, holding);
        if (order.getCourierError()) {
            holding.put(
                    AlertType.COURIER_ERROR,
                    new Condition(
                            AlertSeverity.CRITICAL, List.of("the courier reported an error")));
        }
        return holding;
    }

    /** The event times at which a timed condition of the order falls due, in order. */
    public TreeSet<Instant> dueTimes(OrderState order) {
        TreeSet<Instant> due = new TreeSet<>();
        notPickedDue(order).ifPresent(due::add);
        stuckDue(order).ifPresent(due::add);
        outForDeliveryDue(order).ifPresent(due::add);
        eddDue(order).ifPresent(due::add);
        return due;
    }

    private void ndr(OrderState order, Map<AlertType, Condition> holding) {
        int attempts = order.getNdrReasons().size();
        ShipmentStatus status = order.getShipmentStatus();
        boolean settled =
                status == ShipmentStatus.DELIVERED
                        || Bucket.of(order) == Bucket.RETURNED
                        || OrderLifecycle.isFinished(order);
        if (attempts > 0 && !settled) {
            AlertSeverity severity =
                    attempts >= thresholds.criticalNdrAttempts()
                            ? AlertSeverity.CRITICAL
                            : AlertSeverity.WARNING;
            String reason = order.getNdrReasons().get(attempts - 1).name();
            holding.put(
                    AlertType.NDR,
                    new Condition(severity, List.of("attempt " + attempts + " failed: " + reason)));
        }
    }

    private Optional<Instant> notPickedDue(OrderState order) {
        ShipmentStatus status = order.getShipmentStatus();
        boolean waitingForPickup =
                order.getStage() != OrderStage.CANCELLED
                        && (status == null
                                || status == ShipmentStatus.MANIFESTED
                                || status == ShipmentStatus.PICKUP_SCHEDULED
                                || status == ShipmentStatus.PICKUP_FAILED);
        Instant ready =
                earliest(
                        order.getMilestones().get("MANIFESTED"),
                        order.getMilestones().get("LABEL_SCANNED"));
        return waitingForPickup && ready != null
                ? Optional.of(ready.plus(thresholds.notPickedAfter()))
                : Optional.empty();
    }

    private Optional<Instant> stuckDue(OrderState order) {
        boolean inTransit =
                order.getShipmentStatus() != null
                        && IN_TRANSIT.contains(order.getShipmentStatus())
                        && !order.getCourierError();
        return inTransit && order.getLastScanAt() != null
                ? Optional.of(order.getLastScanAt().plus(thresholds.stuckAfter()))
                : Optional.empty();
    }

    private Optional<Instant> outForDeliveryDue(OrderState order) {
        return order.getShipmentStatus() == ShipmentStatus.OUT_FOR_DELIVERY
                ? Optional.of(
                        endOfDay(
                                LocalDate.ofInstant(
                                        order.getShipmentStatusAt(), thresholds.zone())))
                : Optional.empty();
    }

    /** Due at the end of the promised day, while the order is neither delivered nor over. */
    private Optional<Instant> eddDue(OrderState order) {
        boolean promised =
                order.getDetails() != null && order.getDetails().getPromisedDeliveryDate() != null;
        boolean delivered = order.getMilestones().containsKey(ShipmentStatus.DELIVERED.name());
        if (!promised
                || delivered
                || order.getStage() == OrderStage.CANCELLED
                || OrderLifecycle.isFinished(order)) {
            return Optional.empty();
        }
        return Optional.of(endOfDay(order.getDetails().getPromisedDeliveryDate()));
    }

    private Instant endOfDay(LocalDate day) {
        return day.plusDays(1).atStartOfDay(thresholds.zone()).toInstant();
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }
}
