package io.ordertrack.domain.stock;

import static io.ordertrack.domain.lifecycle.OrderFixtures.hoursLater;
import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrack.avro.OrderEventType;
import io.ordertrack.avro.OrderState;
import io.ordertrack.avro.ShipmentStatus;
import io.ordertrack.avro.StockChange;
import io.ordertrack.avro.StockChangeKind;
import io.ordertrack.avro.StockState;
import io.ordertrack.domain.lifecycle.CourierCodes;
import io.ordertrack.domain.lifecycle.OrderFixtures;
import io.ordertrack.domain.lifecycle.OrderLifecycle;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderStockTest {
    private final OrderLifecycle lifecycle = new OrderLifecycle(CourierCodes.bundled());
    private final OrderState order = OrderFixtures.newOrder();

    @Test
    void placingReservesItsUnitsAtTheWarehouseOnce() {
        placeThreeUnits();

        assertThat(OrderStock.newChanges(order))
                .singleElement()
                .satisfies(
                        change -> {
                            assertThat(change.getKind()).isEqualTo(StockChangeKind.RESERVED);
                            assertThat(change.getSku()).isEqualTo("KURTA-M");
                            assertThat(change.getWarehouseId()).isEqualTo("WH-BLR-1");
                            assertThat(change.getQuantity()).isEqualTo(3);
                            assertThat(change.getAt()).isEqualTo(hoursLater(0));
                            assertThat(change.getChangeId())
                                    .isEqualTo(OrderFixtures.ORDER_ID + ":RESERVED:KURTA-M");
                        });
        lifecycle.apply(order, OrderFixtures.stage(OrderEventType.CONFIRMED, hoursLater(1)));
        assertThat(OrderStock.newChanges(order)).isEmpty();
    }

    @Test
    void aCancellationBeforeTheOrderLeftReleasesAtItsOwnTime() {
        lifecycle.apply(order, OrderFixtures.placed(hoursLater(0)));
        OrderStock.newChanges(order);
        lifecycle.apply(order, OrderFixtures.cancelled(hoursLater(5)));

        assertThat(kindsAndTimes(OrderStock.newChanges(order)))
                .containsExactly("RELEASED@" + hoursLater(5));
    }

    @Test
    void aCancellationArrivingBeforeThePlacementStillReservesThenReleases() {
        lifecycle.apply(order, OrderFixtures.cancelled(hoursLater(5)));
        assertThat(OrderStock.newChanges(order)).isEmpty();
        lifecycle.apply(order, OrderFixtures.placed(hoursLater(0)));

        assertThat(kindsAndTimes(OrderStock.newChanges(order)))
                .containsExactly("RESERVED@" + hoursLater(0), "RELEASED@" + hoursLater(5));
    }

    @Test
    void aCancelUndoneByALatePickupScanTakesTheReleasedUnitsOffHandAsSold() throws Exception {
        placeThreeUnits();
        lifecycle.apply(order, OrderFixtures.manifested(hoursLater(2)));
        lifecycle.apply(order, OrderFixtures.cancelled(hoursLater(30)));
        List<StockChange> changes = new ArrayList<>(OrderStock.newChanges(order));
        lifecycle.apply(order, OrderFixtures.scan(ShipmentStatus.PICKED_UP, hoursLater(20)));
        changes.addAll(OrderStock.newChanges(order));

        StockState stock = stockAfter(changes);
        assertThat(stock.getReserved()).as("reserved").isZero();
        assertThat(stock.getOnHand()).as("on hand").isEqualTo(7);
        assertThat(StockKeeping.dailySalesRate(stock, StockKeeping.Rules.DEFAULT))
                .isEqualTo(3 / 7.0);
        assertThat(changes.get(changes.size() - 1).getChangeId())
                .isEqualTo(OrderFixtures.ORDER_ID + ":SHIPPED:KURTA-M");
        assertThat(OrderStock.newChanges(order)).isEmpty();
    }

    @Test
    void aReturnToOriginShipsThenReturnsTheUnits() {
        lifecycle.apply(order, OrderFixtures.placed(hoursLater(0)));
        lifecycle.apply(order, OrderFixtures.manifested(hoursLater(2)));
        OrderStock.newChanges(order);
        lifecycle.apply(order, OrderFixtures.scan(ShipmentStatus.PICKED_UP, hoursLater(20)));
        lifecycle.apply(order, OrderFixtures.stage(OrderEventType.DISPATCHED, hoursLater(18)));
        assertThat(kindsAndTimes(OrderStock.newChanges(order)))
                .as("left at the earliest sign")
                .containsExactly("SHIPPED@" + hoursLater(18));

        lifecycle.apply(order, OrderFixtures.scan(ShipmentStatus.RTO_INITIATED, hoursLater(90)));
        lifecycle.apply(order, OrderFixtures.scan(ShipmentStatus.RTO_DELIVERED, hoursLater(150)));
        assertThat(kindsAndTimes(OrderStock.newChanges(order)))
                .containsExactly("RETURNED@" + hoursLater(150));
        lifecycle.apply(order, OrderFixtures.cancelled(hoursLater(151)));
        assertThat(OrderStock.newChanges(order))
                .as("a cancellation after the order left moves no stock")
                .isEmpty();
    }

    @Test
    void anOrderCancelledBeforeItLeftIsNoSale() throws Exception {
        placeThreeUnits();
        List<StockChange> changes = new ArrayList<>(OrderStock.newChanges(order));
        lifecycle.apply(order, OrderFixtures.cancelled(hoursLater(5)));
        changes.addAll(OrderStock.newChanges(order));

        StockState stock = stockAfter(changes);
        assertThat(StockKeeping.dailySalesRate(stock, StockKeeping.Rules.DEFAULT)).isZero();
        assertThat(StockKeeping.conditions(stock, StockKeeping.Rules.DEFAULT)).isEmpty();
    }

    @Test
    void anOrderReturnedToOriginIsNoSaleOnceItIsBack() throws Exception {
        placeThreeUnits();
        lifecycle.apply(order, OrderFixtures.manifested(hoursLater(2)));
        lifecycle.apply(order, OrderFixtures.stage(OrderEventType.DISPATCHED, hoursLater(18)));
        List<StockChange> changes = new ArrayList<>(OrderStock.newChanges(order));
        StockState stock = stockAfter(changes);
        assertThat(StockKeeping.dailySalesRate(stock, StockKeeping.Rules.DEFAULT))
                .isEqualTo(3 / 7.0);

        lifecycle.apply(order, OrderFixtures.scan(ShipmentStatus.RTO_DELIVERED, hoursLater(150)));
        changes.addAll(OrderStock.newChanges(order));
        assertThat(StockKeeping.dailySalesRate(stockAfter(changes), StockKeeping.Rules.DEFAULT))
                .isZero();
    }

    @Test
    void nothingMovesBeforeTheOrderIsKnown() {
        lifecycle.apply(order, OrderFixtures.scan(ShipmentStatus.RTO_DELIVERED, hoursLater(150)));

        assertThat(OrderStock.newChanges(order)).isEmpty();
        assertThat(order.getStockChanges()).isEmpty();
    }

    /** Ten units on hand, then the changes. */
    private static StockState stockAfter(List<StockChange> changes) throws Exception {
        StockState stock = StockKeeping.empty(changes.get(0));
        stock.setOnHand(10);
        RememberedDepartures departures = new RememberedDepartures();
        for (StockChange change : changes) {
            StockKeeping.apply(stock, change, StockKeeping.Rules.DEFAULT, departures);
        }
        return stock;
    }

    private static List<String> kindsAndTimes(List<StockChange> changes) {
        return changes.stream().map(c -> c.getKind() + "@" + c.getAt()).toList();
    }

    private void placeThreeUnits() {
        lifecycle.apply(
                order,
                OrderFixtures.event(
                        OrderEventType.PLACED,
                        hoursLater(0),
                        OrderFixtures.details("+91 98765-43210", 3)));
    }
}
