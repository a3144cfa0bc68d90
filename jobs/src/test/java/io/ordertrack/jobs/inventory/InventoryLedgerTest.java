package io.ordertrack.jobs.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ordertrack.avro.Alert;
import io.ordertrack.avro.AlertState;
import io.ordertrack.avro.AlertType;
import io.ordertrack.avro.StockChange;
import io.ordertrack.avro.StockChangeKind;
import io.ordertrack.avro.StockState;
import io.ordertrack.domain.stock.StockKeeping;
import io.ordertrack.jobs.elasticsearch.IndexedDocument;
import io.ordertrack.jobs.indexing.InventoryDocuments;
import io.ordertrack.jobs.indexing.WrittenDocuments;
import io.ordertrack.schemas.RecordKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Stock changes apply in event-time order once the watermark passes them; LOW_STOCK follows. */
class InventoryLedgerTest {
    private static final Instant MONDAY = Instant.parse("2026-11-16T06:00:00Z");
    private static final Duration QUIET_AFTER = Duration.ofMinutes(1);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final StockKeeping.Rules RULES = new StockKeeping.Rules(0, 7);

    private KeyedOneInputStreamOperatorTestHarness<String, StockChange, StockState> harness;
    private int nextId;

    @BeforeEach
    void openHarness() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new InventoryLedger(RULES, Duration.ofDays(7), QUIET_AFTER),
                        RecordKeys::of,
                        Types.STRING);
        harness.setProcessingTime(0);
    }

    @AfterEach
    void closeHarness() throws Exception {
        harness.close();
    }

    @Test
    void changesWaitForTheWatermarkThenApplyInEventTimeOrderIncreasesFirst() throws Exception {
        process(received(10, 5, 0));
        process(change(StockChangeKind.RESERVED, 8, 2));
        process(received(6, null, 2));
        process(change(StockChangeKind.RESERVED, 1, 1));
        assertThat(harness.extractOutputValues()).isEmpty();

        watermarkAt(1);
        assertThat(lastDocument().path("available").asInt()).isEqualTo(9);
        watermarkAt(2);
        JsonNode stock = lastDocument();
        assertThat(stock.path("onHand").asInt()).isEqualTo(16);
        assertThat(stock.path("reserved").asInt()).isEqualTo(9);
        assertThat(stock.path("available").asInt()).isEqualTo(7);
        assertThat(stock.path("version").asLong()).isEqualTo(4);
        assertThat(written(harness).get(1).getId()).isEqualTo("acme-fashion:KURTA-M:WH-BLR-1");
        assertThat(lowStockAlerts())
                .as("the restock at the same time came in before the reservation")
                .isEmpty();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void lowStockOpensWhenAvailableFallsUnderTheThresholdAndResolvesOnRestock() throws Exception {
        process(received(10, 5, 0));
        process(change(StockChangeKind.RESERVED, 6, 3));
        watermarkAt(2);
        assertThat(lowStockAlerts()).isEmpty();

        watermarkAt(3);
        assertThat(lowStockAlerts())
                .singleElement()
                .satisfies(
                        alert -> {
                            assertThat(alert.getAlertId())
                                    .isEqualTo("acme-fashion:LOW_STOCK:KURTA-M@WH-BLR-1");
                            assertThat(alert.getState()).isEqualTo(AlertState.OPEN);
                            assertThat(alert.getOpenedAt()).isEqualTo(hoursLater(3));
                            assertThat(alert.getReasons())
                                    .containsExactly("available 4 < threshold 5");
                            assertThat(alert.getSku()).isEqualTo("KURTA-M");
                            assertThat(alert.getWarehouseId()).isEqualTo("WH-BLR-1");
                        });
        assertThat(lastDocument().path("low").asBoolean()).isTrue();

        process(received(20, null, 30));
        watermarkAt(30);
        assertThat(lowStockAlerts())
                .last()
                .extracting(Alert::getState)
                .isEqualTo(AlertState.RESOLVED);
        assertThat(lastDocument().path("low").asBoolean()).isFalse();
    }

    @Test
    void lowStockOpensWhenTheStockLastsFewerDaysThanTheDefaultAtTheTrailingWeeksSales()
            throws Exception {
        harness.close();
        harness =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new InventoryLedger(
                                StockKeeping.Rules.DEFAULT, Duration.ofDays(7), QUIET_AFTER),
                        RecordKeys::of,
                        Types.STRING);
        process(received(30, 2, 0));
        for (int day = 0; day < 5; day++) {
            process(ofOrder("order-" + day, StockChangeKind.RESERVED, 5, 24 * day + 1));
            process(ofOrder("order-" + day, StockChangeKind.SHIPPED, 5, 24 * day + 1));
        }
        watermarkAt(24 * 3 + 1);
        assertThat(lowStockAlerts()).as("20 sold in a week, 10 left: 3.5 days").isEmpty();

        watermarkAt(24 * 4 + 1);

        assertThat(lowStockAlerts())
                .as("opened by the reservation, its reason updated when the units left")
                .hasSize(2)
                .last()
                .satisfies(
                        alert -> {
                            assertThat(alert.getState()).isEqualTo(AlertState.OPEN);
                            assertThat(alert.getReasons())
                                    .containsExactly("1.4 days of cover at 3.6 units/day < 3 days");
                        });
    }

    @Test
    void aReturnTakesItsUnitsBackOutOfTheSalesOfTheDayTheyLeft() throws Exception {
        process(received(30, 2, 0));
        process(ofOrder("order-1", StockChangeKind.RESERVED, 7, 1));
        process(ofOrder("order-1", StockChangeKind.SHIPPED, 7, 20));
        watermarkAt(20);
        assertThat(lastDocument().path("dailySalesRate").asDouble()).isEqualTo(1.0);

        process(ofOrder("order-1", StockChangeKind.RETURNED, 7, 24 * 4));
        watermarkAt(24 * 4);
        assertThat(lastDocument().path("dailySalesRate").asDouble()).isZero();
        assertThat(lastDocument().path("available").asInt()).isEqualTo(30);
    }

    @Test
    void theDayAnOrderLeftIsForgottenOnceTheSalesWindowPassesIt() throws Exception {
        process(received(30, 2, 0));
        watermarkAt(0);
        int before = harness.numKeyedStateEntries();
        process(ofOrder("order-1", StockChangeKind.RESERVED, 7, 1));
        process(ofOrder("order-1", StockChangeKind.SHIPPED, 7, 1));
        watermarkAt(1);
        assertThat(harness.numKeyedStateEntries()).isGreaterThan(before);

        process(received(1, null, 24 * 7));
        watermarkAt(24 * 7);
        assertThat(harness.numKeyedStateEntries())
                .as("only the applied changes, kept to drop redeliveries")
                .isEqualTo(before);
        assertThat(lastDocument().path("dailySalesRate").asDouble()).isZero();
    }

    @Test
    void aRedeliveredInventoryEventChangesNothing() throws Exception {
        StockChange received = received(10, 5, 0);
        process(received);
        watermarkAt(1);
        process(received);
        process(received);
        watermarkAt(2);

        assertThat(harness.extractOutputValues()).hasSize(1);
        assertThat(lastDocument().path("onHand").asInt()).isEqualTo(10);
    }

    @Test
    void aChangeBehindTheWatermarkAppliesAtOnce() throws Exception {
        process(received(10, 5, 0));
        watermarkAt(48);
        process(change(StockChangeKind.RETURNED, 2, 20));

        assertThat(lastDocument().path("onHand").asInt()).isEqualTo(12);
    }

    @Test
    void aLateChangeAppliesAtItsArrivalWhicheverWayTheInputsInterleaved() throws Exception {
        StockChange restock = received(10, 4, 0);
        StockChange reservation = change(StockChangeKind.RESERVED, 8, 2);
        // A return of the first hour that reached the job only in the third.
        StockChange lateReturn = change(StockChangeKind.RETURNED, 3, 1);

        process(restock);
        process(reservation);
        watermarkAt(2);
        harness.processElement(new StreamRecord<>(lateReturn, hoursLater(3).toEpochMilli()));
        watermarkAt(3);
        List<String> oneWay = stockLevels(harness);

        harness.close();
        openHarness();
        // The other input was read first: the return came before the watermark passed hour 2.
        process(restock);
        harness.processElement(new StreamRecord<>(lateReturn, hoursLater(3).toEpochMilli()));
        process(reservation);
        watermarkAt(2);
        watermarkAt(3);

        assertThat(stockLevels(harness))
                .as("available in each document written, in the order applied")
                .isEqualTo(oneWay)
                .containsExactly("10", "2", "5");
        assertThat(lowStockAlerts())
                .extracting(Alert::getState)
                .containsExactly(AlertState.OPEN, AlertState.RESOLVED);
    }

    @Test
    void aChangeAnOrderImpliesWaitsForTheArrivalTheTrackerStamped() throws Exception {
        process(received(10, 4, 0));
        StockChange shipped = ofOrder("order-1", StockChangeKind.SHIPPED, 3, 1);
        // Read by the router before its manifest: its record carries the manifest's timestamp.
        shipped.setArrivedAt(hoursLater(5));
        harness.processElement(new StreamRecord<>(shipped, hoursLater(2).toEpochMilli()));

        watermarkAt(4);
        assertThat(lastDocument().path("onHand").asInt()).isEqualTo(10);
        watermarkAt(5);
        assertThat(lastDocument().path("onHand").asInt()).isEqualTo(7);
    }

    @Test
    void whenTheFeedsGoQuietWaitingChangesApplyAfterAMinute() throws Exception {
        watermarkAt(0);
        process(received(10, 5, 4));
        process(change(StockChangeKind.RESERVED, 7, 5));
        harness.setProcessingTime(QUIET_AFTER.toMillis() - 1);
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.setProcessingTime(QUIET_AFTER.toMillis());
        assertThat(lastDocument().path("available").asInt()).isEqualTo(3);
        assertThat(lowStockAlerts()).hasSize(1);
        assertThat(harness.numEventTimeTimers()).as("no timer left for applied changes").isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void aMovingWatermarkPostponesTheQuietFlush() throws Exception {
        watermarkAt(0);
        process(received(10, 5, 4));
        watermarkAt(1);
        harness.setProcessingTime(QUIET_AFTER.toMillis());
        assertThat(harness.extractOutputValues()).as("the feeds were not quiet").isEmpty();

        harness.setProcessingTime(2 * QUIET_AFTER.toMillis());
        assertThat(lastDocument().path("onHand").asInt()).isEqualTo(10);
    }

    private void process(StockChange change) throws Exception {
        harness.processElement(new StreamRecord<>(change, change.getAt().toEpochMilli()));
    }

    private void watermarkAt(int hours) throws Exception {
        harness.processWatermark(new Watermark(hoursLater(hours).toEpochMilli()));
    }

    private static List<String> stockLevels(
            KeyedOneInputStreamOperatorTestHarness<String, StockChange, StockState> ledger) {
        return written(ledger).stream().map(document -> available(document.getJson())).toList();
    }

    private static String available(byte[] document) {
        try {
            return JSON.readTree(document).path("available").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The documents the inventory index receives for the stock the ledger emitted. */
    private static List<IndexedDocument> written(
            KeyedOneInputStreamOperatorTestHarness<String, StockChange, StockState> ledger) {
        return WrittenDocuments.of(new InventoryDocuments(RULES), ledger.extractOutputValues());
    }

    private JsonNode lastDocument() throws IOException {
        List<IndexedDocument> documents = written(harness);
        assertThat(documents).isNotEmpty();
        return JSON.readTree(documents.get(documents.size() - 1).getJson());
    }

    private List<Alert> lowStockAlerts() {
        return harness.getSideOutput(InventoryLedger.ALERTS) == null
                ? List.of()
                : harness.getSideOutput(InventoryLedger.ALERTS).stream()
                        .map(StreamRecord::getValue)
                        .filter(alert -> alert.getType() == AlertType.LOW_STOCK)
                        .toList();
    }

    private static Instant hoursLater(int hours) {
        return MONDAY.plus(Duration.ofHours(hours));
    }

    private StockChange received(int units, Integer threshold, int hours) {
        StockChange change = change(StockChangeKind.RECEIVED, units, hours);
        change.setLowStockThreshold(threshold);
        return change;
    }

    private StockChange ofOrder(String orderId, StockChangeKind kind, int units, int hours) {
        StockChange change = change(kind, units, hours);
        change.setChangeId(orderId + ":" + kind + ":KURTA-M");
        change.setOrderId(orderId);
        return change;
    }

    private StockChange change(StockChangeKind kind, int units, int hours) {
        return StockChange.newBuilder()
                .setChangeId("change-" + nextId++)
                .setAt(hoursLater(hours))
                .setTenantId("acme-fashion")
                .setSku("KURTA-M")
                .setWarehouseId("WH-BLR-1")
                .setKind(kind)
                .setQuantity(units)
                .build();
    }
}
