package io.ordertrack.domain.delivery;

import io.ordertrack.domain.risk.LearningClock;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * When the expected delivery learns what a delivered order teaches, by the same rule as the RTO
 * risk model ({@link LearningClock}): a change of an order is predicted from the deliveries known
 * before the start of the (UTC) day that lies the lag before its latest event. A delivery counts
 * from when the job knew it (the later of its event time and the arrival of the scan that showed
 * it). What was learned is kept per key as the hours folded for good and the recent deliveries by
 * hour ({@link RecentDeliveries}).
 */
public final class TransitLearning implements Serializable {
    private static final long serialVersionUID = 1L;

    /** What was learned under one key. */
    public record Lessons(RemainingHours folded, RecentDeliveries recent) {
        public static final Lessons NONE = new Lessons(RemainingHours.NONE, RecentDeliveries.NONE);
    }

    /** Where lessons are read from. */
    public interface Memory {
        Lessons recall(String key) throws Exception;
    }

    /** Where lessons are read from and kept. */
    public interface Store extends Memory {
        void keep(String key, Lessons lessons) throws Exception;
    }

    private final LearningClock clock;

    public TransitLearning(LearningClock clock) {
        this.clock = clock;
    }

    /** What a change at {@code changeAt} is predicted from. */
    public ExpectedDelivery.Memory asOf(Instant changeAt, Memory memory) {
        long countsBefore = RecentDeliveries.slotOf(clock.countsBefore(changeAt));
        return key -> {
            Lessons lessons = memory.recall(key);
            return lessons.folded().plus(lessons.recent().before(countsBefore));
        };
    }

    /**
     * Learns what a delivered order teaches ({@link ExpectedDelivery#lessonsOf}), known at {@code
     * knownAt}, and folds what no change still to come will be predicted without.
     *
     * @param watermark the model's current watermark
     */
    public void learn(
            List<ExpectedDelivery.Lesson> lessons, Instant knownAt, long watermark, Store store)
            throws Exception {
        long foldsBefore = clock.foldsBefore(watermark);
        long foldBefore =
                foldsBefore == Long.MIN_VALUE ? foldsBefore : RecentDeliveries.slotOf(foldsBefore);
        for (ExpectedDelivery.Lesson lesson : lessons) {
            Lessons learned = store.recall(lesson.key());
            RecentDeliveries recent = learned.recent().plus(knownAt, lesson.hours());
            store.keep(
                    lesson.key(),
                    new Lessons(
                            learned.folded().plus(recent.before(foldBefore)),
                            recent.from(foldBefore)));
        }
    }
}
