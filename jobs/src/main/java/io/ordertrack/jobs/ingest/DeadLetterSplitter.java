package io.ordertrack.jobs.ingest;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Passes valid events on and sends dead letters to the {@link #DEAD_LETTERS} side output.
 *
 * @param <T> the event type
 */
public final class DeadLetterSplitter<T> extends ProcessFunction<Decoded<T>, T>
        implements ResultTypeQueryable<T> {
    private static final long serialVersionUID = 1L;

    /** The side output of records that could not be read or were invalid. */
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

    private final Class<T> type;

    public DeadLetterSplitter(Class<T> type) {
        this.type = type;
    }

    @Override
    public void processElement(Decoded<T> decoded, Context ctx, Collector<T> out) {
        if (decoded.getDeadLetter() != null) {
            ctx.output(DEAD_LETTERS, decoded.getDeadLetter());
        } else {
            out.collect(decoded.getValue());
        }
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return TypeInformation.of(type);
    }
}
