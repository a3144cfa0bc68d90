package io.ordertrack.api.health;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.HealthStatus;
import co.elastic.clients.elasticsearch.cluster.HealthResponse;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Whether Elasticsearch can serve reads: the cluster answers and is green or yellow. */
public final class ElasticsearchHealth {
    private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchHealth.class);

    private final ElasticsearchClient client;

    public ElasticsearchHealth(ElasticsearchClient client) {
        this.client = client;
    }

    /** The DOWN report when Elasticsearch cannot serve reads, else empty. */
    Optional<HealthReport> down() {
        HealthResponse health;
        try {
            health = client.cluster().health();
        } catch (Exception e) {
            LOG.warn("Elasticsearch health check failed: {}", e.toString());
            return Optional.of(HealthReport.elasticsearchDown("Elasticsearch does not answer"));
        }
        if (health.status() == HealthStatus.Red) {
            return Optional.of(
                    HealthReport.elasticsearchDown("Elasticsearch cluster status is red"));
        }
        return Optional.empty();
    }
}
