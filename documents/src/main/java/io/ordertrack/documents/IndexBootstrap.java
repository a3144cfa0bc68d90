package io.ordertrack.documents;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Creates an index from its explicit mapping behind an alias ({@code orders} → {@code orders-v1}),
 * or, when the alias exists, adds to it the fields the mapping gained since and gives it the
 * definition's refresh interval (how soon a write is searchable). Readers and writers use the alias
 * only, so an index can later be rebuilt under a new name and the alias switched; a change
 * Elasticsearch cannot apply in place fails here, loudly, at start.
 */
public final class IndexBootstrap {
    private static final String FIRST_GENERATION = "-v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private IndexBootstrap() {}

    /**
     * Makes sure the alias exists with every field of the index's mapping and its refresh interval.
     */
    public static void ensureIndex(ElasticsearchClient client, String alias, Index index)
            throws IOException {
        JsonNode definition = index.definition();
        if (client.indices().existsAlias(a -> a.name(alias)).value()) {
            byte[] mappings = JSON.writeValueAsBytes(definition.get("mappings"));
            client.indices()
                    .putMapping(p -> p.index(alias).withJson(new ByteArrayInputStream(mappings)));
            String refreshInterval = definition.path("settings").path("refresh_interval").asText();
            if (!refreshInterval.isEmpty()) {
                client.indices()
                        .putSettings(
                                p ->
                                        p.index(alias)
                                                .settings(
                                                        i ->
                                                                i.refreshInterval(
                                                                        t ->
                                                                                t.time(
                                                                                        refreshInterval))));
            }
            return;
        }
        byte[] whole = JSON.writeValueAsBytes(definition);
        try {
            client.indices()
                    .create(
                            c ->
                                    c.withJson(new ByteArrayInputStream(whole))
                                            .index(firstIndexOf(alias))
                                            .aliases(alias, a -> a));
        } catch (ElasticsearchException e) {
            // Another writer subtask created it first.
            if (!"resource_already_exists_exception".equals(e.error().type())) {
                throw e;
            }
        }
    }

    /** The index {@link #ensureIndex} creates behind a new alias, e.g. {@code orders-v1}. */
    public static String firstIndexOf(String alias) {
        return alias + FIRST_GENERATION;
    }
}
