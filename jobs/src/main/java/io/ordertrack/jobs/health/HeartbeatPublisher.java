package io.ordertrack.jobs.health;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.ordertrack.documents.Index;
import io.ordertrack.documents.IndexBootstrap;
import io.ordertrack.jobs.elasticsearch.ElasticsearchConnection;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes heartbeats to the job-status index on a thread of its own, with the consumer lag measured
 * just before: a slow or unreachable Kafka or Elasticsearch must never hold up the task, and a
 * heartbeat that cannot be written is simply missed (the API then sees it grow old, which is the
 * truth). Only the newest heartbeat waits while one is being written.
 */
final class HeartbeatPublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatPublisher.class);

    private final JobHeartbeat.Target target;
    private final ThreadPoolExecutor writer =
            new ThreadPoolExecutor(
                    1,
                    1,
                    0,
                    TimeUnit.SECONDS,
                    new ArrayBlockingQueue<>(1),
                    runnable -> new Thread(runnable, "job-heartbeat"),
                    new ThreadPoolExecutor.DiscardOldestPolicy());
    private final ConsumerLag lag;
    private final ElasticsearchConnection elasticsearch;
    private boolean indexReady;

    HeartbeatPublisher(JobHeartbeat.Target target) {
        this.target = target;
        this.lag =
                new ConsumerLag(
                        target.kafkaBootstrapServers(),
                        target.kafkaSecurity(),
                        target.consumerGroup(),
                        target.topics());
        this.elasticsearch =
                ElasticsearchConnection.open(
                        target.elasticsearchUrl(), target.elasticsearchSecurity());
    }

    void publish(Heartbeat heartbeat) {
        writer.execute(() -> write(heartbeat));
    }

    private void write(Heartbeat heartbeat) {
        Map<String, Long> lagByTopic;
        try {
            lagByTopic = lag.perTopic();
        } catch (Exception e) {
            LOG.warn("Consumer lag of {} unknown: {}", target.consumerGroup(), e.toString());
            lagByTopic = Map.of();
        }
        Map<String, Object> document = heartbeat.document(target.topics(), lagByTopic);
        try {
            ElasticsearchClient client = elasticsearch.client();
            if (!indexReady) {
                IndexBootstrap.ensureIndex(client, target.index(), Index.JOB_STATUS);
                indexReady = true;
            }
            client.update(
                    u ->
                            u.index(target.index())
                                    .id(target.consumerGroup())
                                    .doc(document)
                                    .docAsUpsert(true),
                    Map.class);
        } catch (Exception e) {
            LOG.warn("Heartbeat of {} not written: {}", target.consumerGroup(), e.toString());
        }
    }

    @Override
    public void close() throws Exception {
        writer.shutdownNow();
        writer.awaitTermination(10, TimeUnit.SECONDS);
        lag.close();
        elasticsearch.close();
    }
}
