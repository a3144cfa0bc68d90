package io.ordertrack.local;

import io.ordertrack.connections.KafkaSecurity;
import io.ordertrack.simulator.FeedProducer;
import io.ordertrack.simulator.Simulation;
import io.ordertrack.simulator.SimulationOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CancellationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator feeding the local system at a steady, watchable pace in the background, its
 * simulated clock running faster than the wall clock until it reaches now, so that order lives (and
 * troubles) unfold while you look, and never ahead of it (see {@link WallClockPace}). It resumes
 * where the previous run stopped (see {@link FeedPosition}).
 */
final class LiveFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveFeed.class);

    private final Simulation simulation;
    private final FeedProducer producer;
    private final double eventsPerSecond;
    private final Path positionFile;
    private final FeedPosition resumedAt;
    private final WallClockPace paced;
    private final Thread thread;
    private volatile boolean closed;

    /**
     * A feed of the simulation with the given options, started at the saved position's simulated
     * start (or {@code options}' own when none was saved).
     */
    LiveFeed(
            SimulationOptions options,
            String bootstrapServers,
            KafkaSecurity kafkaSecurity,
            FeedProducer.Topics topics,
            double eventsPerSecond,
            Path positionFile) {
        this.positionFile = positionFile;
        this.resumedAt = FeedPosition.load(positionFile, options.start());
        this.simulation = Simulation.of(options.withStart(resumedAt.start()));
        this.producer = new FeedProducer(bootstrapServers, kafkaSecurity, topics);
        this.eventsPerSecond = eventsPerSecond;
        this.paced = new WallClockPace(simulation, Clock.systemUTC(), () -> closed);
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
            skipSent();
            producer.send(
                    paced,
                    eventsPerSecond,
                    (sent, nanos) -> {
                        position().save(positionFile);
                        LOG.info(
                                "Live feed: {} events sent, {} orders placed",
                                resumedAt.sent() + sent,
                                simulation.ordersPlaced());
                    });
        } catch (CancellationException e) {
            LOG.info("Live feed stopped");
        } catch (RuntimeException e) {
            LOG.warn("Live feed stopped: {}", e.toString());
        }
    }

    /** Skips, unsent, what a previous run of the same simulation sent. */
    private void skipSent() {
        if (resumedAt.sent() == 0) {
            return;
        }
        LOG.info(
                "Live feed resumes its run from {} after the {} records sent before",
                resumedAt.start(),
                resumedAt.sent());
        for (long i = 0; i < resumedAt.sent() && simulation.hasNext() && !closed; i++) {
            simulation.next();
        }
    }

    private FeedPosition position() {
        return new FeedPosition(resumedAt.start(), resumedAt.sent() + paced.taken());
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        producer.stop();
        thread.join(10_000);
        producer.close();
        position().save(positionFile);
    }
}
