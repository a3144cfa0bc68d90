package io.ordertrack.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordertrack.api.elasticsearch.ElasticsearchClients;
import io.ordertrack.api.security.ApiKeys;
import io.ordertrack.simulator.FeedProducer;
import io.ordertrack.simulator.Oracle;
import io.ordertrack.simulator.Oracle.OrderTruth;
import io.ordertrack.simulator.SimulatedRecord;
import io.ordertrack.simulator.SimulationOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The savepoint gate: a savepoint the released build took must restore into this build, so that an
 * upgrade keeps every order's state (operator uids, state names and state schemas all compatible).
 * Both savepoints here are taken at the same point of the same deterministic feed: after its first
 * half, with the job stopped. Restored, the job reads the second half and every order it writes
 * must be what the oracle says of the whole feed — its version counts the events of both halves, so
 * state lost or misread on restore shows.
 *
 * <p>{@code src/test/savepoints/released/} holds the released build's savepoint; this test leaves
 * this build's in {@code target/savepoint-candidate/}. When releasing, replace the first with the
 * second (see docs/operations.md, "Schema and savepoint gates").
 */
class ReleasedSavepointIT {
    @RegisterExtension static final MiniClusterExtension FLINK = TestFlink.cluster();

    /** The run both savepoints were taken in: their Kafka source state names its topics. */
    private static final String RUN = "savepoint-gate";

    /**
     * The feed the released savepoint was taken on: its customer returns told plainly, as before
     * they had their own steps, so that its first half is what the released build read.
     */
    private static final SimulationOptions FEED =
            SimulationOptions.defaults(5, 300).withOrdersPerDay(100).withEarlierStories();

    private static final Path RELEASED = Path.of("src", "test", "savepoints", "released");
    private static final Path CANDIDATE = Path.of("target", "savepoint-candidate");

    private static final Map<String, String> API_KEYS =
            Map.of(ApiKeys.ANALYST_MARKER, ApiKeys.newKey());

    private final SimulatedRun feed = SimulatedRun.of(FEED);

    @Test
    void aSavepointOfTheReleasedBuildRestoresIntoThisBuild() throws Exception {
        restoreAndFeedTheSecondHalf(savepointIn(RELEASED));
    }

    @Test
    void aSavepointOfThisBuildRestoresIntoIt() throws Exception {
        RunningSystem system = RunningSystem.start(RUN, API_KEYS);
        try {
            send(firstHalf());
            system.awaitInputConsumed();
            deleteRecursively(CANDIDATE);
            system.stopWithSavepoint(CANDIDATE.toAbsolutePath());
        } finally {
            system.close();
            system.discard();
        }

        restoreAndFeedTheSecondHalf(savepointIn(CANDIDATE));
    }

    private void restoreAndFeedTheSecondHalf(Path savepoint) throws Exception {
        // The whole feed again, so that offsets are those the savepoint recorded; the restored job
        // reads on from the second half.
        RunningSystem system =
                RunningSystem.startFrom(
                        savepoint.toUri().toString(), RUN, API_KEYS, feed.records());
        try (ElasticsearchClients elasticsearch =
                ElasticsearchClients.create(RunningSystem.elasticsearchUrl())) {
            system.awaitInputConsumed();
            Oracle oracle = feed.oracle();
            Set<String> orderIds =
                    oracle.orders().stream().map(OrderTruth::orderId).collect(Collectors.toSet());
            Map<String, ObjectNode> documents = new HashMap<>();
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofSeconds(2))
                    .until(
                            () -> {
                                documents.clear();
                                IndexSearch.all(elasticsearch, system.ordersIndex)
                                        .forEach(hit -> documents.put(hit.id(), hit.source()));
                                return documents.size() > oracle.orders().size() / 2
                                        && documents.keySet().stream().allMatch(orderIds::contains)
                                        && OracleComparison.settled(
                                                oracle, feed.records(), documents);
                            });

            assertThat(documents).hasSizeGreaterThan(oracle.orders().size() / 2);
            OracleComparison.assertMatches(
                    new Oracle(
                            oracle.summary(),
                            oracle.orders().stream()
                                    .filter(order -> documents.containsKey(order.orderId()))
                                    .toList(),
                            oracle.stock(),
                            oracle.alerts(),
                            oracle.alertTimeline()),
                    feed.records(),
                    documents);
            assertStockIsTheOracles(elasticsearch, system, oracle);
        } finally {
            system.close();
            system.discard();
        }
    }

    /**
     * Every stock document written after the restore holds the oracle's final stock: the restored
     * counts plus those of the second half. (Warehouses learn their PIN code again from their next
     * inventory event: state of older builds has none.) The last changes of the feed wait for the
     * ledger's quiet flush, up to two one-minute checks after the last record was read: the wait
     * covers that, however fast the orders settled.
     */
    private static void assertStockIsTheOracles(
            ElasticsearchClients elasticsearch, RunningSystem system, Oracle oracle) {
        Map<String, Integer> expected = StockComparison.expectedStock(oracle);
        Map<String, Integer> indexed = new HashMap<>();
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(
                        () -> {
                            indexed.clear();
                            IndexSearch.all(elasticsearch, system.inventoryIndex)
                                    .forEach(
                                            hit ->
                                                    indexed.put(
                                                            hit.id(),
                                                            hit.source()
                                                                    .path("available")
                                                                    .asInt()));
                            assertThat(indexed).isNotEmpty();
                            indexed.forEach(
                                    (id, available) ->
                                            assertThat(available)
                                                    .as(id)
                                                    .isEqualTo(expected.get(id)));
                        });
    }

    private List<SimulatedRecord> firstHalf() {
        return feed.records().subList(0, feed.records().size() / 2);
    }

    private static void send(List<SimulatedRecord> records) {
        try (FeedProducer producer =
                new FeedProducer(
                        RunningSystem.kafkaBootstrapServers(), FeedProducer.Topics.of(RUN))) {
            producer.send(records.iterator());
        }
    }

    /** The one savepoint (a {@code savepoint-*} folder) in a folder. */
    private static Path savepointIn(Path folder) throws Exception {
        try (Stream<Path> found = Files.list(folder)) {
            return found.filter(p -> p.getFileName().toString().startsWith("savepoint-"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no savepoint in " + folder))
                    .toAbsolutePath();
        }
    }

    private static void deleteRecursively(Path folder) throws Exception {
        if (Files.exists(folder)) {
            try (Stream<Path> paths = Files.walk(folder)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
