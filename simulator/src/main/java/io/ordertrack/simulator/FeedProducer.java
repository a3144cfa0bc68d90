package io.ordertrack.simulator;

import io.ordertrack.connections.KafkaSecurity;
import io.ordertrack.simulator.SimulatedRecord.Topic;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends a simulation's records to Kafka, as fast as possible or at a steady rate. Records keep the
 * broker's clock as their Kafka timestamp (simulated times could be older than the topics'
 * retention); the event time is inside each event.
 */
public final class FeedProducer implements AutoCloseable {
    /** Topic names of the four input streams. */
    public record Topics(String orders, String tracking, String inventory, String remittances) {
        public static final Topics DEFAULT =
                new Topics("orders", "tracking", "inventory", "remittances");

        /** The input topics of one run, each named after it ({@code orders-<run>}, …). */
        public static Topics of(String run) {
            return new Topics(
                    "orders-" + run, "tracking-" + run, "inventory-" + run, "remittances-" + run);
        }
    }

    /** Told about progress now and then. */
    public interface Progress {
        void report(long sent, long elapsedNanos, Simulation simulation);
    }

    private static final long REPORT_EVERY_NANOS = 5_000_000_000L;

    private final KafkaProducer<byte[], byte[]> producer;
    private final Map<Topic, String> topicNames = new EnumMap<>(Topic.class);
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private volatile boolean stopped;

    /** A producer for an unsecured broker. */
    public FeedProducer(String bootstrapServers, Topics topics) {
        this(bootstrapServers, KafkaSecurity.PLAINTEXT, topics);
    }

    /** A producer that logs in and trusts the brokers as {@code security} says. */
    public FeedProducer(String bootstrapServers, KafkaSecurity security, Topics topics) {
        Properties properties = security.clientProperties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        properties.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        properties.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024);
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        this.producer = new KafkaProducer<>(properties);
        topicNames.put(Topic.ORDERS, topics.orders());
        topicNames.put(Topic.TRACKING, topics.tracking());
        topicNames.put(Topic.INVENTORY, topics.inventory());
        topicNames.put(Topic.REMITTANCES, topics.remittances());
    }

    /**
     * Sends every record of the simulation, then waits until the broker has them all.
     *
     * @param eventsPerSecond the pace; 0 or less for as fast as possible
     * @return the number of records sent
     */
    public long send(Simulation simulation, double eventsPerSecond, Progress progress) {
        return send(
                simulation,
                eventsPerSecond,
                (sent, nanos) -> progress.report(sent, nanos, simulation));
    }

    /** Sends records as fast as possible, then waits until the broker has them all. */
    public long send(Iterator<SimulatedRecord> records) {
        return send(records, 0, (sent, nanos) -> {});
    }

    /**
     * Sends records until there are none left or {@link #stop} is called, then waits until the
     * broker has them all.
     *
     * @param eventsPerSecond the pace; 0 or less for as fast as possible
     * @param report told now and then of the records sent and the nanoseconds elapsed
     * @return the number of records sent
     */
    public long send(
            Iterator<SimulatedRecord> records,
            double eventsPerSecond,
            BiConsumer<Long, Long> report) {
        long started = System.nanoTime();
        long lastReport = started;
        long sent = 0;
        while (!stopped && records.hasNext()) {
            SimulatedRecord record = records.next();
            producer.send(
                    new ProducerRecord<>(
                            topicNames.get(record.topic()), record.key(), record.value()),
                    (metadata, error) -> {
                        if (error != null) {
                            failure.compareAndSet(null, error);
                        }
                    });
            sent++;
            if (eventsPerSecond > 0) {
                pace(started, sent, eventsPerSecond);
            }
            long now = System.nanoTime();
            if (now - lastReport >= REPORT_EVERY_NANOS) {
                lastReport = now;
                report.accept(sent, now - started);
                failIfSendFailed();
            }
        }
        producer.flush();
        failIfSendFailed();
        report.accept(sent, System.nanoTime() - started);
        return sent;
    }

    /** Makes a running {@link #send} stop after its current record. */
    public void stop() {
        stopped = true;
    }

    private static void pace(long started, long sent, double eventsPerSecond) {
        long due = started + (long) (sent * 1e9 / eventsPerSecond);
        long wait = due - System.nanoTime();
        if (wait > 1_000_000) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void failIfSendFailed() {
        Exception error = failure.get();
        if (error != null) {
            throw new IllegalStateException(
                    "Kafka did not accept a record: " + error.getMessage(), error);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
