package io.ordertrack.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ordertrack.simulator.Oracle;
import io.ordertrack.simulator.Oracle.OrderTruth;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What the delivery analytics must say, computed from the oracle's truth of every shipment (never
 * from running ordertrack), next to what the analytics API says, as comparable lines per group.
 */
final class MetricComparison {
    private static final ObjectMapper JSON = new ObjectMapper();

    private MetricComparison() {}

    /** The true shipments of a group. */
    static final class Group {
        long shipments;
        long delivered;
        long rto;
        long ndrShipments;
        long ndrAttempts;
        long ndrDelivered;
        long ndrRto;
        long firstAttemptDelivered;
        final Map<String, Long> reasons = new TreeMap<>();
        final Map<String, Long> firstReasons = new TreeMap<>();
        final Map<String, Long> firstReasonsDelivered = new TreeMap<>();
        final List<Long> turnaroundMinutes = new ArrayList<>();
    }

    /** How an order groups by a dimension of the analytics API. */
    static Function<OrderTruth, String> dimension(String name) {
        return switch (name) {
            case "courier" -> OrderTruth::courier;
            case "paymentMode" -> OrderTruth::paymentMode;
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** The true metrics of the orders that left a warehouse, per group. */
    static Map<String, Group> expected(Oracle oracle, Function<OrderTruth, String> groupOf) {
        Map<String, Group> groups = new TreeMap<>();
        for (OrderTruth order : oracle.orders()) {
            if (order.truth().dispatchedAt() == null) {
                continue;
            }
            Group group = groups.computeIfAbsent(groupOf.apply(order), g -> new Group());
            String status = order.truth().shipmentStatus();
            boolean rto = status != null && status.startsWith("RTO_");
            boolean delivered = !rto && order.truth().deliveredAt() != null;
            boolean ndr = order.truth().ndrAttempts() > 0;
            group.shipments++;
            group.delivered += delivered ? 1 : 0;
            group.rto += rto ? 1 : 0;
            group.ndrShipments += ndr ? 1 : 0;
            group.ndrAttempts += order.truth().ndrAttempts();
            group.ndrDelivered += ndr && delivered ? 1 : 0;
            group.ndrRto += ndr && rto ? 1 : 0;
            group.firstAttemptDelivered += delivered && !ndr ? 1 : 0;
            order.truth().ndrReasons().forEach(r -> group.reasons.merge(r, 1L, Long::sum));
            if (ndr) {
                String first = order.truth().ndrReasons().get(0);
                group.firstReasons.merge(first, 1L, Long::sum);
                if (delivered) {
                    group.firstReasonsDelivered.merge(first, 1L, Long::sum);
                }
            }
            if (delivered) {
                group.turnaroundMinutes.add(
                        Duration.between(order.truth().dispatchedAt(), order.truth().deliveredAt())
                                .toMinutes());
            }
        }
        groups.values().forEach(g -> g.turnaroundMinutes.sort(null));
        return groups;
    }

    static String rtoLine(Group group) {
        return rtoLine(
                group.shipments,
                group.delivered,
                group.rto,
                (double) group.rto / (group.delivered + group.rto));
    }

    static String rtoLine(JsonNode row) {
        return rtoLine(
                row.path("shipments").asLong(),
                row.path("delivered").asLong(),
                row.path("rto").asLong(),
                row.path("rtoRate").path("value").asDouble());
    }

    private static String rtoLine(long shipments, long delivered, long rto, double rate) {
        return "shipments="
                + shipments
                + " delivered="
                + delivered
                + " rto="
                + rto
                + " rate="
                + rate;
    }

    static String ndrLine(Group group) {
        Map<String, String> shares = new TreeMap<>();
        group.reasons.forEach(
                (reason, attempts) -> {
                    long first = group.firstReasons.getOrDefault(reason, 0L);
                    long rescued = group.firstReasonsDelivered.getOrDefault(reason, 0L);
                    shares.put(
                            reason,
                            reasonLine(
                                    attempts,
                                    (double) attempts / group.ndrAttempts,
                                    first,
                                    rescued,
                                    first == 0 ? null : (double) rescued / first));
                });
        return ndrLine(
                group.ndrShipments, group.ndrAttempts, group.ndrDelivered, group.ndrRto, shares);
    }

    static String ndrLine(JsonNode row) {
        Map<String, String> shares = new TreeMap<>();
        for (JsonNode reason : row.path("reasons")) {
            JsonNode share = reason.path("share");
            JsonNode rescued = reason.path("endedDelivered");
            shares.put(
                    reason.path("reason").asText(),
                    reasonLine(
                            share.path("count").asLong(),
                            share.path("value").asDouble(),
                            reason.path("shipments").asLong(),
                            rescued.path("count").asLong(),
                            rescued.path("value").isNull()
                                    ? null
                                    : rescued.path("value").asDouble()));
        }
        return ndrLine(
                row.path("ndrShipments").asLong(),
                row.path("ndrAttempts").asLong(),
                row.path("endedDelivered").path("count").asLong(),
                row.path("endedRto").path("count").asLong(),
                shares);
    }

    /**
     * A reason's attempts and their share of all, and the shipments whose first failed attempt had
     * it with how many of them were rescued (delivered in the end) and the rescue rate.
     */
    private static String reasonLine(
            long attempts, double share, long shipments, long rescued, Double rescueRate) {
        return attempts
                + "="
                + share
                + " first="
                + shipments
                + " rescued="
                + rescued
                + "="
                + rescueRate;
    }

    private static String ndrLine(
            long shipments,
            long attempts,
            long endedDelivered,
            long endedRto,
            Map<String, String> shares) {
        return "ndrShipments="
                + shipments
                + " attempts="
                + attempts
                + " endedDelivered="
                + endedDelivered
                + " endedRto="
                + endedRto
                + " reasons="
                + shares;
    }

    static String firstAttemptLine(Group group) {
        return "delivered=" + group.delivered + " firstAttempt=" + group.firstAttemptDelivered;
    }

    static String firstAttemptLine(JsonNode row) {
        return "delivered="
                + row.path("delivered").asLong()
                + " firstAttempt="
                + row.path("firstAttemptRate").path("count").asLong();
    }

    /**
     * A percentile the API gave is right within the stated error of its method: the value at the
     * nearest rank, give or take one rank, within 0.1% (an HDR histogram of three significant
     * digits).
     */
    static void assertPercentile(String what, double given, List<Long> sorted, double percent) {
        int rank = (int) Math.ceil(percent / 100 * sorted.size());
        long lowest = sorted.get(Math.max(0, rank - 2));
        long highest = sorted.get(Math.min(sorted.size() - 1, rank));
        assertThat(given)
                .as(
                        "%s p%s over %d deliveries, nearest rank %d",
                        what, percent, sorted.size(), rank)
                .isBetween(lowest * 0.999, highest * 1.001);
    }

    /** The expected lines of every group of a dimension. */
    static Map<String, String> expectedLines(
            Oracle oracle, String dimension, Function<Group, String> line) {
        Map<String, String> lines = new TreeMap<>();
        expected(oracle, dimension(dimension))
                .forEach((group, metrics) -> lines.put(group, line.apply(metrics)));
        return lines;
    }

    /** The lines of the API's rows of one analytics view grouped by a dimension. */
    static Map<String, String> analytics(
            RunningSystem system,
            String apiKey,
            String view,
            String dimension,
            Function<JsonNode, String> line)
            throws Exception {
        Map<String, String> lines = new TreeMap<>();
        for (JsonNode row : rows(system, apiKey, view, dimension)) {
            lines.put(row.path(dimension).asText(), line.apply(row));
        }
        return lines;
    }

    /** The API's rows of one analytics view grouped by a dimension, with no minimum sample. */
    static JsonNode rows(RunningSystem system, String apiKey, String view, String dimension)
            throws Exception {
        var answer =
                system.get(
                        "/api/analytics/" + view + "?groupBy=" + dimension + "&minSample=1",
                        apiKey);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode page = JSON.readTree(answer.body());
        assertThat(page.path("next").isNull()).isTrue();
        return page.path("rows");
    }
}
