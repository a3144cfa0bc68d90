package io.ordertrack.domain.stock;

import io.ordertrack.avro.OrderDetails;
import io.ordertrack.avro.OrderEventType;
import io.ordertrack.avro.OrderItem;
import io.ordertrack.avro.OrderState;
import io.ordertrack.avro.ShipmentStatus;
import io.ordertrack.avro.StockChange;
import io.ordertrack.avro.StockChangeKind;
import io.ordertrack.domain.lifecycle.ShipmentProgress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an order does to the stock of the warehouse that fulfils it: placing it reserves its units,
 * cancelling it before it leaves releases them, its leaving the warehouse takes them off hand, and
 * its coming back (return to origin, or a customer return delivered to the warehouse) puts them
 * back on hand. Each kind of change happens at most once per order, at the event time of the
 * milestone that caused it, whatever order the events arrived in.
 */
public final class OrderStock {
    private OrderStock() {}

    /**
     * The changes the order now implies that it has not sent yet; records them as sent. Nothing is
     * implied before the order's details (items and warehouse) are known.
     */
    public static List<StockChange> newChanges(OrderState order) {
        OrderDetails details = order.getDetails();
        if (details == null || order.getPlacedAt() == null) {
            return List.of();
        }
        List<String> sent = order.getStockChanges();
        List<StockChange> changes = new ArrayList<>();
        boolean releasedBefore = sent.contains(StockChangeKind.RELEASED.name());
        Map<StockChangeKind, Instant> due = dueChanges(order, sent);
        due.forEach(
                (kind, at) -> {
                    sent.add(kind.name());
                    unitsBySku(details)
                            .forEach(
                                    (sku, units) ->
                                            changes.add(
                                                    kind == StockChangeKind.SHIPPED
                                                                    && releasedBefore
                                                            ? shippedAfterRelease(
                                                                    order, sku, units, at)
                                                            : change(order, kind, sku, units, at)));
                });
        return changes;
    }

    /**
     * The units an order's change took out of the warehouse: its shipment, also when it came as an
     * adjustment because a cancel had released its units first; none for any other change.
     */
    public static int unitsThatLeft(StockChange change) {
        if (change.getOrderId() == null) {
            return 0;
        }
        return switch (change.getKind()) {
            case SHIPPED -> change.getQuantity();
            case ADJUSTED -> -change.getQuantity();
            default -> 0;
        };
    }

    /**
     * A cancel that arrived before the news that the parcel had already left (a late pickup scan)
     * released units that did leave: they are no longer reserved, so they come off hand alone.
     */
    private static StockChange shippedAfterRelease(
            OrderState order, String sku, int units, Instant at) {
        StockChange change = change(order, StockChangeKind.SHIPPED, sku, units, at);
        change.setKind(StockChangeKind.ADJUSTED);
        change.setQuantity(-units);
        return change;
    }

    private static Map<StockChangeKind, Instant> dueChanges(OrderState order, List<String> sent) {
        Map<String, Instant> milestones = order.getMilestones();
        Map<StockChangeKind, Instant> due = new LinkedHashMap<>();
        if (!sent.contains(StockChangeKind.RESERVED.name())) {
            due.put(StockChangeKind.RESERVED, order.getPlacedAt());
        }
        boolean released = sent.contains(StockChangeKind.RELEASED.name());
        boolean shipped = sent.contains(StockChangeKind.SHIPPED.name());
        Instant leftAt = ShipmentProgress.leftWarehouseAt(milestones);
        Instant cancelledAt = milestones.get(OrderEventType.CANCELLED.name());
        boolean cancelCounts =
                cancelledAt != null && (leftAt == null || cancelledAt.isBefore(leftAt));
        if (!shipped && leftAt != null && (!released || !cancelCounts)) {
            // Units that left the warehouse come back by a return, not by a cancellation.
            due.put(StockChangeKind.SHIPPED, leftAt);
            shipped = true;
        } else if (!released && !shipped && cancelledAt != null) {
            due.put(StockChangeKind.RELEASED, cancelledAt);
        }
        Instant backAt =
                earliest(
                        milestones.get(ShipmentStatus.RTO_DELIVERED.name()),
                        milestones.get(ShipmentStatus.RETURN_DELIVERED.name()));
        if (shipped && backAt != null && !sent.contains(StockChangeKind.RETURNED.name())) {
            due.put(StockChangeKind.RETURNED, backAt);
        }
        return due;
    }

    private static Map<String, Integer> unitsBySku(OrderDetails details) {
        Map<String, Integer> units = new LinkedHashMap<>();
        for (OrderItem item : details.getItems()) {
            units.merge(item.getSku(), item.getQuantity(), Integer::sum);
        }
        return units;
    }

    private static StockChange change(
            OrderState order, StockChangeKind kind, String sku, int units, Instant at) {
        return StockChange.newBuilder()
                .setChangeId(order.getOrderId() + ":" + kind + ":" + sku)
                .setAt(at)
                .setTenantId(order.getTenantId())
                .setSku(sku)
                .setWarehouseId(order.getDetails().getWarehouseId())
                .setKind(kind)
                .setQuantity(units)
                .setOrderId(order.getOrderId())
                .build();
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }
}
