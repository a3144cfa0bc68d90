package io.ordertrack.jobs.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import io.ordertrack.connections.ElasticsearchSecurity;
import java.io.IOException;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

/** An Elasticsearch client and the HTTP client under it, closed together. */
public final class ElasticsearchConnection implements AutoCloseable {
    private final RestClient restClient;
    private final ElasticsearchClient client;

    private ElasticsearchConnection(RestClient restClient) {
        this.restClient = restClient;
        this.client =
                new ElasticsearchClient(
                        new RestClientTransport(restClient, new JacksonJsonpMapper()));
    }

    /**
     * A client of the cluster at {@code url}, with the credentials and trust of {@code security}.
     */
    public static ElasticsearchConnection open(String url, ElasticsearchSecurity security) {
        RestClientBuilder builder =
                RestClient.builder(HttpHost.create(url))
                        .setDefaultHeaders(
                                security.headers().entrySet().stream()
                                        .map(h -> new BasicHeader(h.getKey(), h.getValue()))
                                        .toArray(Header[]::new));
        security.sslContext()
                .ifPresent(
                        tls ->
                                builder.setHttpClientConfigCallback(
                                        http -> http.setSSLContext(tls)));
        return new ElasticsearchConnection(builder.build());
    }

    public ElasticsearchClient client() {
        return client;
    }

    @Override
    public void close() throws IOException {
        restClient.close();
    }
}
