package io.ordertrack.jobs.risk;

import io.ordertrack.avro.CustomerHistory;
import io.ordertrack.domain.risk.RecentOutcomes;
import io.ordertrack.domain.risk.RtoLearning;
import io.ordertrack.domain.risk.RtoRisk;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;

/**
 * Where the RTO risk scorer keeps what it learned ({@link RtoLearning.Lessons}): by signal in
 * broadcast state, a tally {orders, rto} and the recent outcomes apart; by customer in the keyed
 * state of the customer.
 */
final class LearnedOutcomes {
    private LearnedOutcomes() {}

    /** The lessons by signal, as the keyed side reads them. */
    static RtoLearning.Memory bySignal(
            ReadOnlyBroadcastState<String, long[]> folded,
            ReadOnlyBroadcastState<String, long[]> recent) {
        return signal -> lessons(folded.get(signal), recent.get(signal));
    }

    /** The lessons by signal, as the broadcast side learns them. */
    static RtoLearning.Store learnedBySignal(
            BroadcastState<String, long[]> folded, BroadcastState<String, long[]> recent) {
        return new RtoLearning.Store() {
            @Override
            public RtoLearning.Lessons recall(String signal) throws Exception {
                return lessons(folded.get(signal), recent.get(signal));
            }

            @Override
            public void keep(String signal, RtoLearning.Lessons lessons) throws Exception {
                RtoRisk.Tally tally = lessons.folded();
                folded.put(signal, new long[] {tally.orders(), tally.rto()});
                if (lessons.recent().isEmpty()) {
                    recent.remove(signal);
                } else {
                    recent.put(signal, lessons.recent().encoded());
                }
            }
        };
    }

    /** The current customer's own history; the key it is asked under does not matter. */
    static RtoLearning.Store ofCustomer(
            ValueState<CustomerHistory> history, ValueState<long[]> recent) {
        return new RtoLearning.Store() {
            @Override
            public RtoLearning.Lessons recall(String key) throws Exception {
                CustomerHistory past = history.value();
                return new RtoLearning.Lessons(
                        past == null
                                ? RtoRisk.Tally.NONE
                                : new RtoRisk.Tally(past.getOrders(), past.getRto()),
                        RecentOutcomes.decode(recent.value()));
            }

            @Override
            public void keep(String key, RtoLearning.Lessons lessons) throws Exception {
                history.update(
                        new CustomerHistory(lessons.folded().orders(), lessons.folded().rto()));
                if (lessons.recent().isEmpty()) {
                    recent.clear();
                } else {
                    recent.update(lessons.recent().encoded());
                }
            }
        };
    }

    private static RtoLearning.Lessons lessons(long[] folded, long[] recent) {
        return new RtoLearning.Lessons(
                folded == null ? RtoRisk.Tally.NONE : new RtoRisk.Tally(folded[0], folded[1]),
                RecentOutcomes.decode(recent));
    }
}
