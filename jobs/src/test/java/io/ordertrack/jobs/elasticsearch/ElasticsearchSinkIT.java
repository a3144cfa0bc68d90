package io.ordertrack.jobs.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.IndexingStats;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.elasticsearch.indices.add_block.IndicesBlockOptions;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordertrack.connections.ElasticsearchSecurity;
import io.ordertrack.documents.Index;
import io.ordertrack.documents.IndexBootstrap;
import io.ordertrack.testkit.ElasticsearchServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.function.ThrowingRunnable;
import org.elasticsearch.client.ResponseException;
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

    /** Documents the unbounded source has produced so far (the MiniCluster runs in this JVM). */
    private static final AtomicInteger PRODUCED = new AtomicInteger();

    private static final int BATCH = 3;

    /** Documents of records over a minute old held for an hour (or the end of input). */
    private static final ElasticsearchSink.CatchUp CATCH_UP_HELD_AN_HOUR =
            new ElasticsearchSink.CatchUp(Duration.ofMinutes(1), Duration.ofHours(1));

    private static ElasticsearchConnection connection;

    @BeforeAll
    static void connect() {
        connection =
                ElasticsearchConnection.open(
                        ElasticsearchServer.shared().url(), ElasticsearchSecurity.NONE);
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
        String alias = freshAlias("coalesced");
        // No timer flush before the input ends: the four versions form one batch.
        write(
                sinkInto(alias, ElasticsearchServer.shared().url())
                        .flushInterval(Duration.ofHours(1))
                        .build(),
                alias,
                document("order-2", 1, "RECEIVED"),
                document("order-2", 2, "CONFIRMED"),
                document("order-2", 4, "PACKED"),
                document("order-2", 3, "PICKING"));

        GetResponse<ObjectNode> stored = get(alias, "order-2");
        assertThat(stored.version()).isEqualTo(4);
        assertThat(stored.source().path("stage").asText()).isEqualTo("PACKED");
        // The stored document alone would look the same without coalescing, as Elasticsearch
        // keeps the highest external version; the index's own count of writes tells them apart.
        IndexingStats indexing = indexing(alias);
        assertThat(indexing.indexTotal()).as("index operations Elasticsearch performed").isOne();
        assertThat(indexing.indexFailed()).as("index operations Elasticsearch refused").isZero();
    }

    @Test
    void aDocumentOfOldRecordsIsHeldAndWrittenOnceWhereALiveOneIsWrittenAsItChanges()
            throws Exception {
        String old = freshAlias("caught-up");
        String live = freshAlias("live");
        // Twenty versions of one order over a second, with a flush every 50 ms; held for an hour.
        for (String alias : List.of(old, live)) {
            Duration age = alias.equals(old) ? Duration.ofDays(1) : Duration.ZERO;
            JobClient job =
                    startAged(
                            20,
                            age,
                            n -> document("order-5", n + 1, "PICKING"),
                            RateLimiterStrategy.perSecond(20),
                            sinkInto(alias, ElasticsearchServer.shared().url())
                                    .flushInterval(Duration.ofMillis(50))
                                    .catchUp(CATCH_UP_HELD_AN_HOUR));
            job.getJobExecutionResult().get(60, TimeUnit.SECONDS);
            assertThat(get(alias, "order-5").version()).as(alias).isEqualTo(20);
        }

        assertThat(indexing(old).indexTotal())
                .as("writes of a document whose records are a day old")
                .isOne();
        assertThat(indexing(live).indexTotal())
                .as("writes of a document whose records are live")
                .isGreaterThanOrEqualTo(5);
    }

    @Test
    void documentsHeldForCatchUpAreWrittenAfterTheDelayWithoutACheckpoint() throws Exception {
        String alias = freshAlias("released");
        JobClient job =
                startDayOldOrders(
                        sinkInto(alias, ElasticsearchServer.shared().url())
                                .flushInterval(Duration.ofMillis(50))
                                .catchUp(
                                        new ElasticsearchSink.CatchUp(
                                                Duration.ofMinutes(1), Duration.ofSeconds(3))));
        try {
            // The writer creates the index as it starts, and releases what it holds 3 s later.
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> connection.client().indices().exists(e -> e.index(alias)).value());
            await().during(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(2))
                    .alias("nothing written before the catch-up delay")
                    .until(() -> indexedIds(alias).isEmpty());
            await().atMost(Duration.ofSeconds(30))
                    .alias("the held documents written once the delay is over")
                    .until(() -> !indexedIds(alias).isEmpty());
        } finally {
            job.cancel().get(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void documentsHeldForCatchUpAreWrittenEarlyOnceTheyFillTheirBound() throws Exception {
        String alias = freshAlias("bounded");
        int batch = 2;
        JobClient job =
                startDayOldOrders(
                        sinkInto(alias, ElasticsearchServer.shared().url())
                                .maxBatchActions(batch)
                                .catchUp(CATCH_UP_HELD_AN_HOUR));
        try {
            await().atMost(Duration.ofSeconds(60))
                    .ignoreExceptions()
                    .alias("as many documents written as the writer holds at most")
                    .until(
                            () ->
                                    indexedIds(alias).size()
                                            >= ElasticsearchSinkWriter.HELD_BATCHES * batch);
        } finally {
            job.cancel().get(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void aCheckpointIndexesEveryDocumentWrittenBeforeIt(@InjectMiniCluster MiniCluster flink)
            throws Exception {
        String alias = freshAlias("checkpointed");
        JobClient job = startUnbounded(sinkInto(alias, ElasticsearchServer.shared().url()));
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> PRODUCED.get() == BATCH);
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(5))
                    .alias("no document indexed before any checkpoint")
                    .until(() -> indexedIds(alias).isEmpty());

            flink.triggerCheckpoint(job.getJobID()).get(60, TimeUnit.SECONDS);

            assertThat(indexedIds(alias))
                    .containsExactlyInAnyOrder("order-0", "order-1", "order-2");
        } finally {
            job.cancel().get(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void aWriterThatCannotReachElasticsearchFailsAfterItsLastAttempt(
            @InjectMiniCluster MiniCluster flink) throws Exception {
        String alias = freshAlias("unreachable");
        try (Relay relay = new Relay(ElasticsearchServer.shared())) {
            JobClient job =
                    startUnbounded(
                            sinkInto(alias, relay.url())
                                    .retryPolicy(
                                            new RetryPolicy(
                                                    2,
                                                    Duration.ofMillis(10),
                                                    Duration.ofMillis(10))));
            await().atMost(Duration.ofSeconds(60)).until(() -> PRODUCED.get() == BATCH);
            relay.cut();
            long began = System.nanoTime();

            // The flush before the checkpoint is the writer's first request after the cut.
            flink.triggerCheckpoint(job.getJobID());

            assertThatThrownBy(() -> job.getJobExecutionResult().get(60, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .rootCause()
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith(
                            "Elasticsearch did not accept 3 documents after 2 attempts; the last"
                                    + " answer: java.net.ConnectException");
            assertThat(Duration.ofNanos(System.nanoTime() - began))
                    .as("time from the outage to the failure")
                    .isLessThan(Duration.ofSeconds(10));
        }
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
        Thread unblock;
        try {
            assertThat(probeWrite(index))
                    .as("what Elasticsearch answers a write to a read-only-allow-delete index")
                    .extracting(BulkResponseItem::status, item -> item.error().type())
                    .containsExactly(429, "cluster_block_exception");
        } finally {
            unblock = after(Duration.ofSeconds(3), () -> blockWrites(index, false));
        }
        CollectingRejects.REJECTED.clear();
        long began = System.nanoTime();

        write(new CollectingRejects(), document("order-6", 2, "CONFIRMED"));

        unblock.join();
        assertThat(Duration.ofNanos(System.nanoTime() - began))
                .as("time the writer kept retrying")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(CollectingRejects.REJECTED).isEmpty();
        assertThat(get("order-6").version()).isEqualTo(2);
    }

    /** The block Elasticsearch puts on an index when its disk fills up: writes answer 429. */
    private static void blockWrites(String index, boolean blocked) throws IOException {
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
    void aWriteBlockIsWaitedOutWithNothingDeadLetteredAndNothingLost() throws Exception {
        String alias = freshAlias("write-block");
        write(
                sinkInto(alias, ElasticsearchServer.shared().url()).build(),
                alias,
                document("order-1", 1, "RECEIVED"));
        String index = alias + "-v1";
        connection
                .client()
                .indices()
                .addBlock(b -> b.index(index).block(IndicesBlockOptions.Write));
        Thread unblock;
        try {
            assertThat(probeWrite(index))
                    .as("what Elasticsearch answers a write to an index with a write block")
                    .extracting(BulkResponseItem::status, item -> item.error().type())
                    .containsExactly(403, "cluster_block_exception");
        } finally {
            unblock = after(Duration.ofSeconds(3), () -> removeWriteBlock(index));
        }
        CollectingRejects.REJECTED.clear();
        long began = System.nanoTime();

        write(
                sinkInto(alias, ElasticsearchServer.shared().url())
                        .onRejected(new CollectingRejects())
                        .build(),
                alias,
                document("order-1", 2, "CONFIRMED"),
                document("order-2", 1, "RECEIVED"),
                document("order-3", 4, "PACKED"));

        unblock.join();
        assertThat(Duration.ofNanos(System.nanoTime() - began))
                .as("time the writer waited")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(CollectingRejects.REJECTED).as("dead letters").isEmpty();
        assertThat(get(alias, "order-1").version()).isEqualTo(2);
        assertThat(get(alias, "order-2").version()).isEqualTo(1);
        assertThat(get(alias, "order-3").version()).isEqualTo(4);
    }

    @Test
    void aWriteBlockThatOutlastsTheRetryPolicyFailsTheWriterAndDeadLettersNothing()
            throws Exception {
        String alias = freshAlias("blocked-for-good");
        write(
                sinkInto(alias, ElasticsearchServer.shared().url()).build(),
                alias,
                document("order-1", 1, "RECEIVED"));
        String index = alias + "-v1";
        connection
                .client()
                .indices()
                .addBlock(b -> b.index(index).block(IndicesBlockOptions.Write));
        CollectingRejects.REJECTED.clear();
        try {
            ElasticsearchSink sink =
                    sinkInto(alias, ElasticsearchServer.shared().url())
                            .onRejected(new CollectingRejects())
                            .retryPolicy(
                                    new RetryPolicy(
                                            3, Duration.ofMillis(50), Duration.ofMillis(50)))
                            .build();

            assertThatThrownBy(
                            () ->
                                    write(
                                            sink,
                                            alias,
                                            document("order-1", 2, "CONFIRMED"),
                                            document("order-2", 1, "RECEIVED")))
                    .rootCause()
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith(
                            "Elasticsearch did not accept 2 documents after 3 attempts; the last"
                                    + " answer: 403 cluster_block_exception");
        } finally {
            removeWriteBlock(index);
        }
        assertThat(CollectingRejects.REJECTED).as("dead letters").isEmpty();
        assertThat(get(alias, "order-1").version())
                .as("the document before the block")
                .isEqualTo(1);
    }

    @Test
    void aWholeBulkRequestATrippedBreakerRefusesWith429IsWaitedOut(
            @InjectMiniCluster MiniCluster flink) throws Exception {
        String alias = freshAlias("breaker");
        CollectingRejects.REJECTED.clear();
        // The writer creates its index before the breaker is lowered: that request is larger.
        JobClient job =
                startUnbounded(
                        sinkInto(alias, ElasticsearchServer.shared().url())
                                .onRejected(new CollectingRejects()));
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> PRODUCED.get() == BATCH);
            Thread restore;
            limitInFlightRequests("\"200b\"");
            try {
                assertThatThrownBy(
                                () ->
                                        connection
                                                .client()
                                                .bulk(
                                                        b ->
                                                                b.operations(
                                                                        indexOperation(
                                                                                alias,
                                                                                document(
                                                                                        "probe",
                                                                                        1,
                                                                                        "RECEIVED")))))
                        .as("what Elasticsearch answers a bulk request over the breaker's limit")
                        .isInstanceOfSatisfying(
                                ResponseException.class,
                                e ->
                                        assertThat(e.getResponse().getStatusLine().getStatusCode())
                                                .isEqualTo(429))
                        .hasMessageContaining("\"type\":\"circuit_breaking_exception\"");
            } finally {
                // The request lifting the limit is smaller than the limit.
                restore = after(Duration.ofSeconds(3), () -> limitInFlightRequests("null"));
            }
            long began = System.nanoTime();

            flink.triggerCheckpoint(job.getJobID()).get(60, TimeUnit.SECONDS);

            restore.join();
            assertThat(Duration.ofNanos(System.nanoTime() - began))
                    .as("time the checkpoint waited for the writer")
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
            assertThat(indexedIds(alias))
                    .containsExactlyInAnyOrder("order-0", "order-1", "order-2");
            assertThat(CollectingRejects.REJECTED).as("dead letters").isEmpty();
        } finally {
            job.cancel().get(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void whileWritesWaitTheJobKeepsReadingUntilItsBufferIsFull() throws Exception {
        String alias = freshAlias("keeps-reading");
        IndexBootstrap.ensureIndex(connection.client(), alias, Index.ORDERS);
        String index = alias + "-v1";
        int batch = 20;
        int documents = 100;
        CollectingRejects.REJECTED.clear();
        PRODUCED.set(0);
        addWriteBlock(index);
        JobClient job;
        try {
            job =
                    start(
                            documents,
                            RateLimiterStrategy.perSecond(50),
                            sinkInto(alias, ElasticsearchServer.shared().url())
                                    .onRejected(new CollectingRejects())
                                    .maxBatchActions(batch)
                                    .flushInterval(Duration.ofMillis(100)));
            // The first flush, after 100 ms, is pushed back; a writer sleeping through its backoff
            // would stop the source here.
            await().atMost(Duration.ofSeconds(20))
                    .alias("read past a flush that waits")
                    .until(() -> PRODUCED.get() > batch);
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(5))
                    .alias("reading stops once the buffer is full too")
                    .until(() -> PRODUCED.get() <= 2 * batch + 1);
            assertThat(indexedIds(alias)).isEmpty();
        } finally {
            removeWriteBlock(index);
        }

        job.getJobExecutionResult().get(120, TimeUnit.SECONDS);

        assertThat(indexedIds(alias)).hasSize(documents);
        assertThat(CollectingRejects.REJECTED).as("dead letters").isEmpty();
    }

    @Test
    void writesToAnIndexThatIsGoneWaitUntilItIsBack(@InjectMiniCluster MiniCluster flink)
            throws Exception {
        String alias = freshAlias("gone");
        CollectingRejects.REJECTED.clear();
        JobClient job =
                startUnbounded(
                        sinkInto(alias, ElasticsearchServer.shared().url())
                                .onRejected(new CollectingRejects()));
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> PRODUCED.get() == BATCH);
            Thread recreate;
            autoCreateIndices("false");
            try {
                connection.client().indices().delete(d -> d.index(alias + "-v1"));
                assertThat(bulkIndex(alias, document("probe", 1, "RECEIVED")))
                        .as("what Elasticsearch answers a write to a missing index")
                        .extracting(BulkResponseItem::status, item -> item.error().type())
                        .containsExactly(404, "index_not_found_exception");
            } finally {
                recreate =
                        after(
                                Duration.ofSeconds(3),
                                () -> {
                                    IndexBootstrap.ensureIndex(
                                            connection.client(), alias, Index.ORDERS);
                                    autoCreateIndices("null");
                                });
            }
            long began = System.nanoTime();

            flink.triggerCheckpoint(job.getJobID()).get(60, TimeUnit.SECONDS);

            recreate.join();
            assertThat(Duration.ofNanos(System.nanoTime() - began))
                    .as("time the checkpoint waited for the writer")
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
            assertThat(indexedIds(alias))
                    .containsExactlyInAnyOrder("order-0", "order-1", "order-2");
            assertThat(CollectingRejects.REJECTED).as("dead letters").isEmpty();
        } finally {
            job.cancel().get(60, TimeUnit.SECONDS);
        }
    }

    /** Whether a write may create a missing index ({@code action.auto_create_index}; JSON). */
    private static void autoCreateIndices(String allowed) throws IOException {
        String settings = "{\"persistent\":{\"action.auto_create_index\":" + allowed + "}}";
        connection
                .client()
                .cluster()
                .putSettings(p -> p.withJson(new java.io.StringReader(settings)));
    }

    @Test
    void anOrderWith40000CharacterTextIsIndexedAndNotDeadLettered() throws Exception {
        String alias = freshAlias("long-text");
        CollectingRejects.REJECTED.clear();

        write(
                sinkInto(alias, ElasticsearchServer.shared().url())
                        .onRejected(new CollectingRejects())
                        .build(),
                alias,
                orderWithLongText("order-1", 40_000));

        assertLongTextIndexed(alias, "order-1", 40_000);
    }

    @Test
    void anIndexCreatedBeforeTheTextBoundsGainsThemAtStart() throws Exception {
        String alias = freshAlias("unbounded");
        ObjectNode older = (ObjectNode) Index.ORDERS.definition();
        older.findParents("ignore_above")
                .forEach(field -> ((ObjectNode) field).remove("ignore_above"));
        createIndex(alias, older);
        assertThat(bulkIndex(alias, orderWithLongText("order-1", 40_000)).status())
                .as("what an index without the bounds answers (a term over Lucene's limit)")
                .isEqualTo(400);
        CollectingRejects.REJECTED.clear();

        write(
                sinkInto(alias, ElasticsearchServer.shared().url())
                        .onRejected(new CollectingRejects())
                        .build(),
                alias,
                orderWithLongText("order-1", 40_000));

        assertLongTextIndexed(alias, "order-1", 40_000);
    }

    /** An order whose customer name, SKU, scan location and client order id are that long. */
    private static IndexedDocument orderWithLongText(String orderId, int length) {
        String text = "Ä".repeat(length);
        ObjectNode order = JSON.createObjectNode().put("orderId", orderId).put("version", 1);
        order.put("clientOrderId", text).put("lastScanLocation", text);
        order.putObject("customer").put("name", text);
        order.putArray("skus").add(text);
        order.putArray("items").addObject().put("sku", text).put("name", text);
        try {
            return new IndexedDocument(orderId, 1, JSON.writeValueAsBytes(order));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertLongTextIndexed(String alias, String orderId, int length)
            throws Exception {
        assertThat(CollectingRejects.REJECTED).as("dead letters").isEmpty();
        GetResponse<ObjectNode> stored = get(alias, orderId);
        assertThat(stored.found()).isTrue();
        assertThat(stored.source().path("customer").path("name").asText())
                .as("the name as stored")
                .hasSize(length);
        long byShortField =
                connection
                        .client()
                        .count(
                                c ->
                                        c.index(alias)
                                                .query(
                                                        q ->
                                                                q.term(
                                                                        t ->
                                                                                t.field("orderId")
                                                                                        .value(
                                                                                                orderId))))
                        .count();
        assertThat(byShortField).as("found by its id").isOne();
    }

    private static void createIndex(String alias, ObjectNode definition) throws IOException {
        byte[] json = JSON.writeValueAsBytes(definition);
        connection
                .client()
                .indices()
                .create(
                        c ->
                                c.withJson(new java.io.ByteArrayInputStream(json))
                                        .index(alias + "-v1")
                                        .aliases(alias, a -> a));
    }

    /** The answer to a write into the index: a delete of a document it does not hold. */
    private static BulkResponseItem probeWrite(String index) throws IOException {
        return connection
                .client()
                .bulk(b -> b.operations(o -> o.delete(d -> d.index(index).id("no-such-document"))))
                .items()
                .get(0);
    }

    private static BulkResponseItem bulkIndex(String alias, IndexedDocument document)
            throws IOException {
        return connection
                .client()
                .bulk(b -> b.operations(indexOperation(alias, document)))
                .items()
                .get(0);
    }

    private static BulkOperation indexOperation(String alias, IndexedDocument document) {
        return BulkOperation.of(
                o ->
                        o.index(
                                i ->
                                        i.index(alias)
                                                .id(document.getId())
                                                .document(
                                                        BinaryData.of(
                                                                document.getJson(),
                                                                ContentType.APPLICATION_JSON))));
    }

    private static void addWriteBlock(String index) throws IOException {
        connection
                .client()
                .indices()
                .addBlock(b -> b.index(index).block(IndicesBlockOptions.Write));
    }

    private static void removeWriteBlock(String index) throws IOException {
        connection
                .client()
                .indices()
                .putSettings(p -> p.index(index).settings(i -> i.blocks(b -> b.write(false))));
    }

    /**
     * Sets the limit of the breaker on HTTP requests in flight (JSON: a size, or null for the
     * default): a bulk request over it is refused whole with 429 circuit_breaking_exception.
     */
    private static void limitInFlightRequests(String limit) throws IOException {
        String settings =
                "{\"persistent\":{\"network.breaker.inflight_requests.limit\":" + limit + "}}";
        connection
                .client()
                .cluster()
                .putSettings(p -> p.withJson(new java.io.StringReader(settings)));
    }

    /** Runs an action on a thread of its own after a delay; join it to see it done. */
    private static Thread after(Duration delay, ThrowingRunnable<Exception> action) {
        Thread thread =
                new Thread(
                        () -> {
                            try {
                                Thread.sleep(delay.toMillis());
                                action.run();
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        });
        thread.start();
        return thread;
    }

    @Test
    void anExistingIndexGainsTheFieldsAndTheRefreshIntervalOfItsDefinition() throws Exception {
        String alias = "orders-old-" + Long.toString(System.nanoTime(), 36);
        ObjectNode older = (ObjectNode) Index.ORDERS.definition();
        ((ObjectNode) older.path("mappings"))
                .putObject("properties")
                .putObject("orderId")
                .put("type", "keyword");
        ((ObjectNode) older.path("settings")).put("refresh_interval", "30s");
        byte[] olderIndex = JSON.writeValueAsBytes(older);
        connection
                .client()
                .indices()
                .create(
                        c ->
                                c.withJson(new java.io.ByteArrayInputStream(olderIndex))
                                        .index(alias + "-v1")
                                        .aliases(alias, a -> a));

        IndexBootstrap.ensureIndex(connection.client(), alias, Index.ORDERS);

        var indices = connection.client().indices();
        assertThat(
                        indices.getMapping(m -> m.index(alias))
                                .result()
                                .get(alias + "-v1")
                                .mappings()
                                .properties())
                .containsKeys("orderId", "storeStage", "ndr", "milestones");
        assertThat(
                        indices.getSettings(g -> g.index(alias))
                                .result()
                                .get(alias + "-v1")
                                .settings()
                                .index()
                                .refreshInterval()
                                .time())
                .as("the definition's refresh interval")
                .isEqualTo("500ms");
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
        write(
                sinkInto(ALIAS, ElasticsearchServer.shared().url()).onRejected(rejects).build(),
                ALIAS,
                documents);
    }

    /** Runs a bounded job that writes the documents, then makes them searchable. */
    private static void write(ElasticsearchSink sink, String alias, IndexedDocument... documents)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.fromData(TypeInformation.of(IndexedDocument.class), documents).sinkTo(sink);
        env.execute("elasticsearch-sink-it");
        connection.client().indices().refresh(r -> r.index(alias));
    }

    /**
     * Starts a job whose source produces {@link #BATCH} documents, then waits for a checkpoint
     * before producing more, and never ends: without end of input, and with a flush interval and
     * batch size that never trigger, only a checkpoint makes the sink flush.
     */
    private static JobClient startUnbounded(ElasticsearchSink.Builder sink) throws Exception {
        PRODUCED.set(0);
        return start(
                Long.MAX_VALUE,
                RateLimiterStrategy.perCheckpoint(BATCH),
                sink.flushInterval(Duration.ofHours(1)).maxBatchActions(1_000_000));
    }

    /** Starts a job writing documents order-0, order-1, … as fast as the rate limiter lets it. */
    private static JobClient start(
            long documents, RateLimiterStrategy<?> rate, ElasticsearchSink.Builder sink)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.fromSource(
                        new DataGeneratorSource<>(
                                n -> {
                                    PRODUCED.incrementAndGet();
                                    return document("order-" + n, 1, "RECEIVED");
                                },
                                documents,
                                rate,
                                TypeInformation.of(IndexedDocument.class)),
                        WatermarkStrategy.noWatermarks(),
                        "orders")
                .sinkTo(sink.build());
        return env.executeAsync("elasticsearch-sink-it");
    }

    /**
     * Starts a job writing the documents a generator makes, as fast as the rate limiter lets it,
     * each record timestamped {@code age} before the moment it is made.
     */
    private static JobClient startAged(
            long documents,
            Duration age,
            GeneratorFunction<Long, IndexedDocument> generator,
            RateLimiterStrategy<?> rate,
            ElasticsearchSink.Builder sink)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.fromSource(
                        new DataGeneratorSource<>(
                                generator,
                                documents,
                                rate,
                                TypeInformation.of(IndexedDocument.class)),
                        WatermarkStrategy.<IndexedDocument>noWatermarks()
                                .withTimestampAssigner(
                                        (document, none) ->
                                                System.currentTimeMillis() - age.toMillis()),
                        "aged-orders")
                .sinkTo(sink.build());
        return env.executeAsync("elasticsearch-sink-it");
    }

    /** Starts a job writing orders order-0, order-1, … fifty a second, their records a day old. */
    private static JobClient startDayOldOrders(ElasticsearchSink.Builder sink) throws Exception {
        return startAged(
                Long.MAX_VALUE,
                Duration.ofDays(1),
                n -> document("order-" + n, 1, "RECEIVED"),
                RateLimiterStrategy.perSecond(50),
                sink);
    }

    private static IndexingStats indexing(String alias) throws IOException {
        return connection
                .client()
                .indices()
                .stats(st -> st.index(alias).metric("indexing"))
                .all()
                .primaries()
                .indexing();
    }

    private static ElasticsearchSink.Builder sinkInto(String alias, String url) {
        return ElasticsearchSink.builder().url(url).index(alias, Index.ORDERS);
    }

    private static String freshAlias(String name) {
        return "orders-" + name + "-" + Long.toString(System.nanoTime(), 36);
    }

    private static List<String> indexedIds(String alias) throws IOException {
        connection.client().indices().refresh(r -> r.index(alias));
        return connection
                .client()
                .search(s -> s.index(alias).size(100), ObjectNode.class)
                .hits()
                .hits()
                .stream()
                .map(Hit::id)
                .toList();
    }

    private static GetResponse<ObjectNode> get(String id) throws Exception {
        return get(ALIAS, id);
    }

    private static GetResponse<ObjectNode> get(String alias, String id) throws Exception {
        return connection.client().get(g -> g.index(alias).id(id), ObjectNode.class);
    }

    /**
     * Forwards TCP connections to Elasticsearch until cut, then refuses them: an outage on demand.
     * A writer creates its index when it starts, so an address unreachable from the outset would
     * fail there, before any bulk request.
     */
    private static final class Relay implements AutoCloseable {
        private final ServerSocket server;
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();

        Relay(ElasticsearchServer target) throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor =
                    new Thread(
                            () -> {
                                try {
                                    while (true) {
                                        Socket client = server.accept();
                                        Socket upstream =
                                                new Socket(target.httpHost(), target.httpPort());
                                        sockets.add(client);
                                        sockets.add(upstream);
                                        pump(client, upstream);
                                        pump(upstream, client);
                                    }
                                } catch (IOException e) {
                                    // Cut.
                                }
                            },
                            "relay-accept");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String url() {
            return "http://"
                    + server.getInetAddress().getHostAddress()
                    + ":"
                    + server.getLocalPort();
        }

        private void pump(Socket from, Socket to) {
            Thread pump =
                    new Thread(
                            () -> {
                                try {
                                    from.getInputStream().transferTo(to.getOutputStream());
                                } catch (IOException e) {
                                    // Either side closed.
                                } finally {
                                    closeQuietly(from);
                                    closeQuietly(to);
                                }
                            },
                            "relay-pump");
            pump.setDaemon(true);
            pump.start();
        }

        /** Stops listening and drops every open connection. */
        void cut() throws IOException {
            server.close();
            sockets.forEach(Relay::closeQuietly);
        }

        @Override
        public void close() throws IOException {
            cut();
        }

        private static void closeQuietly(Socket socket) {
            try {
                socket.close();
            } catch (IOException e) {
                // Already closed.
            }
        }
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
