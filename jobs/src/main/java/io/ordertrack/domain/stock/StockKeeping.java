package io.ordertrack.domain.stock;

import io.ordertrack.avro.AlertSeverity;
import io.ordertrack.avro.AlertType;
import io.ordertrack.avro.DailySales;
import io.ordertrack.avro.StockChange;
import io.ordertrack.avro.StockChangeKind;
import io.ordertrack.avro.StockState;
import io.ordertrack.domain.alerts.AlertCondition;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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

    /** At equal times stock comes in before it goes out, as in a warehouse's day. */
    public static final Comparator<StockChange> APPLY_ORDER =
            Comparator.comparing(StockChange::getAt)
                    .thenComparing(StockKeeping::adds, Comparator.reverseOrder())
                    .thenComparing(StockChange::getChangeId);

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

    /**
     * The day each order's units left this warehouse, remembered while that day is in the sales
     * window: a return says only when its units came back, yet it takes them out of the sales of
     * the day they left.
     */
    public interface Departures {
        /** The order's units left on the day (UTC epoch day). */
        void left(String orderId, int day) throws Exception;

        /** The day the order's units left, or null when not remembered; forgets it. */
        Integer cameBack(String orderId) throws Exception;

        /** Forgets the orders whose units left before the day. */
        void forgetBefore(int firstDay) throws Exception;
    }

    /**
     * Applies one change, in event-time order where possible. A sale is a unit that left the
     * warehouse for an order, counted on the day it left, and taken back out of that day if the
     * order's units return while the day is still in the sales window: a reservation is not yet a
     * sale, and an order cancelled before it left never becomes one.
     */
    public static void apply(
            StockState stock, StockChange change, Rules rules, Departures departures)
            throws Exception {
        long firstDayBefore = firstSalesDay(stock, rules);
        moveUnits(stock, change);
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
        long firstDay = firstSalesDay(stock, rules);
        forgetSalesBefore(stock, firstDay);
        if (firstDay > firstDayBefore) {
            departures.forgetBefore((int) firstDay);
        }
        countSales(stock, change, firstDay, departures);
    }

    /** Units sold per day over the sales window that ends with the latest change. */
    public static double dailySalesRate(StockState stock, Rules rules) {
        long from = firstSalesDay(stock, rules);
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

    private static void moveUnits(StockState stock, StockChange change) {
        StockUnits units = new StockUnits(stock.getOnHand(), stock.getReserved()).after(change);
        stock.setOnHand(units.onHand());
        stock.setReserved(units.reserved());
    }

    private static void countSales(
            StockState stock, StockChange change, long firstDay, Departures departures)
            throws Exception {
        int day = (int) dayOf(change.getAt());
        int unitsThatLeft = OrderStock.unitsThatLeft(change);
        if (unitsThatLeft > 0 && day >= firstDay) {
            addSales(stock, day, unitsThatLeft);
            departures.left(change.getOrderId(), day);
        } else if (change.getKind() == StockChangeKind.RETURNED && change.getOrderId() != null) {
            Integer leftOn = departures.cameBack(change.getOrderId());
            if (leftOn != null) {
                takeBackSales(stock, leftOn, change.getQuantity());
            }
        }
    }

    /**
     * A day still in the window holds the units the order took out that day, so its sales never go
     * below none; a day already forgotten has nothing to take back.
     */
    private static void takeBackSales(StockState stock, int day, int units) {
        for (DailySales sales : stock.getDailySales()) {
            if (sales.getDay() == day) {
                sales.setUnits(sales.getUnits() - units);
            }
        }
    }

    private static void addSales(StockState stock, int day, int units) {
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

    /** The first day of the sales window that ends with the latest change. */
    private static long firstSalesDay(StockState stock, Rules rules) {
        if (stock.getUpdatedAt() == null) {
            return Long.MIN_VALUE;
        }
        return dayOf(stock.getUpdatedAt()) - rules.salesWindowDays() + 1;
    }

    private static long dayOf(Instant at) {
        return Math.floorDiv(at.toEpochMilli(), DAY_MS);
    }

    private static boolean adds(StockChange change) {
        return switch (change.getKind()) {
            case RECEIVED, RELEASED, RETURNED -> true;
            case ADJUSTED -> change.getQuantity() >= 0;
            default -> false;
        };
    }
}
