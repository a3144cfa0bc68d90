package io.ordertrack.benchmarks.jmh;

import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.OrderState;
import io.ordertrack.avro.TrackingScan;
import io.ordertrack.domain.lifecycle.OrderLifecycle;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * The events of one order in the order the job's order tracker receives them: {@link OrderEvent}s
 * and the {@link TrackingScan}s routed to the order.
 */
record OrderStream(
        String orderId,
        String tenantId,
        String channel,
        String clientOrderId,
        List<SpecificRecord> events) {

    /** The state of the order after all its events, from nothing, as the tracker builds it. */
    OrderState replay(OrderLifecycle lifecycle) {
        OrderState order = OrderLifecycle.newOrder(orderId, tenantId, channel, clientOrderId);
        for (SpecificRecord event : events) {
            if (event instanceof OrderEvent orderEvent) {
                lifecycle.apply(order, orderEvent);
            } else {
                lifecycle.apply(order, (TrackingScan) event);
            }
        }
        return order;
    }

    /** The same order with only its first {@code count} events: an order still in flight. */
    OrderStream firstEvents(int count) {
        return new OrderStream(
                orderId, tenantId, channel, clientOrderId, List.copyOf(events.subList(0, count)));
    }

    /**
     * Orders from the front of a list, the last one cut short, so that they hold exactly {@code
     * count} events.
     *
     * @throws IllegalArgumentException when all the orders hold fewer events
     */
    static List<OrderStream> withEvents(List<OrderStream> orders, int count) {
        List<OrderStream> taken = new ArrayList<>();
        int missing = count;
        for (OrderStream order : orders) {
            if (missing == 0) {
                break;
            }
            int take = Math.min(missing, order.events().size());
            taken.add(take == order.events().size() ? order : order.firstEvents(take));
            missing -= take;
        }
        if (missing > 0) {
            throw new IllegalArgumentException(
                    "the orders hold " + (count - missing) + " events, fewer than " + count);
        }
        return List.copyOf(taken);
    }

    static Builder builder(String orderId, OrderEvent first) {
        return new Builder(orderId, first);
    }

    /** Collects an order's events while its feed is read. */
    static final class Builder {
        private final String orderId;
        private final OrderEvent first;
        private final List<SpecificRecord> events = new ArrayList<>();

        private Builder(String orderId, OrderEvent first) {
            this.orderId = orderId;
            this.first = first;
        }

        void add(SpecificRecord event) {
            events.add(event);
        }

        OrderStream build() {
            return new OrderStream(
                    orderId,
                    first.getTenantId(),
                    first.getChannel(),
                    first.getClientOrderId(),
                    List.copyOf(events));
        }
    }
}
