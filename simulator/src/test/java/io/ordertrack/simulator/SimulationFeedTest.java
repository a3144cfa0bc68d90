package io.ordertrack.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrack.avro.InventoryEvent;
import io.ordertrack.avro.OrderDetails;
import io.ordertrack.avro.OrderEventType;
import io.ordertrack.avro.OrderItem;
import io.ordertrack.avro.ShipmentStatus;
import io.ordertrack.avro.TrackingScan;
import io.ordertrack.simulator.Oracle.OrderTruth;
import io.ordertrack.simulator.Oracle.StockTruth;
import java.io.IOException;
import java.io.StringWriter;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SimulationFeedTest {
    private static final SimulationOptions MESSY = SimulationOptions.defaults(3, 4_000);

    @Test
    void theSameOptionsGiveTheSameBytesAndTheSameOracle() throws Exception {
        assertThat(digestOf(MESSY)).isEqualTo(digestOf(MESSY));
        assertThat(digestOf(SimulationOptions.defaults(4, 4_000))).isNotEqualTo(digestOf(MESSY));
    }

    /**
     * Pinned before courier batches existed: a new kind of mess draws from randoms of its own, so a
     * run without it sends the same records and states the same truth as before (the summary's
     * options and the oracle's later additions aside). Taken again when OrderEvent gained its
     * ndrAction field (commit 1c91313, the simulator's code unchanged): every order record encodes
     * one byte more, under a new schema fingerprint; and again when it gained the fields of a
     * return's check and a refused refund (commit cd0a947; with plain returns since, see {@link
     * RunWithoutIncidentsTest}).
     */
    @Test
    void aRunWithoutCourierBatchesIsWhatItAlwaysWas() throws Exception {
        assertThat(pinnedDigestOf(MESSY.withEarlierStories()))
                .isEqualTo("0f567d3b2e404a8758a58ed6e7b87cc9ec3690646880097a39846ce102fc12cb");
    }

    @Test
    void theOracleStockIsWhatTheStreamAddsUpTo() {
        Feed feed = Feed.of(MESSY);
        Map<String, Integer> stock = new HashMap<>();
        for (InventoryEvent event : feed.inventory) {
            stock.merge(
                    event.getSku() + "@" + event.getWarehouseId(),
                    event.getQuantity(),
                    Integer::sum);
        }
        for (OrderTruth order : feed.oracle.orders()) {
            OrderDetails details = placed(feed, order);
            int sign = returnsToStock(feed, order) ? 0 : -1;
            for (OrderItem item : details.getItems()) {
                stock.merge(
                        item.getSku() + "@" + details.getWarehouseId(),
                        sign * item.getQuantity(),
                        Integer::sum);
            }
        }

        for (StockTruth level : feed.oracle.stock()) {
            assertThat(stock.get(level.sku() + "@" + level.warehouseId()))
                    .as(level.toString())
                    .isEqualTo(level.available());
        }
        assertThat(feed.oracle.alerts()).anyMatch(alert -> alert.type().equals("LOW_STOCK"));
    }

    @Test
    void everyBadRecordIsCountedInTheOracle() {
        Feed feed =
                Feed.of(
                        SimulationOptions.defaults(5, 4_000)
                                .withMess(new Messiness(0, 0, 0, 0, 0, 0, 0.02, 0)));
        Map<String, Long> bad = feed.oracle.summary().badRecords();
        long unreadable =
                bad.entrySet().stream()
                        .filter(e -> !e.getKey().endsWith("INVALID_VALUES"))
                        .mapToLong(Map.Entry::getValue)
                        .sum();
        long invalidOrders =
                feed.orderEvents.keySet().stream().filter(id -> id.contains(":INVALID-")).count();
        long invalidScans =
                feed.scansByShipment.keySet().stream().filter(key -> key.endsWith(": ")).count();

        assertThat(feed.undecodable).isEqualTo(unreadable).isPositive();
        assertThat(invalidOrders).isEqualTo(bad.get("orders/INVALID_VALUES"));
        assertThat(
                        feed.scansByShipment.entrySet().stream()
                                .filter(e -> e.getKey().endsWith(": "))
                                .mapToLong(e -> e.getValue().size())
                                .sum())
                .isEqualTo(bad.get("tracking/INVALID_VALUES"));
        assertThat(invalidScans).isPositive();
    }

    @Test
    void aCleanFeedSendsEveryEventOnceInEventTimeOrder() {
        Feed feed = Feed.of(SimulationOptions.defaults(6, 2_000).withMess(Messiness.NONE));

        assertThat(feed.oracle.summary().duplicates()).isZero();
        assertThat(feed.oracle.summary().badRecords()).isEmpty();
        assertThat(feed.oracle.orders()).allSatisfy(order -> assertThat(order.mess()).isEmpty());
        assertThat(feed.records).extracting(SimulatedRecord::timestamp).isSorted();
        assertThat(
                        feed.records.stream()
                                .filter(r -> r.topic() != SimulatedRecord.Topic.REMITTANCES)
                                .count())
                .as("every event once; remittances are not events of an order or stock")
                .isEqualTo(feed.oracle.summary().events());
    }

    @Test
    void rawCourierFeedsCarryOnlyEachCouriersOwnCodes() {
        Feed feed = Feed.of(SimulationOptions.defaults(8, 2_000));
        List<TrackingScan> scans =
                feed.scansByShipment.values().stream().flatMap(List::stream).toList();

        assertThat(scans).allSatisfy(scan -> assertThat(scan.getStatus()).isNull());
        assertThat(scans.stream().map(TrackingScan::getCourier).distinct().count())
                .isGreaterThanOrEqualTo(6);
        Set<String> delhiveryCodes =
                Set.copyOf(
                        scans.stream()
                                .filter(s -> s.getCourier().equals("DELHIVERY"))
                                .map(TrackingScan::getRawCode)
                                .toList());
        Set<String> bluedartCodes =
                Set.copyOf(
                        scans.stream()
                                .filter(s -> s.getCourier().equals("BLUEDART"))
                                .map(TrackingScan::getRawCode)
                                .toList());
        assertThat(delhiveryCodes)
                .contains(CourierVocabulary.of("DELHIVERY").of(ShipmentStatus.DELIVERED).code());
        assertThat(delhiveryCodes).doesNotContainAnyElementsOf(bluedartCodes);
    }

    private static OrderDetails placed(Feed feed, OrderTruth order) {
        return (OrderDetails)
                feed.orderEvents.get(order.orderId()).stream()
                        .filter(e -> e.getType() == OrderEventType.PLACED)
                        .findFirst()
                        .orElseThrow()
                        .getDetails();
    }

    /** Cancelled, returned to origin, or returned by the customer: its units are back. */
    private static boolean returnsToStock(Feed feed, OrderTruth order) {
        boolean cancelled =
                feed.orderEvents.get(order.orderId()).stream()
                        .anyMatch(e -> e.getType() == OrderEventType.CANCELLED);
        return cancelled
                || feed.scansOf(order).stream()
                        .anyMatch(
                                s ->
                                        Set.of("RTO_DELIVERED", "RETURN_DELIVERED")
                                                .contains(statusOf(order, s)));
    }

    private static String statusOf(OrderTruth order, TrackingScan scan) {
        CourierVocabulary vocabulary = CourierVocabulary.of(order.courier());
        for (ShipmentStatus status :
                List.of(ShipmentStatus.RTO_DELIVERED, ShipmentStatus.RETURN_DELIVERED)) {
            if (vocabulary.of(status).code().equals(scan.getRawCode())) {
                return status.name();
            }
        }
        return "";
    }

    /**
     * The records, the summary's counts, and the oracle's order, stock and alert lines of a run.
     */
    private static String pinnedDigestOf(SimulationOptions options)
            throws IOException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        Simulation simulation = Simulation.of(options);
        while (simulation.hasNext()) {
            SimulatedRecord record = simulation.next();
            digest.update(record.topic().name().getBytes());
            digest.update(record.key());
            digest.update(record.value());
            digest.update(Long.toString(record.timestamp()).getBytes());
        }
        Oracle oracle = simulation.oracle();
        Oracle.Summary summary = oracle.summary();
        digest.update(
                List.of(
                                new TreeMap<>(summary.records()),
                                summary.events(),
                                summary.duplicates(),
                                new TreeMap<>(summary.badRecords()),
                                new TreeMap<>(summary.outcomes()))
                        .toString()
                        .getBytes());
        StringWriter file = new StringWriter();
        OracleFile.write(oracle, file);
        file.toString()
                .lines()
                .filter(
                        line ->
                                line.startsWith("{\"order\":")
                                        || line.startsWith("{\"stock\":")
                                        || line.startsWith("{\"alert\":"))
                .filter(SimulationFeedTest::pinnedBefore)
                .map(SimulationFeedTest::withoutLaterAdditions)
                .forEach(line -> digest.update(line.getBytes()));
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Whether an oracle line is of a kind the pinned digests knew: no NDR_ACTION_DUE yet. */
    static boolean pinnedBefore(String oracleLine) {
        return !oracleLine.contains("\"NDR_ACTION_DUE\"");
    }

    /**
     * An oracle line as it was written before the truth of each order gained its RTO chance and its
     * customer return, and the options their plain returns.
     */
    static String withoutLaterAdditions(String oracleLine) {
        return oracleLine
                .replaceFirst(",\"rtoChance\":[^,}]*", "")
                .replaceFirst(",\"customerReturn\":\\{[^}]*}", "")
                .replaceFirst(",\"earlierStories\":true", "");
    }

    private static String digestOf(SimulationOptions options)
            throws IOException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        Simulation simulation = Simulation.of(options);
        while (simulation.hasNext()) {
            SimulatedRecord record = simulation.next();
            digest.update(record.topic().name().getBytes());
            digest.update(record.key());
            digest.update(record.value());
            digest.update(Long.toString(record.timestamp()).getBytes());
        }
        StringWriter oracle = new StringWriter();
        OracleFile.write(simulation.oracle(), oracle);
        digest.update(oracle.toString().getBytes());
        return HexFormat.of().formatHex(digest.digest());
    }
}
