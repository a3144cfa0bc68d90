package io.ordertrack.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** A small HTTP client for tests of a running API. */
final class ApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    record Answer(int status, JsonNode body, HttpResponse<String> raw) {}

    ApiClient(int port) {
        this.baseUrl = "http://127.0.0.1:" + port;
    }

    /** Where the API listens: {@code http://127.0.0.1:<port>}. */
    String baseUrl() {
        return baseUrl;
    }

    /** GET {@code pathAndQuery} (already URL-encoded) with an {@code X-Api-Key}, if any. */
    Answer get(String pathAndQuery, String apiKey) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                        .timeout(Duration.ofSeconds(30))
                        .GET();
        if (apiKey != null) {
            request.header("X-Api-Key", apiKey);
        }
        return send(request.build());
    }

    /** GET a plain-text answer with an {@code X-Api-Key}, if any. */
    HttpResponse<String> getText(String pathAndQuery, String apiKey) {
        return callText("GET", pathAndQuery, apiKey);
    }

    /** A plain-text answer to {@code method} without a body, with an {@code X-Api-Key}, if any. */
    HttpResponse<String> callText(String method, String pathAndQuery, String apiKey) {
        return exchange(method, pathAndQuery, apiKey, HttpResponse.BodyHandlers.ofString());
    }

    /** GET an answer's bytes (a PDF, say) with an {@code X-Api-Key}, if any. */
    HttpResponse<byte[]> getBytes(String pathAndQuery, String apiKey) {
        return exchange("GET", pathAndQuery, apiKey, HttpResponse.BodyHandlers.ofByteArray());
    }

    private <T> HttpResponse<T> exchange(
            String method, String pathAndQuery, String apiKey, HttpResponse.BodyHandler<T> body) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                        .timeout(Duration.ofSeconds(30))
                        .method(method, HttpRequest.BodyPublishers.noBody());
        if (apiKey != null) {
            request.header("X-Api-Key", apiKey);
        }
        try {
            return http.send(request.build(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code method} (GET, POST, ...) without a body, with an {@code X-Api-Key}, if any. */
    Answer call(String method, String pathAndQuery, String apiKey) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                        .timeout(Duration.ofSeconds(30))
                        .method(method, HttpRequest.BodyPublishers.noBody());
        if (apiKey != null) {
            request.header("X-Api-Key", apiKey);
        }
        return send(request.build());
    }

    /** POST a JSON body with an {@code X-Api-Key}. */
    Answer postJson(String path, String apiKey, String json) {
        return post(
                path,
                apiKey,
                "application/json",
                HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    }

    /**
     * POST a body of any content type (none when null) with an {@code X-Api-Key}; a body of a
     * publisher of unknown length is sent in chunks, without {@code Content-Length}.
     */
    Answer post(String path, String apiKey, String contentType, HttpRequest.BodyPublisher body) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .timeout(Duration.ofSeconds(30))
                        .header("X-Api-Key", apiKey)
                        .POST(body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request.build());
    }

    /** POST a JSON body with these headers and no API key (as a webhook is). */
    Answer postSigned(String path, Map<String, String> headers, byte[] json) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(json));
        headers.forEach(request::header);
        return send(request.build());
    }

    Answer getWithHeader(String pathAndQuery, String header, String value) {
        return send(
                HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                        .timeout(Duration.ofSeconds(30))
                        .header(header, value)
                        .GET()
                        .build());
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response =
                    http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? null : JSON.readTree(response.body());
            return new Answer(response.statusCode(), body, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
