package io.ordertrack.domain.risk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a change is scored with depends on event times only, not on when outcomes arrived. */
class RtoLearningTest {
    private static final Duration LAG = Duration.ofDays(1);
    private static final Duration WEEK = Duration.ofDays(7);
    private static final Instant MONDAY_NOON = Instant.parse("2026-11-16T12:00:00Z");
    private static final List<String> SIGNALS = List.of("t|all", "t|payment:COD", "t|ndr:1");

    private final RtoLearning learning = new RtoLearning(LAG);
    private final InMemory store = new InMemory();

    @Test
    void aChangeCountsTheOutcomesFinishedBeforeTheHourALagBeforeIt() throws Exception {
        learn(MONDAY_NOON.minusSeconds(1), true, Long.MIN_VALUE);
        learn(MONDAY_NOON, false, Long.MIN_VALUE);

        assertThat(tally(MONDAY_NOON.plus(LAG))).isEqualTo(new RtoRisk.Tally(1, 1));
        assertThat(tally(MONDAY_NOON.plus(LAG).plusSeconds(3599)))
                .as("the hour of the second outcome has not ended a lag before")
                .isEqualTo(new RtoRisk.Tally(1, 1));
        assertThat(tally(MONDAY_NOON.plus(LAG).plusSeconds(3600)))
                .isEqualTo(new RtoRisk.Tally(2, 1));
        assertThat(tally(MONDAY_NOON)).isEqualTo(RtoRisk.Tally.NONE);
    }

    @Test
    void aChangeWaitsForTheWatermarkOnlyWhenHalfTheLagAheadOfIt() {
        assertThat(learning.scorableAt(MONDAY_NOON))
                .isEqualTo(MONDAY_NOON.minus(Duration.ofHours(12)).toEpochMilli());
    }

    /**
     * Outcomes arrive in a different order each time, up to half the lag after the watermark passed
     * them, while changes up to a week late or half the lag early are scored: every score is the
     * one the rule gives, however much has been folded meanwhile.
     */
    @ParameterizedTest(name = "arrival order {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void scoresFollowTheRuleWhateverOrderOutcomesArriveIn(long seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        List<Instant> finished = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            finished.add(MONDAY_NOON.plusSeconds(random.nextLong(20 * 86_400)));
        }
        long halfLag = LAG.toMillis() / 2;
        List<Instant> arrivals = new ArrayList<>(finished);
        Map<Instant, Long> arrivesAt = new HashMap<>();
        arrivals.forEach(f -> arrivesAt.put(f, f.toEpochMilli() + random.nextLong(halfLag)));
        arrivals.sort(Comparator.comparing(arrivesAt::get));

        List<Instant> learned = new ArrayList<>();
        long watermark = Long.MIN_VALUE;
        for (int i = 0; i < arrivals.size(); i++) {
            Instant outcome = arrivals.get(i);
            learn(outcome, outcome.getEpochSecond() % 3 == 0, watermark);
            learned.add(outcome);
            watermark = Math.max(watermark, lowestStillToArrive(arrivals, i + 1) + halfLag - 1);
            if (watermark == Long.MIN_VALUE) {
                continue;
            }
            for (int change = 0; change < 5; change++) {
                Instant at =
                        Instant.ofEpochMilli(
                                watermark
                                        - WEEK.toMillis()
                                        + random.nextLong(WEEK.toMillis() + halfLag));
                assertThat(learning.scorableAt(at)).isLessThanOrEqualTo(watermark);
                assertThat(tally(at)).as("change at %s", at).isEqualTo(byTheRule(learned, at));
            }
        }
        assertThat(store.lessons.get("t|all").recent().encoded().length / 3)
                .as("hours kept: a week and the lag behind the watermark, and ahead of it")
                .isLessThanOrEqualTo((7 + 1) * 24 + 12 + 1);
    }

    @Test
    void anOutcomeLaterThanHalfTheLagCountsFromItsArrival() throws Exception {
        long watermark = MONDAY_NOON.plus(Duration.ofDays(3)).toEpochMilli();
        Instant changeAt = MONDAY_NOON.plus(Duration.ofDays(3));
        assertThat(tally(changeAt)).isEqualTo(RtoRisk.Tally.NONE);

        learn(MONDAY_NOON, true, watermark);

        assertThat(tally(changeAt)).isEqualTo(new RtoRisk.Tally(1, 1));
    }

    @Test
    void anOutcomeWithoutItsTimeCountsAtOnce() throws Exception {
        learning.learn(SIGNALS, null, true, Long.MIN_VALUE, store);

        assertThat(tally(MONDAY_NOON)).isEqualTo(new RtoRisk.Tally(1, 1));
        assertThat(store.lessons.get("t|all").recent().isEmpty()).isTrue();
    }

    private static long lowestStillToArrive(List<Instant> arrivals, int from) {
        return arrivals.subList(from, arrivals.size()).stream()
                .mapToLong(Instant::toEpochMilli)
                .min()
                .orElse(Long.MAX_VALUE - LAG.toMillis());
    }

    private RtoRisk.Tally byTheRule(List<Instant> learned, Instant changeAt) {
        long cutoff = RecentOutcomes.slotOf(changeAt.minus(LAG).toEpochMilli());
        long orders = learned.stream().filter(f -> f.toEpochMilli() < cutoff).count();
        long rto =
                learned.stream()
                        .filter(f -> f.toEpochMilli() < cutoff && f.getEpochSecond() % 3 == 0)
                        .count();
        return new RtoRisk.Tally(orders, rto);
    }

    private void learn(Instant finishedAt, boolean rto, long watermark) throws Exception {
        learning.learn(SIGNALS, finishedAt, rto, watermark, store);
    }

    private RtoRisk.Tally tally(Instant changeAt) throws Exception {
        return learning.asOf(changeAt, "t|all", store);
    }

    /** Lessons in a map, as the scorer keeps them in Flink state. */
    private static final class InMemory implements RtoLearning.Store {
        final Map<String, RtoLearning.Lessons> lessons = new HashMap<>();

        @Override
        public RtoLearning.Lessons recall(String key) {
            return lessons.getOrDefault(
                    key, new RtoLearning.Lessons(RtoRisk.Tally.NONE, RecentOutcomes.NONE));
        }

        @Override
        public void keep(String key, RtoLearning.Lessons kept) {
            lessons.put(key, kept);
        }
    }
}
