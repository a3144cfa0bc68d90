package io.ordertrack.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An HTTPS endpoint on the loopback interface that answers every request as an Elasticsearch node
 * would answer a ping ({@code 200}, {@code X-Elastic-Product: Elasticsearch}, an empty JSON object)
 * and records the {@code Authorization} header of each: for tests of what a client sends and which
 * certificates it trusts, where a secured Elasticsearch would cost a node of its own. It serves the
 * {@link LocalhostCertificate}.
 */
public final class HttpsRecorder implements AutoCloseable {
    private final HttpsServer server;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    private HttpsRecorder(HttpsServer server) {
        this.server = server;
    }

    /** Starts it on a free port of 127.0.0.1. */
    public static HttpsRecorder start() {
        try {
            HttpsServer server =
                    HttpsServer.create(
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setHttpsConfigurator(
                    new HttpsConfigurator(LocalhostCertificate.serverContext()));
            HttpsRecorder recorder = new HttpsRecorder(server);
            server.createContext("/", recorder::answer);
            server.start();
            return recorder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Its address, e.g. {@code https://127.0.0.1:PORT}. */
    public String url() {
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The {@code Authorization} header of every request so far ({@code ""} when absent). */
    public List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        authorizations.add(authorization == null ? "" : authorization);
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("X-Elastic-Product", "Elasticsearch");
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(200, head ? -1 : body.length);
        if (!head) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
