package io.ordertrack.local;

import io.ordertrack.simulator.FeedProducer;
import io.ordertrack.simulator.Simulation;
import io.ordertrack.simulator.SimulationOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator feeding the local system at a steady, watchable pace in the background, its
 * simulated clock running faster than the wall clock so that order lives (and troubles) unfold
 * while you look.
 */
final class LiveFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveFeed.class);

    private final Simulation simulation;
    private final FeedProducer producer;
    private final double eventsPerSecond;
    private final Thread thread;

    LiveFeed(
            SimulationOptions options,
            String bootstrapServers,
            FeedProducer.Topics topics,
            double eventsPerSecond) {
        this.simulation = Simulation.of(options);
        this.producer = new FeedProducer(bootstrapServers, topics);
        this.eventsPerSecond = eventsPerSecond;
        this.thread = new Thread(this::run, "live-feed");
        this.thread.setDaemon(true);
    }

    Simulation simulation() {
        return simulation;
    }

    void start() {
        thread.start();
    }

    private void run() {
        try {
            producer.send(
                    simulation,
                    eventsPerSecond,
                    (sent, nanos, sim) ->
                            LOG.info(
                                    "Live feed: {} events sent, {} orders placed",
                                    sent,
                                    sim.ordersPlaced()));
        } catch (RuntimeException e) {
            LOG.warn("Live feed stopped: {}", e.toString());
        }
    }

    @Override
    public void close() throws InterruptedException {
        producer.stop();
        thread.join(10_000);
        producer.close();
    }
}
