package io.ordertrack.jobs;

import java.time.Duration;
import org.apache.flink.api.common.state.StateTtlConfig;

/**
 * Every piece of keyed state expires once nothing has written it for the retention period, so
 * orders that stop receiving events (delivered long ago, or abandoned) do not grow state for ever.
 */
public final class StateRetention {
    private StateRetention() {}

    public static StateTtlConfig after(Duration retention) {
        return StateTtlConfig.newBuilder(retention)
                .updateTtlOnCreateAndWrite()
                .neverReturnExpired()
                .build();
    }
}
