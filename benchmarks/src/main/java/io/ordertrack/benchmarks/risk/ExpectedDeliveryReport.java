package io.ordertrack.benchmarks.risk;

import io.ordertrack.avro.OrderState;
import io.ordertrack.avro.ShipmentStatus;
import io.ordertrack.benchmarks.CommandLine;
import io.ordertrack.benchmarks.FeedReplay;
import io.ordertrack.documents.SellersTime;
import io.ordertrack.domain.delivery.ExpectedDelivery;
import io.ordertrack.domain.delivery.ExpectedDelivery.Estimate;
import io.ordertrack.domain.delivery.ExpectedDelivery.Progress;
import io.ordertrack.domain.delivery.TransitLearning;
import io.ordertrack.domain.risk.RtoLearning;
import io.ordertrack.domain.risk.RtoRisk;
import io.ordertrack.simulator.ExpectedAlert;
import io.ordertrack.simulator.Oracle;
import io.ordertrack.simulator.Simulation;
import io.ordertrack.simulator.SimulationOptions;
import io.ordertrack.simulator.Truth;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How well the expected delivery time predicts when parcels are really delivered, and whether a
 * parcel will miss its promised date, on a simulated feed replayed in arrival order through the
 * job's lifecycle and the model ({@link ExpectedDelivery}), judged against the simulator's truth.
 *
 * <p>The model learns as the job does ({@link TransitLearning}: a delivery counts from the day six
 * hours after it became known), and predicts on every event of an order. Reported: the mean
 * absolute error in hours of the first prediction from each point of a parcel's way and how often
 * the delivery fell within the range; and for the promised date, the precision, recall and lead
 * time of "predicted to miss it" against the orders that really missed it, next to the rule of the
 * EDD_BREACH alert (not at the destination hub when the promised day begins).
 *
 * <p>Usage: {@code deploy/local/expected-delivery-report.sh [--orders N] [--seed S] [--out FILE]}
 */
public final class ExpectedDeliveryReport {
    /** The job's: its watermark is this far behind the latest event read. */
    private static final long DISORDER_MILLIS = Duration.ofMinutes(10).toMillis();

    private static final double HOUR = Duration.ofHours(1).toMillis();

    /** What was predicted for one order. */
    private static final class Predictions {
        final Map<Progress, Estimate> first = new EnumMap<>(Progress.class);
        Instant breachPredictedAt;
    }

    private final ExpectedDelivery model = new ExpectedDelivery(ExpectedDelivery.Settings.DEFAULT);
    private final TransitLearning learning =
            new TransitLearning(new RtoLearning(RtoLearning.DEFAULT_LAG).clock());
    private final Map<String, TransitLearning.Lessons> learned = new HashMap<>();
    private final TransitLearning.Store store =
            new TransitLearning.Store() {
                @Override
                public TransitLearning.Lessons recall(String key) {
                    return learned.getOrDefault(key, TransitLearning.Lessons.NONE);
                }

                @Override
                public void keep(String key, TransitLearning.Lessons lessons) {
                    learned.put(key, lessons);
                }
            };
    private final Set<String> deliveredSeen = new HashSet<>();
    private final Map<String, Predictions> predictions = new HashMap<>();
    private final FeedReplay feed = new FeedReplay(this::predict);
    private long clock = Long.MIN_VALUE;

    private ExpectedDeliveryReport() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = CommandLine.options(args);
        int orderCount = Integer.parseInt(options.getOrDefault("orders", "100000"));
        long seed = Long.parseLong(options.getOrDefault("seed", "7"));
        Path out = Path.of(options.getOrDefault("out", "target/expected-delivery-report.md"));

