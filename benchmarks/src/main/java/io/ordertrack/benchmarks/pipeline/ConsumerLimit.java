package io.ordertrack.benchmarks.pipeline;

import io.ordertrack.avro.InventoryEvent;
import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.Remittance;
import io.ordertrack.avro.TrackingScan;
import io.ordertrack.schemas.AvroCodec;
import io.ordertrack.schemas.EventValidation;
import io.ordertrack.simulator.FeedProducer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Limit (a): one plain {@code KafkaConsumer} per partition that reads the preloaded events and
 * decodes and validates every one, as the job does, and nothing else.
 */
record ConsumerLimit(BenchmarkRun run, BenchmarkReport report) {
    /**
     * @return events per second
     */
    double measure(Preload.Feed feed) throws Exception {
        long events = feed.events();
        ExecutorService threads = Executors.newFixedThreadPool(KafkaTopics.PARTITIONS);
        long started = System.nanoTime();
        List<Future<Long>> read = new ArrayList<>();
        for (int partition = 0; partition < KafkaTopics.PARTITIONS; partition++) {
            int assigned = partition;
            read.add(threads.submit(() -> readPartition(feed.topics(), assigned)));
        }
        long total = 0;
        for (Future<Long> part : read) {
            total += part.get();
        }
        double seconds = BenchmarkRun.secondsSince(started);
        threads.shutdown();
        if (total != events) {
            throw new IllegalStateException("read " + total + " of " + events + " records");
        }
        report.put("limitConsumerEventsPerSecond", events / seconds);
        report.row("plain Kafka consumer, read + decode (limit a)", events, events / seconds, null);
        return events / seconds;
    }

    /**
     * Reads partition {@code partition} of each of the four input topics to its end, decoding every
     * value.
     */
    private long readPartition(FeedProducer.Topics topics, int partition) {
        Properties properties = run.kafkaSecurity().clientProperties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, run.kafka());
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
        Map<String, Function<byte[], Optional<String>>> decoders =
                Map.of(
                        topics.orders(), decoder(OrderEvent.class, EventValidation::problemOf),
                        topics.tracking(), decoder(TrackingScan.class, EventValidation::problemOf),
                        topics.inventory(),
                                decoder(InventoryEvent.class, EventValidation::problemOf),
                        topics.remittances(),
                                decoder(Remittance.class, EventValidation::problemOf));
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        properties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> assigned =
                    decoders.keySet().stream()
                            .map(topic -> new TopicPartition(topic, partition))
                            .toList();
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            Map<TopicPartition, Long> ends = consumer.endOffsets(assigned);
            long read = 0;
            long expected = ends.values().stream().mapToLong(Long::longValue).sum();
            long problems = 0;
            while (read < expected) {
                for (ConsumerRecord<byte[], byte[]> record :
                        consumer.poll(Duration.ofMillis(500))) {
                    read++;
                    if (decoders.get(record.topic()).apply(record.value()).isPresent()) {
                        problems++;
                    }
                }
            }
            report.add("limitConsumerBadRecords", problems);
            return read;
        }
    }

    /** What is wrong with a record's bytes, or empty when they decode to a valid event. */
    private static <T extends SpecificRecord> Function<byte[], Optional<String>> decoder(
            Class<T> type, Function<T, Optional<String>> validation) {
        AvroCodec<T> codec = AvroCodec.of(type);
        return bytes -> {
            try {
                return validation.apply(codec.decode(bytes));
            } catch (RuntimeException e) {
                return Optional.of(e.toString());
            }
        };
    }
}
