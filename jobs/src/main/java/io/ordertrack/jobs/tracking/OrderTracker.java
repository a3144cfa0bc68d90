package io.ordertrack.jobs.tracking;

import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.OrderState;
import io.ordertrack.domain.OrderDocument;
import io.ordertrack.domain.OrderLifecycle;
import io.ordertrack.jobs.elasticsearch.IndexedDocument;
import io.ordertrack.schemas.RecordKeys;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keeps the state of each order (keyed by order id) and emits its live view whenever an order event
 * or a routed courier scan changes it. The decisions are {@link OrderLifecycle}'s.
 */
public final class OrderTracker
        extends KeyedCoProcessFunction<String, OrderEvent, RoutedScan, IndexedDocument> {
    private static final long serialVersionUID = 1L;

    private final Duration retention;

    private transient ValueState<OrderState> orderState;
    private transient OrderDocumentJson json;

    /**
     * @param retention how long the state of a quiet order is kept after its last change
     */
    public OrderTracker(Duration retention) {
        this.retention = retention;
    }

    @Override
    public void open(OpenContext openContext) {
        orderState =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "order", TypeInformation.of(OrderState.class)));
        json = new OrderDocumentJson();
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
        if (OrderLifecycle.apply(order, event)) {
            publish(order, out);
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
        if (OrderLifecycle.apply(order, routed.getScan())) {
            publish(order, out);
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

    private void publish(OrderState order, Collector<IndexedDocument> out) throws Exception {
        orderState.update(order);
        out.collect(
                new IndexedDocument(
                        order.getOrderId(),
                        order.getVersion(),
                        json.encode(OrderDocument.of(order))));
    }
}
