package io.ordertrack.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordertrack.api.elasticsearch.ElasticsearchClients;
import io.ordertrack.api.security.ApiKeys;
import io.ordertrack.simulator.FeedProducer;
import io.ordertrack.simulator.Oracle;
import io.ordertrack.simulator.SimulatedRecord;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The same messy run, with the job stopped in the middle of the stream and restarted from its last
 * checkpoint: events after the checkpoint are read again, and the end state must still be the
 * oracle's, no document below its final version and no shipment counted twice in the analytics.
 */
class SimulatedRunWithRestartIT {
    @RegisterExtension static final MiniClusterExtension FLINK = TestFlink.cluster();

    private static final String ANALYST_KEY = ApiKeys.newKey();

    private static RunningSystem system;
    private static ElasticsearchClients elasticsearch;
    private static Oracle oracle;
    private static Map<String, ObjectNode> documents;
    private static long recordsBeforeRestart;

    @BeforeAll
    static void feedTheRunWithARestartInTheMiddle() throws Exception {
        system =
                RunningSystem.start(
                        "restart-" + Long.toString(System.currentTimeMillis(), 36),
                        Map.of(ApiKeys.ANALYST_MARKER, ANALYST_KEY));
        elasticsearch = ElasticsearchClients.create(RunningSystem.elasticsearchUrl());
        SimulatedRun run = SimulatedRun.of(SimulatedRunIT.RUN);
        List<SimulatedRecord> records = run.records();
        oracle = run.oracle();
        recordsBeforeRestart = records.size() / 2;

        try (FeedProducer producer =
                new FeedProducer(RunningSystem.kafkaBootstrapServers(), system.topics())) {
            producer.send(records.subList(0, (int) recordsBeforeRestart).iterator());
            system.awaitInputConsumed();
            producer.send(
                    records.subList(
                                    (int) recordsBeforeRestart,
                                    records.size() / 2 + records.size() / 8)
                            .iterator());
            system.restartFromLatestCheckpoint();
            producer.send(
                    records.subList(records.size() / 2 + records.size() / 8, records.size())
                            .iterator());
        }
        documents =
                OracleComparison.awaitFinalDocuments(
                        elasticsearch, system.ordersIndex, oracle, run.records());
    }

    @AfterAll
    static void stopTheSystem() throws Exception {
        elasticsearch.close();
        system.close();
    }

    @Test
    void everyOrderIsWhatTheOracleSaysAfterTheRestart() {
        assertThat(recordsBeforeRestart).isPositive();

        OracleComparison.assertMatches(
                oracle, SimulatedRun.of(SimulatedRunIT.RUN).records(), documents);
    }

    @Test
    void theRtoAndNdrMetricsCountEveryShipmentOnceAfterTheRestart() {
        for (String dimension : List.of("courier", "paymentMode")) {
            Map<String, String> rto =
                    MetricComparison.expectedLines(oracle, dimension, MetricComparison::rtoLine);
            Map<String, String> ndr =
                    MetricComparison.expectedLines(oracle, dimension, MetricComparison::ndrLine);
            await().atMost(Duration.ofMinutes(1))
                    .untilAsserted(
                            () -> {
                                assertThat(
                                                MetricComparison.analytics(
                                                        system,
                                                        ANALYST_KEY,
                                                        "rto",
                                                        dimension,
                                                        MetricComparison::rtoLine))
                                        .isEqualTo(rto);
                                assertThat(
                                                MetricComparison.analytics(
                                                        system,
                                                        ANALYST_KEY,
                                                        "ndr",
                                                        dimension,
                                                        MetricComparison::ndrLine))
                                        .isEqualTo(ndr);
                            });
        }
    }

    @Test
    void everyBadRecordLandsInDeadLettersExactlyOnce() {
        int bad = oracle.summary().badRecords().values().stream().mapToInt(Long::intValue).sum();

        assertThat(
                        DeadLetters.count(
                                RunningSystem.kafkaBootstrapServers(), system.deadLetters, bad))
                .isEqualTo(bad);
    }
}
