package io.ordertrack.domain;

import io.ordertrack.avro.Alert;
import io.ordertrack.avro.AlertState;
import io.ordertrack.avro.AlertType;
import io.ordertrack.avro.OrderState;
import io.ordertrack.avro.StockState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keeps the alerts of one subject (an order, or a SKU at a warehouse) in step with its conditions.
 * An alert's id is its tenant, type and subject, so the same condition never opens two alerts: a
 * condition that starts to hold opens it (or opens it again), one that changes updates it, one that
 * stops holding resolves it.
 */
public final class AlertBook {
    private AlertBook() {}

    /** Where the alerts are: the subject's alert of each type, as last emitted. */
    public interface Alerts {
        Alert get(AlertType type) throws Exception;

        void put(AlertType type, Alert alert) throws Exception;
    }

    /** What an alert is about. */
    public record Subject(
            String tenantId,
            String orderId,
            String courier,
            String awb,
            String sku,
            String warehouseId) {
        /** An order, with its shipment as far as it is known. */
        public static Subject of(OrderState order) {
            return new Subject(
                    order.getTenantId(),
                    order.getOrderId(),
                    order.getCourier(),
                    order.getAwb(),
                    null,
                    null);
        }

        /** A SKU at a warehouse. */
        public static Subject of(StockState stock) {
            return new Subject(
                    stock.getTenantId(), null, null, null, stock.getSku(), stock.getWarehouseId());
        }

        String id() {
            return orderId != null ? orderId : sku + "@" + warehouseId;
        }
    }

    /** The deterministic id of the alert of a type on a subject. */
    public static String alertId(String tenantId, AlertType type, String subjectId) {
        return tenantId + ":" + type + ":" + subjectId;
    }

    /**
     * Brings the subject's alerts of the given types in step with the conditions holding at {@code
     * now}.
     *
     * @return the alerts that changed, to publish
     */
    public static List<Alert> reconcile(
            Subject subject,
            Iterable<AlertType> types,
            Map<AlertType, AlertCondition> holding,
            Instant now,
            Alerts alerts)
            throws Exception {
        List<Alert> changed = new ArrayList<>();
        for (AlertType type : types) {
            Alert current = alerts.get(type);
            AlertCondition condition = holding.get(type);
            Alert next = next(subject, type, current, condition, now);
            if (next != current) {
                alerts.put(type, next);
                changed.add(next);
            }
        }
        return changed;
    }

    private static Alert next(
            Subject subject, AlertType type, Alert current, AlertCondition condition, Instant now) {
        boolean open = current != null && current.getState() == AlertState.OPEN;
        if (condition == null) {
            return open
                    ? changed(current, now).setState(AlertState.RESOLVED).setResolvedAt(now).build()
                    : current;
        }
        if (!open) {
            Alert.Builder opened =
                    current == null
                            ? fresh(subject, type, now)
                            : changed(current, now).setOpenedAt(now).setResolvedAt(null);
            return opened.setState(AlertState.OPEN)
                    .setSeverity(condition.severity())
                    .setReasons(condition.reasons())
                    .build();
        }
        boolean same =
                current.getSeverity() == condition.severity()
                        && current.getReasons().equals(condition.reasons());
        return same
                ? current
                : changed(current, now)
                        .setSeverity(condition.severity())
                        .setReasons(condition.reasons())
                        .build();
    }

    private static Alert.Builder changed(Alert current, Instant now) {
        long version = current.getVersion() + 1;
        return Alert.newBuilder(current)
                .setVersion(version)
                .setEventId(current.getAlertId() + ":" + version)
                .setEventTime(now)
                .setUpdatedAt(now);
    }

    private static Alert.Builder fresh(Subject subject, AlertType type, Instant now) {
        String id = alertId(subject.tenantId(), type, subject.id());
        return Alert.newBuilder()
                .setAlertId(id)
                .setEventId(id + ":1")
                .setVersion(1)
                .setEventTime(now)
                .setTenantId(subject.tenantId())
                .setType(type)
                .setOrderId(subject.orderId())
                .setCourier(subject.courier())
                .setAwb(subject.awb())
                .setSku(subject.sku())
                .setWarehouseId(subject.warehouseId())
                .setOpenedAt(now)
                .setUpdatedAt(now);
    }
}
