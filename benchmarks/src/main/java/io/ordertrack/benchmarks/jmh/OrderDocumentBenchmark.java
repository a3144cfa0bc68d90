package io.ordertrack.benchmarks.jmh;

import io.ordertrack.avro.OrderState;
import io.ordertrack.domain.documents.OrderDocument;
import io.ordertrack.domain.lifecycle.CourierCodes;
import io.ordertrack.domain.lifecycle.OrderLifecycle;
import io.ordertrack.jobs.elasticsearch.DocumentJson;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * The live view of an order as the job indexes it: the {@link OrderDocument} of an order state,
 * alone and then with its JSON for the {@code orders} index. The states are those the simulated
 * orders end in (delivered, returned, cancelled, some still in flight), each call takes the next
 * one; scores are per order document.
 */
public class OrderDocumentBenchmark extends RunSettings {
    private final DocumentJson json = new DocumentJson();
    private OrderState[] orders;
    private int next;

    @Setup
    public void simulateOrders() {
        OrderLifecycle lifecycle = new OrderLifecycle(CourierCodes.bundled());
        orders =
                SimulatedFeed.generate().orderStreams().stream()
                        .map(order -> order.replay(lifecycle))
                        .toArray(OrderState[]::new);
    }

    /** An order state to its document. */
    @Benchmark
    public OrderDocument document() {
        return OrderDocument.of(nextOrder());
    }

    /** An order state to its document, then to the JSON bytes the index request carries. */
    @Benchmark
    public byte[] documentJson() throws Exception {
        return json.encode(OrderDocument.of(nextOrder()));
    }

    private OrderState nextOrder() {
        OrderState order = orders[next];
        next = (next + 1) % orders.length;
        return order;
    }
}
