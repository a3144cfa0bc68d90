package io.ordertrack.jobs.deadletters;

import io.ordertrack.jobs.KafkaTopics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The dead-letters topic and its re-sent topic ({@code <topic>-resent}) on a Kafka cluster: reads
 * letters, sends chosen ones back to their source topics and records each re-send.
 *
 * <p>Letters are read as the job's {@code read_committed} consumers see them (the job writes them
 * in Kafka transactions), without a consumer group: reading never moves any offset.
 *
 * <p>A re-send is two writes: the record to its source topic, carrying the headers {@value
 * Resend#FROM_TOPIC_HEADER} and {@value Resend#LETTER_HEADER}, then, once the broker has it, its
 * {@link Resend} to the re-sent topic. Should the second write fail, the command says so and the
 * re-sent record's headers still name its letter.
 */
public final class DeadLettersTopic implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(200);

    /** Re-sends hold no record content: the re-sent topic keeps them for ever. */
    private static final Map<String, String> RESENT_TOPIC_CONFIG =
            Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1");

    private final Properties kafka;
    private final String topic;
    private final String resentTopic;
    private final Clock clock;
    private final Admin admin;
    private KafkaProducer<byte[], byte[]> producer;
    private boolean resentTopicExists;

    /**
     * @param kafka the connection properties of every client (bootstrap servers, credentials)
     * @param topic the dead-letters topic
     * @param clock the time re-sends are recorded with
     */
    public DeadLettersTopic(Properties kafka, String topic, Clock clock) {
        this.kafka = kafka;
        this.topic = topic;
        this.resentTopic = topic + "-resent";
        this.clock = clock;
        this.admin = Admin.create(kafka);
    }

    /** The topic where re-sends are recorded. */
    public String resentTopic() {
        return resentTopic;
    }

    /** The letters a filter asks for, in partition then offset order. */
    public List<StoredLetter> list(LetterFilter filter) throws Exception {
        List<StoredLetter> letters = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, TIMEOUT);
            Map<TopicPartition, Long> starts = starts(consumer, partitions, filter);
            read(consumer, starts, ends, record -> keep(letters, filter, record));
        }
        return letters;
    }

    /**
     * The letters of these ids still in the topic; ids of letters gone or never written are left
     * out.
     */
    public List<StoredLetter> find(Collection<LetterId> ids) throws Exception {
        List<StoredLetter> letters = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            for (LetterId id : ids) {
                TopicPartition partition = new TopicPartition(topic, id.partition());
                if (!partitions(consumer, topic).contains(partition)) {
                    continue;
                }
                long end = consumer.endOffsets(List.of(partition), TIMEOUT).get(partition);
                read(
                        consumer,
                        Map.of(partition, id.offset()),
                        Map.of(partition, Math.min(id.offset() + 1, end)),
                        record -> {
                            if (record.offset() == id.offset()) {
                                letters.add(StoredLetter.of(record));
                            }
                        });
            }
        }
        return letters;
    }

    /** Every re-send recorded so far, by letter; none when nothing was ever re-sent. */
    public Map<LetterId, Resend> resends() throws Exception {
        Map<LetterId, Resend> resends = new HashMap<>();
        if (!topics().contains(resentTopic)) {
            return resends;
        }
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer, resentTopic);
            Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions, TIMEOUT);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, TIMEOUT);
            read(
                    consumer,
                    starts,
                    ends,
                    record -> {
                        Resend resend = Resend.fromValue(record.value());
                        resends.put(resend.letter(), resend);
                    });
        }
        return resends;
    }

    /** The topics of the cluster. */
    public Set<String> topics() throws Exception {
        return admin.listTopics().names().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /**
     * Sends a letter's key and value back to its source topic (partitioned by key, as a producer of
     * the input topics does), then records the re-send. Check {@link ResendRules} first.
     */
    public Resend resend(StoredLetter letter) throws Exception {
        ensureResentTopic();
        RecordHeaders headers = new RecordHeaders();
        headers.add(Resend.FROM_TOPIC_HEADER, topic.getBytes(StandardCharsets.UTF_8));
        headers.add(Resend.LETTER_HEADER, letter.id().toString().getBytes(StandardCharsets.UTF_8));
        RecordMetadata sent =
                await(
                        producer()
                                .send(
                                        new ProducerRecord<>(
                                                letter.sourceTopic(),
                                                null,
                                                null,
                                                letter.key(),
                                                letter.value(),
                                                headers)));
        Resend resend =
                new Resend(
                        letter.id(),
                        letter.sourceTopic(),
                        sent.partition(),
                        sent.offset(),
                        clock.instant().truncatedTo(ChronoUnit.MILLIS));
        try {
            await(producer().send(new ProducerRecord<>(resentTopic, resend.key(), resend.value())));
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "re-sent "
                            + letter.id()
                            + " "
                            + resend.describe()
                            + " but could not record it in "
                            + resentTopic
                            + ": "
                            + e,
                    e);
        }
        return resend;
    }

    private void ensureResentTopic() throws Exception {
        if (resentTopicExists || topics().contains(resentTopic)) {
            resentTopicExists = true;
            return;
        }
        try {
            admin.createTopics(
                            List.of(
                                    new NewTopic(resentTopic, Optional.of(1), Optional.empty())
                                            .configs(RESENT_TOPIC_CONFIG)))
                    .all()
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            // Another operator created it meanwhile: what matters is that it exists.
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        KafkaTopics.awaitLeaders(admin, List.of(resentTopic));
        resentTopicExists = true;
    }

    private static void keep(
            List<StoredLetter> letters,
            LetterFilter filter,
            ConsumerRecord<byte[], byte[]> record) {
        StoredLetter letter = StoredLetter.of(record);
        if (filter.matches(letter)) {
            letters.add(letter);
        }
    }

    /**
     * Where to start in each partition: the first letter at or after {@code from} (letters' times
     * are their records' times, not in offset order, so the rest is filtered as it is read).
     */
    private static Map<TopicPartition, Long> starts(
            KafkaConsumer<byte[], byte[]> consumer,
            List<TopicPartition> partitions,
            LetterFilter filter) {
        Map<TopicPartition, Long> starts =
                new HashMap<>(consumer.beginningOffsets(partitions, TIMEOUT));
        if (filter.from() == null) {
            return starts;
        }
        Map<TopicPartition, Long> at = new HashMap<>();
        partitions.forEach(p -> at.put(p, filter.from().toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(at, TIMEOUT);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, TIMEOUT);
        partitions.forEach(
                p -> starts.put(p, found.get(p) == null ? ends.get(p) : found.get(p).offset()));
        return starts;
    }

    /** Reads each partition from its start up to (not including) its end. */
    private static void read(
            KafkaConsumer<byte[], byte[]> consumer,
            Map<TopicPartition, Long> starts,
            Map<TopicPartition, Long> ends,
            Consumer<ConsumerRecord<byte[], byte[]>> each)
            throws TimeoutException {
        List<TopicPartition> open =
                starts.keySet().stream().filter(p -> starts.get(p) < ends.get(p)).toList();
        consumer.assign(open);
        open.forEach(p -> consumer.seek(p, starts.get(p)));
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (open.stream().anyMatch(p -> consumer.position(p, TIMEOUT) < ends.get(p))) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(
                        "reading " + open + " took longer than " + TIMEOUT.toSeconds() + " s");
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                if (record.offset() < ends.get(partition)) {
                    each.accept(record);
                    deadline = System.nanoTime() + TIMEOUT.toNanos();
                }
            }
        }
        consumer.assign(List.of());
    }

    private static List<TopicPartition> partitions(
            KafkaConsumer<byte[], byte[]> consumer, String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, TIMEOUT);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalArgumentException("topic " + topic + " does not exist");
        }
        return infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Properties properties = new Properties();
        properties.putAll(kafka);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return new KafkaConsumer<>(properties);
    }

    private KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            Properties properties = new Properties();
            properties.putAll(kafka);
            properties.put(ProducerConfig.ACKS_CONFIG, "all");
            properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
            properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
            producer = new KafkaProducer<>(properties);
        }
        return producer;
    }

    private static RecordMetadata await(java.util.concurrent.Future<RecordMetadata> sent)
            throws ExecutionException, InterruptedException, TimeoutException {
        return sent.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close();
        }
        admin.close();
    }
}
