package io.ordertrack.jobs.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import java.io.IOException;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;

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

    public static ElasticsearchConnection open(String url) {
        return new ElasticsearchConnection(RestClient.builder(HttpHost.create(url)).build());
    }

    public ElasticsearchClient client() {
        return client;
    }

    @Override
    public void close() throws IOException {
        restClient.close();
    }
}
