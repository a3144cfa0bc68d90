package io.ordertrack.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/**
 * How Flink lays the job's operators out in tasks: operators chained in one task hand records over
 * without serialising them or sending them through the network stack.
 */
class OrderTrackingJobGraphTest {
    @Test
    void theShipmentAnalyticsRunInTheOrderTrackersTask() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        OrderTrackingJob.fromConfig(OrderTrackingConfig.from(new String[0], Map.of()))
                .defineWorkflow(env);

        List<String> tasks =
                StreamSupport.stream(
                                env.getStreamGraph().getJobGraph().getVertices().spliterator(),
                                false)
                        .map(JobVertex::getName)
                        .toList();

        assertThat(tasks)
                .filteredOn(task -> task.contains("order-tracker"))
                .singleElement()
                .satisfies(task -> assertThat(task).contains("shipment-analytics"));
    }
}
