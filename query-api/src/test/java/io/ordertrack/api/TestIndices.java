package io.ordertrack.api;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.function.Function;

/** Test indices filled at once. */
final class TestIndices {
    private TestIndices() {}

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
