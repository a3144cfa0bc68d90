package io.ordertrack.benchmarks.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ordertrack.avro.Address;
import io.ordertrack.avro.Customer;
import io.ordertrack.avro.OrderDetails;
import io.ordertrack.avro.OrderEvent;
import io.ordertrack.avro.OrderEventType;
import io.ordertrack.avro.OrderItem;
import io.ordertrack.avro.Parcel;
import io.ordertrack.avro.PaymentMode;
import io.ordertrack.connections.KafkaSecurity;
import io.ordertrack.schemas.AvroCodec;
import io.ordertrack.schemas.RecordKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Freshness as a user sees it: probe orders of a tenant of their own, placed at a steady pace among
 * the live feed, each timed from the moment it is handed to Kafka to the moment the API lists it.
 * One list request of the probe tenant's newest orders every 20 ms sees every probe still
 * outstanding, so polling adds little load.
 */
final class FreshnessProbe implements AutoCloseable {
    static final String TENANT = "probe";
    private static final Duration POLL_EVERY = Duration.ofMillis(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaProducer<byte[], byte[]> producer;
    private final String ordersTopic;
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI newestProbes;
    private final String apiKey;
    private final AvroCodec<OrderEvent> codec = AvroCodec.of(OrderEvent.class);
    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    private final List<Long> latencies = new ArrayList<>();

    /** Probes placed so far: each is numbered, its own order across runs. */
    private int placed;

    FreshnessProbe(
            String bootstrapServers,
            KafkaSecurity kafkaSecurity,
            String ordersTopic,
            int apiPort,
            String apiKey) {
        Properties properties = kafkaSecurity.clientProperties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        this.producer =
                new KafkaProducer<>(
                        properties, new ByteArraySerializer(), new ByteArraySerializer());
        this.ordersTopic = ordersTopic;
        this.newestProbes = URI.create("http://127.0.0.1:" + apiPort + "/api/orders?size=100");
        this.apiKey = apiKey;
    }

    /**
     * Places a probe every {@code every} for {@code duration}, then waits up to {@code grace} for
     * the last ones; returns the latency of each probe seen, in nanoseconds, ascending. A probe
     * never seen counts as {@link Long#MAX_VALUE}.
     */
    long[] run(Duration every, Duration duration, Duration grace) throws Exception {
        latencies.clear();
        long end = System.nanoTime() + duration.toNanos();
        long nextProbe = System.nanoTime();
        while (System.nanoTime() < end) {
            if (System.nanoTime() >= nextProbe) {
                place(placed++);
                nextProbe += every.toNanos();
            }
            poll();
            Thread.sleep(POLL_EVERY.toMillis());
        }
        long graceEnd = System.nanoTime() + grace.toNanos();
        while (!sentAt.isEmpty() && System.nanoTime() < graceEnd) {
            poll();
            Thread.sleep(POLL_EVERY.toMillis());
        }
        sentAt.forEach((id, at) -> latencies.add(Long.MAX_VALUE));
        sentAt.clear();
        return latencies.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    /**
     * Places a probe every {@code every} until one is listed, for {@code atMost}; returns how long
     * that took, in nanoseconds, or {@link Long#MAX_VALUE} if none was. Probes still unseen then
     * are not waited for.
     */
    long untilFirstSeen(Duration every, Duration atMost) throws Exception {
        latencies.clear();
        long start = System.nanoTime();
        long nextProbe = start;
        while (latencies.isEmpty() && System.nanoTime() - start < atMost.toNanos()) {
            if (System.nanoTime() >= nextProbe) {
                place(placed++);
                nextProbe += every.toNanos();
            }
            poll();
            Thread.sleep(POLL_EVERY.toMillis());
        }
        long took = latencies.isEmpty() ? Long.MAX_VALUE : System.nanoTime() - start;
        sentAt.clear();
        latencies.clear();
        return took;
    }

    private void place(int number) {
        OrderEvent placed =
                OrderEvent.newBuilder()
                        .setEventId("probe-" + number + "-" + System.nanoTime())
                        .setEventTime(Instant.now())
                        .setTenantId(TENANT)
                        .setChannel("MANUAL")
                        .setClientOrderId("P" + number)
                        .setType(OrderEventType.PLACED)
                        .setDetails(
                                OrderDetails.newBuilder()
                                        .setCustomer(
                                                new Customer(
                                                        "Probe",
                                                        "9000000000",
                                                        new Address(
                                                                "1 Probe Road",
                                                                null,
                                                                "Bengaluru",
                                                                "Karnataka",
                                                                "560001")))
                                        .setItems(List.of(new OrderItem("PROBE", null, 1, 100L)))
                                        .setPaymentMode(PaymentMode.PREPAID)
                                        .setAmountPaise(100L)
                                        .setParcel(new Parcel(10.0, 10.0, 10.0, 100))
                                        .setWarehouseId("WH-PROBE")
                                        .build())
                        .build();
        String orderId = RecordKeys.of(placed);
        sentAt.put(orderId, System.nanoTime());
        producer.send(
                new ProducerRecord<>(
                        ordersTopic,
                        orderId.getBytes(StandardCharsets.UTF_8),
                        codec.encode(placed)));
    }

    private void poll() throws Exception {
        if (sentAt.isEmpty()) {
            return;
        }
        HttpResponse<String> answer =
                http.send(
                        HttpRequest.newBuilder(newestProbes).header("X-Api-Key", apiKey).build(),
                        HttpResponse.BodyHandlers.ofString());
        long seenAt = System.nanoTime();
        if (answer.statusCode() != 200) {
            return;
        }
        for (JsonNode order : JSON.readTree(answer.body()).path("orders")) {
            Long sent = sentAt.remove(order.path("orderId").asText());
            if (sent != null) {
                latencies.add(seenAt - sent);
            }
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