        ExpectedDeliveryReport report = new ExpectedDeliveryReport();
        Simulation simulation = Simulation.of(SimulationOptions.defaults(seed, orderCount));
        simulation.forEachRemaining(report.feed::replay);
        ReportTable.publish(report.summary(simulation.options(), simulation.oracle()), out);
    }

    private void predict(OrderState order) {
        Instant at = order.getLastEventAt();
        clock = Math.max(clock, at.toEpochMilli());
        try {
            if (order.getShipmentStatus() == ShipmentStatus.DELIVERED
                    && deliveredSeen.add(order.getOrderId())) {
                learning.learn(
                        ExpectedDelivery.lessonsOf(order),
                        RtoRisk.knownAt(order),
                        clock - DISORDER_MILLIS,
                        store);
                return;
            }
            model.estimate(order, at, learning.asOf(at, store))
                    .ifPresent(estimate -> note(order, at, estimate));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void note(OrderState order, Instant at, Estimate estimate) {
        Predictions predicted =
                predictions.computeIfAbsent(order.getOrderId(), id -> new Predictions());
        predicted.first.putIfAbsent(estimate.from(), estimate);
        LocalDate promised = order.getDetails().getPromisedDeliveryDate();
        if (promised == null || predicted.breachPredictedAt != null) {
            return;
        }
        Instant due = endOf(promised);
        if (at.isBefore(due) && estimate.expectedAt().isAfter(due)) {
            predicted.breachPredictedAt = at;
        }
    }

    private static Instant endOf(LocalDate day) {
        return day.plusDays(1).atStartOfDay(SellersTime.ZONE).toInstant();
    }

    String summary(SimulationOptions options, Oracle oracle) {
        Map<String, Instant> ruleAlertedAt = new HashMap<>();
        for (ExpectedAlert alert : oracle.alerts()) {
            if (alert.type().equals("EDD_BREACH")) {
                ruleAlertedAt.merge(
                        alert.subject(),
                        Instant.ofEpochMilli(alert.dueAt()),
                        (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        Map<String, Instant> promisedEnds = new HashMap<>();
        for (OrderState order : feed.tracked()) {
            if (order.getDetails() != null
                    && order.getDetails().getPromisedDeliveryDate() != null) {
                promisedEnds.put(
                        order.getOrderId(), endOf(order.getDetails().getPromisedDeliveryDate()));
            }
        }
        Map<Progress, List<Double>> errors = new EnumMap<>(Progress.class);
        Map<Progress, Integer> within = new EnumMap<>(Progress.class);
        List<Double> promisedErrors = new ArrayList<>();
        Breaches model = new Breaches();
        Breaches rule = new Breaches();
        Breaches either = new Breaches();
        for (Oracle.OrderTruth order : oracle.orders()) {
            Truth truth = order.truth();
            Predictions predicted = predictions.getOrDefault(order.orderId(), new Predictions());
            boolean rto =
                    truth.shipmentStatus() != null && truth.shipmentStatus().startsWith("RTO_");
            if (!rto && truth.deliveredAt() != null && truth.dispatchedAt() != null) {
                for (Map.Entry<Progress, Estimate> first : predicted.first.entrySet()) {
                    Estimate estimate = first.getValue();
                    errors.computeIfAbsent(first.getKey(), p -> new ArrayList<>())
                            .add(hoursBetween(estimate.expectedAt(), truth.deliveredAt()));
                    boolean inRange =
                            !truth.deliveredAt().isBefore(estimate.earliest())
                                    && !truth.deliveredAt().isAfter(estimate.latest());
                    within.merge(first.getKey(), inRange ? 1 : 0, Integer::sum);
                }
            }
            Instant due = promisedEnds.get(order.orderId());
            if (truth.dispatchedAt() == null || due == null) {
                continue;
            }
            boolean breached = truth.flags().contains("EDD_BREACHED");
            Instant byRule = ruleAlertedAt.get(order.orderId());
            if (byRule != null && !byRule.isBefore(due)) {
                byRule = null;
            }
            model.judge(breached, predicted.breachPredictedAt, due);
            rule.judge(breached, byRule, due);
            either.judge(breached, earliest(predicted.breachPredictedAt, byRule), due);
        }
        StringBuilder text = new StringBuilder();
        text.append(
                String.format(
                        Locale.ROOT,
                        "Expected delivery on %d simulated orders (seed %d)%n%n",
                        options.orders(),
                        options.seed()));
        text.append(
                "| first predicted from | delivered parcels | mean absolute error (h) | median"
                        + " error (h) | delivered within the 80% range |\n|---|---|---|---|---|\n");
        for (Progress progress : Progress.values()) {
            List<Double> hours = errors.getOrDefault(progress, List.of());
            if (hours.isEmpty()) {
                continue;
            }
            text.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %d | %.1f | %.1f | %.1f%% |%n",
                            progress.name().toLowerCase(Locale.ROOT).replace('_', ' '),
                            hours.size(),
                            hours.stream().mapToDouble(Double::doubleValue).average().orElse(0),
                            median(hours),
                            100.0 * within.get(progress) / hours.size()));
        }
        text.append(
                "\n| missing the promised date, predicted by | predicted | precision | recall |"
                        + " median lead time (h) |\n|---|---|---|---|---|\n");
        model.row(text, "the expected delivery after the promised day");
        rule.row(text, "the alert's rule: not at the destination hub when the day begins");
        either.row(text, "either");
        text.append(
                String.format(
                        Locale.ROOT,
                        "%nOrders that really missed their promised date: %d%n",
                        model.breached));
        return text.toString();
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    private static double hoursBetween(Instant a, Instant b) {
        return Math.abs(a.toEpochMilli() - b.toEpochMilli()) / HOUR;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    /** Predictions of a missed promised date against the orders that missed it. */
    private static final class Breaches {
        long breached;
        long predicted;
        long right;
        final List<Double> leadHours = new ArrayList<>();

        void judge(boolean breached, Instant predictedAt, Instant due) {
            this.breached += breached ? 1 : 0;
            if (predictedAt == null) {
                return;
            }
            predicted++;
            if (breached) {
                right++;
                leadHours.add((due.toEpochMilli() - predictedAt.toEpochMilli()) / HOUR);
            }
        }

        void row(StringBuilder text, String label) {
            text.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %d | %.1f%% | %.1f%% | %s |%n",
                            label,
                            predicted,
                            predicted == 0 ? 0 : 100.0 * right / predicted,
                            breached == 0 ? 0 : 100.0 * right / breached,
                            leadHours.isEmpty()
                                    ? "—"
                                    : String.format(Locale.ROOT, "%.1f", median(leadHours))));
        }
    }
}
