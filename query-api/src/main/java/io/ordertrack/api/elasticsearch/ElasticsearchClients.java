package io.ordertrack.api.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.ordertrack.connections.ElasticsearchSecurity;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

/**
 * The Elasticsearch client of the API and the low-level REST client under it, closed together.
 * Documents are read as Jackson trees, so the mapper only needs {@code java.time} support for the
 * typed requests and responses.
 */
public final class ElasticsearchClients implements AutoCloseable {
    private static final int CONNECT_TIMEOUT_MS = 2_000;
    private static final int SOCKET_TIMEOUT_MS = 15_000;

    private final RestClient restClient;
    private final ElasticsearchClient client;

    private ElasticsearchClients(RestClient restClient, ElasticsearchClient client) {
        this.restClient = restClient;
        this.client = client;
    }

    /** Builds a client for the unsecured cluster at {@code url}. */
    public static ElasticsearchClients create(String url) {
        return create(url, ElasticsearchSecurity.NONE);
    }

    /**
     * Builds a client for the cluster at {@code url} (e.g. {@code https://127.0.0.1:9200}) with the
     * credentials and trust of {@code security}. Nothing is contacted yet: an unreachable cluster
     * shows up on the first request.
     */
    public static ElasticsearchClients create(String url, ElasticsearchSecurity security) {
        RestClientBuilder builder =
                RestClient.builder(HttpHost.create(url))
                        .setDefaultHeaders(
                                security.headers().entrySet().stream()
                                        .map(h -> new BasicHeader(h.getKey(), h.getValue()))
                                        .toArray(Header[]::new))
                        .setRequestConfigCallback(
                                config ->
                                        config.setConnectTimeout(CONNECT_TIMEOUT_MS)
                                                .setSocketTimeout(SOCKET_TIMEOUT_MS));
        security.sslContext()
                .ifPresent(
                        tls ->
                                builder.setHttpClientConfigCallback(
                                        http -> http.setSSLContext(tls)));
        RestClient restClient = builder.build();
        var transport = new RestClientTransport(restClient, new JacksonJsonpMapper(objectMapper()));
        return new ElasticsearchClients(restClient, new ElasticsearchClient(transport));
    }

    /** The mapper used for documents: ISO-8601 dates, never numeric timestamps. */
    public static ObjectMapper objectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    public ElasticsearchClient client() {
        return client;
    }

    public RestClient restClient() {
        return restClient;
    }

    @Override
    public void close() {
        try {
            restClient.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not close the Elasticsearch client", e);
        }
    }
}
