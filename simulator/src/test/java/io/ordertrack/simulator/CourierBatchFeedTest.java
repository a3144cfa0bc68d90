package io.ordertrack.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrack.simulator.Feed.SentScan;
import io.ordertrack.simulator.Oracle.OrderTruth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With heavy mess, half the sellers' courier accounts send their scans in batches: read on the
 * stream, such an account's scans are sent only on a grid of batch times hours apart, each batch
 * oldest first, and never before they happened.
 */
class CourierBatchFeedTest {
    private static final long HOUR = 3_600_000L;

    private static Feed feed;
    private static Map<String, List<SentScan>> byAccount;

    @BeforeAll
    static void run() {
        feed = Feed.of(SimulationOptions.defaults(12, 3_000).withMess(Messiness.HEAVY));
        byAccount =
                feed.sentScans.stream()
                        .collect(
                                Collectors.groupingBy(
                                        SentScan::account, TreeMap::new, Collectors.toList()));
    }

    @Test
    void aBatchedAccountSendsItsScansOnlyAtItsBatchTimesOldestFirstAndNeverEarly() {
        Set<String> batched = batchedAccounts();

        assertThat(batched).isNotEmpty();
        assertThat(byAccount.keySet()).hasSizeGreaterThan(batched.size());
        for (String account : batched) {
            List<SentScan> scans = byAccount.get(account);
            assertThat(gridOf(scans)).as(account).isBetween(2 * HOUR, 8 * HOUR);
            assertThat(scans.stream().map(SentScan::sentAt).distinct().count())
                    .as(account)
                    .isGreaterThan(20);
            for (int i = 0; i < scans.size(); i++) {
                SentScan scan = scans.get(i);
                assertThat(scan.sentAt()).as(account).isGreaterThanOrEqualTo(scan.eventAt());
                if (i > 0 && scans.get(i - 1).sentAt() == scan.sentAt()) {
                    assertThat(scan.eventAt())
                            .as(account + " batch at " + scan.sentAt())
                            .isGreaterThanOrEqualTo(scans.get(i - 1).eventAt());
                }
            }
        }
    }

    @Test
    void theOrdersOfBatchedAccountsAndOnlyThoseSayTheirScansWaitedForABatch() {
        Set<String> batched = batchedAccounts();
        Set<String> flagged = new TreeSet<>();
        for (OrderTruth order : feed.oracle.orders()) {
            if (order.mess().contains(FeedMess.COURIER_BATCH.name())) {
                flagged.add(order.tenantId() + "/" + order.courier());
            }
        }

        assertThat(flagged).isEqualTo(batched);
        assertThat(
                        feed.oracle.orders().stream()
                                .filter(o -> batched.contains(o.tenantId() + "/" + o.courier()))
                                .filter(o -> !feed.scansOf(o).isEmpty())
                                .allMatch(o -> o.mess().contains(FeedMess.COURIER_BATCH.name())))
                .isTrue();
    }

    /**
     * The accounts whose scans were all sent on a grid of at least two hours: an account sending as
     * it scans has scans seconds apart.
     */
    private static Set<String> batchedAccounts() {
        return byAccount.entrySet().stream()
                .filter(e -> gridOf(e.getValue()) >= 2 * HOUR)
                .map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The greatest common divisor of the gaps between the times the scans were sent. */
    private static long gridOf(List<SentScan> scans) {
        List<Long> times = new ArrayList<>(scans.stream().map(SentScan::sentAt).toList());
        long grid = 0;
        for (long time : times) {
            grid = gcd(grid, time - times.get(0));
        }
        return grid;
    }

    private static long gcd(long a, long b) {
        return b == 0 ? Math.abs(a) : gcd(b, a % b);
    }
}
