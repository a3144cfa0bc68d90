package io.ordertrack.benchmarks.risk;

import io.ordertrack.avro.OrderState;
import io.ordertrack.benchmarks.CommandLine;
import io.ordertrack.benchmarks.FeedReplay;
import io.ordertrack.domain.risk.RecentOutcomes;
import io.ordertrack.domain.risk.RtoLearning;
import io.ordertrack.domain.risk.RtoRisk;
import io.ordertrack.simulator.Oracle;
import io.ordertrack.simulator.Simulation;
import io.ordertrack.simulator.SimulationOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;

/**
 * How well the RTO risk score ranks the orders that really went RTO, on a simulated feed replayed
 * in its arrival order through the same lifecycle and risk code the job runs: an order is scored
 * with the orders that finished the job's learning lag before its latest event ({@link
 * RtoLearning}), as in the job.
 *
 * <p>Each order is judged twice: by its score when it left the warehouse (payment, destination,
 * courier and customer history only) and by its last score before its outcome was known (with the
 * failed deliveries). The model learns first delivery attempts as the job does (once per order, as
 * of when the job knew the attempt) and finished orders. Reported: ROC AUC, and precision and
 * recall at the alert threshold.
 *
 * <p>Usage: {@code deploy/local/rto-risk-report.sh [--orders N] [--seed S] [--out FILE]}
 */
public final class RtoRiskReport {

    /** One finished order: its scores and whether it went RTO. */
    record Judged(
            String orderId, Instant placedAt, int atDispatch, int beforeOutcome, boolean rto) {}

    /** The days a run's model knows nothing: no delivery has been attempted before about then. */
    private static final Duration KNOWING_NOTHING = Duration.ofDays(2);

    /** The days it knows first attempts only: no RTO outcome is known before about then. */
    private static final Duration KNOWING_FIRST_ATTEMPTS = Duration.ofDays(7);

    /** The job's: its watermark is this far behind the latest event read. */
    private static final long DISORDER_MILLIS = Duration.ofMinutes(10).toMillis();

