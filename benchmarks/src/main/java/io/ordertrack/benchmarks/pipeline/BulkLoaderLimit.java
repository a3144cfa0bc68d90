package io.ordertrack.benchmarks.pipeline;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordertrack.api.elasticsearch.ElasticsearchClients;
import io.ordertrack.documents.Index;
import io.ordertrack.documents.IndexBootstrap;
import io.ordertrack.jobs.OrderTrackingConfig;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Limit (b): the pipeline's final order documents written by a plain bulk loader, with the job's
 * bulk size and parallelism, into a fresh index with the same mapping.
 */
record BulkLoaderLimit(BenchmarkRun run, BenchmarkReport report) {
    /**
     * @param loadedIndex the orders index a replay filled
     * @return documents per second
     */
    double measure(String loadedIndex) throws Exception {
        try (ElasticsearchClients elasticsearch =
                ElasticsearchClients.create(run.elasticsearchUrl(), run.elasticsearchSecurity())) {
            ElasticsearchClient client = elasticsearch.client();
            List<Hit<ObjectNode>> documents = BulkLoader.documentsOf(client, loadedIndex);
            String target = run.name() + "-bulk-orders";
            IndexBootstrap.ensureIndex(client, target, Index.ORDERS);
            int batch =
                    OrderTrackingConfig.from(new String[0], Map.of())
                            .elasticsearch()
                            .bulkMaxActions();
            long started = System.nanoTime();
            BulkLoader.load(client, target, documents, MiniClusterJobs.PARALLELISM, batch);
            double seconds = BenchmarkRun.secondsSince(started);
            double docsPerSecond = documents.size() / seconds;
            report.put("limitBulkLoaderDocumentsPerSecond", docsPerSecond);
            report.line(
                    String.format(
                            Locale.ROOT,
                            "| plain bulk loader, the final order documents (limit b) | %,d docs"
                                    + " | %,.0f docs/s | |",
                            documents.size(),
                            docsPerSecond));
            return docsPerSecond;
        }
    }
}
