package io.ordertrack.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A real HTTP receiver of webhooks on a loopback port, as a seller would run one: each endpoint
 * answers by its behaviour (fail, stall, accept) for its n-th request (probes aside), and keeps
 * every request it got with whether its Standard Webhooks signature verifies, checked here
 * independently of the API's own code (HMAC-SHA256 of id.timestamp.body with the base64-decoded
 * secret).
 */
final class WebhookReceiver implements AutoCloseable {
    /** How an endpoint answers its n-th request (1 for the first). */
    interface Behaviour {
        /** The status to answer, after {@code stallMillis}. */
        Answer answer(int request);
    }

    record Answer(int status, long stallMillis) {
        static Answer ok() {
            return new Answer(204, 0);
        }

        static Answer failing(int status) {
            return new Answer(status, 0);
        }
    }

    /**
     * A request received: its webhook id and body, whether its signature verified, and whether it
     * was answered 2xx at once (not after a stall the sender gave up on).
     */
    record Received(
            String path,
            String webhookId,
            long timestamp,
            boolean signed,
            String body,
            long at,
            boolean accepted) {}

    /** Webhook ids holding this are a test's probes: always accepted, never counted. */
    static final String WARM_UP = "warm-up";

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The URL of an endpoint answering by its behaviour. */
    String endpoint(String path, Behaviour behaviour) {
        behaviours.put(path, behaviour);
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Changes how an endpoint answers from now on. */
    void behave(String path, Behaviour behaviour) {
        behaviours.put(path, behaviour);
    }

    /** The secret the endpoint's signatures are verified with. */
    void verifyWith(String path, String secret) {
        secrets.put(path, secret);
    }

    /** Every request the endpoint got, in arrival order. */
    List<Received> receivedAt(String path) {
        List<Received> at = new ArrayList<>();
        received.stream().filter(r -> r.path().equals(path)).forEach(at::add);
        return at;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String id = exchange.getRequestHeaders().getFirst("webhook-id");
        String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
        String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
        long seconds = timestamp == null ? -1 : Long.parseLong(timestamp);
        Answer answer;
        if (id != null && id.contains(WARM_UP)) {
            answer = Answer.ok(); // a test's probe, outside the behaviour's count
        } else {
            int n = counts.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            answer = behaviours.getOrDefault(path, request -> Answer.failing(404)).answer(n);
        }
        received.add(
                new Received(
                        path,
                        id,
                        seconds,
                        verifies(secrets.get(path), id, timestamp, body, signature),
                        new String(body, StandardCharsets.UTF_8),
                        System.nanoTime(),
                        answer.status() / 100 == 2 && answer.stallMillis() == 0));
        try {
            Thread.sleep(answer.stallMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            exchange.sendResponseHeaders(answer.status(), -1);
        } catch (IOException e) {
            // the sender gave up waiting
        }
        exchange.close();
    }

    private static boolean verifies(
            String secret, String id, String timestamp, byte[] body, String signature) {
        if (secret == null || id == null || timestamp == null || signature == null) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(
                    new SecretKeySpec(
                            Base64.getDecoder().decode(secret.substring("whsec_".length())),
                            "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
            return List.of(signature.split(" ")).contains(expected);
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
