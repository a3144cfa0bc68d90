package io.ordertrack.api;

import io.javalin.Javalin;
import io.ordertrack.api.elasticsearch.ElasticsearchClients;
import io.ordertrack.api.http.RateLimits;
import io.ordertrack.api.security.ApiKeys;
import io.ordertrack.documents.Indices;
import java.io.IOException;
import java.net.ServerSocket;

/**
 * The app for tests that need no real cluster: started on a free local port over the default index
 * names of whatever Elasticsearch address they give (one nobody listens on, or a stand-in).
 */
final class StandaloneApi {
    private StandaloneApi() {}

    /** Starts the app reading through {@code elasticsearch}, the client of {@code url}. */
    static Javalin start(String url, ElasticsearchClients elasticsearch, ApiKeys keys) {
        return start(url, elasticsearch, keys, RateLimits.none());
    }

    /** Starts the app with rate limits, reading through {@code elasticsearch} at {@code url}. */
    static Javalin start(
            String url, ElasticsearchClients elasticsearch, ApiKeys keys, RateLimits limits) {
        return App.create(
                        ApiConfig.onLoopback(
                                        url,
                                        new Indices(
                                                "orders",
                                                "alerts",
                                                "inventory",
                                                "order-metrics",
                                                "order-routing",
                                                Indices.DEFAULT.jobStatus(),
                                                Indices.DEFAULT.feedHealth(),
                                                Indices.DEFAULT.cod()),
                                        keys)
                                .withRateLimits(limits),
                        elasticsearch.client())
                .start("127.0.0.1", 0);
    }

    /** The address of an Elasticsearch nobody runs: every request to it fails to connect. */
    static String unreachableUrl() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }
}
