package io.ordertrack.domain.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrack.domain.risk.LearningClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TransitLearningTest {
    private static final Instant MONDAY_NOON = Instant.parse("2026-11-23T12:00:00Z");
    private static final String KEY = "acme|all|OUT_FOR_DELIVERY";

    private final TransitLearning learning =
            new TransitLearning(new LearningClock(Duration.ofHours(6)));

    /** A change counts the deliveries known before the (UTC) day that lies 6 hours before it. */
    @Test
    void aChangeCountsTheDeliveriesKnownBeforeTheDayTheLagBeforeIt() throws Exception {
        Memory memory = new Memory();
        learn(memory, MONDAY_NOON.minus(Duration.ofDays(1)), 4);
        learn(memory, MONDAY_NOON.minus(Duration.ofHours(10)), 6);
        learn(memory, MONDAY_NOON.minus(Duration.ofHours(1)), 8);

        // At noon the lag ends at 06:00 Monday: Sunday's deliveries count, Monday's not yet.
        assertThat(counted(memory, MONDAY_NOON)).isEqualTo(1);
        // At 07:00 Tuesday the lag ends at 01:00 Tuesday: all of Monday's count.
        assertThat(counted(memory, MONDAY_NOON.plus(Duration.ofHours(19)))).isEqualTo(3);
    }

    /** What a change is predicted from never depends on the order the deliveries arrived in. */
    @Test
    void whatWasLearnedDoesNotDependOnTheOrderOfArrival() throws Exception {
        List<Instant> known = new ArrayList<>();
        for (int hour = 0; hour < 24 * 20; hour += 7) {
            known.add(MONDAY_NOON.plus(Duration.ofHours(hour)));
        }
        Memory inOrder = new Memory();
        for (Instant at : known) {
            learn(inOrder, at, 5);
        }
        Collections.shuffle(known, new Random(7));
        Memory shuffled = new Memory();
        for (Instant at : known) {
            learn(shuffled, at, 5);
        }

        Instant change = MONDAY_NOON.plus(Duration.ofDays(19));
        assertThat(counted(shuffled, change)).isEqualTo(counted(inOrder, change));
        assertThat(counted(inOrder, change)).isGreaterThan(0);
    }

    /** Deliveries no change still to come can miss are folded: the recent ones stay few. */
    @Test
    void oldDeliveriesAreFoldedAndStillCount() throws Exception {
        Memory memory = new Memory();
        for (int day = 0; day < 30; day++) {
            learn(memory, MONDAY_NOON.plus(Duration.ofDays(day)), 3);
        }

        TransitLearning.Lessons lessons = memory.recall(KEY);
        assertThat(lessons.folded().count()).isGreaterThan(0);
        assertThat(lessons.recent().encoded().length / 45).isLessThanOrEqualTo(10);
        assertThat(counted(memory, MONDAY_NOON.plus(Duration.ofDays(40)))).isEqualTo(30);
    }

    private void learn(Memory memory, Instant knownAt, double hours) throws Exception {
        long watermark = knownAt.toEpochMilli();
        learning.learn(
                List.of(new ExpectedDelivery.Lesson(KEY, hours)), knownAt, watermark, memory);
    }

    private long counted(Memory memory, Instant changeAt) throws Exception {
        return learning.asOf(changeAt, memory).recall(KEY).count();
    }

    private static final class Memory implements TransitLearning.Store {
        private final Map<String, TransitLearning.Lessons> lessons = new HashMap<>();

        @Override
        public TransitLearning.Lessons recall(String key) {
            return lessons.getOrDefault(key, TransitLearning.Lessons.NONE);
        }

        @Override
        public void keep(String key, TransitLearning.Lessons learned) {
            lessons.put(key, learned);
        }
    }
}
