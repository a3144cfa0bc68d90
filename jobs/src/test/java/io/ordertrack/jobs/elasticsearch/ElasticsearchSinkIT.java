package io.ordertrack.jobs.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.GetResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordertrack.testkit.ElasticsearchServer;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The sink against a real Elasticsearch, inside real (MiniCluster) Flink jobs. */
class ElasticsearchSinkIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(1)
                            .build());

    private static final String ALIAS =
            "orders-sink-" + Long.toString(System.currentTimeMillis(), 36);
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();
    private static ElasticsearchConnection connection;

    @BeforeAll
    static void connect() {
        connection = ElasticsearchConnection.open(ElasticsearchServer.shared().url());
    }

    @AfterAll
    static void disconnect() throws Exception {
        connection.close();
    }

    @Test
    void createsTheIndexFromItsMappingBehindTheAlias() throws Exception {
        write(document("order-1", 1, "RECEIVED"));

        ElasticsearchClient client = connection.client();
        assertThat(client.indices().getAlias(a -> a.name(ALIAS)).result())
                .containsOnlyKeys(ALIAS + "-v1");
        assertThat(
                        client.indices()
                                .getMapping(m -> m.index(ALIAS))
                                .result()
                                .get(ALIAS + "-v1")
                                .mappings()
                                .dynamic())
                .hasToString("Strict");
    }

    @Test
    void onlyTheNewestVersionOfADocumentInABatchIsWritten() throws Exception {
        write(
                document("order-2", 1, "RECEIVED"),
                document("order-2", 2, "CONFIRMED"),
                document("order-2", 4, "PACKED"),
                document("order-2", 3, "PICKING"));

        GetResponse<ObjectNode> stored = get("order-2");
        assertThat(stored.version()).isEqualTo(4);
        assertThat(stored.source().path("stage").asText()).isEqualTo("PACKED");
    }

    @Test
    void aLateOrReplayedWriteNeverOverwritesANewerDocument() throws Exception {
        write(document("order-3", 5, "DISPATCHED"));
        write(document("order-3", 3, "PACKED"), document("order-3", 5, "DISPATCHED"));

        GetResponse<ObjectNode> stored = get("order-3");
        assertThat(stored.version()).isEqualTo(5);
        assertThat(stored.source().path("stage").asText()).isEqualTo("DISPATCHED");
    }

    @Test
    void aDocumentElasticsearchRefusesGoesToTheRejectedDocumentsAndTheOthersAreIndexed()
            throws Exception {
        IndexedDocument unmapped =
                new IndexedDocument(
                        "order-4",
                        1,
                        "{\"orderId\":\"order-4\",\"surprise\":1}"
                                .getBytes(StandardCharsets.UTF_8));

        write(new CollectingRejects(), unmapped, document("order-5", 1, "RECEIVED"));

        assertThat(CollectingRejects.REJECTED)
                .singleElement()
                .asString()
                .startsWith("order-4: 400 strict_dynamic_mapping_exception");
        assertThat(get("order-5").found()).isTrue();
        assertThat(get("order-4").found()).isFalse();
    }

    @Test
    void documentsElasticsearchPushesBackWith429AreRetriedUntilTheyLand() throws Exception {
        write(document("order-6", 1, "RECEIVED"));
        String index = ALIAS + "-v1";
        blockWrites(index, true);
        try {
            assertThat(
                            connection
                                    .client()
                                    .bulk(
                                            b ->
                                                    b.operations(
                                                            o ->
                                                                    o.delete(
                                                                            d ->
                                                                                    d.index(index)
                                                                                            .id(
                                                                                                    "order-6"))))
                                    .items()
                                    .get(0)
                                    .status())
                    .as("what Elasticsearch answers a blocked write")
                    .isEqualTo(429);
        } catch (RuntimeException | java.io.IOException e) {
            blockWrites(index, false);
            throw e;
        }
        Thread unblock =
                new Thread(
                        () -> {
                            try {
                                Thread.sleep(3_000);
                                blockWrites(index, false);
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        });
        unblock.start();
        CollectingRejects.REJECTED.clear();
        long began = System.nanoTime();

        write(new CollectingRejects(), document("order-6", 2, "CONFIRMED"));

        unblock.join();
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - began))
                .as("time the writer kept retrying")
                .isGreaterThanOrEqualTo(java.time.Duration.ofSeconds(2));
        assertThat(CollectingRejects.REJECTED).isEmpty();
        assertThat(get("order-6").version()).isEqualTo(2);
    }

    /** The block Elasticsearch puts on an index when its disk fills up: writes answer 429. */
    private static void blockWrites(String index, boolean blocked) throws java.io.IOException {
        connection
                .client()
                .indices()
                .putSettings(
                        p ->
                                p.index(index)
                                        .settings(
                                                i ->
                                                        i.blocks(
                                                                b ->
                                                                        b.readOnlyAllowDelete(
                                                                                blocked))));
    }

    @Test
    void anExistingIndexGainsTheFieldsTheMappingAddedSince() throws Exception {
        String alias = "orders-old-" + Long.toString(System.nanoTime(), 36);
        ObjectNode older =
                (ObjectNode)
                        JSON.readTree(
                                getClass().getResourceAsStream("/elasticsearch/orders-index.json"));
        ((ObjectNode) older.path("mappings"))
                .putObject("properties")
                .putObject("orderId")
                .put("type", "keyword");
        byte[] olderIndex = JSON.writeValueAsBytes(older);
        connection
                .client()
                .indices()
                .create(
                        c ->
                                c.withJson(new java.io.ByteArrayInputStream(olderIndex))
                                        .index(alias + "-v1")
                                        .aliases(alias, a -> a));

        IndexBootstrap.ensureIndex(connection.client(), alias, "/elasticsearch/orders-index.json");

        assertThat(
                        connection
                                .client()
                                .indices()
                                .getMapping(m -> m.index(alias))
                                .result()
                                .get(alias + "-v1")
                                .mappings()
                                .properties())
                .containsKeys("orderId", "storeStage", "ndr", "milestones");
    }

    /** Collects rejected documents in this JVM (the MiniCluster runs in it). */
    static final class CollectingRejects implements RejectedDocuments {
        static final java.util.Queue<String> REJECTED =
                new java.util.concurrent.ConcurrentLinkedQueue<>();

        @Override
        public void reject(IndexedDocument document, String reason) {
            REJECTED.add(document.getId() + ": " + reason);
        }
    }

    private static void write(IndexedDocument... documents) throws Exception {
        write(RejectedDocuments.FAIL, documents);
    }

    private static void write(RejectedDocuments rejects, IndexedDocument... documents)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.fromData(TypeInformation.of(IndexedDocument.class), documents)
                .sinkTo(
                        ElasticsearchSink.builder()
                                .url(ElasticsearchServer.shared().url())
                                .index(ALIAS, "/elasticsearch/orders-index.json")
                                .onRejected(rejects)
                                .build());
        env.execute("elasticsearch-sink-it");
        connection.client().indices().refresh(r -> r.index(ALIAS));
    }

    private static GetResponse<ObjectNode> get(String id) throws Exception {
        return connection.client().get(g -> g.index(ALIAS).id(id), ObjectNode.class);
    }

    private static IndexedDocument document(String orderId, long version, String stage) {
        String json =
                "{\"orderId\":\""
                        + orderId
                        + "\",\"tenantId\":\"acme\",\"stage\":\""
                        + stage
                        + "\",\"version\":"
                        + version
                        + "}";
        return new IndexedDocument(orderId, version, json.getBytes(StandardCharsets.UTF_8));
    }
}
