package io.ordertrack.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ElasticsearchServerIT {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final ElasticsearchServer server = ElasticsearchServer.shared();

    @Test
    void answersClusterHealthGreenOrYellow() throws Exception {
        HttpResponse<String> health = send(get("/_cluster/health"));

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).containsPattern("\"status\"\\s*:\\s*\"(green|yellow)\"");
    }

    @Test
    void returnsADocumentItIndexed() throws Exception {
        String index = "testkit-round-trip-" + UUID.randomUUID();
        String order = "{\"orderId\":\"ORD-1001\",\"status\":\"SHIPPED\"}";

        HttpResponse<String> indexed =
                send(
                        request("/" + index + "/_doc/ORD-1001?refresh=true")
                                .header("Content-Type", "application/json")
                                .PUT(BodyPublishers.ofString(order))
                                .build());
        HttpResponse<String> read = send(get("/" + index + "/_doc/ORD-1001"));

        assertThat(indexed.statusCode()).isEqualTo(201);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).contains("\"found\":true").contains("\"_source\":" + order);
    }

    @Test
    void everyCallerSharesOneServer() {
        assertThat(ElasticsearchServer.shared()).isSameAs(server);
        assertThat(server.url()).isEqualTo("http://127.0.0.1:" + server.httpPort());
        assertThat(server.httpHost()).isEqualTo("127.0.0.1");
    }

    private HttpRequest get(String path) {
        return request(path).GET().build();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(server.url() + path))
                .timeout(Duration.ofSeconds(30));
    }

    private static HttpResponse<String> send(HttpRequest request)
            throws IOException, InterruptedException {
        return HTTP.send(request, BodyHandlers.ofString());
    }
}
