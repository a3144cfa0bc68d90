package io.ordertrack.benchmarks.risk;

import io.ordertrack.avro.OrderState;
import io.ordertrack.benchmarks.CommandLine;
import io.ordertrack.benchmarks.FeedReplay;
import io.ordertrack.domain.risk.RecentOutcomes;
import io.ordertrack.domain.risk.RtoLearning;
import io.ordertrack.domain.risk.RtoRisk;
import io.ordertrack.simulator.Simulation;
import io.ordertrack.simulator.SimulationOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How well the RTO risk score ranks the orders that really went RTO, on a simulated feed replayed
 * in its arrival order through the same lifecycle and risk code the job runs: an order is scored
 * with the orders that finished the job's learning lag before its latest event ({@link
 * RtoLearning}), as in the job.
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

    /** The job's: its watermark is this far behind the latest event read. */
    private static final long DISORDER_MILLIS = Duration.ofMinutes(10).toMillis();

    private final RtoRisk risk = new RtoRisk(RtoRisk.Settings.DEFAULT);
    private final RtoLearning learning = new RtoLearning(RtoLearning.DEFAULT_LAG);
    private final FeedReplay feed = new FeedReplay(this::score);
    private final Map<String, Integer> scoreAtDispatch = new HashMap<>();
    private final Map<String, Integer> latestScore = new HashMap<>();
    private final Learned signals = new Learned();
    private final Learned customers = new Learned();
    private final List<Judged> judged = new ArrayList<>();
    private long latestEventAt = Long.MIN_VALUE;

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
        Instant at = order.getLastEventAt();
        latestEventAt = Math.max(latestEventAt, at.toEpochMilli());
        if (outcome == RtoRisk.Outcome.OPEN) {
            try {
                int score =
                        risk.assess(
                                        order,
                                        learning.asOf(at, signals),
                                        learning.asOf(at, customer, customers))
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
        Instant finishedAt = RtoRisk.finishedAt(order);
        long watermark = latestEventAt - DISORDER_MILLIS;
        try {
            learning.learn(RtoRisk.signalsOf(order), finishedAt, rto, watermark, signals);
            learning.learn(List.of(customer), finishedAt, rto, watermark, customers);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
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

    /** What was learned, by signal or by customer. */
    private static final class Learned implements RtoLearning.Store {
        private final Map<String, RtoLearning.Lessons> lessons = new HashMap<>();

        @Override
        public RtoLearning.Lessons recall(String key) {
            return lessons.getOrDefault(
                    key, new RtoLearning.Lessons(RtoRisk.Tally.NONE, RecentOutcomes.NONE));
        }

        @Override
        public void keep(String key, RtoLearning.Lessons learned) {
            lessons.put(key, learned);
        }
    }
}
