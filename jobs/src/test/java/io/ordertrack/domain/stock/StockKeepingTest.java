package io.ordertrack.domain.stock;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrack.avro.AlertSeverity;
import io.ordertrack.avro.AlertType;
import io.ordertrack.avro.StockChange;
import io.ordertrack.avro.StockChangeKind;
import io.ordertrack.avro.StockState;
import io.ordertrack.domain.alerts.AlertCondition;
import io.ordertrack.schemas.AvroCodec;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StockKeepingTest {
    private static final Instant MONDAY = Instant.parse("2026-11-16T06:00:00Z");
    private static final StockKeeping.Rules NO_COVER_RULE = new StockKeeping.Rules(0, 7);

    private final RememberedDepartures departures = new RememberedDepartures();
    private int nextId;

    @Test
    void availableIsOnHandLessWhatOpenOrdersReserved() throws Exception {
        StockState stock = stockOf(NO_COVER_RULE, received(50, 10, 0));
        apply(stock, NO_COVER_RULE, change(StockChangeKind.RESERVED, 4, 1));
        apply(stock, NO_COVER_RULE, change(StockChangeKind.RESERVED, 2, 1));
        apply(stock, NO_COVER_RULE, change(StockChangeKind.SHIPPED, 4, 2));
        apply(stock, NO_COVER_RULE, change(StockChangeKind.RELEASED, 2, 3));

        assertThat(stock.getOnHand()).isEqualTo(46);
        assertThat(stock.getReserved()).isZero();
        assertThat(StockKeeping.available(stock)).isEqualTo(46);

        apply(stock, NO_COVER_RULE, change(StockChangeKind.RETURNED, 4, 10));
        apply(stock, NO_COVER_RULE, change(StockChangeKind.ADJUSTED, -3, 11));
        assertThat(StockKeeping.available(stock)).isEqualTo(47);
        apply(stock, NO_COVER_RULE, change(StockChangeKind.COUNTED, 40, 12));
        assertThat(stock.getOnHand()).isEqualTo(40);
        assertThat(stock.getVersion()).isEqualTo(8);
    }

    @Test
    void lowUnderItsThresholdCriticalWhenNothingIsLeft() throws Exception {
        StockState stock = stockOf(NO_COVER_RULE, received(12, 10, 0));
        assertThat(StockKeeping.conditions(stock, NO_COVER_RULE)).isEmpty();

        apply(stock, NO_COVER_RULE, change(StockChangeKind.RESERVED, 3, 1));
        assertThat(StockKeeping.conditions(stock, NO_COVER_RULE).get(AlertType.LOW_STOCK))
                .isEqualTo(
                        new AlertCondition(
                                AlertSeverity.WARNING,
                                java.util.List.of("available 9 < threshold 10")));

        apply(stock, NO_COVER_RULE, change(StockChangeKind.RESERVED, 9, 2));
        assertThat(
                        StockKeeping.conditions(stock, NO_COVER_RULE)
                                .get(AlertType.LOW_STOCK)
                                .severity())
                .isEqualTo(AlertSeverity.CRITICAL);

        apply(stock, NO_COVER_RULE, received(30, null, 3));
        assertThat(StockKeeping.conditions(stock, NO_COVER_RULE)).isEmpty();
    }

    @Test
    void lowWhenTheStockLastsFewerDaysThanConfiguredAtTheTrailingSalesRate() throws Exception {
        StockKeeping.Rules threeDays = new StockKeeping.Rules(3, 7);
        StockState stock = stockOf(threeDays, received(100, 5, 0));
        // 70 units sold over the last week: 10 a day.
        for (int day = 0; day < 7; day++) {
            sell(stock, threeDays, "order-" + day, 10, 24 * day);
        }

        assertThat(StockKeeping.dailySalesRate(stock, threeDays)).isEqualTo(10.0);
        assertThat(StockKeeping.daysOfCover(stock, threeDays)).isEqualTo(3.0);
        assertThat(StockKeeping.conditions(stock, threeDays)).isEmpty();

        apply(stock, threeDays, change(StockChangeKind.ADJUSTED, -1, 24 * 6 + 1));
        assertThat(StockKeeping.conditions(stock, threeDays).get(AlertType.LOW_STOCK).reasons())
                .containsExactly("2.9 days of cover at 10.0 units/day < 3 days");
        assertThat(StockKeeping.conditions(stock, NO_COVER_RULE)).as("with the rule off").isEmpty();
    }

    @Test
    void salesOlderThanTheWindowNoLongerCount() throws Exception {
        StockKeeping.Rules week = new StockKeeping.Rules(3, 7);
        StockState stock = stockOf(week, received(100, 5, 0));
        sell(stock, week, "order-1", 14, 0);
        apply(stock, week, received(1, null, 24 * 8));

        assertThat(StockKeeping.dailySalesRate(stock, week)).isZero();
        assertThat(StockKeeping.daysOfCover(stock, week)).isNull();
        assertThat(stock.getDailySales()).isEmpty();
    }

    @Test
    void salesLeaveTheWindowAlsoFromStockReadBackFromState() throws Exception {
        StockKeeping.Rules week = new StockKeeping.Rules(3, 7);
        StockState stock = stockOf(week, received(100, 5, 0));
        sell(stock, week, "order-1", 14, 0);
        AvroCodec<StockState> codec = AvroCodec.of(StockState.class);
        StockState restored = codec.decode(codec.encode(stock));

        apply(restored, week, received(1, null, 24 * 8));
        assertThat(restored.getDailySales()).isEmpty();
    }

    @Test
    void aSkuWhoseOnlyOrderWasCancelledBeforeItLeftHasSoldNothing() throws Exception {
        StockKeeping.Rules threeDays = new StockKeeping.Rules(3, 7);
        StockState stock = stockOf(threeDays, received(2, null, 0));
        apply(stock, threeDays, ofOrder("order-1", StockChangeKind.RESERVED, 3, 1));
        apply(stock, threeDays, ofOrder("order-1", StockChangeKind.RELEASED, 3, 5));

        assertThat(StockKeeping.dailySalesRate(stock, threeDays)).isZero();
        assertThat(StockKeeping.daysOfCover(stock, threeDays)).isNull();
        assertThat(StockKeeping.conditions(stock, threeDays)).isEmpty();
    }

    @Test
    void aReservationIsNoSaleUntilItsUnitsLeaveTheWarehouse() throws Exception {
        StockState stock = stockOf(NO_COVER_RULE, received(50, null, 0));
        apply(stock, NO_COVER_RULE, ofOrder("order-1", StockChangeKind.RESERVED, 7, 1));
        assertThat(StockKeeping.dailySalesRate(stock, NO_COVER_RULE)).isZero();

        apply(stock, NO_COVER_RULE, ofOrder("order-1", StockChangeKind.SHIPPED, 7, 20));
        assertThat(StockKeeping.dailySalesRate(stock, NO_COVER_RULE)).isEqualTo(1.0);
    }

    @Test
    void anOrderShippedThenReturnedWithinTheWindowSoldNothing() throws Exception {
        StockState stock = stockOf(NO_COVER_RULE, received(50, null, 0));
        sell(stock, NO_COVER_RULE, "order-1", 7, 2);
        sell(stock, NO_COVER_RULE, "order-2", 14, 30);
        apply(stock, NO_COVER_RULE, ofOrder("order-1", StockChangeKind.RETURNED, 7, 24 * 4));

        assertThat(StockKeeping.dailySalesRate(stock, NO_COVER_RULE))
                .as("order-2 alone")
                .isEqualTo(2.0);
        assertThat(StockKeeping.available(stock)).isEqualTo(36);
        assertThat(departures.days()).containsOnlyKeys("order-2");
    }

    @Test
    void shippedUnitsCountOnTheDayTheyLeftAndDropOutAfterTheWindow() throws Exception {
        StockState stock = stockOf(NO_COVER_RULE, received(50, null, 0));
        sell(stock, NO_COVER_RULE, "order-1", 7, 2);
        sell(stock, NO_COVER_RULE, "order-2", 14, 24 * 3);
        assertThat(StockKeeping.dailySalesRate(stock, NO_COVER_RULE)).isEqualTo(3.0);

        apply(stock, NO_COVER_RULE, received(1, null, 24 * 7));
        assertThat(StockKeeping.dailySalesRate(stock, NO_COVER_RULE))
                .as("a week on, order-1's day has left the window")
                .isEqualTo(2.0);
        assertThat(departures.days()).containsOnlyKeys("order-2");

        apply(stock, NO_COVER_RULE, received(1, null, 24 * 10));
        assertThat(StockKeeping.dailySalesRate(stock, NO_COVER_RULE)).isZero();
        assertThat(departures.days()).isEmpty();
    }

    @Test
    void aReturnOfUnitsThatLeftBeforeTheWindowTakesNothingFromLaterSales() throws Exception {
        StockState stock = stockOf(NO_COVER_RULE, received(50, null, 0));
        sell(stock, NO_COVER_RULE, "order-1", 5, 2);
        sell(stock, NO_COVER_RULE, "order-2", 7, 24 * 8);
        apply(stock, NO_COVER_RULE, ofOrder("order-1", StockChangeKind.RETURNED, 5, 24 * 9));

        assertThat(StockKeeping.dailySalesRate(stock, NO_COVER_RULE)).isEqualTo(1.0);
        assertThat(stock.getDailySales())
                .allSatisfy(day -> assertThat(day.getUnits()).isNotNegative());
    }

    @Test
    void unitsAWarehouseAdjustsOrTakesBackAreNoSales() throws Exception {
        StockState stock = stockOf(NO_COVER_RULE, received(50, null, 0));
        sell(stock, NO_COVER_RULE, "order-1", 7, 2);
        apply(stock, NO_COVER_RULE, change(StockChangeKind.ADJUSTED, -3, 3));
        apply(stock, NO_COVER_RULE, change(StockChangeKind.RETURNED, 2, 4));

        assertThat(StockKeeping.dailySalesRate(stock, NO_COVER_RULE)).isEqualTo(1.0);
    }

    private StockState stockOf(StockKeeping.Rules rules, StockChange first) throws Exception {
        StockState stock = StockKeeping.empty(first);
        StockKeeping.apply(stock, first, rules, departures);
        return stock;
    }

    private void apply(StockState stock, StockKeeping.Rules rules, StockChange change)
            throws Exception {
        StockKeeping.apply(stock, change, rules, departures);
    }

    /** An order placed and shipped the same hour. */
    private void sell(
            StockState stock, StockKeeping.Rules rules, String orderId, int units, int hours)
            throws Exception {
        apply(stock, rules, ofOrder(orderId, StockChangeKind.RESERVED, units, hours));
        apply(stock, rules, ofOrder(orderId, StockChangeKind.SHIPPED, units, hours));
    }

    private StockChange ofOrder(String orderId, StockChangeKind kind, int units, int hours) {
        StockChange change = change(kind, units, hours);
        change.setChangeId(orderId + ":" + kind + ":KURTA-M");
        change.setOrderId(orderId);
        return change;
    }

    private StockChange received(int units, Integer threshold, int hours) {
        StockChange change = change(StockChangeKind.RECEIVED, units, hours);
        change.setLowStockThreshold(threshold);
        return change;
    }

    private StockChange change(StockChangeKind kind, int units, int hours) {
        return StockChange.newBuilder()
                .setChangeId("change-" + nextId++)
                .setAt(MONDAY.plus(Duration.ofHours(hours)))
                .setTenantId("acme-fashion")
                .setSku("KURTA-M")
                .setWarehouseId("WH-BLR-1")
                .setKind(kind)
                .setQuantity(units)
                .build();
    }
}
