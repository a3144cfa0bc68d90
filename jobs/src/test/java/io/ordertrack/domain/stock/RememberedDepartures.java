package io.ordertrack.domain.stock;

import java.util.HashMap;
import java.util.Map;

/** The days orders' units left, in a map, as the inventory ledger keeps them in keyed state. */
final class RememberedDepartures implements StockKeeping.Departures {
    private final Map<String, Integer> days = new HashMap<>();

    @Override
    public void left(String orderId, int day) {
        days.put(orderId, day);
    }

    @Override
    public Integer cameBack(String orderId) {
        return days.remove(orderId);
    }

    @Override
    public void forgetBefore(int firstDay) {
        days.values().removeIf(day -> day < firstDay);
    }

    /** The orders whose departure day is still remembered. */
    Map<String, Integer> days() {
        return Map.copyOf(days);
    }
}
