package io.ordertrack.local;

import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordertrack.api.elasticsearch.ElasticsearchClients;
import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.TrackingScan;
import io.ordertrack.schemas.AvroCodec;
import io.ordertrack.schemas.UndecodableRecordException;
import io.ordertrack.simulator.ExpectedAlert;
import io.ordertrack.simulator.Oracle;
import io.ordertrack.simulator.SimulatedRecord;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The order alerts in Elasticsearch, compared with a simulator run's oracle: every alert the rules
 * define must have fired, once, and no other.
 *
 * <p>Compared are the orders whose events reached the feeds in order: an event that arrives hours
 * or days late (a scan, or a manifest after its scans) cannot be known before it arrives, so in the
 * meantime an alert may rightly open (and then resolve). Alerts due after the watermark's last
 * position cannot have fired yet.
 */
final class AlertComparison {
    private static final AvroCodec<OrderEvent> ORDER_EVENTS = AvroCodec.of(OrderEvent.class);
    private static final AvroCodec<TrackingScan> SCANS = AvroCodec.of(TrackingScan.class);
    private static final Set<String> LATE_FEEDS =
            Set.of("LATE_SCAN", "OUT_OF_ORDER", "SCAN_BEFORE_MANIFEST");
    private static final Set<String> ORDER_RULES =
            Set.of(
                    "NOT_PICKED",
                    "STUCK_IN_TRANSIT",
                    "OFD_NOT_DELIVERED",
                    "NDR",
                    "COURIER_ERROR",
                    "EDD_BREACH");

    /**
     * The job's watermark stands at the clock of the partition that showed the earliest time last;
     * the latest event time of the slower topic is at most this much ahead of it.
     */
    private static final Duration WATERMARK_LAG = Duration.ofMinutes(1);

    private AlertComparison() {}

    /** The alerts the oracle says must have fired for the compared orders, as "TYPE order". */
    static Set<String> expected(Oracle oracle, List<SimulatedRecord> records) {
        long cutoff = lastWatermark(records);
        Set<String> compared = comparedOrders(oracle);
        return oracle.alerts().stream()
                .filter(alert -> ORDER_RULES.contains(alert.type()))
                .filter(alert -> compared.contains(alert.subject()) && alert.dueAt() <= cutoff)
                .map(AlertComparison::key)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * Waits for the expected alerts (a minute at most), then returns what fired for the compared
     * orders.
     */
    static Set<String> fired(
            ElasticsearchClients elasticsearch, String index, Oracle oracle, Set<String> expected) {
        Set<String> compared = comparedOrders(oracle);
        Set<String> fired = new TreeSet<>();
        try {
            Awaitility.await()
                    .atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofSeconds(2))
                    .until(
                            () -> {
                                fired.clear();
                                fired.addAll(alerts(elasticsearch, index, compared));
                                return fired.containsAll(expected);
                            });
        } catch (ConditionTimeoutException e) {
            // The comparison names what is missing.
        }
        return fired;
    }

    /** The ids of all alerts of the index, each with its tenant, type and subject. */
    static List<String> idsAndTheirConditions(ElasticsearchClients elasticsearch, String index)
            throws Exception {
        return IndexSearch.all(elasticsearch, index).stream()
                .map(
                        hit ->
                                hit.id()
                                        + " = "
                                        + hit.source().path("tenantId").asText()
                                        + ":"
                                        + hit.source().path("type").asText()
                                        + ":"
                                        + subjectOf(hit.source()))
                .toList();
    }

    /** What an alert is about: its order, or its SKU at a warehouse. */
    private static String subjectOf(ObjectNode alert) {
        return alert.hasNonNull("orderId")
                ? alert.path("orderId").asText()
                : alert.path("sku").asText() + "@" + alert.path("warehouseId").asText();
    }

    private static Set<String> alerts(
            ElasticsearchClients elasticsearch, String index, Set<String> compared)
            throws Exception {
        return IndexSearch.all(elasticsearch, index).stream()
                .map(Hit::source)
                .filter(
                        alert ->
                                ORDER_RULES.contains(alert.path("type").asText())
                                        && compared.contains(alert.path("orderId").asText()))
                .map(alert -> alert.path("type").asText() + " " + alert.path("orderId").asText())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> comparedOrders(Oracle oracle) {
        return oracle.orders().stream()
                .filter(order -> order.mess().stream().noneMatch(LATE_FEEDS::contains))
                .map(Oracle.OrderTruth::orderId)
                .collect(Collectors.toSet());
    }

    private static String key(ExpectedAlert alert) {
        return alert.type() + " " + alert.subject();
    }

    /**
     * Where the job's watermark ends, the latest event time of the slower topic less the lag:
     * alerts and flags due later cannot hold yet.
     */
    static long lastWatermark(List<SimulatedRecord> records) {
        long orders = Long.MIN_VALUE;
        long scans = Long.MIN_VALUE;
        for (SimulatedRecord record : records) {
            try {
                switch (record.topic()) {
                    case ORDERS ->
                            orders =
                                    Math.max(
                                            orders,
                                            ORDER_EVENTS
                                                    .decode(record.value())
                                                    .getEventTime()
                                                    .toEpochMilli());
                    case TRACKING ->
                            scans =
                                    Math.max(
                                            scans,
                                            SCANS.decode(record.value())
                                                    .getEventTime()
                                                    .toEpochMilli());
                    case INVENTORY -> {}
                }
            } catch (UndecodableRecordException e) {
                // A bad record has no event time.
            }
        }
        return Math.min(orders, scans) - WATERMARK_LAG.toMillis();
    }
}
