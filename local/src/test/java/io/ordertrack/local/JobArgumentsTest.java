package io.ordertrack.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrack.domain.stock.StockKeeping;
import io.ordertrack.jobs.OrderTrackingConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobArgumentsTest {
    /**
     * The oracle expects a LOW_STOCK alert by either rule (under the threshold, or under three days
     * of cover at the trailing week's sales): a test job with the cover rule turned off raises none
     * for the second and looks like a job that misses them.
     */
    @Test
    void theTestJobKeepsTheLowStockRulesTheOracleJudgesItBy() {
        OrderTrackingConfig config =
                OrderTrackingConfig.from(
                        JobArguments.of("run", "127.0.0.1:9092", "http://127.0.0.1:9200")
                                .toArray(String[]::new),
                        Map.of());

        assertThat(config.alerts().stockRules()).isEqualTo(new StockKeeping.Rules(3, 7));
    }
}
