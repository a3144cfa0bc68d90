package io.ordertrack.local;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordertrack.api.elasticsearch.ElasticsearchClients;
import io.ordertrack.documents.SellersTime;
import io.ordertrack.simulator.ExpectedAlert;
import io.ordertrack.simulator.Oracle;
import io.ordertrack.simulator.Oracle.OrderTruth;
import io.ordertrack.simulator.ReturnTruth;
import io.ordertrack.simulator.SimulatedRecord;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.elasticsearch.client.ResponseException;

/** The order documents in Elasticsearch, compared with a simulator run's oracle, order by order. */
final class OracleComparison {

    /** The oracle's flags that begin to hold with time, and the alert that begins with each. */
    private static final Map<String, String> TIMED_FLAG_ALERTS =
            Map.of("STUCK", "STUCK_IN_TRANSIT", "NOT_PICKED_SLA", "NOT_PICKED");

    private OracleComparison() {}

    /**
     * Waits until every order of the oracle is indexed at its final version with the timed flags it
     * must carry by the job's last watermark (or three minutes passed), then returns the documents
     * by order id.
     */
    static Map<String, ObjectNode> awaitFinalDocuments(
            ElasticsearchClients elasticsearch,
            String index,
            Oracle oracle,
            List<SimulatedRecord> records) {
        Set<String> orderIds = new HashSet<>();
        oracle.orders().forEach(order -> orderIds.add(order.orderId()));
        Map<String, ObjectNode> latest = new HashMap<>();
        try {
            Awaitility.await()
                    .atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofSeconds(2))
                    // The job creates the index as it starts: searched a moment after, its shard
                    // may not have started yet.
                    .ignoreExceptionsMatching(OracleComparison::shardNotStarted)
                    .until(
                            () -> {
                                latest.clear();
                                latest.putAll(documents(elasticsearch, index));
                                return latest.keySet().containsAll(orderIds)
                                        && settled(oracle, records, latest);
                            });
        } catch (ConditionTimeoutException e) {
            // The comparison names the orders that differ.
        }
        return latest;
    }

    private static boolean shardNotStarted(Throwable failure) {
        return failure instanceof ResponseException refused
                        && refused.getResponse().getStatusLine().getStatusCode() == 503
                || failure instanceof ElasticsearchException answered && answered.status() == 503;
    }

    /**
     * Whether every one of these documents is at its order's final version and carries the timed
     * flags it must by the job's last watermark: nothing more is on its way.
     */
    static boolean settled(
            Oracle oracle, List<SimulatedRecord> records, Map<String, ObjectNode> documents) {
        TimedFlags timedFlags = new TimedFlags(oracle, records);
        return oracle.orders().stream()
                .filter(order -> documents.containsKey(order.orderId()))
                .allMatch(
                        order -> {
                            JsonNode document = documents.get(order.orderId());
                            return document.path("version").asLong() == order.truth().events()
                                    && timedFlags
                                            .expected(order, document)
                                            .equals(timedFlags.actual(document));
                        });
    }

    /** Every order's document says what the oracle says; the differences, if any, are listed. */
    static void assertMatches(
            Oracle oracle, List<SimulatedRecord> records, Map<String, ObjectNode> documents) {
        TimedFlags timedFlags = new TimedFlags(oracle, records);
        List<String> differences = new ArrayList<>();
        for (OrderTruth order : oracle.orders()) {
            ObjectNode document = documents.get(order.orderId());
            if (document == null) {
                differences.add(order.orderId() + ": not indexed");
                continue;
            }
            compare(order, document, differences);
            differ(
                    order.orderId(),
                    "timed flags",
                    timedFlags.expected(order, document),
                    timedFlags.actual(document),
                    differences);
        }
        assertThat(differences).as("orders differing from the oracle").isEmpty();
        assertThat(documents).hasSameSizeAs(oracle.orders());
    }

    private static void compare(OrderTruth order, JsonNode document, List<String> differences) {
        String who = order.orderId() + " (" + order.outcome() + " " + order.mess() + ")";
        differ(
                who,
                "stage",
                order.truth().stage(),
                document.path("stage").asText(null),
                differences);
        differ(
                who,
                "shipmentStatus",
                order.truth().shipmentStatus(),
                document.path("shipmentStatus").asText(null),
                differences);
        differ(
                who,
                "bucket",
                order.truth().bucket(),
                document.path("bucket").asText(null),
                differences);
        differ(
                who,
                "ndr.attempts",
                order.truth().ndrAttempts(),
                document.path("ndr").path("attempts").asInt(),
                differences);
        differ(
                who,
                "ndr.reasons",
                order.truth().ndrReasons(),
                texts(document.path("ndr").path("reasons")),
                differences);
        boolean rtoDelivered = "RTO_DELIVERED".equals(document.path("shipmentStatus").asText());
        differ(
                who,
                "rtoOutcome",
                order.truth().rtoOutcome(),
                rtoDelivered ? "RTO_DELIVERED" : "NONE",
                differences);
        boolean courierError = texts(document.path("flags")).contains("COURIER_ERROR");
        differ(
                who,
                "COURIER_ERROR flag",
                order.truth().flags().contains("COURIER_ERROR"),
                courierError,
                differences);
        compareReturn(
                who, order.truth().customerReturn(), document.path("customerReturn"), differences);
        long version = document.path("version").asLong();
        if (version < order.truth().events()) {
            differences.add(
                    who + ": version " + version + " below the oracle's " + order.truth().events());
        }
    }

    /** The customer return's stage, reason, refund and refusal, or no return on either side. */
    private static void compareReturn(
            String who, ReturnTruth truth, JsonNode view, List<String> differences) {
        differ(
                who,
                "customerReturn",
                truth != null,
                !view.isMissingNode() && !view.isNull(),
                differences);
        if (truth == null || view.isMissingNode() || view.isNull()) {
            return;
        }
        differ(
                who,
                "customerReturn.stage",
                truth.stage(),
                view.path("stage").asText(null),
                differences);
        differ(
                who,
                "customerReturn.reason",
                truth.reason(),
                view.path("reason").asText(null),
                differences);
        differ(
                who,
                "customerReturn.refundPaise",
                truth.refundPaise(),
                view.hasNonNull("refundPaise") ? view.path("refundPaise").asLong() : null,
                differences);
        differ(
                who,
                "customerReturn.refusalReason",
                truth.refusalReason(),
                view.path("refusalReason").asText(null),
                differences);
    }

    /**
     * The oracle's STUCK, NOT_PICKED_SLA and EDD_BREACHED flags hold at the end of its orders'
     * lives; the job can only have raised those that began by its last watermark.
     */
    private static final class TimedFlags {
        private final long cutoff;
        private final Map<String, Long> alertDue = new HashMap<>();

        TimedFlags(Oracle oracle, List<SimulatedRecord> records) {
            cutoff = AlertComparison.lastWatermark(records);
            for (ExpectedAlert alert : oracle.alerts()) {
                alertDue.put(alert.type() + " " + alert.subject(), alert.dueAt());
            }
        }

        Set<String> expected(OrderTruth order, JsonNode document) {
            Set<String> flags = new TreeSet<>();
            for (String flag : order.truth().flags()) {
                Long due =
                        flag.equals("EDD_BREACHED")
                                ? promisedDayEnds(document)
                                : alertDue.get(TIMED_FLAG_ALERTS.get(flag) + " " + order.orderId());
                if (due != null && due <= cutoff) {
                    flags.add(flag);
                }
            }
            return flags;
        }

        Set<String> actual(JsonNode document) {
            Set<String> flags = new TreeSet<>(texts(document.path("flags")));
            flags.retainAll(Set.of("STUCK", "NOT_PICKED_SLA", "EDD_BREACHED"));
            return flags;
        }

        private static Long promisedDayEnds(JsonNode document) {
            String promised = document.path("promisedDeliveryDate").asText(null);
            return promised == null
                    ? null
                    : LocalDate.parse(promised)
                            .plusDays(1)
                            .atStartOfDay(SellersTime.ZONE)
                            .toInstant()
                            .toEpochMilli();
        }
    }

    private static void differ(
            String who, String field, Object expected, Object actual, List<String> differences) {
        if (!java.util.Objects.equals(expected, actual)) {
            differences.add(who + ": " + field + " " + actual + ", expected " + expected);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static Map<String, ObjectNode> documents(
            ElasticsearchClients elasticsearch, String index) throws Exception {
        Map<String, ObjectNode> byId = new HashMap<>();
        for (Hit<ObjectNode> hit : IndexSearch.all(elasticsearch, index)) {
            byId.put(hit.id(), hit.source());
        }
        return byId;
    }
}
