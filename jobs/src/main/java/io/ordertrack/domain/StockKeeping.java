package io.ordertrack.domain;

import io.ordertrack.avro.AlertSeverity;
import io.ordertrack.avro.AlertType;
import io.ordertrack.avro.DailySales;
import io.ordertrack.avro.StockChange;
import io.ordertrack.avro.StockLevel;
import io.ordertrack.avro.StockState;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The stock of one SKU at one warehouse: units on hand, units reserved by open orders, and what is
 * available to sell (on hand less reserved), kept from the changes the warehouse reports and the
 * changes orders imply; and the LOW_STOCK condition on it.
 */
public final class StockKeeping {
    private static final long DAY_MS = Duration.ofDays(1).toMillis();

    /**
     * When stock is low, besides its SKU's own threshold.
     *
     * @param coverDays LOW_STOCK when the available units last fewer days than this at the trailing
     *     sales rate; 0 turns the rule off
     * @param salesWindowDays days the trailing sales rate is taken over
     */
    public record Rules(int coverDays, int salesWindowDays) implements Serializable {
        public static final Rules DEFAULT = new Rules(3, 7);

        public Rules {
            if (coverDays < 0 || salesWindowDays < 1) {
                throw new IllegalArgumentException(
                        "cover days must be ≥ 0 and the sales window ≥ 1 day");
            }
        }
    }

    private StockKeeping() {}

    /** No stock yet of the SKU at the warehouse the change is about. */
    public static StockState empty(StockChange about) {
        return StockState.newBuilder()
                .setTenantId(about.getTenantId())
                .setSku(about.getSku())
                .setWarehouseId(about.getWarehouseId())
                .setDailySales(new ArrayList<>())
                .build();
    }

    public static int available(StockState stock) {
        return stock.getOnHand() - stock.getReserved();
    }

    /** The available stock of a SKU at a warehouse right after a change was applied. */
    public static StockLevel levelAfter(StockState stock, StockChange change) {
        return StockLevel.newBuilder()
                .setTenantId(stock.getTenantId())
                .setSku(stock.getSku())
                .setWarehouseId(stock.getWarehouseId())
                .setWarehousePincode(stock.getWarehousePincode())
                .setAvailable(available(stock))
                .setAt(change.getAt())
                .build();
    }

    /** Applies one change, in event-time order where possible. */
    public static void apply(StockState stock, StockChange change, Rules rules) {
        int units = change.getQuantity();
        switch (change.getKind()) {
            case RECEIVED, ADJUSTED, RETURNED -> stock.setOnHand(stock.getOnHand() + units);
            case COUNTED -> stock.setOnHand(units);
            case RESERVED -> {
                stock.setReserved(stock.getReserved() + units);
                addSales(stock, change.getAt(), units);
            }
            case RELEASED -> stock.setReserved(stock.getReserved() - units);
            case SHIPPED -> {
                stock.setReserved(stock.getReserved() - units);
                stock.setOnHand(stock.getOnHand() - units);
            }
            default -> throw new IllegalArgumentException("unknown stock change " + change);
        }
        if (change.getLowStockThreshold() != null) {
            stock.setLowStockThreshold(change.getLowStockThreshold());
        }
        if (change.getWarehousePincode() != null) {
            stock.setWarehousePincode(change.getWarehousePincode());
        }
        stock.setVersion(stock.getVersion() + 1);
        if (stock.getUpdatedAt() == null || change.getAt().isAfter(stock.getUpdatedAt())) {
            stock.setUpdatedAt(change.getAt());
        }
        forgetSalesBefore(stock, dayOf(stock.getUpdatedAt()) - rules.salesWindowDays() + 1);
    }

    /** Units sold per day over the sales window that ends with the latest change. */
    public static double dailySalesRate(StockState stock, Rules rules) {
        if (stock.getUpdatedAt() == null) {
            return 0;
        }
        long from = dayOf(stock.getUpdatedAt()) - rules.salesWindowDays() + 1;
        long units = 0;
        for (DailySales day : stock.getDailySales()) {
            if (day.getDay() >= from) {
                units += day.getUnits();
            }
        }
        return (double) units / rules.salesWindowDays();
    }

    /** How many days the available units last at the trailing sales rate; null with no sales. */
    public static Double daysOfCover(StockState stock, Rules rules) {
        double rate = dailySalesRate(stock, rules);
        return rate > 0 ? Math.max(0, available(stock)) / rate : null;
    }

    /** LOW_STOCK, when available stock is under its threshold or lasts too few days. */
    public static Map<AlertType, AlertCondition> conditions(StockState stock, Rules rules) {
        int available = available(stock);
        List<String> reasons = new ArrayList<>();
        Integer threshold = stock.getLowStockThreshold();
        if (threshold != null && available < threshold) {
            reasons.add("available " + available + " < threshold " + threshold);
        }
        Double cover = daysOfCover(stock, rules);
        if (rules.coverDays() > 0 && cover != null && cover < rules.coverDays()) {
            reasons.add(
                    String.format(
                            Locale.ROOT,
                            "%.1f days of cover at %.1f units/day < %d days",
                            cover,
                            dailySalesRate(stock, rules),
                            rules.coverDays()));
        }
        Map<AlertType, AlertCondition> holding = new EnumMap<>(AlertType.class);
        if (!reasons.isEmpty()) {
            AlertSeverity severity =
                    available <= 0 ? AlertSeverity.CRITICAL : AlertSeverity.WARNING;
            holding.put(AlertType.LOW_STOCK, new AlertCondition(severity, List.copyOf(reasons)));
        }
        return holding;
    }

    private static void addSales(StockState stock, Instant at, int units) {
        int day = (int) dayOf(at);
        for (DailySales sales : stock.getDailySales()) {
            if (sales.getDay() == day) {
                sales.setUnits(sales.getUnits() + units);
                return;
            }
        }
        stock.getDailySales().add(new DailySales(day, units));
    }

    private static void forgetSalesBefore(StockState stock, long firstDay) {
        if (stock.getDailySales().stream().anyMatch(day -> day.getDay() < firstDay)) {
            // A copy: the list read back from state does not support removal.
            stock.setDailySales(
                    new ArrayList<>(
                            stock.getDailySales().stream()
                                    .filter(day -> day.getDay() >= firstDay)
                                    .toList()));
        }
    }

    private static long dayOf(Instant at) {
        return Math.floorDiv(at.toEpochMilli(), DAY_MS);
    }
}
