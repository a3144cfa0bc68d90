package io.ordertrack.local;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordertrack.api.elasticsearch.ElasticsearchClients;
import io.ordertrack.jobs.OrderTrackingConfig;
import io.ordertrack.jobs.OrderTrackingJob;
import io.ordertrack.simulator.FeedProducer;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The order tracking job fed one simulated run, on the test class's MiniCluster, with topics and
 * indices named after the run as {@link JobArguments} names them: how a test starts the job from a
 * configuration of its own (credentials included), where the simulator sends the run, and the check
 * that every order of it reached Elasticsearch as the oracle says.
 */
final class SimulatedJobRun {
    private SimulatedJobRun() {}

    /** Starts the job with checkpoints on the MiniCluster, two tasks per operator. */
    static JobClient start(OrderTrackingConfig config) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        OrderTrackingJob.enableCheckpointing(env, config);
        OrderTrackingJob.fromConfig(config).defineWorkflow(env);
        return env.executeAsync(OrderTrackingJob.NAME);
    }

    /** The run's input topics, where the simulator sends its records. */
    static FeedProducer.Topics topics(String run) {
        return FeedProducer.Topics.of(run);
    }

    /**
     * Waits for the run's orders index, then for every order at its final version, and asserts that
     * each is what the oracle says; the documents by order id.
     */
    static Map<String, ObjectNode> assertIndexedAsTheOracleSays(
            ElasticsearchClients elasticsearch, String run, SimulatedRun simulated) {
        String index = "orders-" + run;
        // The job creates the index; its shard may take a moment to start on a busy node.
        await().ignoreExceptions()
                .atMost(Duration.ofMinutes(2))
                .until(() -> elasticsearch.client().count(c -> c.index(index)).count() > 0);
        Map<String, ObjectNode> documents =
                OracleComparison.awaitFinalDocuments(
                        elasticsearch, index, simulated.oracle(), simulated.records());
        OracleComparison.assertMatches(simulated.oracle(), simulated.records(), documents);
        return documents;
    }
}
