package io.ordertrack.api;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.ordertrack.api.elasticsearch.ElasticsearchClients;
import io.ordertrack.api.http.RateLimits;
import io.ordertrack.api.security.ApiKeys;
import io.ordertrack.documents.Index;
import io.ordertrack.documents.IndexBootstrap;
import io.ordertrack.testkit.ElasticsearchServer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The API of one test class against the shared real Elasticsearch: a client of it to fill the test
 * indices, and the app started on a free port over given indices and keys. Registered as the test
 * class's extension ({@code @RegisterExtension static final TestApi testApi = new TestApi();}), it
 * stops every app it started and its client after the class's tests.
 */
final class TestApi implements AfterAllCallback {
    /** The indices (or aliases) one app reads. */
    record Indices(
            String orders,
            String alerts,
            String inventory,
            String metrics,
            String routing,
            String feedHealth,
            String cod) {
        /** The indices of an app with no COD parcels of its own to read. */
        Indices(
                String orders,
                String alerts,
                String inventory,
                String metrics,
                String routing,
                String feedHealth) {
            this(orders, alerts, inventory, metrics, routing, feedHealth, absentIndex("cod"));
        }

        /** The indices of an app with no feed health or COD parcels of its own to read. */
        Indices(String orders, String alerts, String inventory, String metrics, String routing) {
            this(orders, alerts, inventory, metrics, routing, absentIndex("feed-health"));
        }
    }

    private final ElasticsearchClients elasticsearch =
            ElasticsearchClients.create(ElasticsearchServer.shared().url());
    private final List<Javalin> apps = new ArrayList<>();

    ElasticsearchClient elasticsearch() {
        return elasticsearch.client();
    }

    RestClient restClient() {
        return elasticsearch.restClient();
    }

    /** Sets (or with null, resets) a transient cluster setting of the shared Elasticsearch. */
    void clusterSetting(String name, String value) throws IOException {
        Request request = new Request("PUT", "/_cluster/settings");
        ObjectNode body = new ObjectMapper().createObjectNode();
        body.putObject("transient").put(name, value);
        request.setJsonEntity(body.toString());
        elasticsearch.restClient().performRequest(request);
    }

    /**
     * Creates a fresh index of a kind, as the job creates it, behind a new alias named {@code
     * <default alias>-<random>}; the alias.
     */
    String newIndex(Index index) throws IOException {
        String alias = absentIndex(index.defaultAlias());
        IndexBootstrap.ensureIndex(elasticsearch.client(), alias, index);
        return alias;
    }

    /** Fresh indices of every kind, each created from its real mapping behind a new alias. */
    Indices newIndices() throws IOException {
        return new Indices(
                newIndex(Index.ORDERS),
                newIndex(Index.ALERTS),
                newIndex(Index.INVENTORY),
                newIndex(Index.ORDER_METRICS),
                newIndex(Index.ORDER_ROUTING),
                newIndex(Index.FEED_HEALTH),
                newIndex(Index.COD));
    }

    /** A new alias of no index, for an app that has none of this kind to read. */
    static String absentIndex(String kind) {
        return kind + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The keys of a test: each plain key with the tenant it reads or its role's marker. */
    static ApiKeys keys(Map<String, String> holderByKey) {
        return ApiKeys.parse(
                holderByKey.entrySet().stream()
                        .map(key -> ApiKeys.hash(key.getKey()) + " " + key.getValue())
                        .collect(Collectors.joining("\n")));
    }

    /** Starts the app over the indices with the keys; an HTTP client of it. */
    ApiClient start(Indices indices, ApiKeys keys) {
        return start(indices, keys, RateLimits.none());
    }

    /** Starts the app over the indices with the keys and rate limits; an HTTP client of it. */
    ApiClient start(Indices indices, ApiKeys keys, RateLimits rateLimits) {
        return start(indices, keys, config -> config.withRateLimits(rateLimits));
    }

    /**
     * Starts the app over the indices with the keys, its configuration changed by {@code settings}
     * (e.g. other search limits); an HTTP client of it.
     */
    ApiClient start(Indices indices, ApiKeys keys, UnaryOperator<ApiConfig> settings) {
        Javalin app =
                App.create(
                                settings.apply(
                                        ApiConfig.onLoopback(
                                                ElasticsearchServer.shared().url(),
                                                new io.ordertrack.documents.Indices(
                                                        indices.orders(),
                                                        indices.alerts(),
                                                        indices.inventory(),
                                                        indices.metrics(),
                                                        indices.routing(),
                                                        io.ordertrack.documents.Indices.DEFAULT
                                                                .jobStatus(),
                                                        indices.feedHealth(),
                                                        indices.cod()),
                                                keys)),
                                elasticsearch.client())
                        .start("127.0.0.1", 0);
        apps.add(app);
        return new ApiClient(app.port());
    }

    /** Stops the app an earlier {@link #start} answered with this client. */
    void stop(ApiClient client) {
        apps.stream()
                .filter(app -> client.baseUrl().endsWith(":" + app.port()))
                .findFirst()
                .ifPresent(
                        app -> {
                            app.stop();
                            apps.remove(app);
                        });
    }

    @Override
    public void afterAll(ExtensionContext context) {
        apps.forEach(Javalin::stop);
        elasticsearch.close();
    }
}
