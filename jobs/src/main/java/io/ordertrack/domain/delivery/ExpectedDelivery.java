package io.ordertrack.domain.delivery;

import io.ordertrack.avro.AlertSeverity;
import io.ordertrack.avro.AlertType;
import io.ordertrack.avro.OrderDetails;
import io.ordertrack.avro.OrderEventType;
import io.ordertrack.avro.OrderStage;
import io.ordertrack.avro.OrderState;
import io.ordertrack.avro.ShipmentStatus;
import io.ordertrack.avro.StatusReport;
import io.ordertrack.documents.SellersTime;
import io.ordertrack.domain.alerts.AlertCondition;
import io.ordertrack.domain.lifecycle.ShipmentHistory;
import io.ordertrack.domain.lifecycle.ShipmentProgress;
import io.ordertrack.domain.risk.RtoRisk;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * When a parcel will be delivered, predicted from where it stands on its way and how long the
 * parcels delivered before it took from there on the same lane.
 *
 * <p>A lane is a seller's warehouse to a destination state with one courier. From every delivered
 * parcel the model learns, for each point of its way (left the warehouse, each hub in transit, at
 * the destination hub, out for delivery, each failed attempt), the hours it still took to be
 * delivered, under its lane and under wider ones: the warehouse to the state with any courier, the
 * courier from anywhere, and the seller's whole business. A parcel is predicted from the narrowest
 * of them with enough deliveries, from its latest report: the hours still to come are those of the
 * parcels that took longer than it has already waited (a parcel out for delivery since morning is
 * not expected back in the past).
 */
