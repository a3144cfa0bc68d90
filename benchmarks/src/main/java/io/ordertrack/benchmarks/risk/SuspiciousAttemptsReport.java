package io.ordertrack.benchmarks.risk;

import io.ordertrack.avro.OrderState;
import io.ordertrack.benchmarks.CommandLine;
import io.ordertrack.benchmarks.FeedReplay;
import io.ordertrack.domain.ndr.AttemptSuspicion;
import io.ordertrack.simulator.Oracle;
import io.ordertrack.simulator.Simulation;
import io.ordertrack.simulator.SimulationOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How well the suspicion of failed delivery attempts ({@link AttemptSuspicion}) finds the attempts
 * that never happened, on a simulated feed with fake attempts (the simulator's truth says which),
 * replayed in arrival order through the job's lifecycle: precision and recall of "suspicious", per
 * sign, and the courier × hub aggregate next to the hubs' true share of fake attempts.
 *
 * <p>Usage: {@code deploy/local/suspicious-attempts-report.sh [--orders N] [--seed S] [--fakes P]
 * [--out FILE]}
 */
public final class SuspiciousAttemptsReport {
    /** Hubs with fewer failed attempts than this are left out of the aggregate's table. */
    private static final int MIN_ATTEMPTS = 30;

    /** Counts of attempts: all, judged suspicious, really fake, both. */
    private static final class Tally {
        long attempts;
        long suspicious;
        long fake;
        long caught;

        void add(boolean suspicious, boolean fake) {
            attempts++;
            this.suspicious += suspicious ? 1 : 0;
            this.fake += fake ? 1 : 0;
            caught += suspicious && fake ? 1 : 0;
        }
    }

    private SuspiciousAttemptsReport() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = CommandLine.options(args);
        int orderCount = Integer.parseInt(options.getOrDefault("orders", "100000"));
        long seed = Long.parseLong(options.getOrDefault("seed", "7"));
        double fakes = Double.parseDouble(options.getOrDefault("fakes", "0.1"));
        Path out = Path.of(options.getOrDefault("out", "target/suspicious-attempts-report.md"));

        Simulation simulation =
                Simulation.of(SimulationOptions.defaults(seed, orderCount).withFakeAttempts(fakes));
        FeedReplay feed = new FeedReplay(order -> {});
        simulation.forEachRemaining(feed::replay);
        Map<String, List<Integer>> fakeAttempts = new HashMap<>();
        for (Oracle.OrderTruth order : simulation.oracle().orders()) {
            fakeAttempts.put(order.orderId(), order.truth().fakeAttempts());
        }

        Tally all = new Tally();
        Map<String, Tally> bySign = new TreeMap<>();
        Map<String, Tally> byHub = new HashMap<>();
        for (OrderState order : feed.tracked()) {
            List<Integer> fake = fakeAttempts.getOrDefault(order.getOrderId(), List.of());
            for (AttemptSuspicion.Attempt attempt : AttemptSuspicion.of(order)) {
                boolean isFake = fake.contains(attempt.number());
                all.add(attempt.suspicious(), isFake);
                byHub.computeIfAbsent(
                                order.getCourier() + " × " + attempt.deliveryHub(),
                                h -> new Tally())
                        .add(attempt.suspicious(), isFake);
                for (String sign : attempt.reasons()) {
                    bySign.computeIfAbsent(kindOf(sign), k -> new Tally()).add(true, isFake);
                }
            }
        }
        ReportTable.publish(summary(simulation.options(), fakes, all, bySign, byHub), out);
    }

    private static String kindOf(String sign) {
        if (sign.startsWith("reported at")) {
            return "outside delivery hours";
        }
        if (sign.startsWith("scanned at")) {
            return "not the destination's hub";
        }
        return "minutes after going out for delivery";
    }

    private static String summary(
            SimulationOptions options,
            double fakes,
            Tally all,
            Map<String, Tally> bySign,
            Map<String, Tally> byHub) {
        StringBuilder text = new StringBuilder();
        text.append(
                String.format(
                        Locale.ROOT,
                        "Suspicious attempts on %d simulated orders (seed %d, fake attempts"
                                + " %.0f%%): %d failed attempts, %d of them fake%n%n",
                        options.orders(),
                        options.seed(),
                        100 * fakes,
                        all.attempts,
                        all.fake));
        text.append(
                "| judged suspicious by | attempts | precision | recall |\n|---|---|---|---|\n");
        row(text, "any sign (score ≥ " + AttemptSuspicion.SUSPICIOUS + ")", all, all.fake);
        bySign.forEach((sign, tally) -> row(text, sign, tally, all.fake));
        List<Map.Entry<String, Tally>> hubs =
                byHub.entrySet().stream()
                        .filter(hub -> hub.getValue().attempts >= MIN_ATTEMPTS)
                        .sorted(
                                Comparator.comparingDouble(
                                                (Map.Entry<String, Tally> hub) ->
                                                        share(hub.getValue().suspicious, hub))
                                        .reversed())
                        .toList();
        double overall = (double) all.fake / all.attempts;
        long habitual = hubs.stream().filter(hub -> trueShare(hub) > 2 * overall).count();
        long foundInTop =
                hubs.stream().limit(habitual).filter(hub -> trueShare(hub) > 2 * overall).count();
        text.append(
                String.format(
                        Locale.ROOT,
                        "%nCourier × hub (the hub the rider went out from), %d with %d failed"
                            + " attempts or more; %d of them really report fakes at more than twice"
                            + " the overall %.1f%%, and the %d with the highest suspicious share"
                            + " hold %d of those. The top 10:%n%n",
                        hubs.size(),
                        MIN_ATTEMPTS,
                        habitual,
                        100 * overall,
                        habitual,
                        foundInTop));
        text.append(
                "| courier × hub | failed attempts | suspicious | true fake share |\n"
                        + "|---|---|---|---|\n");
        new ArrayList<>(hubs)
                .stream()
                        .limit(10)
                        .forEach(
                                hub ->
                                        text.append(
                                                String.format(
                                                        Locale.ROOT,
                                                        "| %s | %d | %.1f%% | %.1f%% |%n",
                                                        hub.getKey(),
                                                        hub.getValue().attempts,
                                                        100 * share(hub.getValue().suspicious, hub),
                                                        100 * trueShare(hub))));
        return text.toString();
    }

    private static double share(long count, Map.Entry<String, Tally> hub) {
        return (double) count / hub.getValue().attempts;
    }

    private static double trueShare(Map.Entry<String, Tally> hub) {
        return share(hub.getValue().fake, hub);
    }

    private static void row(StringBuilder text, String label, Tally tally, long fakes) {
        text.append(
                String.format(
                        Locale.ROOT,
                        "| %s | %d | %.1f%% | %.1f%% |%n",
                        label,
                        tally.suspicious,
                        tally.suspicious == 0 ? 0 : 100.0 * tally.caught / tally.suspicious,
                        fakes == 0 ? 0 : 100.0 * tally.caught / fakes));
    }
}
