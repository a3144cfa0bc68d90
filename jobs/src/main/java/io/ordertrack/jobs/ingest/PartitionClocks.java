package io.ordertrack.jobs.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Stamps each valid record with when it arrived on the feeds' clock, as its Flink timestamp and
 * {@link Decoded#getArrivedAt}: the latest event time its Kafka partition has shown, its own
 * included. A record days late arrives when the feed around it says, not at its own time; nothing
 * but the partition's own order decides it, so a replay stamps it the same.
 *
 * <p>The clocks are operator state, kept as union list state: after a restore or a rescale every
 * subtask gets every partition's clock back, whichever partitions it then reads, so a restored job
 * stamps the records after the savepoint as an uninterrupted run does (a clock started afresh would
 * stamp a late record at its own time instead, and whatever waits for arrivals would decide
 * differently). Dead letters pass through as they are.
 *
 * @param <T> the event type
 */
public final class PartitionClocks<T> extends AbstractStreamOperator<Decoded<T>>
        implements OneInputStreamOperator<Decoded<T>, Decoded<T>> {
    private static final long serialVersionUID = 1L;

    private transient Map<String, Long> clocks;
    private transient ListState<Tuple2<String, Long>> stored;

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        stored =
                context.getOperatorStateStore()
                        .getUnionListState(
                                new ListStateDescriptor<>(
                                        "partition-clocks", Types.TUPLE(Types.STRING, Types.LONG)));
        clocks = new HashMap<>();
        for (Tuple2<String, Long> clock : stored.get()) {
            clocks.merge(clock.f0, clock.f1, Math::max);
        }
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        List<Tuple2<String, Long>> snapshot = new ArrayList<>(clocks.size());
        clocks.forEach((partition, clock) -> snapshot.add(Tuple2.of(partition, clock)));
        stored.update(snapshot);
    }

    @Override
    public void processElement(StreamRecord<Decoded<T>> element) {
        Decoded<T> decoded = element.getValue();
        if (decoded.getDeadLetter() != null) {
            output.collect(element);
            return;
        }
        long arrivedAt = clocks.merge(decoded.getPartition(), decoded.getTimestamp(), Math::max);
        decoded.setArrivedAt(arrivedAt);
        output.collect(element.replace(decoded, arrivedAt));
    }
}
