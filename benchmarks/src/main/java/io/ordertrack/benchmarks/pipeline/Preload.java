package io.ordertrack.benchmarks.pipeline;

import io.ordertrack.simulator.FeedProducer;
import io.ordertrack.simulator.Oracle;
import io.ordertrack.simulator.Simulation;
import io.ordertrack.simulator.SimulationOptions;

/**
 * The first phase: the simulated orders' events sent to fresh topics, so that every later phase
 * reads the same events at the speed of its reader, not of the simulator.
 */
final class Preload {
    /**
     * What was preloaded.
     *
     * @param events how many events
     * @param finalVersions the sum of the final versions of the order documents, which a replay
     *     reaches when every order is fully indexed
     */
    record Feed(FeedProducer.Topics topics, long events, long finalVersions) {}

    private Preload() {}

    static Feed send(BenchmarkRun run, BenchmarkReport report, int orders) throws Exception {
        FeedProducer.Topics topics = KafkaTopics.named(run.name());
        KafkaTopics.create(run, topics);
        Simulation simulation =
                Simulation.of(SimulationOptions.defaults(BenchmarkRun.SEED, orders));
        long started = System.nanoTime();
        long events;
        try (FeedProducer producer = new FeedProducer(run.kafka(), run.kafkaSecurity(), topics)) {
            events = producer.send(simulation);
        }
        Oracle oracle = simulation.oracle();
        long finalVersions = oracle.orders().stream().mapToLong(o -> o.truth().events()).sum();
        report.put("events", events);
        report.put("preloadSeconds", BenchmarkRun.secondsSince(started));
        return new Feed(topics, events, finalVersions);
    }
}
