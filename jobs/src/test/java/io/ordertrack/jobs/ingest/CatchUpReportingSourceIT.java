package io.ordertrack.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ordertrack.jobs.OrderTrackingJob;
import io.ordertrack.jobs.TestTopics;
import io.ordertrack.testkit.KafkaServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A Kafka source wrapped in {@link CatchUpReportingSource}, in a real (MiniCluster) job with the
 * job's checkpoint settings, on a real broker: checkpoints come at the long interval while it reads
 * a backlog of old records, and at the short one again once it has caught up.
 */
class CatchUpReportingSourceIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(1)
                            .build());

    /** Records of the backlog: read at about a thousand a second (see {@link Slowly}). */
    private static final int BACKLOG = 25_000;

    /** When each checkpoint completed (the MiniCluster runs in this JVM). */
    private static final List<Long> CHECKPOINTS = new CopyOnWriteArrayList<>();

    private static final AtomicLong FIRST_READ = new AtomicLong();
    private static final AtomicLong BACKLOG_READ = new AtomicLong();

    @Test
    void checkpointsComeSeldomWhileCatchingUpAndOftenOnceLive() throws Exception {
        String run = "catch-up-" + Long.toString(System.currentTimeMillis(), 36);
        String topic = "feed-" + run;
        KafkaServer.shared().createTopics(1, topic);
        long start = System.currentTimeMillis();
        try (KafkaProducer<String, String> producer = producer()) {
            // Seven hours of a feed two days ago, a record a second, appended to Kafka just now
            // (as a topic replayed right after it was filled): read at a thousand a second, its
            // event times run a thousand times faster than the wall clock.
            long from = start - Duration.ofDays(2).toMillis();
            for (int i = 0; i < BACKLOG; i++) {
                String value = (from + i * 1_000L) + (i == BACKLOG - 1 ? " last-old" : " old");
                producer.send(new ProducerRecord<>(topic, value));
            }
        }

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        OrderTrackingJob.enableCheckpointing(
                env,
                TestTopics.config(
                        run,
                        "--checkpoint.interval",
                        "1s",
                        "--checkpoint.interval-while-catching-up",
                        "20s"));
        KafkaSource<String> kafka =
                KafkaSource.<String>builder()
                        .setBootstrapServers(KafkaServer.shared().bootstrapServers())
                        .setTopics(topic)
                        .setGroupId(run)
                        .setStartingOffsets(OffsetsInitializer.earliest())
                        .setDeserializer(
                                KafkaRecordDeserializationSchema.valueOnly(
                                        StringDeserializer.class))
                        .build();
        env.fromSource(
                        new CatchUpReportingSource<>(
                                kafka,
                                Types.STRING,
                                CatchUpReportingSourceIT::eventTimeOf,
                                Duration.ofMinutes(1)),
                        WatermarkStrategy.noWatermarks(),
                        "feed")
                .map(new Slowly())
                .sinkTo(new DiscardingSink<>());
        JobClient job = env.executeAsync("catch-up");
        try {
            await().atMost(Duration.ofMinutes(3)).until(() -> BACKLOG_READ.get() > 0);
            try (KafkaProducer<String, String> producer = producer()) {
                long liveUntil = BACKLOG_READ.get() + 18_000;
                while (System.currentTimeMillis() < liveUntil) {
                    producer.send(
                            new ProducerRecord<>(topic, System.currentTimeMillis() + " live"));
                    Thread.sleep(100);
                }
            }
        } finally {
            job.cancel().get();
        }

        long caughtUpFrom = FIRST_READ.get() + 5_000; // a reader decides after a few seconds
        long drained = BACKLOG_READ.get();
        assertThat(drained - caughtUpFrom)
                .as("the backlog kept the job busy long enough to tell the intervals apart")
                .isGreaterThan(15_000);
        assertThat(completedBetween(caughtUpFrom, drained))
                .as("checkpoints while catching up, %d ms of it", drained - caughtUpFrom)
                .hasSizeLessThanOrEqualTo(2);
        // Live again once the readers' reports go stale, within about six seconds.
        assertThat(completedBetween(drained + 8_000, drained + 16_000))
                .as("checkpoints in the eight seconds once live")
                .hasSizeGreaterThanOrEqualTo(4);
    }

    /** A record's event time, the number it starts with (Kafka's append time is now for all). */
    private static long eventTimeOf(String record) {
        return Long.parseLong(record.substring(0, record.indexOf(' ')));
    }

    private static List<Long> completedBetween(long from, long to) {
        return CHECKPOINTS.stream().filter(at -> at >= from && at <= to).toList();
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        KafkaServer.shared().bootstrapServers()),
                new StringSerializer(),
                new StringSerializer());
    }

    /**
     * About a millisecond per record; notes when the backlog started and ended, and checkpoints.
     */
    private static final class Slowly implements MapFunction<String, String>, CheckpointListener {
        @Override
        public String map(String value) throws Exception {
            FIRST_READ.compareAndSet(0, System.currentTimeMillis());
            Thread.sleep(1);
            if (value.endsWith(" last-old")) {
                BACKLOG_READ.set(System.currentTimeMillis());
            }
            return value;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            CHECKPOINTS.add(System.currentTimeMillis());
        }
    }
}
