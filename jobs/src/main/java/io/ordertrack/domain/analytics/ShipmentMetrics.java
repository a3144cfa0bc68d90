package io.ordertrack.domain.analytics;

import io.ordertrack.avro.Address;
import io.ordertrack.avro.CohortMetrics;
import io.ordertrack.avro.NdrReason;
import io.ordertrack.avro.OrderDetails;
import io.ordertrack.avro.OrderState;
import io.ordertrack.avro.ShipmentCohort;
import io.ordertrack.avro.ShipmentFacts;
import io.ordertrack.avro.ShipmentOutcome;
import io.ordertrack.avro.ShipmentStatus;
import io.ordertrack.documents.SellersTime;
import io.ordertrack.domain.lifecycle.ShipmentProgress;
import io.ordertrack.domain.risk.RtoRisk;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The delivery analytics of shipments, counted by cohort: the shipments of one tenant that left the
 * warehouse in the same hour with the same courier, destination, channel, payment mode and
 * warehouse. A shipment stays in its cohort for good (the hour it left does not change when it is
 * delivered days later); what it counts towards (delivered, RTO, failed attempts, turnaround)
 * follows the order until it ends. When a late event changes an order, its old facts are retracted
 * from its cohort and the new ones counted, so every cohort always counts each shipment once, as
 * its events say now.
 */
public final class ShipmentMetrics {
    /** The value of a dimension the order does not tell. */
    static final String UNKNOWN = "UNKNOWN";

    private ShipmentMetrics() {}

    /**
     * The facts of an order's shipment, or null while it has not left the warehouse (or its
     * details, which give its dimensions, are not known yet).
     *
     * @param stuck whether the shipment was ever alerted as stuck in transit
     */
    public static ShipmentFacts factsOf(OrderState order, boolean stuck) {
        OrderDetails details = order.getDetails();
        Instant leftAt = ShipmentProgress.leftWarehouseAt(order.getMilestones());
        if (details == null || leftAt == null) {
            return null;
        }
        ShipmentOutcome outcome = outcomeOf(order);
        Instant deliveredAt = order.getMilestones().get(ShipmentStatus.DELIVERED.name());
        Long turnaround =
                outcome == ShipmentOutcome.DELIVERED && deliveredAt != null
                        ? Math.max(0, Duration.between(leftAt, deliveredAt).toMinutes())
                        : null;
        return ShipmentFacts.newBuilder()
                .setCohort(cohortOf(order, details, leftAt))
                .setOutcome(outcome)
                .setNdrReasons(new ArrayList<>(order.getNdrReasons()))
                .setTurnaroundMinutes(turnaround)
                .setStuck(stuck)
                .setCourierError(order.getCourierError())
                .build();
    }

    private static ShipmentCohort cohortOf(OrderState order, OrderDetails details, Instant leftAt) {
        Address address = details.getCustomer().getAddress();
        return ShipmentCohort.newBuilder()
                .setTenantId(order.getTenantId())
                .setHour(hourOf(leftAt))
                .setCourier(orUnknown(order.getCourier()))
                .setPincode(orUnknown(address.getPincode()))
                .setState(orUnknown(address.getState()))
                .setCity(orUnknown(address.getCity()))
                .setChannel(orUnknown(order.getChannel()))
                .setPaymentMode(details.getPaymentMode())
                .setWarehouseId(orUnknown(details.getWarehouseId()))
                .build();
    }

    /**
     * The start of the hour (India Standard Time) an instant falls in: cohorts are hours of the
     * sellers' time zone, so that an Indian day is a whole number of them.
     */
    static Instant hourOf(Instant at) {
        return at.atZone(SellersTime.ZONE).truncatedTo(ChronoUnit.HOURS).toInstant();
    }

    private static ShipmentOutcome outcomeOf(OrderState order) {
        return switch (RtoRisk.outcomeOf(order)) {
            case DELIVERED -> ShipmentOutcome.DELIVERED;
            case RTO -> ShipmentOutcome.RTO;
            case NEITHER -> ShipmentOutcome.LOST;
            case OPEN -> ShipmentOutcome.OPEN;
        };
    }

    private static String orUnknown(String value) {
        return value == null || value.isBlank() ? UNKNOWN : value;
    }

    /** The same facts, as of a stuck alert. */
    public static ShipmentFacts stuck(ShipmentFacts facts) {
        return ShipmentFacts.newBuilder(facts).setStuck(true).build();
    }

