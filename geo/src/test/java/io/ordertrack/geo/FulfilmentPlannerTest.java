package io.ordertrack.geo;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrack.geo.FulfilmentPlanner.Candidate;
import io.ordertrack.geo.FulfilmentPlanner.OrderLine;
import io.ordertrack.geo.FulfilmentPlanner.Plan;
import io.ordertrack.geo.FulfilmentPlanner.Shipment;
import io.ordertrack.geo.FulfilmentPlanner.Shortfall;
import io.ordertrack.geo.FulfilmentPlanner.WarehouseStock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FulfilmentPlannerTest {
    private static final Place BENGALURU = Pincodes.all().place("560001");
    private static final Place DELHI = Pincodes.all().place("110001");
    private static final Place MUMBAI = Pincodes.all().place("400001");
    private static final Place CHENNAI = Pincodes.all().place("600001");
    private static final Place KOLKATA = Pincodes.all().place("700001");

    @Test
    void warehousesHoldingTheWholeOrderComeNearestFirstWithTheirDistance() {
        Plan plan =
                FulfilmentPlanner.plan(
                        BENGALURU,
                        List.of(new OrderLine("KURTA", 2), new OrderLine("SAREE", 1)),
                        List.of(
                                stock("WH-DEL", DELHI, Map.of("KURTA", 5, "SAREE", 5)),
                                stock("WH-MUM", MUMBAI, Map.of("KURTA", 2, "SAREE", 1)),
                                stock("WH-MAA", CHENNAI, Map.of("KURTA", 1, "SAREE", 9))),
                        10);

        assertThat(plan.whole())
                .extracting(Candidate::warehouseId)
                .containsExactly("WH-MUM", "WH-DEL");
        assertThat(plan.whole().get(0).distanceKm()).isBetween(800.0, 830.0);
        assertThat(plan.split()).isEmpty();
        assertThat(plan.shortfalls()).isEmpty();
    }

    @Test
    void withoutAWholeWarehouseTheNearestPairSplitsTheOrderNearestFirst() {
        Plan plan =
                FulfilmentPlanner.plan(
                        BENGALURU,
                        List.of(new OrderLine("KURTA", 3), new OrderLine("SAREE", 1)),
                        List.of(
                                stock("WH-DEL", DELHI, Map.of("SAREE", 9)),
                                stock("WH-MUM", MUMBAI, Map.of("KURTA", 1)),
                                stock("WH-MAA", CHENNAI, Map.of("KURTA", 2, "SAREE", 1))),
                        10);

        assertThat(plan.whole()).isEmpty();
        assertThat(plan.split()).isPresent();
        var split = plan.split().get();
        assertThat(split.fewestWarehouses()).isTrue();
        assertThat(split.shipments())
                .extracting(s -> s.warehouseId() + " " + s.lines())
                .containsExactly(
                        "WH-MAA [OrderLine[sku=KURTA, quantity=2], OrderLine[sku=SAREE,"
                                + " quantity=1]]",
                        "WH-MUM [OrderLine[sku=KURTA, quantity=1]]");
    }

    @Test
    void linesNoWarehouseHoldsEnoughOfAreShortAndTheRestIsSplit() {
        Plan plan =
                FulfilmentPlanner.plan(
                        BENGALURU,
                        List.of(new OrderLine("KURTA", 1), new OrderLine("LAMP", 4)),
                        List.of(
                                stock("WH-DEL", DELHI, Map.of("LAMP", 1)),
                                stock("WH-MAA", CHENNAI, Map.of("KURTA", 1, "LAMP", 2))),
                        10);

        assertThat(plan.whole()).isEmpty();
        assertThat(plan.shortfalls()).containsExactly(new Shortfall("LAMP", 4, 3));
        assertThat(plan.split().orElseThrow().shipments())
                .singleElement()
                .satisfies(shipment -> assertThat(shipment.warehouseId()).isEqualTo("WH-MAA"));
    }

    @Test
    void aSplitOverThreeWarehousesIsTheFewest() {
        Plan plan =
                FulfilmentPlanner.plan(
                        BENGALURU,
                        List.of(
                                new OrderLine("A", 1),
                                new OrderLine("B", 1),
                                new OrderLine("C", 1)),
                        List.of(
                                stock("WH-DEL", DELHI, Map.of("A", 1)),
                                stock("WH-MUM", MUMBAI, Map.of("A", 1)),
                                stock("WH-KOL", KOLKATA, Map.of("B", 1)),
                                stock("WH-MAA", CHENNAI, Map.of("C", 1))),
                        10);

        assertThat(plan.split().orElseThrow().fewestWarehouses()).isTrue();
        assertThat(plan.split().get().shipments())
                .as("Mumbai rather than Delhi for A: the nearest of the triples")
                .extracting(Shipment::warehouseId)
                .containsExactly("WH-MAA", "WH-MUM", "WH-KOL");
    }

    @Test
    void beyondThreeWarehousesTheSplitIsGreedyAndSaysSo() {
        Plan plan =
                FulfilmentPlanner.plan(
                        BENGALURU,
                        List.of(
                                new OrderLine("A", 1),
                                new OrderLine("B", 1),
                                new OrderLine("C", 1),
                                new OrderLine("D", 1)),
                        List.of(
                                stock("WH-DEL", DELHI, Map.of("A", 1)),
                                stock("WH-MUM", MUMBAI, Map.of("B", 1)),
                                stock("WH-KOL", KOLKATA, Map.of("C", 1)),
                                stock("WH-MAA", CHENNAI, Map.of("D", 1))),
                        10);

        assertThat(plan.split().orElseThrow().fewestWarehouses()).isFalse();
        assertThat(plan.split().get().shipments()).hasSize(4);
    }

    @Test
    void nothingInStockAnywhereIsAllShortAndNoSplit() {
        Plan plan =
                FulfilmentPlanner.plan(
                        BENGALURU,
                        List.of(new OrderLine("A", 1)),
                        List.of(stock("WH-DEL", DELHI, Map.of("A", 0))),
                        10);

        assertThat(plan.split()).isEmpty();
        assertThat(plan.shortfalls()).containsExactly(new Shortfall("A", 1, 0));
    }

    private static WarehouseStock stock(String id, Place place, Map<String, Integer> available) {
        return new WarehouseStock(id, place, available);
    }
}
