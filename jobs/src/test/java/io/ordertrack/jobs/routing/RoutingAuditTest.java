package io.ordertrack.jobs.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrack.avro.RoutingLine;
import io.ordertrack.avro.RoutingQuestion;
import io.ordertrack.avro.RoutingVerdict;
import io.ordertrack.avro.StockChange;
import io.ordertrack.avro.StockChangeKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The routing audit in a Flink test harness: orders judged against the stock of just before they
 * were placed, whatever order stock changes and placements arrive in.
 */
class RoutingAuditTest {
    private static final String TENANT = "acme-fashion";
    private static final Instant T0 = Instant.parse("2026-11-02T04:00:00Z");

    /** Delhi, Mumbai and Chennai; orders go to Bengaluru (560001). */
    private static final String DELHI = "110001";

    private static final String MUMBAI = "400001";
    private static final String CHENNAI = "600001";

    private KeyedTwoInputStreamOperatorTestHarness<
                    String, StockChange, RoutingQuestion, RoutingVerdict>
            harness;

    @BeforeEach
    void openHarness() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
                        new RoutingAudit(Duration.ZERO, Duration.ofMinutes(1)),
                        StockChange::getTenantId,
                        RoutingQuestion::getTenantId,
                        Types.STRING);
    }

    @AfterEach
    void closeHarness() throws Exception {
        harness.close();
    }

    @Test
    void anOrderShippedFromAFartherWarehouseThanTheNearestStockedOneIsAMiss() throws Exception {
        harness.processElement1(level("WH-DEL", DELHI, "KURTA", 5, 1), 1);
        harness.processElement1(level("WH-MAA", CHENNAI, "KURTA", 5, 2), 2);
        harness.processElement2(order("o-1", "WH-DEL", 10, "KURTA", 2), 10);
        harness.processBothWatermarks(new Watermark(minutes(10)));

        RoutingVerdict verdict = single();
        assertThat(verdict.getJudged()).isTrue();
        assertThat(verdict.getNearestWarehouseId()).isEqualTo("WH-MAA");
        assertThat(verdict.getMiss()).isTrue();
        assertThat(verdict.getExtraKm())
                .isEqualTo(verdict.getShippedKm() - verdict.getNearestKm())
                .isGreaterThan(1_000);
    }

    @Test
    void anOrderShippedFromTheNearestStockedWarehouseIsNoMiss() throws Exception {
        harness.processElement1(level("WH-DEL", DELHI, "KURTA", 5, 1), 1);
        harness.processElement1(level("WH-MAA", CHENNAI, "KURTA", 1, 2), 2);
        harness.processElement2(order("o-2", "WH-DEL", 10, "KURTA", 2), 10);
        harness.processBothWatermarks(new Watermark(minutes(10)));

        RoutingVerdict verdict = single();
        assertThat(verdict.getJudged()).isTrue();
        assertThat(verdict.getNearestWarehouseId())
                .as("Chennai is nearer but held one kurta, not two")
                .isEqualTo("WH-DEL");
        assertThat(verdict.getMiss()).isFalse();
        assertThat(verdict.getExtraKm()).isZero();
    }

    @Test
    void theStockIsThatOfJustBeforeThePlacementWhateverOrderTheyArriveIn() throws Exception {
        harness.processElement1(level("WH-MAA", CHENNAI, "KURTA", 5, 1), 1);
        harness.processElement1(level("WH-MUM", MUMBAI, "KURTA", 5, 1), 1);
        // Chennai's stock runs out at minute 20, after the order of minute 10, and the order's
        // own reservation at minute 10: both arrive before the placement does.
        harness.processElement1(change("WH-MAA", StockChangeKind.RESERVED, "KURTA", 5, 20), 20);
        harness.processElement1(change("WH-MUM", StockChangeKind.RESERVED, "KURTA", 2, 10), 10);
        harness.processElement2(order("o-3", "WH-MUM", 10, "KURTA", 2), 10);
        harness.processBothWatermarks(new Watermark(minutes(30)));

        RoutingVerdict verdict = single();
        assertThat(verdict.getNearestWarehouseId()).isEqualTo("WH-MAA");
        assertThat(verdict.getMiss()).isTrue();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void unitsReleasedJustBeforeThePlacementCountThoughTheyArriveAfterIt() throws Exception {
        harness.processElement1(level("WH-DEL", DELHI, "KURTA", 3, 1), 1);
        harness.processElement1(level("WH-MAA", CHENNAI, "KURTA", 2, 1), 1);
        harness.processElement1(change("WH-MAA", StockChangeKind.RESERVED, "KURTA", 2, 2), 2);
        harness.processElement2(order("o-6", "WH-DEL", 10, "KURTA", 2), 10);
        // An order cancelled at minute 9 gives Chennai its two kurtas back; the feed says so late.
        harness.processElement1(change("WH-MAA", StockChangeKind.RELEASED, "KURTA", 2, 9), 9);
        harness.processBothWatermarks(new Watermark(minutes(10)));

        assertThat(single().getNearestWarehouseId()).isEqualTo("WH-MAA");
    }

    @Test
    void aStockCountLeavesTheUnitsOfOpenOrdersReserved() throws Exception {
        harness.processElement1(level("WH-DEL", DELHI, "KURTA", 5, 1), 1);
        harness.processElement1(level("WH-MAA", CHENNAI, "KURTA", 5, 1), 1);
        harness.processElement1(change("WH-MAA", StockChangeKind.RESERVED, "KURTA", 3, 2), 2);
        // Four on the shelf, three of them promised: one to sell.
        harness.processElement1(change("WH-MAA", StockChangeKind.COUNTED, "KURTA", 4, 3), 3);
        harness.processElement2(order("o-7", "WH-DEL", 10, "KURTA", 2), 10);
        harness.processBothWatermarks(new Watermark(minutes(10)));

        assertThat(single().getNearestWarehouseId()).isEqualTo("WH-DEL");
    }

    @Test
    void anOrderNoWarehouseHeldWholeIsNotJudged() throws Exception {
        harness.processElement1(level("WH-DEL", DELHI, "KURTA", 1, 1), 1);
        harness.processElement2(order("o-4", "WH-DEL", 10, "KURTA", 2), 10);
        harness.processBothWatermarks(new Watermark(minutes(10)));

        RoutingVerdict verdict = single();
        assertThat(verdict.getJudged()).isFalse();
        assertThat(verdict.getMiss()).isFalse();
        assertThat(verdict.getNearestWarehouseId()).isNull();
    }

    @Test
    void whenTheFeedsGoQuietWhatIsHeldIsJudgedAfterAWhile() throws Exception {
        harness.processElement1(level("WH-MAA", CHENNAI, "KURTA", 5, 1), 1);
        harness.processElement2(order("o-5", "WH-MAA", 10, "KURTA", 1), 10);
        harness.setProcessingTime(Duration.ofSeconds(30).toMillis());
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.setProcessingTime(Duration.ofMinutes(1).toMillis());

        assertThat(single().getMiss()).isFalse();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aChangeArrivingAfterTheWatermarkPassedItsTimeStillCountsWithinTheDisorder()
            throws Exception {
        harness.close();
        harness =
                ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
                        new RoutingAudit(Duration.ofMinutes(10), Duration.ofMinutes(1)),
                        StockChange::getTenantId,
                        RoutingQuestion::getTenantId,
                        Types.STRING);
        harness.processElement1(level("WH-DEL", DELHI, "KURTA", 3, 1), 1);
        harness.processElement1(level("WH-MAA", CHENNAI, "KURTA", 2, 1), 1);
        harness.processElement1(change("WH-MAA", StockChangeKind.RESERVED, "KURTA", 2, 2), 2);
        harness.processElement2(order("o-7", "WH-DEL", 10, "KURTA", 2), 10);
        harness.processBothWatermarks(new Watermark(minutes(15)));
        assertThat(harness.extractOutputValues()).as("judged 10 minutes after its time").isEmpty();
        // Chennai's two kurtas came back at minute 9; the feed says so at minute 16.
        harness.processElement1(change("WH-MAA", StockChangeKind.RELEASED, "KURTA", 2, 9), 16);
        harness.processBothWatermarks(new Watermark(minutes(20)));

        assertThat(single().getNearestWarehouseId()).isEqualTo("WH-MAA");
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    private RoutingVerdict single() {
        List<RoutingVerdict> verdicts = harness.extractOutputValues();
        assertThat(verdicts).hasSize(1);
        return verdicts.get(0);
    }

    /** Units received at a warehouse, as its inventory feed says: it tells where it is. */
    private static StockChange level(
            String warehouse, String pincode, String sku, int units, int minute) {
        StockChange received = change(warehouse, StockChangeKind.RECEIVED, sku, units, minute);
        received.setWarehousePincode(pincode);
        return received;
    }

    private static StockChange change(
            String warehouse, StockChangeKind kind, String sku, int units, int minute) {
        return StockChange.newBuilder()
                .setChangeId(warehouse + "/" + kind + "/" + minute)
                .setTenantId(TENANT)
                .setSku(sku)
                .setWarehouseId(warehouse)
                .setKind(kind)
                .setQuantity(units)
                .setAt(Instant.ofEpochMilli(minutes(minute)))
                .build();
    }

    private static RoutingQuestion order(
            String id, String warehouse, int minute, String sku, int quantity) {
        return RoutingQuestion.newBuilder()
                .setOrderId(id)
                .setTenantId(TENANT)
                .setAt(Instant.ofEpochMilli(minutes(minute)))
                .setWarehouseId(warehouse)
                .setDestinationPincode("560001")
                .setLines(List.of(new RoutingLine(sku, quantity)))
                .build();
    }

    private static long minutes(int minute) {
        return T0.plus(Duration.ofMinutes(minute)).toEpochMilli();
    }
}
