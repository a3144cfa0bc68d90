package io.ordertrack.jobs.tracking;

import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.OrderState;
import io.ordertrack.domain.CourierCodes;
import io.ordertrack.domain.OrderDocument;
import io.ordertrack.domain.OrderLifecycle;
import io.ordertrack.jobs.elasticsearch.IndexedDocument;
import io.ordertrack.schemas.RecordKeys;
import java.time.Duration;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keeps the state of each order (keyed by order id) and emits its live view whenever an order event
 * or a routed courier scan changes it. The decisions are {@link OrderLifecycle}'s. The state of a
 * finished order (delivered, returned, cancelled, lost) is cleared by an event-time timer {@code
 * finishedRetention} after its last event, unless another event comes; TTL clears any other order
 * that goes quiet for {@code retention}.
 */
public final class OrderTracker
        extends KeyedCoProcessFunction<String, OrderEvent, RoutedScan, IndexedDocument> {
    private static final long serialVersionUID = 1L;

    private final Duration retention;
    private final Duration finishedRetention;

    private transient ValueState<OrderState> orderState;
    private transient ValueState<Long> cleanupAt;
    private transient OrderLifecycle lifecycle;
    private transient OrderDocumentJson json;
    private transient Counter unmappedScans;

    public OrderTracker(Duration retention, Duration finishedRetention) {
        this.retention = retention;
        this.finishedRetention = finishedRetention;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<OrderState> descriptor =
                new ValueStateDescriptor<>("order", TypeInformation.of(OrderState.class));
        descriptor.enableTimeToLive(StateRetention.after(retention));
        orderState = getRuntimeContext().getState(descriptor);
        cleanupAt =
                getRuntimeContext().getState(new ValueStateDescriptor<>("cleanup-at", Types.LONG));
        lifecycle = new OrderLifecycle(CourierCodes.bundled());
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
            publish(order, ctx, out);
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
        if (lifecycle.apply(order, routed.getScan())) {
            unmappedScans.inc(order.getUnmappedScans() - unmappedBefore);
            publish(order, ctx, out);
        }
    }

    /** The order has been finished for the retention period: forget it. */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<IndexedDocument> out) {
        orderState.clear();
        cleanupAt.clear();
    }

    private OrderState current(
            String orderId, String tenantId, String channel, String clientOrderId)
            throws Exception {
        OrderState order = orderState.value();
        return order != null
                ? order
                : OrderLifecycle.newOrder(orderId, tenantId, channel, clientOrderId);
    }

    private void publish(OrderState order, Context ctx, Collector<IndexedDocument> out)
            throws Exception {
        orderState.update(order);
        scheduleCleanup(order, ctx);
        out.collect(
                new IndexedDocument(
                        order.getOrderId(),
                        order.getVersion(),
                        json.encode(OrderDocument.of(order))));
    }

    /**
     * Keeps one cleanup timer per finished order, due {@code finishedRetention} after its last
     * event.
     */
    private void scheduleCleanup(OrderState order, Context ctx) throws Exception {
        Long registered = cleanupAt.value();
        Long due =
                OrderLifecycle.isFinished(order)
                        ? order.getLastEventAt().toEpochMilli() + finishedRetention.toMillis()
                        : null;
        if (Objects.equals(registered, due)) {
            return;
        }
        if (registered != null) {
            ctx.timerService().deleteEventTimeTimer(registered);
        }
        if (due == null) {
            cleanupAt.clear();
        } else {
            ctx.timerService().registerEventTimeTimer(due);
            cleanupAt.update(due);
        }
    }
}
