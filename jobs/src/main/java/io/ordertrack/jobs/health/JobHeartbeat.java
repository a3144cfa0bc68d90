package io.ordertrack.jobs.health;

import io.ordertrack.connections.ElasticsearchSecurity;
import io.ordertrack.connections.KafkaSecurity;
import java.io.Serializable;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The job's heartbeat, for the API's {@code /health}: one subtask that follows the watermark of
 * every input and, when the job starts and on every completed checkpoint, writes how far it has
 * come (see {@link Heartbeat}). The API reads nothing but Elasticsearch, so this is how it learns
 * whether the job is alive, restarting or falling behind.
 */
public final class JobHeartbeat extends ProcessFunction<InputWatermark, Void>
        implements CheckpointListener {
    private static final long serialVersionUID = 1L;

    /**
     * One input of the job.
     *
     * @param name stable name of the input, for operator uids (topic names differ per deployment)
     * @param topic the Kafka topic it reads
     * @param events its decoded events
     */
    public record Input(String name, String topic, DataStream<?> events) {}

    /** Where heartbeats go and whose lag they carry. */
    public record Target(
            String kafkaBootstrapServers,
            KafkaSecurity kafkaSecurity,
            String consumerGroup,
            List<String> topics,
            String elasticsearchUrl,
            ElasticsearchSecurity elasticsearchSecurity,
            String index)
            implements Serializable {}

    private final Target target;
    private final String jobName;
    private transient InputWatermarks watermarks;
    private transient HeartbeatPublisher publisher;
    private transient int restarts;
    private transient Instant attemptStartedAt;

    private JobHeartbeat(Target target, String jobName) {
        this.target = target;
        this.jobName = jobName;
    }

    /**
     * Adds the heartbeat, fed by the watermarks of the inputs, to the job.
     *
     * @param target where the heartbeat is written and whose consumer lag it reports (its topics
     *     are the inputs')
     */
    public static void attach(String jobName, Target target, List<Input> inputs) {
        DataStream<InputWatermark> reports = null;
        for (Input input : inputs) {
            DataStream<InputWatermark> report = watermarksOf(input, input.events());
            reports = reports == null ? report : reports.union(report);
        }
        reports.process(new JobHeartbeat(target, jobName))
                .setParallelism(1)
                .uid("job-heartbeat")
                .name("job-heartbeat");
    }

    private static <T> DataStream<InputWatermark> watermarksOf(Input input, DataStream<T> events) {
        return events.transform(
                        input.name() + "-watermarks",
                        TypeInformation.of(InputWatermark.class),
                        new WatermarkReport<T>(input.topic()))
                .uid(input.name() + "-watermarks");
    }

    @Override
    public void open(OpenContext context) {
        restarts = getRuntimeContext().getTaskInfo().getAttemptNumber();
        attemptStartedAt = Instant.now();
        watermarks = new InputWatermarks();
        publisher = new HeartbeatPublisher(target);
        publisher.publish(heartbeat(null));
    }

    @Override
    public void processElement(InputWatermark report, Context ctx, Collector<Void> out) {
        watermarks.record(report);
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        publisher.publish(heartbeat(checkpointId));
    }

    private Heartbeat heartbeat(Long checkpointId) {
        Map<String, Long> reached = new HashMap<>();
        for (String topic : target.topics()) {
            watermarks.of(topic).ifPresent(watermark -> reached.put(topic, watermark));
        }
        return new Heartbeat(
                target.consumerGroup(),
                jobName,
                Instant.now(),
                restarts,
                attemptStartedAt,
                checkpointId,
                reached);
    }

    @Override
    public void close() throws Exception {
        if (publisher != null) {
            publisher.close();
        }
    }
}
