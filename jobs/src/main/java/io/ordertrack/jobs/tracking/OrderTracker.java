package io.ordertrack.jobs.tracking;

import io.ordertrack.avro.Alert;
import io.ordertrack.avro.AlertType;
import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.OrderState;
import io.ordertrack.domain.AlertBook;
import io.ordertrack.domain.AlertThresholds;
import io.ordertrack.domain.CourierCodes;
import io.ordertrack.domain.OrderAlerts;
import io.ordertrack.domain.OrderDocument;
import io.ordertrack.domain.OrderLifecycle;
import io.ordertrack.jobs.elasticsearch.IndexedDocument;
import io.ordertrack.schemas.RecordKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keeps the state of each order (keyed by order id), emits its live view whenever an order event or
 * a routed courier scan changes it, and keeps its alerts in step with its conditions: on every
 * change, and at the event times its SLAs fall due (event-time timers, moved or deleted as the
 * order moves). The decisions are {@link OrderLifecycle}'s and {@link OrderAlerts}'. A finished
 * order is forgotten {@code finishedRetention} after its last event.
 */
public final class OrderTracker
        extends KeyedCoProcessFunction<String, OrderEvent, RoutedScan, IndexedDocument> {
    private static final long serialVersionUID = 1L;

    /** Alerts opened, updated and resolved. */
    public static final OutputTag<Alert> ALERTS =
            new OutputTag<>("alerts", TypeInformation.of(Alert.class));

    private static final Set<AlertType> ORDER_ALERTS =
            EnumSet.of(
                    AlertType.NOT_PICKED,
                    AlertType.STUCK_IN_TRANSIT,
                    AlertType.OFD_NOT_DELIVERED,
                    AlertType.NDR,
                    AlertType.COURIER_ERROR,
                    AlertType.EDD_BREACH);

    private final Duration retention;
    private final Duration finishedRetention;
    private final AlertThresholds thresholds;

    private transient ValueState<OrderState> orderState;
    private transient ValueState<Long> cleanupAt;
    private transient MapState<Long, Boolean> alertTimers;
    private transient MapState<String, Alert> alerts;
    private transient OrderLifecycle lifecycle;
    private transient OrderAlerts rules;
    private transient OrderDocumentJson json;
    private transient Counter unmappedScans;

    public OrderTracker(
            Duration retention, Duration finishedRetention, AlertThresholds thresholds) {
        this.retention = retention;
        this.finishedRetention = finishedRetention;
        this.thresholds = thresholds;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<OrderState> descriptor =
                new ValueStateDescriptor<>("order", TypeInformation.of(OrderState.class));
        descriptor.enableTimeToLive(StateRetention.after(retention));
        orderState = getRuntimeContext().getState(descriptor);
        cleanupAt =
                getRuntimeContext().getState(new ValueStateDescriptor<>("cleanup-at", Types.LONG));
        alertTimers =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "alert-timers", Types.LONG, Types.BOOLEAN));
        MapStateDescriptor<String, Alert> alertDescriptor =
                new MapStateDescriptor<>("alerts", Types.STRING, TypeInformation.of(Alert.class));
        alertDescriptor.enableTimeToLive(StateRetention.after(retention));
        alerts = getRuntimeContext().getMapState(alertDescriptor);
        lifecycle = new OrderLifecycle(CourierCodes.bundled());
        rules = new OrderAlerts(thresholds);
        json = new OrderDocumentJson();
        unmappedScans = getRuntimeContext().getMetricGroup().counter("unmappedScans");
    }

    @Override
    public void processElement1(OrderEvent event, Context ctx, Collector<IndexedDocument> out)
            throws Exception {
        OrderState order =
                current(
                        RecordKeys.of(event),
                        event.getTenantId(),
                        event.getChannel(),
                        event.getClientOrderId());
        if (lifecycle.apply(order, event)) {
            publish(order, event.getEventTime(), ctx, out);
        }
    }

    @Override
    public void processElement2(RoutedScan routed, Context ctx, Collector<IndexedDocument> out)
            throws Exception {
        OrderState order =
                current(
                        routed.getOrderId(),
                        routed.getTenantId(),
                        routed.getChannel(),
                        routed.getClientOrderId());
        int unmappedBefore = order.getUnmappedScans();
        fireDueBefore(order, routed.getScan().getEventTime(), ctx);
        if (lifecycle.apply(order, routed.getScan())) {
            unmappedScans.inc(order.getUnmappedScans() - unmappedBefore);
            publish(order, routed.getScan().getEventTime(), ctx, out);
        }
    }

    /** An SLA fell due, or the order has been finished for the retention period. */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<IndexedDocument> out)
            throws Exception {
        Long cleanup = cleanupAt.value();
        if (cleanup != null && cleanup == timestamp) {
            orderState.clear();
            cleanupAt.clear();
            alerts.clear();
            alertTimers.clear();
            return;
        }
        alertTimers.remove(timestamp);
        OrderState order = orderState.value();
        if (order != null) {
            checkAlerts(order, Instant.ofEpochMilli(timestamp), ctx);
        }
    }

    /**
     * A scan that happened after an SLA fell due shows the SLA was missed, even when it reaches the
     * job before the watermark does: the due checks run first, as of their time. Only scans may do
     * this: the scans of a shipment arrive in order, while order events, from another topic, can
     * run days ahead of them.
     */
    private void fireDueBefore(OrderState order, Instant eventTime, Context ctx) throws Exception {
        List<Long> due = new ArrayList<>();
        for (Long time : alertTimers.keys()) {
            if (time <= eventTime.toEpochMilli()) {
                due.add(time);
            }
        }
        due.sort(null);
        for (Long time : due) {
            ctx.timerService().deleteEventTimeTimer(time);
            alertTimers.remove(time);
            checkAlerts(order, Instant.ofEpochMilli(time), ctx);
        }
    }

    private OrderState current(
            String orderId, String tenantId, String channel, String clientOrderId)
            throws Exception {
        OrderState order = orderState.value();
        return order != null
                ? order
                : OrderLifecycle.newOrder(orderId, tenantId, channel, clientOrderId);
    }

    private void publish(
            OrderState order, Instant eventTime, Context ctx, Collector<IndexedDocument> out)
            throws Exception {
        orderState.update(order);
        scheduleCleanup(order, ctx.timerService());
        scheduleAlertTimers(order, ctx.timerService());
        long watermark = ctx.timerService().currentWatermark();
        checkAlerts(
                order,
                watermark > eventTime.toEpochMilli() ? Instant.ofEpochMilli(watermark) : eventTime,
                ctx);
        out.collect(
                new IndexedDocument(
                        order.getOrderId(),
                        order.getVersion(),
                        json.encode(OrderDocument.of(order))));
    }

    private void checkAlerts(OrderState order, Instant now, Context ctx) throws Exception {
        AlertBook.Subject subject =
                new AlertBook.Subject(
                        order.getTenantId(),
                        order.getOrderId(),
                        order.getCourier(),
                        order.getAwb(),
                        null,
                        null);
        List<Alert> changed =
                AlertBook.reconcile(
                        subject,
                        ORDER_ALERTS,
                        rules.conditions(order, now),
                        now,
                        new AlertBook.Alerts() {
                            @Override
                            public Alert get(AlertType type) throws Exception {
                                return alerts.get(type.name());
                            }

                            @Override
                            public void put(AlertType type, Alert alert) throws Exception {
                                alerts.put(type.name(), alert);
                            }
                        });
        changed.forEach(alert -> ctx.output(ALERTS, alert));
    }

    /** One event-time timer per SLA due time of the order; the ones no longer due are deleted. */
    private void scheduleAlertTimers(OrderState order, TimerService timers) throws Exception {
        TreeSet<Instant> due = rules.dueTimes(order);
        List<Long> registered = new ArrayList<>();
        alertTimers.keys().forEach(registered::add);
        for (Long time : registered) {
            if (!due.contains(Instant.ofEpochMilli(time))) {
                timers.deleteEventTimeTimer(time);
                alertTimers.remove(time);
            }
        }
        for (Instant time : due) {
            if (!alertTimers.contains(time.toEpochMilli())) {
                timers.registerEventTimeTimer(time.toEpochMilli());
                alertTimers.put(time.toEpochMilli(), true);
            }
        }
    }

    /**
     * Keeps one cleanup timer per finished order, due {@code finishedRetention} after its last
     * event.
     */
    private void scheduleCleanup(OrderState order, TimerService timers) throws Exception {
        Long registered = cleanupAt.value();
        Long due =
                OrderLifecycle.isFinished(order)
                        ? order.getLastEventAt().toEpochMilli() + finishedRetention.toMillis()
                        : null;
        if (java.util.Objects.equals(registered, due)) {
            return;
        }
        if (registered != null) {
            timers.deleteEventTimeTimer(registered);
        }
        if (due == null) {
            cleanupAt.clear();
        } else {
            timers.registerEventTimeTimer(due);
            cleanupAt.update(due);
        }
    }
}
