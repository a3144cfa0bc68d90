package io.ordertrack.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.ordertrack.api.elasticsearch.ElasticsearchClients;
import io.ordertrack.api.http.ApiConnector;
import io.ordertrack.api.security.ApiKeys;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.RetainableByteBuffer;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.BufferUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Requests too large for Jetty to read (a request line or headers over 32 KiB) are answered by
 * Jetty itself, 414 or 431 with the API's JSON error, before all their bytes are read. The rest
 * must never be read as a request: not on their own connection, not on another client's. Raw
 * sockets, so that no client library retries or hides what the server sends; no real cluster
 * needed.
 */
class OversizedRequestTest {
    private static final String KEY = "acme-key";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OVERSIZED = "x".repeat(ApiConnector.REQUEST_HEADER_SIZE + 1);

    private static ElasticsearchClients unreachable;
    private static Javalin app;

    @BeforeAll
    static void start() throws IOException {
        String closedPort = StandaloneApi.unreachableUrl();
        unreachable = ElasticsearchClients.create(closedPort);
        app =
                StandaloneApi.start(
                        closedPort, unreachable, ApiKeys.parse(ApiKeys.hash(KEY) + " acme"));
    }

    @AfterAll
    static void stop() {
        app.stop();
        unreachable.close();
    }

    @Test
    void anOversizedRequestLineIsAnswered414AndNothingAfterItOnItsConnection() throws IOException {
        String answers =
                exchange(request("/api/orders?awb=" + OVERSIZED) + request("/openapi.yaml"));

        assertOnlyAnswerIsTooLarge(answers, 414);
        assertThat(statusLine(exchange(request("/openapi.yaml", "Connection: close"))))
                .isEqualTo("HTTP/1.1 200 OK");
    }

    @Test
    void oversizedHeadersAreAnswered431AndNothingAfterThemOnTheirConnection() throws IOException {
        String answers =
                exchange(
                        request("/api/orders?awb=1", "X-Filler: " + OVERSIZED)
                                + request("/openapi.yaml"));

        assertOnlyAnswerIsTooLarge(answers, 431);
        assertThat(statusLine(exchange(request("/openapi.yaml", "Connection: close"))))
                .isEqualTo("HTTP/1.1 200 OK");
    }

    /**
     * Jetty (12.1) answers an oversized request from another thread and, once the answer is
     * written, resumes reading its connection on a third while the first may still be giving the
     * request buffer back: the rest of the oversized request can then be read into a buffer after
     * it was given back. That must not be a buffer another connection was lent meanwhile, or that
     * connection's request parses as {@code xxxx HTTP/1.1} (505) or its answer starts with it.
     */
    @Test
    void aBufferOneConnectionGaveBackIsNeverLentToAnother() {
        ServerConnector connector = (ServerConnector) app.jettyServer().server().getConnectors()[0];
        HttpConnectionFactory http = connector.getConnectionFactory(HttpConnectionFactory.class);
        ByteBufferPool pool = connector.getByteBufferPool();
        int size = http.getInputBufferSize();
        boolean direct = http.getHttpConfiguration().isUseInputDirectByteBuffers();

        RetainableByteBuffer givenBack = pool.acquire(size, direct);
        ByteBuffer stillReadInto = givenBack.getByteBuffer();
        givenBack.release();
        RetainableByteBuffer lent = pool.acquire(size, direct);
        BufferUtil.append(stillReadInto, ascii("xxxx HTTP/1.1\r\n"));
        try {
            assertThat(BufferUtil.toString(lent.getByteBuffer())).isEmpty();
        } finally {
            lent.release();
        }
    }

    private static void assertOnlyAnswerIsTooLarge(String answers, int status) throws IOException {
        assertThat(statusLine(answers)).startsWith("HTTP/1.1 " + status + " ");
        assertThat(answers.substring(1)).as("a second answer").doesNotContain("HTTP/1.1 ");
        assertThat(answers).containsIgnoringCase("Content-Type: application/json");
        JsonNode error = JSON.readTree(answers.substring(answers.indexOf("\r\n\r\n") + 4));
        assertThat(error.path("status").asInt()).isEqualTo(status);
        assertThat(error.path("message").asText()).isEqualTo("The request is too large");
    }

    private static String request(String target, String... headers) {
        StringBuilder request =
                new StringBuilder("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        request.append("X-Api-Key: ").append(KEY).append("\r\n");
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        return request.append("\r\n").toString();
    }

    /** Writes the requests on a new connection at once; everything read until the server closes. */
    private static String exchange(String requests) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", app.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(requests.getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static String statusLine(String answers) {
        return answers.substring(0, Math.max(0, answers.indexOf("\r\n")));
    }

    private static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    }
}
