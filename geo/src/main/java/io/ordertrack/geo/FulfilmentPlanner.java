package io.ordertrack.geo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where an order should ship from: the warehouses that hold every line of it, nearest to the
 * destination first (great-circle distance); when none does, the split over the fewest warehouses
 * that covers what can be covered (a line may come from two warehouses), and the lines no
 * combination of warehouses holds enough of.
 *
 * <p>The fewest warehouses is exact up to three: every pair is tried, then, when at most {@value
 * #MAX_TRIPLE_CANDIDATES} warehouses hold any of the lines, every triple; the least total distance
 * wins. Otherwise the split is greedy (each next warehouse the one that covers most of what is
 * left), which the answer says.
 */
public final class FulfilmentPlanner {
    /** The most warehouses every triple of which is tried for a split. */
    static final int MAX_TRIPLE_CANDIDATES = 100;

    private FulfilmentPlanner() {}

    /** A SKU and how many units of it the order wants. */
    public record OrderLine(String sku, int quantity) {}

    /** What one warehouse of the tenant has of the order's SKUs, and where it is. */
    public record WarehouseStock(String warehouseId, Place place, Map<String, Integer> available) {
        int of(String sku) {
            return Math.max(0, available.getOrDefault(sku, 0));
        }
    }

    /** A warehouse that can ship the whole order, and how far it is from the destination. */
    public record Candidate(String warehouseId, Place place, double distanceKm) {}

    /** Part of a split: what one warehouse ships. */
    public record Shipment(
            String warehouseId, Place place, double distanceKm, List<OrderLine> lines) {}

    /** A split of the order over several warehouses. */
    public record Split(List<Shipment> shipments, boolean fewestWarehouses) {}

    /** A line no combination of warehouses holds enough of. */
    public record Shortfall(String sku, int wanted, int available) {}

    /**
     * The answer: warehouses that can ship everything (nearest first, at most {@code limit}); else
     * the split, if anything can be shipped, and the shortfalls.
     */
    public record Plan(List<Candidate> whole, Optional<Split> split, List<Shortfall> shortfalls) {}

    /** The nearest warehouse that holds every line, if one does. */
    public static Optional<Candidate> nearestHoldingAll(
            Place destination, List<OrderLine> lines, List<WarehouseStock> warehouses) {
        return holdingAll(destination, lines, warehouses, 1).stream().findFirst();
    }

    /** The warehouses that hold every line, nearest first, at most {@code limit} of them. */
    public static List<Candidate> holdingAll(
            Place destination, List<OrderLine> lines, List<WarehouseStock> warehouses, int limit) {
        return warehouses.stream()
                .filter(warehouse -> holdsAll(warehouse, lines))
                .map(
                        warehouse ->
                                new Candidate(
                                        warehouse.warehouseId(),
                                        warehouse.place(),
                                        destination.distanceKm(warehouse.place())))
                .sorted(NEAREST_CANDIDATE)
                .limit(limit)
                .toList();
    }

    public static Plan plan(
            Place destination, List<OrderLine> lines, List<WarehouseStock> warehouses, int limit) {
        List<Candidate> whole = holdingAll(destination, lines, warehouses, limit);
        if (!whole.isEmpty()) {
            return new Plan(whole, Optional.empty(), List.of());
        }
        List<Shortfall> shortfalls = new ArrayList<>();
        List<OrderLine> coverable = new ArrayList<>();
        for (OrderLine line : lines) {
            int total = warehouses.stream().mapToInt(warehouse -> warehouse.of(line.sku())).sum();
            if (total < line.quantity()) {
                shortfalls.add(new Shortfall(line.sku(), line.quantity(), total));
            } else {
                coverable.add(line);
            }
        }
        if (coverable.isEmpty()) {
            return new Plan(List.of(), Optional.empty(), shortfalls);
        }
        List<WarehouseStock> byDistance =
                warehouses.stream()
                        .filter(
                                warehouse ->
                                        coverable.stream().anyMatch(l -> warehouse.of(l.sku()) > 0))
                        .sorted(
                                Comparator.comparingDouble(
                                                (WarehouseStock w) ->
                                                        destination.distanceKm(w.place()))
                                        .thenComparing(WarehouseStock::warehouseId))
                        .toList();
        Optional<List<WarehouseStock>> fewest = fewestUpToThree(destination, coverable, byDistance);
        List<WarehouseStock> chosen = fewest.orElseGet(() -> greedyCover(coverable, byDistance));
        return new Plan(
                List.of(),
                Optional.of(
                        new Split(allocate(destination, coverable, chosen), fewest.isPresent())),
                shortfalls);
    }

    private static final Comparator<Candidate> NEAREST_CANDIDATE =
            Comparator.comparingDouble(Candidate::distanceKm).thenComparing(Candidate::warehouseId);

    private static boolean holdsAll(WarehouseStock warehouse, List<OrderLine> lines) {
        return lines.stream().allMatch(line -> warehouse.of(line.sku()) >= line.quantity());
    }

    /**
     * The nearest single warehouse that covers the lines, else the pair with the least total
     * distance, else the triple (among at most {@value #MAX_TRIPLE_CANDIDATES} warehouses).
     */
    private static Optional<List<WarehouseStock>> fewestUpToThree(
            Place destination, List<OrderLine> lines, List<WarehouseStock> byDistance) {
        for (WarehouseStock warehouse : byDistance) {
            if (holdsAll(warehouse, lines)) {
                return Optional.of(List.of(warehouse));
            }
        }
        double[] distances =
                byDistance.stream().mapToDouble(w -> destination.distanceKm(w.place())).toArray();
        int[][] units = new int[byDistance.size()][lines.size()];
        for (int w = 0; w < byDistance.size(); w++) {
            for (int l = 0; l < lines.size(); l++) {
                units[w][l] = byDistance.get(w).of(lines.get(l).sku());
            }
        }
        // No set of k warehouses covers the lines if its k best hold fewer lines between them.
        int[] linesHeld = new int[units.length];
        for (int w = 0; w < units.length; w++) {
            for (int unitsOfLine : units[w]) {
                linesHeld[w] += unitsOfLine > 0 ? 1 : 0;
            }
        }
        int[] most =
                Arrays.stream(linesHeld)
                        .boxed()
                        .sorted(Comparator.reverseOrder())
                        .mapToInt(Integer::intValue)
                        .limit(3)
                        .toArray();
        int mostOfTwo = most[0] + (most.length > 1 ? most[1] : 0);
        int mostOfThree = mostOfTwo + (most.length > 2 ? most[2] : 0);
        int[] best = null;
        double bestDistance = Double.MAX_VALUE;
        if (mostOfTwo >= lines.size()) {
            for (int a = 0; a < units.length && distances[a] * 2 < bestDistance; a++) {
                for (int b = a + 1; b < units.length; b++) {
                    double distance = distances[a] + distances[b];
                    if (distance >= bestDistance) {
                        break; // every later pair is at least this far
                    }
                    if (covers(lines, units[a], units[b])) {
                        best = new int[] {a, b};
                        bestDistance = distance;
                    }
                }
            }
        }
        if (best == null && units.length <= MAX_TRIPLE_CANDIDATES && mostOfThree >= lines.size()) {
            for (int a = 0; a < units.length && distances[a] * 3 < bestDistance; a++) {
                for (int b = a + 1;
                        b < units.length && distances[a] + distances[b] * 2 < bestDistance;
                        b++) {
                    for (int c = b + 1; c < units.length; c++) {
                        double distance = distances[a] + distances[b] + distances[c];
                        if (distance >= bestDistance) {
                            break;
                        }
                        if (covers(lines, units[a], units[b], units[c])) {
                            best = new int[] {a, b, c};
                            bestDistance = distance;
                        }
                    }
                }
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        List<WarehouseStock> chosen = new ArrayList<>();
        for (int index : best) {
            chosen.add(byDistance.get(index));
        }
        return Optional.of(chosen);
    }

    private static boolean covers(List<OrderLine> lines, int[]... warehouses) {
        for (int l = 0; l < lines.size(); l++) {
            int units = 0;
            for (int[] warehouse : warehouses) {
                units += warehouse[l];
            }
            if (units < lines.get(l).quantity()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Warehouse after warehouse, each the one that covers most of what is left (nearer on ties).
     */
    private static List<WarehouseStock> greedyCover(
            List<OrderLine> lines, List<WarehouseStock> byDistance) {
        Map<String, Integer> left = new LinkedHashMap<>();
        lines.forEach(line -> left.put(line.sku(), line.quantity()));
        List<WarehouseStock> chosen = new ArrayList<>();
        while (left.values().stream().anyMatch(units -> units > 0)) {
            WarehouseStock best = null;
            int bestUnits = 0;
            for (WarehouseStock warehouse : byDistance) {
                if (chosen.contains(warehouse)) {
                    continue;
                }
                int units = 0;
                for (Map.Entry<String, Integer> line : left.entrySet()) {
                    units += Math.min(line.getValue(), warehouse.of(line.getKey()));
                }
                if (units > bestUnits) {
                    best = warehouse;
                    bestUnits = units;
                }
            }
            chosen.add(best);
            for (Map.Entry<String, Integer> line : left.entrySet()) {
                line.setValue(line.getValue() - Math.min(line.getValue(), best.of(line.getKey())));
            }
        }
        return chosen;
    }

    /** Each line taken from the nearest chosen warehouse first. */
    private static List<Shipment> allocate(
            Place destination, List<OrderLine> lines, List<WarehouseStock> chosen) {
        List<WarehouseStock> nearestFirst =
                chosen.stream()
                        .sorted(
                                Comparator.comparingDouble(
                                        (WarehouseStock w) -> destination.distanceKm(w.place())))
                        .toList();
        Map<WarehouseStock, List<OrderLine>> shipped = new LinkedHashMap<>();
        for (OrderLine line : lines) {
            int left = line.quantity();
            for (WarehouseStock warehouse : nearestFirst) {
                int taken = Math.min(left, warehouse.of(line.sku()));
                if (taken > 0) {
                    shipped.computeIfAbsent(warehouse, w -> new ArrayList<>())
                            .add(new OrderLine(line.sku(), taken));
                    left -= taken;
                }
            }
        }
        return nearestFirst.stream()
                .filter(shipped::containsKey)
                .map(
                        warehouse ->
                                new Shipment(
                                        warehouse.warehouseId(),
                                        warehouse.place(),
                                        destination.distanceKm(warehouse.place()),
                                        List.copyOf(shipped.get(warehouse))))
                .toList();
    }
}