public final class ExpectedDelivery implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The points of a parcel's way a prediction starts from. */
    public enum Progress {
        LEFT_WAREHOUSE,
        IN_TRANSIT,
        AT_DESTINATION_HUB,
        OUT_FOR_DELIVERY,
        DELIVERY_FAILED
    }

    /**
     * @param minSample the fewest deliveries a lane must have taught for its prediction to be used
     * @param low the quantile the range starts at
     * @param high the quantile it ends at
     */
    public record Settings(int minSample, double low, double high) implements Serializable {
        /** An 80% range, from lanes of 30 deliveries or more. */
        public static final Settings DEFAULT = new Settings(30, 0.1, 0.9);

        public Settings {
            if (minSample < 1 || !(0 < low && low < 0.5 && 0.5 < high && high < 1)) {
                throw new IllegalArgumentException(
                        "expected-delivery settings: minSample ≥ 1 and 0 < low < 0.5 < high < 1");
            }
        }
    }

    /**
     * A prediction.
     *
     * @param expectedAt the median of the delivery times still possible
     * @param earliest the range's start
     * @param latest the range's end
     * @param from the point of the way it starts from, reached at {@code since}
     * @param lane the lane it learned from, without the tenant ("DELHIVERY WH-1 → Karnataka", "WH-1
     *     → Karnataka", "DELHIVERY", "all")
     * @param sample how many deliveries that lane had taught from that point
     */
    public record Estimate(
            Instant expectedAt,
            Instant earliest,
            Instant latest,
            Progress from,
            Instant since,
            String lane,
            long sample) {}

    /** How a prediction names its times: "9 Nov 14:00 IST". */
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("d MMM HH:mm z", Locale.ENGLISH);

    /** One thing a delivered parcel teaches: under a key, the hours it took from a point. */
    public record Lesson(String key, double hours) {}

    /** Where what was learned is read from, by key. */
    public interface Memory {
        RemainingHours recall(String key) throws Exception;
    }

    private static final double MILLIS_PER_HOUR = Duration.ofHours(1).toMillis();

    private final Settings settings;

    public ExpectedDelivery(Settings settings) {
        this.settings = settings;
    }

    /**
     * The prediction for an order as of {@code at}, by its reports up to then; empty before it left
     * the warehouse, once its way is over or turned back, for a cancelled order, or without a lane
     * taught enough.
     */
    public Optional<Estimate> estimate(OrderState order, Instant at, Memory memory)
            throws Exception {
        Point point = pointOf(order, at);
        if (point == null) {
            return Optional.empty();
        }
        double elapsed =
                Math.max(0, (at.toEpochMilli() - point.at.toEpochMilli()) / MILLIS_PER_HOUR);
        for (Lane lane : lanesOf(order)) {
            RemainingHours hours = memory.recall(lane.key + "|" + point.progress);
            if (hours.longerThan(elapsed) < settings.minSample()) {
                continue;
            }
            return Optional.of(
                    new Estimate(
                            after(point.at, hours.quantile(0.5, elapsed)),
                            after(point.at, hours.quantile(settings.low(), elapsed)),
                            after(point.at, hours.quantile(settings.high(), elapsed)),
                            point.progress,
                            point.at,
                            lane.name,
                            hours.count()));
        }
        return Optional.empty();
    }

    /**
     * EDD_BREACH_PREDICTED while the prediction puts the delivery after the end of the promised day
     * (in the sellers' time zone). Raised only before that day ends — after it, EDD_BREACH says the
     * date was missed — and kept while later predictions still say so; resolved once one puts the
     * delivery back within the day, or there is no prediction any more (delivered, turned back,
     * cancelled).
     *
     * @param at the time of the prediction (the order's latest event)
     * @param open whether the alert is open
     */
    public Map<AlertType, AlertCondition> conditions(
            OrderState order, Estimate estimate, Instant at, boolean open) {
        LocalDate promised =
                order.getDetails() == null ? null : order.getDetails().getPromisedDeliveryDate();
        if (estimate == null || promised == null) {
            return Map.of();
        }
        Instant due = promised.plusDays(1).atStartOfDay(SellersTime.ZONE).toInstant();
        if (!estimate.expectedAt().isAfter(due) || (!open && !at.isBefore(due))) {
            return Map.of();
        }
        return Map.of(
                AlertType.EDD_BREACH_PREDICTED,
                new AlertCondition(
                        AlertSeverity.WARNING,
                        List.of(
                                "expected "
                                        + when(estimate.expectedAt())
                                        + " ("
                                        + Math.round(100 * (settings.high() - settings.low()))
                                        + "% between "
                                        + when(estimate.earliest())
                                        + " and "
                                        + when(estimate.latest())
                                        + "), after the promised "
                                        + promised,
                                "learned from "
                                        + estimate.sample()
                                        + " deliveries of "
                                        + estimate.lane()
                                        + " from "
                                        + estimate.from()
                                                .name()
                                                .toLowerCase(Locale.ROOT)
                                                .replace('_', ' '))));
    }

    private static String when(Instant at) {
        return WHEN.format(at.atZone(SellersTime.ZONE));
    }

    /**
     * What a delivered order teaches: for each point of its way its courier reported (picked up,
     * each hub, at the destination hub, out for delivery, each failed attempt), under each of its
     * lanes, the hours it still took; none for an order not delivered. Delivered is decided by its
     * milestones, as its outcome is, not by its status now (a return may have followed), and the
     * points come from the courier's reports only: the seller's DISPATCHED may not have been read
     * yet when the outcome is reported, so it would teach in one replay and not in another.
     */
    public static List<Lesson> lessonsOf(OrderState order) {
        Instant deliveredAt = order.getMilestones().get(ShipmentStatus.DELIVERED.name());
        if (deliveredAt == null
                || order.getDetails() == null
                || RtoRisk.outcomeOf(order) != RtoRisk.Outcome.DELIVERED) {
            return List.of();
        }
        List<Point> points = new ArrayList<>();
        ShipmentStatus current = null;
        for (StatusReport report : order.getStatusHistory()) {
            if (!report.getAt().isBefore(deliveredAt)) {
                break;
            }
            if (ShipmentProgress.mayMove(current, report.getStatus())) {
                current = report.getStatus();
                Progress progress = progressOf(current);
                if (progress != null) {
                    points.add(new Point(progress, report.getAt()));
                }
            }
        }
        List<Lesson> lessons = new ArrayList<>();
        for (Lane lane : lanesOf(order)) {
            for (Point point : points) {
                lessons.add(
                        new Lesson(
                                lane.key + "|" + point.progress,
                                (deliveredAt.toEpochMilli() - point.at.toEpochMilli())
                                        / MILLIS_PER_HOUR));
            }
        }
        return lessons;
    }

    private record Point(Progress progress, Instant at) {}

    private record Lane(String key, String name) {}

    /**
     * Where the order stood as of {@code at}, by its latest report then known; null if nowhere, or
     * cancelled (a parcel that left after its cancel is not expected at the customer's).
     */
    private static Point pointOf(OrderState order, Instant at) {
        ShipmentHistory shipment = ShipmentHistory.asOf(order, at);
        if (shipment.courierError() || order.getStage() == OrderStage.CANCELLED) {
            return null;
        }
        Progress progress = shipment.status() == null ? null : progressOf(shipment.status());
        if (progress != null) {
            return new Point(progress, shipment.since());
        }
        Instant dispatched = order.getMilestones().get(OrderEventType.DISPATCHED.name());
        boolean beforePickup =
                shipment.status() == null
                        || ShipmentProgress.rank(shipment.status())
                                < ShipmentProgress.rank(ShipmentStatus.PICKED_UP);
        return beforePickup && dispatched != null && !dispatched.isAfter(at)
                ? new Point(Progress.LEFT_WAREHOUSE, dispatched)
                : null;
    }

    private static Progress progressOf(ShipmentStatus status) {
        return switch (status) {
            case PICKED_UP -> Progress.LEFT_WAREHOUSE;
            case IN_TRANSIT, HELD, MISROUTED -> Progress.IN_TRANSIT;
            case AT_DESTINATION_HUB -> Progress.AT_DESTINATION_HUB;
            case OUT_FOR_DELIVERY -> Progress.OUT_FOR_DELIVERY;
            case DELIVERY_FAILED -> Progress.DELIVERY_FAILED;
            default -> null;
        };
    }

    /** The order's lanes, narrowest first, each keyed under its tenant. */
    private static List<Lane> lanesOf(OrderState order) {
        OrderDetails details = order.getDetails();
        String tenant = order.getTenantId();
        String warehouse = details == null ? null : details.getWarehouseId();
        String state =
                details == null || details.getCustomer().getAddress() == null
                        ? null
                        : details.getCustomer().getAddress().getState();
        String courier = order.getCourier();
        List<Lane> lanes = new ArrayList<>(4);
        if (warehouse != null && state != null) {
            String route = warehouse + " → " + state;
            if (courier != null) {
                lanes.add(lane(tenant, courier + " " + route));
            }
            lanes.add(lane(tenant, route));
        }
        if (courier != null) {
            lanes.add(lane(tenant, courier));
        }
        lanes.add(lane(tenant, "all"));
        return lanes;
    }

    private static Lane lane(String tenant, String name) {
        return new Lane(tenant + "|" + name, name);
    }

    private static Instant after(Instant at, double hours) {
        return at.plusMillis(Math.round(hours * MILLIS_PER_HOUR));
    }
}
