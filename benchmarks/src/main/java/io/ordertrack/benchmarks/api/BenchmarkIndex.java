package io.ordertrack.benchmarks.api;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.javalin.Javalin;
import io.ordertrack.api.ApiConfig;
import io.ordertrack.api.App;
import io.ordertrack.api.elasticsearch.ElasticsearchClients;
import io.ordertrack.api.security.ApiKeys;
import io.ordertrack.connections.ElasticsearchSecurity;
import io.ordertrack.documents.Index;
import io.ordertrack.documents.IndexBootstrap;
import io.ordertrack.documents.Indices;
import java.io.IOException;

/**
 * The fresh index an API benchmark loads and queries, in the Elasticsearch of {@code
 * ORDERTRACK_ES_URL} (the local stack's by default), and the API it starts in process over it. The
 * API's other indices are named after this one and never created, so they hold nothing; only the
 * job status index is the default one.
 */
final class BenchmarkIndex implements AutoCloseable {
    private final String url;
    private final ElasticsearchClients elasticsearch;
    private final String name;
    private final Index kind;

    private BenchmarkIndex(
            String url, ElasticsearchClients elasticsearch, String name, Index kind) {
        this.url = url;
        this.elasticsearch = elasticsearch;
        this.name = name;
        this.kind = kind;
    }

    /**
     * Connects (with the security of the environment) and creates an index of {@code kind} named
     * {@code prefix} and the current time in milliseconds.
     */
    static BenchmarkIndex create(String prefix, Index kind) throws IOException {
        String url =
                System.getenv()
                        .getOrDefault("ORDERTRACK_ES_URL", ApiConfig.DEFAULT_ELASTICSEARCH_URL);
        String name = prefix + System.currentTimeMillis();
        ElasticsearchClients elasticsearch =
                ElasticsearchClients.create(
                        url, ElasticsearchSecurity.fromEnvironment(System.getenv()));
        try {
            IndexBootstrap.ensureIndex(elasticsearch.client(), name, kind);
        } catch (IOException | RuntimeException e) {
            elasticsearch.close();
            throw e;
        }
        return new BenchmarkIndex(url, elasticsearch, name, kind);
    }

    ElasticsearchClient client() {
        return elasticsearch.client();
    }

    /** The index's name (the alias the API and the loaders use). */
    String name() {
        return name;
    }

    /**
     * The configuration of an API on the loopback that reads this index as its index of this kind,
     * the job status index being the default one, and accepts {@code keys}.
     */
    ApiConfig apiConfig(ApiKeys keys) {
        return ApiConfig.onLoopback(
                url,
                new Indices(
                        nameAs(Index.ORDERS, "-orders"),
                        nameAs(Index.ALERTS, "-alerts"),
                        nameAs(Index.INVENTORY, "-inventory"),
                        nameAs(Index.ORDER_METRICS, "-metrics"),
                        nameAs(Index.ORDER_ROUTING, "-routing"),
                        Indices.DEFAULT.jobStatus(),
                        Indices.DEFAULT.feedHealth(),
                        Indices.DEFAULT.cod()),
                keys);
    }

    /** Starts the API of {@code config} over this Elasticsearch, on a free loopback port. */
    Javalin startApi(ApiConfig config) {
        return App.create(config, client()).start("127.0.0.1", 0);
    }

    /** Deletes the index with its documents. */
    void delete() throws IOException {
        client().indices().delete(d -> d.index(IndexBootstrap.firstIndexOf(name)));
    }

    /** Closes the clients; the index stays unless deleted. */
    @Override
    public void close() {
        elasticsearch.close();
    }

    private String nameAs(Index index, String suffix) {
        return index == kind ? name : name + suffix;
    }
}
