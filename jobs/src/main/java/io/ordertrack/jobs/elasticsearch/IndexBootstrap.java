package io.ordertrack.jobs.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Creates an index from its explicit mapping behind an alias ({@code orders} → {@code orders-v1}),
 * or, when the alias exists, adds to it the fields the mapping gained since. Readers and writers
 * use the alias only, so an index can later be rebuilt under a new name and the alias switched; a
 * change Elasticsearch cannot apply in place fails here, loudly, at start.
 */
public final class IndexBootstrap {
    static final String FIRST_GENERATION = "-v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private IndexBootstrap() {}

    /** Makes sure the alias exists with every field of the mapping resource. */
    public static void ensureIndex(ElasticsearchClient client, String alias, String mappingResource)
            throws IOException {
        JsonNode definition = definition(mappingResource);
        if (client.indices().existsAlias(a -> a.name(alias)).value()) {
            byte[] mappings = JSON.writeValueAsBytes(definition.get("mappings"));
            client.indices()
                    .putMapping(p -> p.index(alias).withJson(new ByteArrayInputStream(mappings)));
            return;
        }
        byte[] whole = JSON.writeValueAsBytes(definition);
        try {
            client.indices()
                    .create(
                            c ->
                                    c.withJson(new ByteArrayInputStream(whole))
                                            .index(alias + FIRST_GENERATION)
                                            .aliases(alias, a -> a));
        } catch (ElasticsearchException e) {
            // Another writer subtask created it first.
            if (!"resource_already_exists_exception".equals(e.error().type())) {
                throw e;
            }
        }
    }

    private static JsonNode definition(String resource) throws IOException {
        try (InputStream in = IndexBootstrap.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no index mapping at " + resource);
            }
            return JSON.readTree(in);
        }
    }
}
