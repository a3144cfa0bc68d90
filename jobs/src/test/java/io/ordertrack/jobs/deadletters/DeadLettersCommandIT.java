package io.ordertrack.jobs.deadletters;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertrack.avro.OrderEvent;
import io.ordertrack.connections.KafkaSecurity;
import io.ordertrack.domain.input.RecordLimits;
import io.ordertrack.jobs.KafkaTopics;
import io.ordertrack.jobs.TestTopics;
import io.ordertrack.jobs.elasticsearch.IndexedDocument;
import io.ordertrack.jobs.ingest.DeadLetter;
import io.ordertrack.jobs.ingest.Decoded;
import io.ordertrack.jobs.ingest.DecodingDeserializer;
import io.ordertrack.jobs.publish.DeadLetterSerializer;
import io.ordertrack.jobs.publish.KafkaDeadLetters;
import io.ordertrack.schemas.EventValidation;
import io.ordertrack.testkit.KafkaServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dead-letters command against a real broker, on letters the job's own classes wrote: an order
 * the deserializer found invalid, a record it could not read, and a document Elasticsearch refused.
 */
class DeadLettersCommandIT {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final Instant THREE_HOURS_AGO = NOW.minus(Duration.ofHours(3));
    private static final Instant TWO_HOURS_AGO = NOW.minus(Duration.ofHours(2));

    private String ordersTopic;
    private String deadLettersTopic;
    private LetterId invalidOrder;
    private LetterId unreadable;
    private LetterId refusedDocument;
    private byte[] invalidOrderBytes;

    @BeforeEach
    void theJobDeadLetteredThreeRecords() throws Exception {
        String run = "dl-" + System.nanoTime();
        ordersTopic = "orders-" + run;
        deadLettersTopic = "dead-letters-" + run;
        KafkaTopics.ensureExist(TestTopics.config(run, "--topics.create", "true"));

        invalidOrderBytes = Letters.encoded(Letters.placedWithoutWarehouse("1001"));
        List<DeadLetter> letters =
                deadLettersOf(
                        List.of(
                                input("acme:SHOPIFY:1001", invalidOrderBytes, THREE_HOURS_AGO),
                                input(
                                        "acme:SHOPIFY:1002",
                                        "Priya Sharma,+91 98765-43210,12 MG Road"
                                                .getBytes(StandardCharsets.UTF_8),
                                        TWO_HOURS_AGO)));
        invalidOrder = publish(letters.get(0));
        unreadable = publish(letters.get(1));
        refusedDocument = refuseInElasticsearch();
    }

    @Test
    void lettersAreListedByReasonAndTimeWithTheCustomerMasked() {
        Output byReason = command("list", "--reason", "WAREHOUSEID IS BLANK");

        assertThat(byReason.status()).isZero();
        assertThat(byReason.text())
                .contains(
                        invalidOrder
                                + "  "
                                + THREE_HOURS_AGO
                                + "  "
                                + ordersTopic
                                + "/"
                                + invalidOrderSource()
                                + "  invalid: warehouseId is blank")
                .contains("    key   acme:SHOPIFY:1001")
                .contains("    value OrderEvent {", "\"name\":\"***** ******\"")
                .contains("1 dead letters (reason contains \"WAREHOUSEID IS BLANK\"), 0 of them")
                .doesNotContain(unreadable.toString() + "  ")
                .doesNotContain("Priya", "Sharma", "98765", "43210", "MG Road");

        Output byTime =
                command(
                        "list",
                        "--from",
                        TWO_HOURS_AGO.toString(),
                        "--to",
                        NOW.minus(Duration.ofHours(1)).toString());

        assertThat(byTime.text())
                .contains(unreadable + "  " + TWO_HOURS_AGO + "  " + ordersTopic + "/")
                .contains("not Avro single-object encoding")
                .contains("    value text ***** ******,+** *****-*****,** ** ****")
                .contains("1 dead letters (from " + TWO_HOURS_AGO)
                .doesNotContain("Priya", "98765");
    }

    @Test
    void aChosenLetterGoesBackToItsSourceOnceWithItsReSendRecorded() throws Exception {
        Map<TopicPartition, Long> before = endOffsets(ordersTopic);

        Output first = command("resend", "--letters", invalidOrder.toString());

        assertThat(first.status()).isZero();
        assertThat(first.text())
                .contains("re-sent " + invalidOrder + " at ")
                .contains(
                        "re-sent 1, refused 0, not found 0; re-sends are recorded in "
                                + deadLettersTopic
                                + "-resent");
        List<ConsumerRecord<byte[], byte[]>> arrived = readAfter(ordersTopic, before);
        assertThat(arrived).hasSize(1);
        ConsumerRecord<byte[], byte[]> resent = arrived.get(0);
        assertThat(new String(resent.key(), StandardCharsets.UTF_8)).isEqualTo("acme:SHOPIFY:1001");
        assertThat(resent.value()).isEqualTo(invalidOrderBytes);
        assertThat(header(resent, Resend.LETTER_HEADER)).isEqualTo(invalidOrder.toString());
        assertThat(header(resent, Resend.FROM_TOPIC_HEADER)).isEqualTo(deadLettersTopic);
        List<ConsumerRecord<byte[], byte[]>> recorded =
                readAfter(deadLettersTopic + "-resent", Map.of());
        assertThat(recorded).hasSize(1);
        assertThat(Resend.fromValue(recorded.get(0).value()))
                .extracting(Resend::letter, Resend::topic, Resend::offset)
                .containsExactly(invalidOrder, ordersTopic, resent.offset());

        Output second = command("resend", "--letters", invalidOrder.toString());

        assertThat(second.status()).isEqualTo(1);
        assertThat(second.text())
                .contains(
                        "refused "
                                + invalidOrder
                                + ": already re-sent at "
                                + Resend.fromValue(recorded.get(0).value()).at()
                                + " to "
                                + ordersTopic
                                + "/"
                                + resent.partition()
                                + "@"
                                + resent.offset());
        assertThat(readAfter(ordersTopic, before)).hasSize(1);
        assertThat(command("list", "--reason", "warehouseId").text())
                .contains("    re-sent at ")
                .contains("1 of them re-sent");
    }

