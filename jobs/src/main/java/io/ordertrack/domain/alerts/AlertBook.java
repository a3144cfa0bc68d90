package io.ordertrack.domain.alerts;

import io.ordertrack.avro.Alert;
import io.ordertrack.avro.AlertState;
import io.ordertrack.avro.AlertType;
import io.ordertrack.avro.OrderState;
import io.ordertrack.avro.StockState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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

        /** The same subject before its shipment is known. */
        public Subject withoutShipment() {
            return new Subject(tenantId, orderId, null, null, sku, warehouseId);
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
     * now}: an alert's severity, reasons, times and shipment are those of its condition and
     * subject; an alert already so is left alone, so a change that alters nothing visible publishes
     * nothing. Change times never go back: a change is stamped {@code now}, or the alert's last
     * change time if that is later; an alert resolves no earlier than it opened.
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
            Alert next = next(subject, type, current, holding.get(type), now);
            if (!Objects.equals(next, current)) {
                Alert stamped = current == null ? next : stamped(next, current, now);
                alerts.put(type, stamped);
                changed.add(stamped);
            }
        }
        return changed;
    }

    /**
     * Names the shipment on the subject's alerts of the given types that were raised before it was
     * known (an SLA alert of an order whose manifest came late), open or resolved.
     *
     * @return the alerts that changed, to publish
     */
    public static List<Alert> nameShipment(
            Subject subject, Iterable<AlertType> types, Instant now, Alerts alerts)
            throws Exception {
        List<Alert> changed = new ArrayList<>();
        if (subject.courier() == null) {
            return changed;
        }
        for (AlertType type : types) {
            Alert current = alerts.get(type);
            if (current != null && current.getCourier() == null) {
                Alert named =
                        Alert.newBuilder(current)
                                .setCourier(subject.courier())
                                .setAwb(subject.awb())
                                .build();
                Alert stamped = stamped(named, current, now);
                alerts.put(type, stamped);
                changed.add(stamped);
            }
        }
        return changed;
    }

    /** The alert as it should be; the current one itself when nothing but stamps would change. */
    private static Alert next(
            Subject subject, AlertType type, Alert current, AlertCondition condition, Instant now) {
        boolean open = current != null && current.getState() == AlertState.OPEN;
        if (condition == null) {
            return open
                    ? Alert.newBuilder(current)
                            .setState(AlertState.RESOLVED)
                            .setResolvedAt(notBefore(now, current.getOpenedAt()))
                            .build()
                    : current;
        }
        Alert.Builder next =
                current == null ? fresh(subject, type, now) : Alert.newBuilder(current);
        if (!open) {
            Instant since = condition.since() == null ? now : condition.since();
            boolean reopened = current != null && condition.endedAt() == null;
            next.setOpenedAt(
                    reopened ? notBefore(since, current.getResolvedAt()) : sinceOf(current, since));
        }
        if (condition.endedAt() == null) {
            next.setState(AlertState.OPEN).setResolvedAt(null);
        } else if (open || current == null) {
            next.setState(AlertState.RESOLVED)
                    .setResolvedAt(notBefore(condition.endedAt(), next.getOpenedAt()));
        }
        next.setSeverity(condition.severity()).setReasons(condition.reasons());
        if (subject.courier() != null) {
            next.setCourier(subject.courier()).setAwb(subject.awb());
        }
        return next.build();
    }

    /** A resolved alert that holds again keeps the start it had unless it never opened before. */
    private static Instant sinceOf(Alert current, Instant since) {
        return current == null ? since : current.getOpenedAt();
    }

    /** The next version of an alert, stamped with its change time. */
    private static Alert stamped(Alert next, Alert current, Instant now) {
        long version = current.getVersion() + 1;
        Instant at = notBefore(now, current.getUpdatedAt());
        return Alert.newBuilder(next)
                .setVersion(version)
                .setEventId(current.getAlertId() + ":" + version)
                .setEventTime(at)
                .setUpdatedAt(at)
                .build();
    }

    private static Instant notBefore(Instant at, Instant earliest) {
        return earliest != null && at.isBefore(earliest) ? earliest : at;
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
