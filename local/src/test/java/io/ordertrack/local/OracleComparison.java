package io.ordertrack.local;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordertrack.api.elasticsearch.ElasticsearchClients;
import io.ordertrack.simulator.Oracle;
import io.ordertrack.simulator.Oracle.OrderTruth;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/** The order documents in Elasticsearch, compared with a simulator run's oracle, order by order. */
final class OracleComparison {
    private OracleComparison() {}

    /**
     * Waits until every order of the oracle is indexed at its final version (or three minutes
     * passed), then returns the documents by order id.
     */
    static Map<String, ObjectNode> awaitFinalDocuments(
            ElasticsearchClients elasticsearch, String index, Oracle oracle) {
        Map<String, ObjectNode> latest = new HashMap<>();
        try {
            Awaitility.await()
                    .atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofSeconds(2))
                    .until(
                            () -> {
                                latest.clear();
                                latest.putAll(documents(elasticsearch, index));
                                return oracle.orders().stream()
                                        .allMatch(
                                                o ->
                                                        latest.containsKey(o.orderId())
                                                                && latest.get(o.orderId())
                                                                                .path("version")
                                                                                .asLong()
                                                                        == o.truth().events());
                            });
        } catch (ConditionTimeoutException e) {
            // The comparison names the orders that differ.
        }
        return latest;
    }

    /** Every order's document says what the oracle says; the differences, if any, are listed. */
    static void assertMatches(Oracle oracle, Map<String, ObjectNode> documents) {
        List<String> differences = new ArrayList<>();
        for (OrderTruth order : oracle.orders()) {
            ObjectNode document = documents.get(order.orderId());
            if (document == null) {
                differences.add(order.orderId() + ": not indexed");
                continue;
            }
            compare(order, document, differences);
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
        long version = document.path("version").asLong();
        if (version < order.truth().events()) {
            differences.add(
                    who + ": version " + version + " below the oracle's " + order.truth().events());
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
