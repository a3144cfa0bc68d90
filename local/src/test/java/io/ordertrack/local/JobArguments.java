package io.ordertrack.local;

import io.ordertrack.testkit.RunTopics;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of the order tracking job for one test run: topics, consumer group and indices
 * of its own, named after the run, on the given Kafka and Elasticsearch. Every rule keeps its
 * default: the simulator's oracle judges the run by the design's default rules. Checkpoints come
 * every second, also while the job catches up: the tests replay preloaded feeds and restart from
 * checkpoints taken within them.
 */
final class JobArguments {
    private JobArguments() {}

    static List<String> of(String run, String kafka, String elasticsearch) {
        List<String> arguments = new ArrayList<>(RunTopics.arguments(run, kafka));
        arguments.addAll(
                List.of(
                        "--consumer.group",
                        "order-tracking-" + run,
                        "--elasticsearch.url",
                        elasticsearch,
                        "--index.orders",
                        "orders-" + run,
                        "--index.alerts",
                        "alerts-" + run,
                        "--index.inventory",
                        "inventory-" + run,
                        "--index.metrics",
                        "metrics-" + run,
                        "--index.routing",
                        "routing-" + run,
                        "--index.job-status",
                        "job-status-" + run,
                        "--index.feed-health",
                        "feed-health-" + run,
                        "--index.cod",
                        "cod-" + run,
                        "--checkpoint.interval",
                        "1s",
                        "--checkpoint.interval-while-catching-up",
                        "1s"));
        return List.copyOf(arguments);
    }
}
