package io.ordertrack.local;

import io.ordertrack.geo.Place;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Fulfilment routing the slow, obvious way, from a simulated run's final stock: every warehouse
 * checked for the whole order, every set of up to three warehouses tried for a split.
 */
final class RoutingBruteForce {
    private RoutingBruteForce() {}

    /** A warehouse of a tenant with its final available stock by SKU. */
    record Warehouse(String id, Place place, Map<String, Integer> available) {
        int of(String sku) {
            return Math.max(0, available.getOrDefault(sku, 0));
        }
    }

    /** The warehouses that hold every line, nearest to the destination first. */
    static List<Warehouse> whole(
            Place destination, Map<String, Integer> lines, List<Warehouse> warehouses) {
        return warehouses.stream()
                .filter(
                        w ->
                                lines.entrySet().stream()
                                        .allMatch(l -> w.of(l.getKey()) >= l.getValue()))
                .sorted(
                        Comparator.comparingDouble(
                                        (Warehouse w) -> destination.distanceKm(w.place()))
                                .thenComparing(Warehouse::id))
                .toList();
    }

    /** What all warehouses together hold of a SKU. */
    static int total(String sku, List<Warehouse> warehouses) {
        return warehouses.stream().mapToInt(w -> w.of(sku)).sum();
    }

    /**
     * The fewest warehouses (up to three) that together hold the lines, or 0 when three do not
     * suffice.
     */
    static int fewestWarehouses(Map<String, Integer> lines, List<Warehouse> warehouses) {
        for (int size = 1; size <= 3; size++) {
            if (anySetCovers(lines, warehouses, size, 0, new ArrayList<>())) {
                return size;
            }
        }
        return 0;
    }

    private static boolean anySetCovers(
            Map<String, Integer> lines,
            List<Warehouse> warehouses,
            int size,
            int from,
            List<Warehouse> chosen) {
        if (chosen.size() == size) {
            return lines.entrySet().stream()
                    .allMatch(l -> total(l.getKey(), chosen) >= l.getValue());
        }
        for (int i = from; i < warehouses.size(); i++) {
            chosen.add(warehouses.get(i));
            boolean covers = anySetCovers(lines, warehouses, size, i + 1, chosen);
            chosen.remove(chosen.size() - 1);
            if (covers) {
                return true;
            }
        }
        return false;
    }
}
