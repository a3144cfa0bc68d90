package io.ordertrack.jobs.risk;

import static io.ordertrack.jobs.risk.RiskFixtures.DISORDER;
import static io.ordertrack.jobs.risk.RiskFixtures.PLACED_AT;
import static io.ordertrack.jobs.risk.RiskFixtures.copyOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrack.avro.AlertState;
import io.ordertrack.avro.NdrReason;
import io.ordertrack.avro.OrderState;
import io.ordertrack.avro.OutcomeReport;
import io.ordertrack.avro.ShipmentStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * "Replay the log, get the same view" holds for RTO risk: the same order changes and outcomes,
 * reaching a scorer instance in whatever interleaving a replay, another instance or a restore gives
 * them, yield the same documents and the same RTO_RISK alerts.
 */
class RtoRiskScorerReplayTest {
    private static final String[] PHONES = {"9000000001", "9000000002", "9000000003", "9000000004"};

    /** One record as it reaches a scorer instance, or its watermark moving on. */
    private interface Arrival {
        void reach(
                KeyedBroadcastOperatorTestHarness<String, OrderChange, OutcomeReport, ScoredOrder>
                        scorer)
                throws Exception;
    }

    private record Change(OrderChange change, long at) implements Arrival {
        @Override
        public void reach(
                KeyedBroadcastOperatorTestHarness<String, OrderChange, OutcomeReport, ScoredOrder>
                        scorer)
                throws Exception {
            scorer.processElement(change, at);
        }
    }

    private record Outcome(OutcomeReport report, long at) implements Arrival {
        @Override
        public void reach(
                KeyedBroadcastOperatorTestHarness<String, OrderChange, OutcomeReport, ScoredOrder>
                        scorer)
                throws Exception {
            scorer.processBroadcastElement(report, at);
        }
    }

    private record Watermark(long at) implements Arrival {
        @Override
        public void reach(
                KeyedBroadcastOperatorTestHarness<String, OrderChange, OutcomeReport, ScoredOrder>
                        scorer)
                throws Exception {
            scorer.watermark(at);
        }
    }

    /** What an instance wrote: each order's documents and each alert's versions, in order. */
    private record View(Map<String, List<String>> documents, Map<String, List<String>> alerts) {}

    private final RiskFixtures fixtures = new RiskFixtures();
    private final List<Change> changes = new ArrayList<>();
    private final List<Outcome> outcomes = new ArrayList<>();

    @ParameterizedTest(name = "interleaving {0}")
    @ValueSource(strings = {"outcomes-first", "changes-first", "random-1", "random-2", "random-3"})
    void theSameFeedGivesTheSameScoresAndAlertsWhateverOrderItArrivesIn(String interleaving)
            throws Exception {
        tellThirtyOrders();
        View inEventTime = run(arrivals(this::inEventTime));

        View other = run(arrivals(interleaving(interleaving)));

        assertThat(other.documents()).isEqualTo(inEventTime.documents());
        assertThat(other.alerts()).isEqualTo(inEventTime.alerts());
    }

    @Test
    void theFeedTeachesEnoughForScoresToDependOnWhatWasLearned() throws Exception {
        tellThirtyOrders();
        View view = run(arrivals(this::inEventTime));

        assertThat(view.alerts().values())
                .as("RTO_RISK alerts opened from learned rates")
                .anySatisfy(
                        versions -> assertThat(versions.get(0)).contains(AlertState.OPEN.name()));
        assertThat(view.documents().values().stream().map(docs -> docs.get(docs.size() - 1)))
                .anySatisfy(document -> assertThat(document).contains("1 failed delivery, latest"));
    }

    @Test
    void aRestoredInstanceGoesOnAsAnUninterruptedOne() throws Exception {
        tellThirtyOrders();
        List<Arrival> arrivals = arrivals(interleaving("random-7"));
        View uninterrupted = run(arrivals);

        int half = arrivals.size() / 2;
        KeyedBroadcastOperatorTestHarness<String, OrderChange, OutcomeReport, ScoredOrder> before =
                RiskFixtures.harness();
        feed(before, arrivals.subList(0, half));
        OperatorSubtaskState snapshot = before.snapshot(1, 1);
        View beforeRestore = viewOf(before);
        before.close();
        KeyedBroadcastOperatorTestHarness<String, OrderChange, OutcomeReport, ScoredOrder> after =
                RiskFixtures.restored(snapshot);
        // A restored job has no watermark until its sources emit one again.
        List<Arrival> rest = new ArrayList<>(arrivals.subList(half, arrivals.size()));
        rest.subList(0, 20).removeIf(arrival -> arrival instanceof Watermark);
        feed(after, rest);
        View afterRestore = viewOf(after);
        after.close();

        assertThat(joined(beforeRestore.documents(), afterRestore.documents()))
                .isEqualTo(uninterrupted.documents());
        assertThat(joined(beforeRestore.alerts(), afterRestore.alerts()))
                .isEqualTo(uninterrupted.alerts());
    }

