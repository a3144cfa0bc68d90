package io.ordertrack.api.health;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.HealthStatus;
import co.elastic.clients.elasticsearch.cluster.HealthResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Whether Elasticsearch can serve reads: the cluster answers and is green or yellow. */
public final class ElasticsearchHealth {
    private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchHealth.class);

    private final ElasticsearchClient client;

    public ElasticsearchHealth(ElasticsearchClient client) {
        this.client = client;
    }

    public HealthReport check() {
        HealthResponse health;
        try {
            health = client.cluster().health();
        } catch (Exception e) {
            LOG.warn("Elasticsearch health check failed: {}", e.toString());
            return HealthReport.elasticsearchDown("Elasticsearch does not answer");
        }
        if (health.status() == HealthStatus.Red) {
            return HealthReport.elasticsearchDown("Elasticsearch cluster status is red");
        }
        return HealthReport.up();
    }
}
