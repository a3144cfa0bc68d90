package io.ordertrack.simulator;

import io.ordertrack.avro.InventoryEvent;
import io.ordertrack.avro.InventoryEventType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * True available stock per SKU × warehouse, in event-time order: received and adjusted stock adds,
 * a placed order reserves, a cancellation releases, an order returned to origin (RTO) or by the
 * customer comes back to stock. The warehouse restocks a SKU that falls under its threshold after a
 * lead time, except slow-restock SKUs, which run out. A SKU is low, and must have had a LOW_STOCK
 * alert, the first time its available units fall under its threshold or last fewer than three days
 * at its trailing week's sales (the design's default rules). A sale is a unit that left the
 * warehouse, on the day it left; a return takes it back out of that day's sales while the week
 * still holds that day.
 */
final class StockLedger {
    private static final long DAY = Duration.ofDays(1).toMillis();

    /**
     * The design's default low-stock rule besides the threshold: the available units last fewer
     * than this many days at the units sold per day over the trailing window (UTC days, the window
     * ending with the day of the latest change).
     */
    private static final int COVER_DAYS = 3;

    private static final int SALES_WINDOW_DAYS = 7;

    /** A SKU at a warehouse of a seller. */
    record StockKey(String tenantId, String sku, String warehouseId) {
        String subject() {
            return sku + "@" + warehouseId;
        }
    }

    /**
     * How a SKU is stocked at a warehouse.
     *
     * @param threshold the reorder point, also the low-stock alert threshold
     * @param restockQuantity units per replenishment
     * @param leadDays days a replenishment takes, at least; up to twice as long
     */
    record Policy(int threshold, int restockQuantity, int leadDays) {}

    private static final class Level {
        int available;
        final Policy policy;
        boolean restockPending;
        boolean low;
        boolean everLow;
        long latestChangeAt = Long.MIN_VALUE;
        final TreeMap<Long, Integer> unitsSoldByDay = new TreeMap<>();

        Level(Policy policy) {
            this.policy = policy;
        }
    }

    /** Units sold (negative: taken back by a return) on a day (UTC epoch day). */
    private record Sale(long day, int units) {}

    private record Change(
            long at, long sequence, StockKey key, int quantity, boolean restock, Sale sale) {}

    private final Map<StockKey, Level> levels = new LinkedHashMap<>();
    private final PriorityQueue<Change> future =
            new PriorityQueue<>(
                    Comparator.comparingLong(Change::at).thenComparingLong(Change::sequence));
    private final List<ExpectedAlert> lowStockAlerts = new ArrayList<>();
    private final SplittableRandom random;
    private final Consumer<InventoryEvent> feed;
    private long sequence;
    private int nextEventId;

    /**
     * @param feed receives every inventory event the warehouses send, at most once per call
     */
    StockLedger(SplittableRandom random, Consumer<InventoryEvent> feed) {
        this.random = random;
        this.feed = feed;
    }

    /** Opening stock, received before the first order, with its threshold. */
    void open(StockKey key, int quantity, Policy policy, long at) {
        levels.put(key, new Level(policy));
        feed.accept(event(key, InventoryEventType.RECEIVED, quantity, policy.threshold(), at));
        apply(key, quantity, at, null);
    }

    /** Applies every change due by {@code at}. */
    void advanceTo(long at) {
        while (!future.isEmpty() && future.peek().at() <= at) {
            Change change = future.poll();
            if (change.restock()) {
                levels.get(change.key()).restockPending = false;
            }
            apply(change.key(), change.quantity(), change.at(), change.sale());
        }
    }

    int available(StockKey key) {
        return levels.get(key).available;
    }

    /** A placed order takes stock now: reserved, not yet sold. */
    void reserve(StockKey key, int quantity, long at) {
        apply(key, -quantity, at, null);
    }

    /** The order's units leave the warehouse later: sold then, the available stock unmoved. */
    void shipLater(StockKey key, int quantity, long at) {
        future.add(new Change(at, sequence++, key, 0, false, new Sale(dayOf(at), quantity)));
    }

