package io.ordertrack.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * An HTTPS endpoint on the loopback interface that answers every request as an Elasticsearch node
 * would answer a ping ({@code 200}, {@code X-Elastic-Product: Elasticsearch}, an empty JSON object)
 * and records the {@code Authorization} header of each: for tests of what a client sends and which
 * certificates it trusts, where a secured Elasticsearch would cost a node of its own. Its
 * certificate is self-signed for {@code localhost} and {@code 127.0.0.1}; {@link #caFile()} is the
 * PEM a client must trust.
 */
public final class HttpsRecorder implements AutoCloseable {
    private static final String KEY_STORE = "localhost.p12";
    private static final String CA_PEM = "localhost-ca.pem";
    private static final char[] KEY_STORE_PASSWORD = "changeit".toCharArray();

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
            server.setHttpsConfigurator(new HttpsConfigurator(serverContext()));
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

    /** A PEM file of the certificate authority (its own certificate) to trust. */
    public static Path caFile() {
        try (InputStream pem = resource(CA_PEM)) {
            Path file = Files.createTempFile("https-recorder-ca-", ".pem");
            Files.write(file, pem.readAllBytes());
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    private static SSLContext serverContext() {
        try (InputStream keys = resource(KEY_STORE)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(keys, KEY_STORE_PASSWORD);
            KeyManagerFactory factory =
                    KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, KEY_STORE_PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(factory.getKeyManagers(), null, null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the recorder's key store is unusable", e);
        }
    }

    private static InputStream resource(String name) {
        InputStream stream = HttpsRecorder.class.getResourceAsStream(name);
        if (stream == null) {
            throw new IllegalStateException("missing test resource " + name);
        }
        return stream;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
