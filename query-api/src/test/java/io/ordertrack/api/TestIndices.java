package io.ordertrack.api;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.Function;

/** Test indices behind an alias, created from the real mappings and filled at once. */
final class TestIndices {
    private TestIndices() {}

    /** Creates {@code alias-v1} from a mapping resource, behind {@code alias}. */
    static void create(ElasticsearchClient client, String alias, String mappingResource)
            throws IOException {
        try (InputStream mapping = TestIndices.class.getResourceAsStream(mappingResource)) {
            client.indices()
                    .create(
                            c ->
                                    c.withJson(mapping)
                                            .index(alias + "-v1")
                                            .aliases(alias, a -> a.isWriteIndex(true)));
        }
    }

    /** Indexes the documents under the ids given, visible to searches on return. */
    static void index(
            ElasticsearchClient client,
            String alias,
            List<ObjectNode> documents,
            Function<ObjectNode, String> idOf)
            throws IOException {
        BulkResponse response =
                client.bulk(
                        b -> {
                            b.refresh(Refresh.True);
                            for (ObjectNode document : documents) {
                                b.operations(
                                        op ->
                                                op.index(
                                                        i ->
                                                                i.index(alias)
                                                                        .id(idOf.apply(document))
                                                                        .document(document)));
                            }
                            return b;
                        });
        assertThat(response.errors()).as("bulk errors: %s", response.items()).isFalse();
    }
}
