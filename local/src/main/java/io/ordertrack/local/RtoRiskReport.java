package io.ordertrack.local;

import io.ordertrack.avro.OrderState;
import io.ordertrack.domain.RtoRisk;
import io.ordertrack.simulator.Simulation;
import io.ordertrack.simulator.SimulationOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How well the RTO risk score ranks the orders that really went RTO, on a simulated feed replayed
 * in its arrival order through the same lifecycle and risk code the job runs: rates are learned
 * only from orders finished earlier in the feed, as in the job.
 *
 * <p>Each order is judged twice: by its score when it left the warehouse (payment, destination,
 * courier and customer history only) and by its last score before its outcome was known (with the
 * failed deliveries). Reported: ROC AUC, and precision and recall at the alert threshold.
 *
 * <p>Usage: {@code deploy/local/rto-risk-report.sh [--orders N] [--seed S] [--out FILE]}
 */
public final class RtoRiskReport {

    /** One finished order: its scores and whether it went RTO. */
    record Judged(int atDispatch, int beforeOutcome, boolean rto) {}

    private final RtoRisk risk = new RtoRisk(RtoRisk.Settings.DEFAULT);
    private final FeedReplay feed = new FeedReplay(this::score);
    private final Map<String, Integer> scoreAtDispatch = new HashMap<>();
    private final Map<String, Integer> latestScore = new HashMap<>();
    private final Map<String, RtoRisk.Tally> tallies = new HashMap<>();
    private final Map<String, RtoRisk.Tally> customers = new HashMap<>();
    private final List<Judged> judged = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        Map<String, String> options = CommandLine.options(args);
        int orderCount = Integer.parseInt(options.getOrDefault("orders", "100000"));
        long seed = Long.parseLong(options.getOrDefault("seed", "7"));
        Path out = Path.of(options.getOrDefault("out", "target/rto-risk-report.md"));

        RtoRiskReport report = new RtoRiskReport();
        Simulation simulation = Simulation.of(SimulationOptions.defaults(seed, orderCount));
        simulation.forEachRemaining(report.feed::replay);
        String table = report.summary(orderCount, seed);
        System.out.println(table);
        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Files.writeString(out, table);
        System.out.println("written to " + out);
    }

    private void score(OrderState order) {
        String orderId = order.getOrderId();
        if (order.getDetails() == null) {
            return;
        }
        RtoRisk.Outcome outcome = RtoRisk.outcomeOf(order);
        String customer = RtoRisk.customerOf(order);
        if (outcome == RtoRisk.Outcome.OPEN) {
            try {
                int score =
                        risk.assess(
                                        order,
                                        signal -> tallies.getOrDefault(signal, RtoRisk.Tally.NONE),
                                        customers.getOrDefault(customer, RtoRisk.Tally.NONE))
                                .score();
                latestScore.put(orderId, score);
                if (order.getMilestones().containsKey("PICKED_UP")
                        || order.getMilestones().containsKey("DISPATCHED")) {
                    scoreAtDispatch.putIfAbsent(orderId, score);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return;
        }
        feed.forget(orderId);
        if (outcome == RtoRisk.Outcome.NEITHER) {
            return;
        }
        boolean rto = outcome == RtoRisk.Outcome.RTO;
        for (String signal : RtoRisk.signalsOf(order)) {
            tallies.put(signal, tallies.getOrDefault(signal, RtoRisk.Tally.NONE).plus(rto));
        }
        customers.put(customer, customers.getOrDefault(customer, RtoRisk.Tally.NONE).plus(rto));
        Integer last = latestScore.remove(orderId);
        if (last == null) {
            return;
        }
        Integer atDispatch = scoreAtDispatch.remove(orderId);
        judged.add(new Judged(atDispatch == null ? last : atDispatch, last, rto));
    }

    String summary(int orderCount, long seed) {
        int threshold = risk.settings().alertThreshold();
        long rto = judged.stream().filter(Judged::rto).count();
        StringBuilder text = new StringBuilder();
        text.append(
                String.format(
                        Locale.ROOT,
                        "RTO risk on %d simulated orders (seed %d): %d delivered or returned, %d"
                                + " RTO (%.1f%%)%n%n",
                        orderCount,
                        seed,
                        judged.size(),
                        rto,
                        100.0 * rto / judged.size()));
        text.append("| score taken | ROC AUC | alerted (score ≥ ")
                .append(threshold)
                .append(") | precision | recall |\n|---|---|---|---|---|\n");
        row(text, "when the order left the warehouse", Judged::atDispatch, threshold);
        row(text, "last before the outcome was known", Judged::beforeOutcome, threshold);
        return text.toString();
    }

    private void row(
            StringBuilder text,
            String label,
            java.util.function.ToIntFunction<Judged> score,
            int threshold) {
        long alerted = judged.stream().filter(j -> score.applyAsInt(j) >= threshold).count();
        long hits =
                judged.stream().filter(j -> j.rto() && score.applyAsInt(j) >= threshold).count();
        long rto = judged.stream().filter(Judged::rto).count();
        text.append(
                String.format(
                        Locale.ROOT,
                        "| %s | %.3f | %d | %.1f%% | %.1f%% |%n",
                        label,
                        rocAuc(judged, score),
                        alerted,
                        alerted == 0 ? 0 : 100.0 * hits / alerted,
                        rto == 0 ? 0 : 100.0 * hits / rto));
    }

    /** The probability that an RTO order scores above a delivered one (ties count half). */
    static double rocAuc(List<Judged> orders, java.util.function.ToIntFunction<Judged> score) {
        long[] rtoByScore = new long[101];
        long[] deliveredByScore = new long[101];
        for (Judged order : orders) {
            int s = score.applyAsInt(order);
            if (order.rto()) {
                rtoByScore[s]++;
            } else {
                deliveredByScore[s]++;
            }
        }
        double pairs = 0;
        long deliveredBelow = 0;
        long rtoTotal = 0;
        long deliveredTotal = 0;
        for (int s = 0; s <= 100; s++) {
            pairs += rtoByScore[s] * (deliveredBelow + deliveredByScore[s] / 2.0);
            deliveredBelow += deliveredByScore[s];
            rtoTotal += rtoByScore[s];
            deliveredTotal += deliveredByScore[s];
        }
        return pairs / ((double) rtoTotal * deliveredTotal);
    }

    private RtoRiskReport() {}
}
