package io.ordertrack.jobs.risk;

import io.ordertrack.domain.delivery.RecentDeliveries;
import io.ordertrack.domain.delivery.RemainingHours;
import io.ordertrack.domain.delivery.TransitLearning;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;

/**
 * Where the expected delivery keeps what it learned ({@link TransitLearning.Lessons}), by key in
 * broadcast state: the hours folded for good and the recent deliveries apart.
 */
final class LearnedTransitTimes {
    private LearnedTransitTimes() {}

    /** The lessons by key, as the keyed side reads them. */
    static TransitLearning.Memory of(
            ReadOnlyBroadcastState<String, long[]> folded,
            ReadOnlyBroadcastState<String, long[]> recent) {
        return key -> lessons(folded.get(key), recent.get(key));
    }

    /** The lessons by key, as the broadcast side learns them. */
    static TransitLearning.Store learned(
            BroadcastState<String, long[]> folded, BroadcastState<String, long[]> recent) {
        return new TransitLearning.Store() {
            @Override
            public TransitLearning.Lessons recall(String key) throws Exception {
                return lessons(folded.get(key), recent.get(key));
            }

            @Override
            public void keep(String key, TransitLearning.Lessons lessons) throws Exception {
                folded.put(key, lessons.folded().encoded());
                if (lessons.recent().isEmpty()) {
                    recent.remove(key);
                } else {
                    recent.put(key, lessons.recent().encoded());
                }
            }
        };
    }

    private static TransitLearning.Lessons lessons(long[] folded, long[] recent) {
        return new TransitLearning.Lessons(
                RemainingHours.decode(folded), RecentDeliveries.decode(recent));
    }
}
