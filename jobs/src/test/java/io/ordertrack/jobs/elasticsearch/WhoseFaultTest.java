package io.ordertrack.jobs.elasticsearch;

import static io.ordertrack.jobs.elasticsearch.WhoseFault.CLUSTER;
import static io.ordertrack.jobs.elasticsearch.WhoseFault.DOCUMENT;
import static io.ordertrack.jobs.elasticsearch.WhoseFault.NOBODY;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Only a document the mapping refuses is dead-lettered; the cluster's conditions are waited out.
 */
class WhoseFaultTest {
    @Test
    void aWriteThatSucceededOrWasAlreadySupersededIsDone() {
        assertThat(WhoseFault.of(201, null)).isEqualTo(NOBODY);
        assertThat(WhoseFault.of(200, null)).isEqualTo(NOBODY);
        assertThat(WhoseFault.of(409, "version_conflict_engine_exception")).isEqualTo(NOBODY);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        // Answers seen from a real node: a write block, a read-only-allow-delete block (full
        // disk), a tripped breaker on the whole request, a full write queue.
        "403, cluster_block_exception",
        "429, cluster_block_exception",
        "429, circuit_breaking_exception",
        "429, es_rejected_execution_exception",
        "404, index_not_found_exception",
        "400, index_closed_exception",
        "401, security_exception",
        "403, security_exception",
        "408, request_timeout",
        "500, exception",
        "502, ",
        "503, unavailable_shards_exception",
        "503, no_shard_available_action_exception",
        "504, ",
    })
    void theClustersConditionsAreRetried(int status, String errorType) {
        assertThat(WhoseFault.of(status, errorType)).isEqualTo(CLUSTER);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "400, document_parsing_exception",
        "400, mapper_parsing_exception",
        "400, strict_dynamic_mapping_exception",
        "400, illegal_argument_exception",
        "400, x_content_parse_exception",
        "413, ",
    })
    void aDocumentTheMappingRefusesIsRefusedForGood(int status, String errorType) {
        assertThat(WhoseFault.of(status, errorType)).isEqualTo(DOCUMENT);
    }
}