    private final RtoRisk risk = new RtoRisk(RtoRisk.Settings.DEFAULT);
    private final RtoLearning learning = new RtoLearning(RtoLearning.DEFAULT_LAG);
    private final FeedReplay feed = new FeedReplay(this::score);
    private final Map<String, Integer> scoreAtDispatch = new HashMap<>();
    private final Map<String, Integer> latestScore = new HashMap<>();
    private final Set<String> firstAttemptsLearned = new HashSet<>();
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
        Map<String, Double> chances = new HashMap<>();
        for (Oracle.OrderTruth order : simulation.oracle().orders()) {
            chances.put(order.orderId(), order.truth().rtoChance());
        }
        ReportTable.publish(report.summary(simulation.options(), chances), out);
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
        long watermark = latestEventAt - DISORDER_MILLIS;
        learnFirstAttempt(order, watermark);
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
        firstAttemptsLearned.remove(orderId);
        if (outcome == RtoRisk.Outcome.NEITHER) {
            return;
        }
        boolean rto = outcome == RtoRisk.Outcome.RTO;
        Instant finishedAt = RtoRisk.finishedAt(order);
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
        judged.add(
                new Judged(
                        orderId,
                        order.getPlacedAt(),
                        atDispatch == null ? last : atDispatch,
                        last,
                        rto));
    }

    /** The first time an order shows its first delivery attempt, the model learns it. */
    private void learnFirstAttempt(OrderState order, long watermark) {
        RtoRisk.AttemptLesson attempt = RtoRisk.firstAttemptOf(order);
        if (attempt == null || !firstAttemptsLearned.add(order.getOrderId())) {
            return;
        }
        try {
            learning.learn(
                    RtoRisk.firstAttemptSignalsOf(order),
                    attempt.knownAt(),
                    attempt.failed(),
                    watermark,
                    signals);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    String summary(SimulationOptions options, Map<String, Double> chances) {
        int threshold = risk.settings().alertThreshold();
        long rto = judged.stream().filter(Judged::rto).count();
        Instant attempted = options.start().plus(KNOWING_NOTHING);
        Instant returned = options.start().plus(KNOWING_FIRST_ATTEMPTS);
        ToDoubleFunction<Judged> ceiling = order -> chances.get(order.orderId());
        StringBuilder text = new StringBuilder();
        text.append(
                String.format(
                        Locale.ROOT,
                        "RTO risk on %d simulated orders (seed %d): %d delivered or returned, %d"
                                + " RTO (%.1f%%)%n%n",
                        options.orders(),
                        options.seed(),
                        judged.size(),
                        rto,
                        100.0 * rto / judged.size()));
        text.append("| score taken | orders | ROC AUC | ceiling | alerted (score ≥ ")
                .append(threshold)
                .append(") | precision | recall |\n|---|---|---|---|---|---|---|\n");
        row(text, "when the order left the warehouse", judged, Judged::atDispatch, ceiling);
        row(
                text,
                "… placed in the run's first two days",
                placedBetween(Instant.MIN, attempted),
                Judged::atDispatch,
                ceiling);
        row(
                text,
                "… placed in the rest of its first week",
                placedBetween(attempted, returned),
                Judged::atDispatch,
                ceiling);
        row(
                text,
                "… placed after it",
                placedBetween(returned, Instant.MAX),
                Judged::atDispatch,
                ceiling);
        row(text, "last before the outcome was known", judged, Judged::beforeOutcome, null);
        double atDispatch = rocAuc(judged, Judged::atDispatch);
        double best = rocAuc(judged, ceiling);
        text.append(
                String.format(
                        Locale.ROOT,
                        "%nWhen the order left the warehouse: ROC AUC %.4f against a ceiling of"
                                + " %.4f, %.4f below it.%n",
                        atDispatch,
                        best,
                        best - atDispatch));
        return text.toString();
    }

    private List<Judged> placedBetween(Instant from, Instant to) {
        return judged.stream()
                .filter(j -> !j.placedAt().isBefore(from) && j.placedAt().isBefore(to))
                .toList();
    }

    /**
     * A row: how the score ranks the orders, next to how the simulator's own chance of RTO ranks
     * them (the ceiling before dispatch, when given), and the alert threshold's precision and
     * recall.
     */
    private void row(
            StringBuilder text,
            String label,
            List<Judged> orders,
            ToIntFunction<Judged> score,
            ToDoubleFunction<Judged> ceiling) {
        int threshold = risk.settings().alertThreshold();
        long alerted = orders.stream().filter(j -> score.applyAsInt(j) >= threshold).count();
        long hits =
                orders.stream().filter(j -> j.rto() && score.applyAsInt(j) >= threshold).count();
        long rto = orders.stream().filter(Judged::rto).count();
        text.append(
                String.format(
                        Locale.ROOT,
                        "| %s | %d | %.3f | %s | %d | %.1f%% | %.1f%% |%n",
                        label,
                        orders.size(),
                        rocAuc(orders, score::applyAsInt),
                        ceiling == null
                                ? "—"
                                : String.format(Locale.ROOT, "%.3f", rocAuc(orders, ceiling)),
                        alerted,
                        alerted == 0 ? 0 : 100.0 * hits / alerted,
                        rto == 0 ? 0 : 100.0 * hits / rto));
    }

    /** The probability that an RTO order scores above a delivered one (ties count half). */
    static double rocAuc(List<Judged> orders, ToDoubleFunction<Judged> score) {
        List<Judged> ranked = orders.stream().sorted(Comparator.comparingDouble(score)).toList();
        double pairs = 0;
        long deliveredBelow = 0;
        long rtoTotal = 0;
        int from = 0;
        while (from < ranked.size()) {
            double tied = score.applyAsDouble(ranked.get(from));
            int to = from;
            long rtoTied = 0;
            long deliveredTied = 0;
            while (to < ranked.size() && score.applyAsDouble(ranked.get(to)) == tied) {
                if (ranked.get(to++).rto()) {
                    rtoTied++;
                } else {
                    deliveredTied++;
                }
            }
            pairs += rtoTied * (deliveredBelow + deliveredTied / 2.0);
            deliveredBelow += deliveredTied;
            rtoTotal += rtoTied;
            from = to;
        }
        return pairs / ((double) rtoTotal * deliveredBelow);
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
