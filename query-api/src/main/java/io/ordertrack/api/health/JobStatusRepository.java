package io.ordertrack.api.health;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import java.io.IOException;
import java.util.Optional;

/** Reads the job's heartbeat: the job-status document of its consumer group. */
public final class JobStatusRepository {
    private final ElasticsearchClient client;
    private final String index;
    private final String consumerGroup;

    public JobStatusRepository(ElasticsearchClient client, String index, String consumerGroup) {
        this.client = client;
        this.index = index;
        this.consumerGroup = consumerGroup;
    }

    /** The heartbeat, empty when the job never wrote one (not even the index). */
    Optional<JobStatus> latest() throws IOException {
        try {
            return Optional.ofNullable(
                    client.get(g -> g.index(index).id(consumerGroup), JobStatus.class).source());
        } catch (ElasticsearchException e) {
            if ("index_not_found_exception".equals(e.error().type())) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
