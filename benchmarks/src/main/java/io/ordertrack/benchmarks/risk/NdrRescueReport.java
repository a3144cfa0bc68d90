package io.ordertrack.benchmarks.risk;

import io.ordertrack.avro.CohortMetrics;
import io.ordertrack.avro.OrderState;
import io.ordertrack.avro.ShipmentFacts;
import io.ordertrack.benchmarks.CommandLine;
import io.ordertrack.benchmarks.FeedReplay;
import io.ordertrack.domain.analytics.ShipmentMetrics;
import io.ordertrack.simulator.Oracle;
import io.ordertrack.simulator.Simulation;
import io.ordertrack.simulator.SimulationOptions;
import io.ordertrack.simulator.Truth;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The NDR rescue rate (of the shipments with a failed delivery attempt, the share delivered in the
 * end) per reason of the first failed attempt and per courier, as the job's cohort metrics count it
 * from a simulated feed replayed in arrival order, next to the simulator's truth.
 *
 * <p>Usage: {@code deploy/local/ndr-rescue-report.sh [--orders N] [--seed S] [--out FILE]}
 */
public final class NdrRescueReport {

    /** Shipments with a failed attempt and how many of them were delivered in the end. */
    private static final class Rescues {
        long shipments;
        long rescued;

        void add(boolean delivered) {
            shipments++;
            rescued += delivered ? 1 : 0;
        }

        String rate() {
            return shipments == 0
                    ? "—"
                    : String.format(Locale.ROOT, "%.1f%%", 100.0 * rescued / shipments);
        }
    }

    private NdrRescueReport() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = CommandLine.options(args);
        int orderCount = Integer.parseInt(options.getOrDefault("orders", "100000"));
        long seed = Long.parseLong(options.getOrDefault("seed", "7"));
        Path out = Path.of(options.getOrDefault("out", "target/ndr-rescue-report.md"));

        Simulation simulation = Simulation.of(SimulationOptions.defaults(seed, orderCount));
        FeedReplay feed = new FeedReplay(order -> {});
        simulation.forEachRemaining(feed::replay);

        Map<String, CohortMetrics> counted = new TreeMap<>();
        for (OrderState order : feed.tracked()) {
            ShipmentFacts facts = ShipmentMetrics.factsOf(order, false);
            if (facts != null) {
                count(counted, "all couriers", facts);
                count(counted, facts.getCohort().getCourier(), facts);
            }
        }
        Map<String, Rescues> truthByReason = new TreeMap<>();
        Map<String, Rescues> truthByCourier = new TreeMap<>();
        for (Oracle.OrderTruth order : simulation.oracle().orders()) {
            Truth truth = order.truth();
            if (truth.dispatchedAt() == null || truth.ndrAttempts() == 0) {
                continue;
            }
            boolean rto =
                    truth.shipmentStatus() != null && truth.shipmentStatus().startsWith("RTO_");
            boolean delivered = !rto && truth.deliveredAt() != null;
            truthByReason
                    .computeIfAbsent(truth.ndrReasons().get(0), r -> new Rescues())
                    .add(delivered);
            truthByCourier.computeIfAbsent(order.courier(), c -> new Rescues()).add(delivered);
            truthByCourier.computeIfAbsent("all couriers", c -> new Rescues()).add(delivered);
        }

        ReportTable.publish(
                summary(simulation.options(), counted, truthByReason, truthByCourier), out);
    }

    private static void count(
            Map<String, CohortMetrics> counted, String group, ShipmentFacts facts) {
        ShipmentMetrics.count(
                counted.computeIfAbsent(
                        group, g -> ShipmentMetrics.emptyMetrics(facts.getCohort())),
                facts,
                1);
    }

    private static String summary(
            SimulationOptions options,
            Map<String, CohortMetrics> counted,
            Map<String, Rescues> truthByReason,
            Map<String, Rescues> truthByCourier) {
        CohortMetrics all = counted.get("all couriers");
        StringBuilder text = new StringBuilder();
        text.append(
                String.format(
                        Locale.ROOT,
                        "NDR rescues on %d simulated orders (seed %d): %d shipments, %d with a"
                                + " failed attempt%n%n",
                        options.orders(),
                        options.seed(),
                        all.getShipments(),
                        all.getNdrShipments()));
        text.append(
                "| first failed attempt | shipments | rescued | rescue rate | truth: shipments,"
                        + " rescued, rate |\n|---|---|---|---|---|\n");
        Map<String, Rescues> byReason = new TreeMap<>();
        all.getNdrFirstReasons()
                .forEach(
                        (reason, shipments) -> {
                            Rescues rescues = new Rescues();
                            rescues.shipments = shipments;
                            rescues.rescued =
                                    all.getNdrFirstReasonsDelivered().getOrDefault(reason, 0L);
                            byReason.put(reason, rescues);
                        });
        rows(text, byReason, truthByReason);
        text.append(
                "\n| courier | NDR shipments | rescued | rescue rate | truth: shipments, rescued,"
                        + " rate |\n|---|---|---|---|---|\n");
        Map<String, Rescues> byCourier = new TreeMap<>();
        counted.forEach(
                (courier, metrics) -> {
                    Rescues rescues = new Rescues();
                    rescues.shipments = metrics.getNdrShipments();
                    rescues.rescued = metrics.getNdrDelivered();
                    byCourier.put(courier, rescues);
                });
        rows(text, byCourier, truthByCourier);
        return text.toString();
    }

    private static void rows(
            StringBuilder text, Map<String, Rescues> ours, Map<String, Rescues> truth) {
        Map<String, Rescues> groups = new TreeMap<>(truth);
        groups.putAll(ours);
        for (String group : groups.keySet()) {
            Rescues counted = ours.getOrDefault(group, new Rescues());
            Rescues real = truth.getOrDefault(group, new Rescues());
            text.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %d | %d | %s | %d, %d, %s |%n",
                            group,
                            counted.shipments,
                            counted.rescued,
                            counted.rate(),
                            real.shipments,
                            real.rescued,
                            real.rate()));
        }
    }
}
