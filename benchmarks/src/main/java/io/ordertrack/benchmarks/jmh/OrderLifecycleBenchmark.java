package io.ordertrack.benchmarks.jmh;

import io.ordertrack.domain.lifecycle.CourierCodes;
import io.ordertrack.domain.lifecycle.OrderLifecycle;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The order state machine: every event of realistic orders applied, in arrival order, to a fresh
 * order state, as the job's order tracker does for an order it has not seen before. Scores are per
 * event. The feed's duplicates, late and out-of-order scans, scans before their manifest, courier
 * regressions and unknown courier codes are all in the mix; the growing per-order lists (seen event
 * ids, timeline, status history) are part of the cost, as they are in the job.
 */
public class OrderLifecycleBenchmark extends RunSettings {
    /**
     * Events applied per invocation: whole orders from the front of the feed, the last one cut
     * short. A constant, because JMH divides the score by it.
     */
    static final int EVENTS = 10_000;

    private final OrderLifecycle lifecycle = new OrderLifecycle(CourierCodes.bundled());
    private List<OrderStream> orders;

    @Setup
    public void simulateOrders() {
        orders = OrderStream.withEvents(SimulatedFeed.generate().orderStreams(), EVENTS);
    }

    /** Replays each order from a fresh state; the score is events applied per second. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void applyOrderEvents(Blackhole blackhole) {
        for (OrderStream order : orders) {
            blackhole.consume(order.replay(lifecycle));
        }
    }
}
