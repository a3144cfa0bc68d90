package io.ordertrack.testkit;

import java.util.List;

/**
 * The Kafka topics of one test run, each named after the run ({@code orders-<run>}, {@code
 * tracking-<run>}, {@code inventory-<run>}, {@code remittances-<run>}, {@code alerts-<run>}, {@code
 * notifications-<run>}, {@code dead-letters-<run>}), as the order tracking job's command line names
 * them: runs sharing a broker never see each other's records.
 */
public final class RunTopics {
    private RunTopics() {}

    /** The job's Kafka arguments for the run's topics on the broker at {@code kafka}. */
    public static List<String> arguments(String run, String kafka) {
        return List.of(
                "--kafka.bootstrap.servers",
                kafka,
                "--topic.orders",
                "orders-" + run,
                "--topic.tracking",
                "tracking-" + run,
                "--topic.inventory",
                "inventory-" + run,
                "--topic.remittances",
                "remittances-" + run,
                "--topic.alerts",
                "alerts-" + run,
                "--topic.notifications",
                "notifications-" + run,
                "--topic.dead-letters",
                "dead-letters-" + run);
    }
}