    /** The deterministic id of a cohort: a replay writes over the same document. */
    public static String cohortId(ShipmentCohort cohort) {
        String key =
                String.join(
                        "|",
                        cohort.getHour().toString(),
                        cohort.getCourier(),
                        cohort.getPincode(),
                        cohort.getState(),
                        cohort.getCity(),
                        cohort.getChannel(),
                        cohort.getPaymentMode().name(),
                        cohort.getWarehouseId());
        return cohort.getTenantId()
                + ":"
                + UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
    }

    /** A cohort nothing is counted in yet. */
    public static CohortMetrics emptyMetrics(ShipmentCohort cohort) {
        return CohortMetrics.newBuilder()
                .setCohort(cohort)
                .setNdrReasons(new HashMap<>())
                .setNdrFirstReasons(new HashMap<>())
                .setNdrFirstReasonsDelivered(new HashMap<>())
                .setTurnaroundMinutes(new ArrayList<>())
                .build();
    }

    /** Counts a shipment's facts in its cohort ({@code sign} +1), or takes them back out (-1). */
    public static void count(CohortMetrics metrics, ShipmentFacts facts, int sign) {
        if (sign != 1 && sign != -1) {
            throw new IllegalArgumentException("sign must be +1 or -1, got " + sign);
        }
        ShipmentOutcome outcome = facts.getOutcome();
        boolean delivered = outcome == ShipmentOutcome.DELIVERED;
        boolean rto = outcome == ShipmentOutcome.RTO;
        boolean ndr = !facts.getNdrReasons().isEmpty();
        metrics.setShipments(metrics.getShipments() + sign);
        metrics.setDelivered(metrics.getDelivered() + (delivered ? sign : 0));
        metrics.setRto(metrics.getRto() + (rto ? sign : 0));
        metrics.setLost(metrics.getLost() + (outcome == ShipmentOutcome.LOST ? sign : 0));
        metrics.setNdrShipments(metrics.getNdrShipments() + (ndr ? sign : 0));
        metrics.setNdrDelivered(metrics.getNdrDelivered() + (ndr && delivered ? sign : 0));
        metrics.setNdrRto(metrics.getNdrRto() + (ndr && rto ? sign : 0));
        metrics.setNdrAttempts(metrics.getNdrAttempts() + sign * facts.getNdrReasons().size());
        metrics.setFirstAttemptDelivered(
                metrics.getFirstAttemptDelivered() + (delivered && !ndr ? sign : 0));
        metrics.setStuck(metrics.getStuck() + (facts.getStuck() ? sign : 0));
        metrics.setCourierErrors(metrics.getCourierErrors() + (facts.getCourierError() ? sign : 0));
        Map<String, Long> reasons = new HashMap<>(metrics.getNdrReasons());
        for (NdrReason reason : facts.getNdrReasons()) {
            add(reasons, reason, sign);
        }
        metrics.setNdrReasons(reasons);
        if (ndr) {
            NdrReason first = facts.getNdrReasons().get(0);
            Map<String, Long> firstReasons = new HashMap<>(metrics.getNdrFirstReasons());
            add(firstReasons, first, sign);
            metrics.setNdrFirstReasons(firstReasons);
            if (delivered) {
                Map<String, Long> rescued = new HashMap<>(metrics.getNdrFirstReasonsDelivered());
                add(rescued, first, sign);
                metrics.setNdrFirstReasonsDelivered(rescued);
            }
        }
        if (facts.getTurnaroundMinutes() != null) {
            metrics.setTurnaroundMinutes(
                    withTurnaround(
                            metrics.getTurnaroundMinutes(), facts.getTurnaroundMinutes(), sign));
        }
    }

    /** Adds one to a reason's count ({@code sign} +1) or takes one off, leaving out zeros. */
    private static void add(Map<String, Long> counts, NdrReason reason, int sign) {
        long count = counts.getOrDefault(reason.name(), 0L) + sign;
        if (count == 0) {
            counts.remove(reason.name());
        } else {
            counts.put(reason.name(), count);
        }
    }

    /** A new sorted list (state read back from Avro may not be modifiable). */
    private static List<Long> withTurnaround(List<Long> sorted, long minutes, int sign) {
        List<Long> values = new ArrayList<>(sorted);
        int at = Collections.binarySearch(values, minutes);
        if (sign > 0) {
            values.add(at >= 0 ? at : -at - 1, minutes);
        } else if (at >= 0) {
            values.remove(at);
        }
        return values;
    }

    /** Whether nothing is counted in a cohort any more (its shipments all moved out). */
    public static boolean isEmpty(CohortMetrics metrics) {
        return metrics.getShipments() == 0;
    }
}
