package io.ordertrack.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordertrack.api.elasticsearch.ElasticsearchClients;
import io.ordertrack.api.health.HealthThresholds;
import io.ordertrack.api.security.ApiKeys;
import io.ordertrack.avro.Alert;
import io.ordertrack.avro.CustomerNotification;
import io.ordertrack.schemas.AvroCodec;
import io.ordertrack.simulator.FeedProducer;
import io.ordertrack.simulator.SimulatedRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * "Replay the log, get the same view": the heavy feed of {@link AlertTrustIT} (4,000 orders,
 * courier batches, scans out of order, late and before their manifest) through the real Kafka,
 * Flink and Elasticsearch three times from empty state, and once more with the job restored from a
 * checkpoint in the middle of the feed. Every run must end with the same order documents (their RTO
 * risk and expected delivery included) and publish the same versions of every alert: the SLA and
 * scan alerts of the orders, their RTO_RISK and EDD_BREACH_PREDICTED alerts and the LOW_STOCK
 * alerts of the stock; and tell customers the same moments, each once.
 */
class ReplayIT {
    private static final AvroCodec<CustomerNotification> NOTIFICATIONS =
            AvroCodec.of(CustomerNotification.class);

    @RegisterExtension static final MiniClusterExtension FLINK = TestFlink.cluster();

    @Test
    void threeReplaysAndARestoreMidStreamGiveTheSameDocumentsAndAlerts() throws Exception {
        SimulatedRun feed = SimulatedRun.of(AlertTrustIT.HEAVY);
        View first = run("replay-1", feed, false);
        Map<String, String> differences = new TreeMap<>();
        for (int replay = 2; replay <= 3; replay++) {
            differences.putAll(first.differencesFrom(run("replay-" + replay, feed, false)));
        }
        differences.putAll(first.differencesFrom(run("replay-restored", feed, true)));

        assertThat(first.documents).hasSize(feed.oracle().orders().size());
        assertThat(first.documents.values())
                .as("expected deliveries to compare")
                .anyMatch(document -> document.has("deliveryEstimate"));
        assertThat(first.alerts.values())
                .as("alerts of every kind to compare")
                .anyMatch(versions -> versions.get(0).contains("\"RTO_RISK\""))
                .anyMatch(versions -> versions.get(0).contains("\"EDD_BREACH_PREDICTED\""))
                .anyMatch(versions -> versions.get(0).contains("\"LOW_STOCK\""))
                .anyMatch(versions -> versions.get(0).contains("\"STUCK_IN_TRANSIT\""))
                .anyMatch(versions -> versions.get(0).contains("\"NDR\""));
        assertThat(first.notifications).as("customer notifications to compare").isNotEmpty();
        assertThat(first.notifications.values())
                .as("each moment told once")
                .allSatisfy(told -> assertThat(told).hasSize(1));
        assertThat(differences.values()).as("what differs from the first run").isEmpty();
    }

    /**
     * Feeds the run through a system of its own; with {@code restart}, the job is restored from its
     * latest checkpoint after half the feed, the records since that checkpoint read again.
     */
    private static View run(String name, SimulatedRun feed, boolean restart) throws Exception {
        String unique = name + "-" + Long.toString(System.currentTimeMillis(), 36);
        try (RunningSystem system =
                        RunningSystem.start(
                                unique,
                                Map.of(ApiKeys.ANALYST_MARKER, ApiKeys.newKey()),
                                List.of(),
                                HealthThresholds.DEFAULT);
                ElasticsearchClients elasticsearch =
                        ElasticsearchClients.create(RunningSystem.elasticsearchUrl())) {
            List<SimulatedRecord> records = feed.records();
            try (FeedProducer producer =
                    new FeedProducer(RunningSystem.kafkaBootstrapServers(), system.topics())) {
                if (restart) {
                    int half = records.size() / 2;
                    int eighth = records.size() / 8;
                    producer.send(records.subList(0, half).iterator());
                    system.awaitInputConsumed();
                    producer.send(records.subList(half, half + eighth).iterator());
                    system.restartFromLatestCheckpoint();
                    producer.send(records.subList(half + eighth, records.size()).iterator());
                } else {
                    producer.send(records.iterator());
                }
            }
            Map<String, ObjectNode> documents =
                    OracleComparison.awaitFinalDocuments(
                            elasticsearch, system.ordersIndex, feed.oracle(), records);
            List<Alert> alerts =
                    AlertTrust.published(
                            RunningSystem.kafkaBootstrapServers(),
                            system.alerts,
                            AlertTrust.SETTLED);
            Map<String, List<String>> notifications = new TreeMap<>();
            AlertTrust.records(
                            RunningSystem.kafkaBootstrapServers(),
                            system.notifications,
                            AlertTrust.SETTLED)
                    .forEach(
                            value -> {
                                CustomerNotification told = NOTIFICATIONS.decode(value);
                                notifications
                                        .computeIfAbsent(
                                                told.getNotificationId(), id -> new ArrayList<>())
                                        .add(told.toString());
                            });
            return new View(name, new TreeMap<>(documents), versionsById(alerts), notifications);
        }
    }