    /**
     * Thirty COD orders of four customers to one PIN code, placed five hours apart: every third
     * refused once and returned, every third after it failed once and delivered, the rest
     * delivered. Every fifth order's last scan reaches the job two days late, and its outcome with
     * it.
     */
    private void tellThirtyOrders() {
        for (int i = 0; i < 30; i++) {
            Duration late = i % 5 == 4 ? Duration.ofDays(2) : Duration.ZERO;
            Instant placedAt = PLACED_AT.plus(Duration.ofHours(5L * i));
            OrderState order = fixtures.placed("20" + i, PHONES[i % PHONES.length], placedAt);
            changed(order);
            fixtures.scan(order, ShipmentStatus.PICKED_UP, placedAt.plus(Duration.ofHours(20)));
            changed(order);
            if (i % 3 == 2) {
                Instant deliveredAt = hoursAfter(placedAt, 50);
                fixtures.scan(order, ShipmentStatus.DELIVERED, deliveredAt, deliveredAt.plus(late));
                changed(order, late);
                finished(order);
                continue;
            }
            NdrReason reason =
                    i % 3 == 0 ? NdrReason.CUSTOMER_REFUSED : NdrReason.CUSTOMER_UNAVAILABLE;
            fixtures.failed(order, reason, hoursAfter(placedAt, 44));
            changed(order);
            Instant finishedAt = hoursAfter(placedAt, 70);
            fixtures.scan(
                    order,
                    i % 3 == 0 ? ShipmentStatus.RTO_INITIATED : ShipmentStatus.DELIVERED,
                    finishedAt,
                    finishedAt.plus(late));
            changed(order, late);
            finished(order);
        }
        changes.sort(Comparator.comparingLong(Change::at));
        outcomes.sort(Comparator.comparingLong(Outcome::at));
    }

    private void changed(OrderState order) {
        changed(order, Duration.ZERO);
    }

    /** A change that reached the job {@code late} after its latest event. */
    private void changed(OrderState order, Duration late) {
        changes.add(
                new Change(
                        OrderChange.live(copyOf(order)),
                        order.getLastEventAt().plus(late).toEpochMilli()));
    }

    /** The tracker's report of a finished order, reaching the scorer when the job knew it. */
    private void finished(OrderState order) {
        OutcomeReport report = RiskFixtures.outcomeOf(order);
        outcomes.add(new Outcome(report, report.getFinishedAt().toEpochMilli()));
    }

    private static Instant hoursAfter(Instant at, int hours) {
        return at.plus(Duration.ofHours(hours));
    }

    /** Picks whether the next record is a change (true) or an outcome, both left. */
    private interface Interleaving {
        boolean changeNext(Change change, Outcome outcome);
    }

    private boolean inEventTime(Change change, Outcome outcome) {
        return change.at() < outcome.at();
    }

    private Interleaving interleaving(String name) {
        return switch (name) {
            case "outcomes-first" -> (change, outcome) -> false;
            case "changes-first" -> (change, outcome) -> true;
            default -> {
                SplittableRandom random = new SplittableRandom(name.hashCode());
                yield (change, outcome) -> random.nextBoolean();
            }
        };
    }

    /**
     * The records in an interleaving, each input in its own order, with the watermark an instance
     * would see: the disorder behind the earliest record of either input still to come.
     */
    private List<Arrival> arrivals(Interleaving interleaving) {
        List<Arrival> arrivals = new ArrayList<>();
        int nextChange = 0;
        int nextOutcome = 0;
        long watermark = Long.MIN_VALUE;
        while (nextChange < changes.size() || nextOutcome < outcomes.size()) {
            boolean change =
                    nextOutcome == outcomes.size()
                            || nextChange < changes.size()
                                    && interleaving.changeNext(
                                            changes.get(nextChange), outcomes.get(nextOutcome));
            arrivals.add(change ? changes.get(nextChange++) : outcomes.get(nextOutcome++));
            long earliest =
                    Math.min(
                            nextChange < changes.size()
                                    ? changes.get(nextChange).at()
                                    : Long.MAX_VALUE,
                            nextOutcome < outcomes.size()
                                    ? outcomes.get(nextOutcome).at()
                                    : Long.MAX_VALUE);
            long next =
                    earliest == Long.MAX_VALUE ? Long.MAX_VALUE : earliest - DISORDER.toMillis();
            if (next > watermark) {
                watermark = next;
                arrivals.add(new Watermark(watermark));
            }
        }
        return arrivals;
    }

    private View run(List<Arrival> arrivals) throws Exception {
        KeyedBroadcastOperatorTestHarness<String, OrderChange, OutcomeReport, ScoredOrder> harness =
                RiskFixtures.harness();
        feed(harness, arrivals);
        View view = viewOf(harness);
        assertThat(harness.numEventTimeTimers()).as("no change left waiting").isZero();
        harness.close();
        return view;
    }

    private static void feed(
            KeyedBroadcastOperatorTestHarness<String, OrderChange, OutcomeReport, ScoredOrder>
                    harness,
            List<Arrival> arrivals)
            throws Exception {
        for (Arrival arrival : arrivals) {
            arrival.reach(harness);
        }
    }

    private static View viewOf(
            KeyedBroadcastOperatorTestHarness<String, OrderChange, OutcomeReport, ScoredOrder>
                    harness) {
        Map<String, List<String>> documents = new TreeMap<>();
        RiskFixtures.documents(harness)
                .forEach(
                        document ->
                                documents
                                        .computeIfAbsent(
                                                document.path("orderId").asText(),
                                                id -> new ArrayList<>())
                                        .add(document.toString()));
        Map<String, List<String>> alerts = new TreeMap<>();
        RiskFixtures.alerts(harness)
                .forEach(
                        alert ->
                                alerts.computeIfAbsent(alert.getAlertId(), id -> new ArrayList<>())
                                        .add(alert.toString()));
        return new View(documents, alerts);
    }

    private static Map<String, List<String>> joined(
            Map<String, List<String>> first, Map<String, List<String>> then) {
        Map<String, List<String>> joined = new TreeMap<>();
        Function<String, List<String>> empty = id -> new ArrayList<>();
        first.forEach((id, versions) -> joined.computeIfAbsent(id, empty).addAll(versions));
        then.forEach((id, versions) -> joined.computeIfAbsent(id, empty).addAll(versions));
        return joined;
    }
}