    /** A cancellation before the order left: its reserved units come back later, unsold. */
    void releaseLater(StockKey key, int quantity, long at) {
        future.add(new Change(at, sequence++, key, quantity, false, null));
    }

    /** Units that left at {@code leftAt} come back later: an RTO or a customer return. */
    void returnLater(StockKey key, int quantity, long at, long leftAt) {
        future.add(
                new Change(
                        at, sequence++, key, quantity, false, new Sale(dayOf(leftAt), -quantity)));
    }

    /** Units written off (damaged in the warehouse), reported as an adjustment. */
    void writeOff(StockKey key, int quantity, long at) {
        feed.accept(event(key, InventoryEventType.ADJUSTED, -quantity, null, at));
        apply(key, -quantity, at, null);
    }

    /** The stock levels once every change has happened, in the order the SKUs were opened. */
    Map<StockKey, Integer> finalLevels() {
        advanceTo(Long.MAX_VALUE);
        Map<StockKey, Integer> result = new LinkedHashMap<>();
        levels.forEach((key, level) -> result.put(key, level.available));
        return Collections.unmodifiableMap(result);
    }

    List<ExpectedAlert> lowStockAlerts() {
        return Collections.unmodifiableList(lowStockAlerts);
    }

    private void apply(StockKey key, int quantity, long at, Sale sale) {
        Level level = levels.get(key);
        int threshold = level.policy.threshold();
        level.available += quantity;
        level.latestChangeAt = Math.max(level.latestChangeAt, at);
        if (sale != null && sale.day() >= firstSalesDay(level)) {
            level.unitsSoldByDay.merge(sale.day(), sale.units(), Integer::sum);
        }
        boolean underThreshold = level.available < threshold;
        boolean low = underThreshold || fewDaysOfCover(level);
        if (low && !level.low && !level.everLow) {
            level.everLow = true;
            lowStockAlerts.add(
                    new ExpectedAlert(
                            "LOW_STOCK",
                            key.tenantId(),
                            key.subject(),
                            at,
                            underThreshold
                                    ? "available " + level.available + " < threshold " + threshold
                                    : "available "
                                            + level.available
                                            + " lasts under "
                                            + COVER_DAYS
                                            + " days"));
        }
        level.low = low;
        if (underThreshold && !level.restockPending) {
            scheduleRestock(key, level, at);
        }
    }

    private static boolean fewDaysOfCover(Level level) {
        int sold = 0;
        for (int units : level.unitsSoldByDay.tailMap(firstSalesDay(level)).values()) {
            sold += units;
        }
        double perDay = (double) sold / SALES_WINDOW_DAYS;
        return perDay > 0 && Math.max(0, level.available) / perDay < COVER_DAYS;
    }

    private static long firstSalesDay(Level level) {
        return dayOf(level.latestChangeAt) - SALES_WINDOW_DAYS + 1;
    }

    private static long dayOf(long at) {
        return Math.floorDiv(at, DAY);
    }

    private void scheduleRestock(StockKey key, Level level, long at) {
        long lead = level.policy.leadDays() * DAY;
        long arrives = at + lead + random.nextLong(lead);
        int quantity = level.policy.restockQuantity();
        level.restockPending = true;
        feed.accept(event(key, InventoryEventType.RECEIVED, quantity, null, arrives));
        future.add(new Change(arrives, sequence++, key, quantity, true, null));
    }

    private InventoryEvent event(
            StockKey key, InventoryEventType type, int quantity, Integer threshold, long at) {
        return InventoryEvent.newBuilder()
                .setEventId(key.tenantId() + "-inv-" + nextEventId++)
                .setEventTime(Instant.ofEpochMilli(at))
                .setTenantId(key.tenantId())
                .setSku(key.sku())
                .setWarehouseId(key.warehouseId())
                .setType(type)
                .setQuantity(quantity)
                .setLowStockThreshold(threshold)
                .build();
    }
}
