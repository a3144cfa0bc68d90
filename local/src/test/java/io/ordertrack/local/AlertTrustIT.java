package io.ordertrack.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordertrack.api.elasticsearch.ElasticsearchClients;
import io.ordertrack.api.health.HealthThresholds;
import io.ordertrack.api.security.ApiKeys;
import io.ordertrack.avro.Alert;
import io.ordertrack.simulator.FeedProducer;
import io.ordertrack.simulator.Messiness;
import io.ordertrack.simulator.SimulatedRecord;
import io.ordertrack.simulator.SimulationOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Alerts a seller can trust when courier feeds arrive late and out of order: 4,000 orders on the
 * realistic feed and on a heavy one (15% of scans out of order, 4% days late, 10% before their
 * manifest, half the courier accounts sending in delayed batches) through the real Kafka, Flink and
 * Elasticsearch, every published alert version measured against the simulator's alert timeline
 * ({@link AlertTrust}); the heavy feed replayed three times from empty state gives the same order
 * documents and alerts.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlertTrustIT {
    @RegisterExtension static final MiniClusterExtension FLINK = TestFlink.cluster();

    static final SimulationOptions REALISTIC =
            SimulationOptions.defaults(90713, 4_000).withOrdersPerDay(1_000);
    static final SimulationOptions HEAVY = REALISTIC.withMess(Messiness.HEAVY);

    private static final Duration QUIET = Duration.ofSeconds(8);

    /** The heavy feed's first replay, for the restored run to be compared with. */
    private static Outcome heavy;

    @Test
    @Order(1)
    void onTheRealisticFeedNoAlertIsMissingWrongOrAgainstTheEvidence() throws Exception {
        Outcome realistic = run("trust-realistic", REALISTIC, List.of());

        assertTrusted(realistic, AlertTrust.Waits.DEFAULT);
    }

    @Test
    @Order(2)
    void onAHeavyFeedWithCourierBatchesTheSameHoldsAndThreeReplaysGiveTheSameView()
            throws Exception {
        List<Outcome> replays = new ArrayList<>();
        for (int replay = 1; replay <= 3; replay++) {
            replays.add(run("trust-heavy-" + replay, HEAVY, List.of()));
        }

        Outcome first = replays.get(0);
        heavy = first;
        for (Outcome replay : replays.subList(1, 3)) {
            assertThat(differences(replay.alertsById(), first.alertsById()))
                    .as("alert versions of a replay")
                    .isEmpty();
            assertThat(differences(replay.documents, first.documents))
                    .as("order documents of a replay")
                    .isEmpty();
        }
        assertTrusted(first, AlertTrust.Waits.DEFAULT);
    }

    @Test
    @Order(3)
    void theHeavyFeedWithTheJobRestoredMidStreamGivesTheSameViewAsUninterrupted() throws Exception {
        assertThat(heavy).as("the uninterrupted heavy run").isNotNull();

        Outcome restored = run("trust-heavy-restored", HEAVY, List.of(), true);

        assertThat(differences(restored.alertsById(), heavy.alertsById()))
                .as("alert versions")
                .isEmpty();
        assertThat(differences(restored.documents, heavy.documents))
                .as("order documents")
                .isEmpty();
    }

    @Test
    @Order(4)
    void aGraceForSingleLateScansTradesFalsePagesForDetectionDelay() throws Exception {
        Duration grace = Duration.ofHours(6);
        List<String> arguments = new ArrayList<>();
        Map<String, Duration> graces = new TreeMap<>();
        for (String type :
                List.of("not-picked", "stuck-in-transit", "ofd-not-delivered", "edd-breach")) {
            arguments.add("--alert.grace." + type);
            arguments.add("6h");
            graces.put(type.toUpperCase(java.util.Locale.ROOT).replace('-', '_'), grace);
        }
        AlertTrust.Waits waits =
                new AlertTrust.Waits(
                        AlertTrust.Waits.DEFAULT.maxFeedWait(),
                        AlertTrust.Waits.DEFAULT.poll(),
                        graces);

        Outcome withGrace = run("trust-heavy-grace", HEAVY, arguments);

        assertTrusted(withGrace, waits);
    }

    private static void assertTrusted(Outcome outcome, AlertTrust.Waits waits) {
        Map<String, AlertTrust.TypeReport> reports =
                AlertTrust.measure(
                        outcome.run.oracle(),
                        outcome.run.records(),
                        RunningSystem.PARTITIONS,
                        outcome.alerts,
                        waits);
        StringBuilder table = new StringBuilder(outcome.name + "\n" + AlertTrust.HEADER + "\n");
        reports.values().forEach(report -> table.append(report.row()).append('\n'));
        System.out.println(table);
        reports.values()
                .forEach(report -> System.out.println(report.type() + ": " + report.examples()));
        int orders = outcome.run.oracle().orders().size();
        int courierWideFalse = 0;
        for (AlertTrust.TypeReport report : reports.values()) {
            assertThat(report.missing())
                    .as(report.type() + " missing: " + report.examples())
                    .isZero();
            assertThat(report.falseAgainstEvidence())
                    .as(report.type() + " false against the evidence: " + report.examples())
                    .isZero();
            assertThat(report.contentMismatches())
                    .as(report.type() + " content mismatches: " + report.examples())
                    .isZero();
            assertThat(report.backwards()).as(report.type() + " change times going back").isZero();
            courierWideFalse += report.falseAgainstTruth() - report.falseOnSingleLateScans();
        }
        assertThat(courierWideFalse * 1000.0 / orders)
                .as(
                        "false pages against the truth per 1,000 orders on orders no scan of which"
                                + " was late on its own\n"
                                + table)
                .isLessThanOrEqualTo(1.0);
    }

    /** What differs between two runs' views, by key (at most 10 named, and how many in all). */
    private static <V> List<String> differences(Map<String, V> actual, Map<String, V> expected) {
        List<String> differ = new ArrayList<>();
        Set<String> keys = new TreeSet<>(actual.keySet());
        keys.addAll(expected.keySet());
        int count = 0;
        for (String key : keys) {
            V a = actual.get(key);
            V e = expected.get(key);
            if (!java.util.Objects.equals(a, e)) {
                if (count++ < 10) {
                    differ.add(key + ": " + e + "\n  became " + a);
                }
            }
        }
        if (count > 10) {
            differ.add("... " + count + " in all of " + keys.size());
        }
        return differ;
    }

    private static Outcome run(String name, SimulationOptions options, List<String> jobArguments)
            throws Exception {
        return run(name, options, jobArguments, false);
    }

    /**
     * Feeds a run through a system of its own; with {@code restart}, the job is restarted from its
     * latest checkpoint after half the feed, the records since that checkpoint read again.
     */
    private static Outcome run(
            String name, SimulationOptions options, List<String> jobArguments, boolean restart)
            throws Exception {
        SimulatedRun run = SimulatedRun.of(options);
        String unique = name + "-" + Long.toString(System.currentTimeMillis(), 36);
        try (RunningSystem system =
                        RunningSystem.start(
                                unique,
                                Map.of(ApiKeys.ANALYST_MARKER, ApiKeys.newKey()),
                                jobArguments,
                                HealthThresholds.DEFAULT);
                ElasticsearchClients elasticsearch =
                        ElasticsearchClients.create(RunningSystem.elasticsearchUrl())) {
            List<SimulatedRecord> records = run.records();
            try (FeedProducer producer =
                    new FeedProducer(RunningSystem.kafkaBootstrapServers(), system.topics())) {
                if (restart) {
                    int half = records.size() / 2;
                    producer.send(records.subList(0, half).iterator());
                    system.awaitInputConsumed();
                    producer.send(records.subList(half, half + records.size() / 8).iterator());
                    system.restartFromLatestCheckpoint();
                    producer.send(
                            records.subList(half + records.size() / 8, records.size()).iterator());
                } else {
                    producer.send(records.iterator());
                }
            }
            Map<String, ObjectNode> documents =
                    OracleComparison.awaitFinalDocuments(
                            elasticsearch, system.ordersIndex, run.oracle(), run.records());
            List<Alert> alerts =
                    AlertTrust.published(
                            RunningSystem.kafkaBootstrapServers(), system.alerts, QUIET);
            return new Outcome(name, run, new TreeMap<>(documents), alerts);
        }
    }

    private record Outcome(
            String name, SimulatedRun run, Map<String, ObjectNode> documents, List<Alert> alerts) {
        /** Every version of every alert, by alert id (their order between alerts is no fact). */
        Map<String, List<String>> alertsById() {
            Map<String, List<String>> byId = new TreeMap<>();
            alerts.forEach(
                    alert ->
                            byId.computeIfAbsent(alert.getAlertId(), id -> new ArrayList<>())
                                    .add(alert.toString()));
            byId.values().forEach(versions -> versions.sort(null));
            return byId;
        }
    }
}
