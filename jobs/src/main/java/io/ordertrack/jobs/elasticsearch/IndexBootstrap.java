package io.ordertrack.jobs.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Creates an index from its explicit mapping behind an alias ({@code orders} → {@code orders-v1}),
 * unless the alias exists. Readers and writers use the alias only, so the index can later be
 * rebuilt under a new name and the alias switched.
 */
public final class IndexBootstrap {
    static final String FIRST_GENERATION = "-v1";

    private IndexBootstrap() {}

    /** Makes sure the alias exists, creating its first index from the mapping resource. */
    public static void ensureIndex(ElasticsearchClient client, String alias, String mappingResource)
            throws IOException {
        if (client.indices().existsAlias(a -> a.name(alias)).value()) {
            return;
        }
        try (InputStream mapping = mappingJson(mappingResource)) {
            client.indices()
                    .create(
                            c ->
                                    c.withJson(mapping)
                                            .index(alias + FIRST_GENERATION)
                                            .aliases(alias, a -> a));
        } catch (ElasticsearchException e) {
            // Another writer subtask created it first.
            if (!"resource_already_exists_exception".equals(e.error().type())) {
                throw e;
            }
        }
    }

    private static InputStream mappingJson(String resource) {
        InputStream in = IndexBootstrap.class.getResourceAsStream(resource);
        if (in == null) {
            throw new UncheckedIOException(new IOException("no index mapping at " + resource));
        }
        return in;
    }
}
