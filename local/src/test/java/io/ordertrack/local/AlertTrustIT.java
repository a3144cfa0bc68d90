package io.ordertrack.local;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
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
 * ({@link AlertTrust}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlertTrustIT {
    @RegisterExtension static final MiniClusterExtension FLINK = TestFlink.cluster();

    static final SimulationOptions REALISTIC =
            SimulationOptions.defaults(90713, 4_000).withOrdersPerDay(1_000);
    static final SimulationOptions HEAVY = REALISTIC.withMess(Messiness.HEAVY);

    /** The SLA alerts a grace for single late scans applies to. */
    private static final List<String> GRACED =
            List.of("NOT_PICKED", "STUCK_IN_TRANSIT", "OFD_NOT_DELIVERED", "EDD_BREACH");

    @Test
    @Order(1)
    void onTheRealisticFeedNoAlertIsMissingWrongOrAgainstTheEvidence() throws Exception {
        Outcome realistic = run("trust-realistic", REALISTIC, List.of());

        assertTrusted(realistic, AlertTrust.Waits.DEFAULT);
    }

    @Test
    @Order(2)
    void onAHeavyFeedWithCourierBatchesTheSameHolds() throws Exception {
        Outcome heavy = run("trust-heavy", HEAVY, List.of());

        assertTrusted(heavy, AlertTrust.Waits.DEFAULT);
    }

    /**
     * The grace's curve on the heavy feed: every grace keeps the alerts trusted, and a longer one
     * pages less often on single late scans and later on true conditions (the heavy run above is
     * the curve at no grace).
     */
    @Test
    @Order(3)
    void aGraceForSingleLateScansTradesFalsePagesForDetectionDelay() throws Exception {
        Map<Duration, Map<String, AlertTrust.TypeReport>> curve = new TreeMap<>();
        for (Duration grace :
                List.of(Duration.ofHours(1), Duration.ofHours(3), Duration.ofHours(6))) {
            List<String> arguments = new ArrayList<>();
            Map<String, Duration> graces = new TreeMap<>();
            for (String type : GRACED) {
                arguments.add("--alert.grace." + type.toLowerCase(Locale.ROOT).replace('_', '-'));
                arguments.add(grace.toHours() + "h");
                graces.put(type, grace);
            }
            AlertTrust.Waits waits =
                    new AlertTrust.Waits(
                            AlertTrust.Waits.DEFAULT.maxFeedWait(),
                            AlertTrust.Waits.DEFAULT.poll(),
                            graces);
            Outcome withGrace = run("trust-heavy-grace-" + grace.toHours() + "h", HEAVY, arguments);
            curve.put(grace, assertTrusted(withGrace, waits));
        }

        StringBuilder table = new StringBuilder("| grace |");
        GRACED.forEach(type -> table.append(' ').append(type).append(" |"));
        List<Integer> falsePages = new ArrayList<>();
        curve.forEach(
                (grace, reports) -> {
                    table.append("\n| ").append(grace.toHours()).append(" h |");
                    int total = 0;
                    for (String type : GRACED) {
                        AlertTrust.TypeReport report = reports.get(type);
                        table.append(
                                String.format(
                                        Locale.ROOT,
                                        " %d false, p50 %.1f h |",
                                        report.falseOnSingleLateScans(),
                                        report.delayP50().toMinutes() / 60.0));
                        total += report.falseOnSingleLateScans();
                    }
                    falsePages.add(total);
                });
        System.out.println("The grace's curve on the heavy feed\n" + table);
        assertThat(falsePages)
                .as("false pages on single late scans, all four alerts, by grace\n" + table)
                .isSortedAccordingTo(Comparator.reverseOrder());
        for (String type : GRACED) {
            assertThat(curve.get(Duration.ofHours(6)).get(type).delayP50())
                    .as(type + " detection delay p50, 6 h against 1 h of grace\n" + table)
                    .isGreaterThan(curve.get(Duration.ofHours(1)).get(type).delayP50());
        }
    }

    /** Asserts the alerts of a run are trusted; the reports by alert type. */
    private static Map<String, AlertTrust.TypeReport> assertTrusted(
            Outcome outcome, AlertTrust.Waits waits) {
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
        return reports;
    }

    /** Feeds a run through a system of its own and collects what it published. */
    private static Outcome run(String name, SimulationOptions options, List<String> jobArguments)
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
                producer.send(records.iterator());
            }
            // The order documents final: nothing more is on its way.
            OracleComparison.awaitFinalDocuments(
                    elasticsearch, system.ordersIndex, run.oracle(), run.records());
            List<Alert> alerts =
                    AlertTrust.published(
                            RunningSystem.kafkaBootstrapServers(),
                            system.alerts,
                            AlertTrust.SETTLED);
            return new Outcome(name, run, alerts);
        }
    }

    private record Outcome(String name, SimulatedRun run, List<Alert> alerts) {}
}