    /** Every version of every alert, by alert id (the order between alerts is no fact). */
    private static Map<String, List<String>> versionsById(List<Alert> alerts) {
        Map<String, List<String>> byId = new TreeMap<>();
        alerts.forEach(
                alert ->
                        byId.computeIfAbsent(alert.getAlertId(), id -> new ArrayList<>())
                                .add(alert.toString()));
        byId.values().forEach(versions -> versions.sort(null));
        return byId;
    }

    /** What a run left: the final order documents and the published alert versions. */
    private record View(
            String name,
            Map<String, ObjectNode> documents,
            Map<String, List<String>> alerts,
            Map<String, List<String>> notifications) {
        /**
         * What differs in another run, summed up by document field and alert type: by "run: what",
         * how many and an example.
         */
        Map<String, String> differencesFrom(View other) {
            Map<String, Integer> byWhat = new TreeMap<>();
            Map<String, String> example = new TreeMap<>();
            Set<String> orderIds = new TreeSet<>(documents.keySet());
            orderIds.addAll(other.documents.keySet());
            for (String orderId : orderIds) {
                ObjectNode mine = documents.get(orderId);
                ObjectNode theirs = other.documents.get(orderId);
                if (mine == null || theirs == null) {
                    count(byWhat, example, "document only in one run", orderId);
                    continue;
                }
                Set<String> fields = new TreeSet<>();
                mine.fieldNames().forEachRemaining(fields::add);
                theirs.fieldNames().forEachRemaining(fields::add);
                for (String field : fields) {
                    String first = String.valueOf(mine.get(field));
                    String then = String.valueOf(theirs.get(field));
                    if (!first.equals(then)) {
                        count(
                                byWhat,
                                example,
                                "document field " + field,
                                orderId + ": " + first + " then " + then);
                    }
                }
            }
            Set<String> alertIds = new TreeSet<>(alerts.keySet());
            alertIds.addAll(other.alerts.keySet());
            for (String alertId : alertIds) {
                List<String> mine = alerts.get(alertId);
                List<String> theirs = other.alerts.get(alertId);
                if (!String.valueOf(mine).equals(String.valueOf(theirs))) {
                    String versions = mine == null ? String.valueOf(theirs) : mine.get(0);
                    count(
                            byWhat,
                            example,
                            "alert " + typeOf(versions),
                            alertId + ": " + mine + " then " + theirs);
                }
            }
            Set<String> notificationIds = new TreeSet<>(notifications.keySet());
            notificationIds.addAll(other.notifications.keySet());
            for (String id : notificationIds) {
                List<String> mine = notifications.get(id);
                List<String> theirs = other.notifications.get(id);
                if (!String.valueOf(mine).equals(String.valueOf(theirs))) {
                    count(
                            byWhat,
                            example,
                            "customer notification",
                            id + ": " + mine + " then " + theirs);
                }
            }
            Map<String, String> differences = new TreeMap<>();
            byWhat.forEach(
                    (what, count) ->
                            differences.put(
                                    other.name + ": " + what,
                                    other.name
                                            + ": "
                                            + what
                                            + " differs for "
                                            + count
                                            + " (e.g. "
                                            + example.get(what)
                                            + ")"));
            return differences;
        }

        private static void count(
                Map<String, Integer> byWhat, Map<String, String> example, String what, String id) {
            byWhat.merge(what, 1, Integer::sum);
            example.putIfAbsent(what, id);
        }

        private static String typeOf(String alertVersion) {
            int at = alertVersion.indexOf("\"type\": \"");
            return at < 0 ? "?" : alertVersion.substring(at + 9, alertVersion.indexOf('"', at + 9));
        }
    }
}