    @Test
    void aDocumentElasticsearchRefusedIsNotReSentAndTheOthersChosenByReasonAre() throws Exception {
        Map<TopicPartition, Long> before = endOffsets(ordersTopic);

        Output byReason = command("resend", "--reason", "mapper_parsing_exception");

        assertThat(byReason.status()).isEqualTo(1);
        assertThat(byReason.text())
                .contains("refused " + refusedDocument + ": it is a document Elasticsearch refused")
                .contains("cannot be re-sent to Kafka")
                .contains("re-sent 0, refused 1, not found 0");
        assertThat(readAfter(ordersTopic, before)).isEmpty();

        Output unknown = command("resend", "--letters", "0:999999");

        assertThat(unknown.text()).contains("not found 0:999999");
        assertThat(unknown.status()).isEqualTo(1);
    }

    private record Output(int status, String text) {}

    private Output command(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--kafka.bootstrap.servers", KafkaServer.shared().bootstrapServers()));
        all.addAll(List.of("--topic.dead-letters", deadLettersTopic));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status =
                DeadLettersCommand.run(
                        all.toArray(String[]::new),
                        Map.of(),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        Clock.systemUTC());
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        return new Output(status, out.toString(StandardCharsets.UTF_8));
    }

    /** Writes records to the orders topic and reads them back, as the job's source would. */
    private List<DeadLetter> deadLettersOf(List<ProducerRecord<byte[], byte[]>> inputs)
            throws Exception {
        Map<TopicPartition, Long> before = endOffsets(ordersTopic);
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (ProducerRecord<byte[], byte[]> input : inputs) {
                producer.send(input).get();
            }
        }
        DecodingDeserializer<OrderEvent> deserializer =
                new DecodingDeserializer<>(
                        OrderEvent.class,
                        EventValidation::problemOf,
                        OrderEvent::getEventTime,
                        RecordLimits.DEFAULT,
                        Clock.systemUTC());
        List<Decoded<OrderEvent>> decoded = new ArrayList<>();
        readAfter(ordersTopic, before).stream()
                .sorted(java.util.Comparator.comparingLong(ConsumerRecord::timestamp))
                .forEach(record -> deserializer.deserialize(record, new ListCollector<>(decoded)));
        return decoded.stream().map(Decoded::getDeadLetter).toList();
    }

    private ProducerRecord<byte[], byte[]> input(String key, byte[] value, Instant time) {
        return new ProducerRecord<>(
                ordersTopic,
                null,
                time.toEpochMilli(),
                key.getBytes(StandardCharsets.UTF_8),
                value);
    }

    private LetterId publish(DeadLetter letter) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            RecordMetadata sent =
                    producer.send(
                                    new DeadLetterSerializer(deadLettersTopic)
                                            .serialize(letter, null, null))
                            .get();
            return new LetterId(sent.partition(), sent.offset());
        }
    }

    private LetterId refuseInElasticsearch() throws Exception {
        Map<TopicPartition, Long> before = endOffsets(deadLettersTopic);
        KafkaDeadLetters deadLetters =
                new KafkaDeadLetters(
                        KafkaServer.shared().bootstrapServers(),
                        KafkaSecurity.PLAINTEXT,
                        deadLettersTopic,
                        "orders");
        deadLetters.reject(
                new IndexedDocument("acme:SHOPIFY:1003", 1, Letters.orderDocument()),
                "400 mapper_parsing_exception: failed to parse field [customer.phone]");
        deadLetters.flush();
        deadLetters.close();
        ConsumerRecord<byte[], byte[]> written = readAfter(deadLettersTopic, before).get(0);
        return new LetterId(written.partition(), written.offset());
    }

    private String invalidOrderSource() {
        return readAfter(ordersTopic, Map.of()).stream()
                .filter(r -> new String(r.key(), StandardCharsets.UTF_8).endsWith(":1001"))
                .map(r -> r.partition() + "@" + r.offset())
                .findFirst()
                .orElseThrow();
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        Properties properties = new Properties();
        properties.put(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaServer.shared().bootstrapServers());
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return new KafkaProducer<>(properties);
    }

    private static KafkaConsumer<byte[], byte[]> consumer() {
        Properties properties = new Properties();
        properties.put(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaServer.shared().bootstrapServers());
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return new KafkaConsumer<>(properties);
    }

    private static Map<TopicPartition, Long> endOffsets(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            return consumer.endOffsets(partitions(consumer, topic), Duration.ofSeconds(30));
        }
    }

    /** Every record of a topic after the given offsets (from the start where none is given). */
    private static List<ConsumerRecord<byte[], byte[]>> readAfter(
            String topic, Map<TopicPartition, Long> offsets) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            Map<TopicPartition, Long> ends =
                    consumer.endOffsets(partitions, Duration.ofSeconds(30));
            consumer.assign(partitions);
            partitions.forEach(p -> consumer.seek(p, offsets.getOrDefault(p, 0L)));
            long deadline = System.currentTimeMillis() + 30_000;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))
                    && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private static List<TopicPartition> partitions(
            KafkaConsumer<byte[], byte[]> consumer, String topic) {
        return consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
