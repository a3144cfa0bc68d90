package io.ordertrack.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.javalin.Javalin;
import io.javalin.http.HttpStatus;
import io.ordertrack.api.elasticsearch.ElasticsearchClients;
import io.ordertrack.api.security.ApiKeys;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the API answers before Elasticsearch is involved (authentication, validation, routing) and
 * when Elasticsearch is down or fails: no real cluster needed.
 */
class RequestHandlingTest {
    private static final String KEY = "acme-key";

    private static ElasticsearchClients unreachable;
    private static Javalin app;
    private static ApiClient api;

    private static HttpServer failingElasticsearch;
    private static ElasticsearchClients failing;
    private static Javalin appOverFailingElasticsearch;

    @BeforeAll
    static void start() throws IOException {
        ApiKeys keys = ApiKeys.parse(ApiKeys.hash(KEY) + " acme");
        String closedPort = StandaloneApi.unreachableUrl();
        unreachable = ElasticsearchClients.create(closedPort);
        app = StandaloneApi.start(closedPort, unreachable, keys);
        api = new ApiClient(app.port());

        failingElasticsearch = elasticsearchAnsweringErrors();
        String failingUrl = "http://127.0.0.1:" + failingElasticsearch.getAddress().getPort();
        failing = ElasticsearchClients.create(failingUrl);
        appOverFailingElasticsearch = StandaloneApi.start(failingUrl, failing, keys);
    }

    @AfterAll
    static void stop() {
        app.stop();
        unreachable.close();
        appOverFailingElasticsearch.stop();
        failing.close();
        failingElasticsearch.stop(0);
    }

    @Test
    void healthIsPublicAndDownWithoutElasticsearch() {
        var answer = api.get("/health", null);

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.body().path("status").asText()).isEqualTo("DOWN");
        assertThat(answer.body().path("elasticsearch").asText()).isEqualTo("DOWN");
        assertThat(answer.raw().body()).doesNotContain("127.0.0.1", "Exception");
    }

    @Test
    void requestsWithoutAKeyAreUnauthorized() {
        var answer = api.get("/api/orders/acme:WEB:1001", null);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body().path("status").asInt()).isEqualTo(401);
        assertThat(answer.body().path("error").asText()).isEqualTo("Unauthorized");
        assertThat(answer.body().path("message").asText()).contains("API key");
        assertThat(answer.raw().headers().firstValue("WWW-Authenticate")).contains("Bearer");
    }

    @Test
    void requestsWithAWrongKeyAreUnauthorized() {
        assertThat(api.get("/api/orders?awb=1", "wrong-key").status()).isEqualTo(401);
        assertThat(api.getWithHeader("/api/orders?awb=1", "Authorization", "Bearer wrong").status())
                .isEqualTo(401);
        assertThat(api.getWithHeader("/api/orders?awb=1", "Authorization", "Basic " + KEY).status())
                .isEqualTo(401);
    }

    @Test
    void aBearerTokenIsAcceptedAsTheKey() {
        var answer =
                api.getWithHeader("/api/orders?bucket=NOWHERE", "Authorization", "Bearer " + KEY);

        assertBadParameter(answer, "bucket");
    }

    @Test
    void overLongBlankRepeatedOrControlValuesNameTheirParameter() {
        var overLong = api.get("/api/orders?awb=" + "9".repeat(129), KEY);
        assertBadParameter(overLong, "awb");
        assertThat(overLong.body().path("message").asText()).contains("at most 128");

        assertBadParameter(api.get("/api/orders?clientOrderId=", KEY), "clientOrderId");
        assertBadParameter(api.get("/api/orders?awb=1&awb=2", KEY), "awb");
        assertBadParameter(api.get("/api/orders?awb=1&courier=" + encode("a\nb"), KEY), "courier");
        assertBadParameter(api.get("/api/orders/" + "x".repeat(257), KEY), "orderId");
    }

    @Test
    void unknownRoutesAnswer404Json() {
        for (String key : new String[] {KEY, null}) {
            var answer = api.get("/api/nothing/9876543210", key);

            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.body().path("status").asInt()).isEqualTo(404);
            assertThat(answer.body().path("error").asText()).isEqualTo("Not Found");
            assertThat(answer.raw().body()).doesNotContain("9876543210");
        }
    }

    @Test
    void aValidSearchWhileElasticsearchIsDownAnswers503WithoutInternals() {
        var answer = api.get("/api/orders?awb=123", KEY);

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.body().path("error").asText()).isEqualTo("Service Unavailable");
        assertThat(answer.raw().body()).doesNotContain("127.0.0.1", "Connect", "Exception");
    }

    @Test
    void anUnexpectedFailureAnswers500WithoutInternals() {
        var answer =
                new ApiClient(appOverFailingElasticsearch.port()).get("/api/orders?awb=1", KEY);

        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.body().path("status").asInt()).isEqualTo(500);
        assertThat(answer.body().path("error").asText())
                .isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR.getMessage());
        assertThat(answer.raw().body())
                .doesNotContain("secret_internal_reason", "Exception", "at io.");
    }

    private static void assertBadParameter(ApiClient.Answer answer, String parameter) {
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("status").asInt()).isEqualTo(400);
        assertThat(answer.body().path("error").asText()).isEqualTo("Bad Request");
        assertThat(answer.body().path("parameter").asText()).isEqualTo(parameter);
        assertThat(answer.body().path("message").asText()).isNotBlank();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A stand-in for a cluster that rejects every request, as a broken query would be. */
    private static HttpServer elasticsearchAnsweringErrors() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] body =
                ("{\"error\":{\"type\":\"illegal_argument_exception\",\"reason\":\"secret_internal_reason"
                     + " 9876543210\"},\"status\":400}")
                        .getBytes(StandardCharsets.UTF_8);
        server.createContext(
                "/",
                exchange -> {
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.getResponseHeaders().add("X-Elastic-Product", "Elasticsearch");
                    exchange.sendResponseHeaders(400, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                });
        server.start();
        return server;
    }
}
