package io.ordertrack.domain.routing;

import io.ordertrack.avro.OrderDetails;
import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.OrderItem;
import io.ordertrack.avro.RoutingLine;
import io.ordertrack.avro.RoutingQuestion;
import io.ordertrack.avro.RoutingVerdict;
import io.ordertrack.geo.FulfilmentPlanner;
import io.ordertrack.geo.FulfilmentPlanner.Candidate;
import io.ordertrack.geo.FulfilmentPlanner.OrderLine;
import io.ordertrack.geo.FulfilmentPlanner.WarehouseStock;
import io.ordertrack.geo.Pincodes;
import io.ordertrack.geo.Place;
import io.ordertrack.schemas.RecordKeys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a placed order ships from the nearest of its seller's warehouses that held all of it: a
 * "routing miss" when it ships from one farther away, by how many kilometres. An order no located
 * warehouse could ship whole, or to an unknown PIN code, is not judged.
 */
public final class RoutingJudge {
    private RoutingJudge() {}

    /** What the judge needs of the stock: the available units of a SKU at a warehouse. */
    @FunctionalInterface
    public interface Stock {
        int available(String warehouseId, String sku) throws Exception;
    }

    /** What routing asks of a placed order, if it names its warehouse and items. */
    public static Optional<RoutingQuestion> questionOf(OrderEvent placed) {
        if (!(placed.getDetails() instanceof OrderDetails details)
                || details.getWarehouseId() == null
                || details.getItems().isEmpty()) {
            return Optional.empty();
        }
        Map<String, Integer> units = new LinkedHashMap<>();
        for (OrderItem item : details.getItems()) {
            units.merge(item.getSku(), item.getQuantity(), Integer::sum);
        }
        List<RoutingLine> lines = new ArrayList<>();
        units.forEach((sku, quantity) -> lines.add(new RoutingLine(sku, quantity)));
        return Optional.of(
                RoutingQuestion.newBuilder()
                        .setOrderId(RecordKeys.of(placed))
                        .setTenantId(placed.getTenantId())
                        .setAt(placed.getEventTime())
                        .setWarehouseId(details.getWarehouseId())
                        .setDestinationPincode(details.getCustomer().getAddress().getPincode())
                        .setLines(lines)
                        .build());
    }

    /**
     * @param pincodes where each warehouse of the seller is
     * @param stock the stock of just before the order was placed
     */
    public static RoutingVerdict judge(
            RoutingQuestion order, Map<String, String> pincodes, Stock stock) throws Exception {
        RoutingVerdict.Builder verdict =
                RoutingVerdict.newBuilder()
                        .setOrderId(order.getOrderId())
                        .setTenantId(order.getTenantId())
                        .setPlacedAt(order.getAt())
                        .setWarehouseId(order.getWarehouseId())
                        .setDestinationPincode(order.getDestinationPincode())
                        .setJudged(false);
        Optional<Place> destination = Pincodes.all().find(order.getDestinationPincode());
        if (destination.isEmpty()) {
            return verdict.build();
        }
        List<OrderLine> lines = new ArrayList<>();
        for (RoutingLine line : order.getLines()) {
            lines.add(new OrderLine(line.getSku(), line.getQuantity()));
        }
        List<WarehouseStock> warehouses = new ArrayList<>();
        Place shippedFrom = null;
        for (Map.Entry<String, String> warehouse : pincodes.entrySet()) {
            Optional<Place> place = Pincodes.all().find(warehouse.getValue());
            if (place.isEmpty()) {
                continue;
            }
            if (warehouse.getKey().equals(order.getWarehouseId())) {
                shippedFrom = place.get();
            }
            Map<String, Integer> available = new HashMap<>();
            for (OrderLine line : lines) {
                available.put(line.sku(), stock.available(warehouse.getKey(), line.sku()));
            }
            warehouses.add(new WarehouseStock(warehouse.getKey(), place.get(), available));
        }
        Optional<Candidate> nearest =
                FulfilmentPlanner.nearestHoldingAll(destination.get(), lines, warehouses);
        if (nearest.isEmpty()) {
            return verdict.build();
        }
        verdict.setJudged(true)
                .setNearestWarehouseId(nearest.get().warehouseId())
                .setNearestKm(nearest.get().distanceKm());
        if (shippedFrom != null) {
            double shippedKm = destination.get().distanceKm(shippedFrom);
            verdict.setShippedKm(shippedKm);
            if (shippedKm > nearest.get().distanceKm()) {
                verdict.setMiss(true).setExtraKm(shippedKm - nearest.get().distanceKm());
            }
        } else {
            verdict.setMiss(!nearest.get().warehouseId().equals(order.getWarehouseId()));
        }
        return verdict.build();
    }
}
