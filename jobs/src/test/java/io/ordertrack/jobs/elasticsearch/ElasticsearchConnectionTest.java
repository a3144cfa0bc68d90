package io.ordertrack.jobs.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ordertrack.connections.ElasticsearchSecurity;
import io.ordertrack.testkit.HttpsRecorder;
import io.ordertrack.testkit.LocalhostCertificate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ElasticsearchConnectionTest {
    @Test
    void theJobsClientSendsItsApiKeyToAClusterItTrustsThroughTheCaFile() throws Exception {
        ElasticsearchSecurity security =
                ElasticsearchSecurity.fromEnvironment(
                        Map.of(
                                "ORDERTRACK_ES_API_KEY",
                                "am9iOmtleQ==",
                                "ORDERTRACK_ES_CA_FILE",
                                LocalhostCertificate.caFile().toString()));
        try (HttpsRecorder cluster = HttpsRecorder.start();
                ElasticsearchConnection connection =
                        ElasticsearchConnection.open(cluster.url(), security)) {
            assertThat(connection.client().ping().value()).isTrue();

            assertThat(cluster.authorizations()).containsOnly("ApiKey am9iOmtleQ==");
        }
    }

    @Test
    void withoutTheCaFileTheClusterIsNotTrusted() throws Exception {
        try (HttpsRecorder cluster = HttpsRecorder.start();
                ElasticsearchConnection connection =
                        ElasticsearchConnection.open(cluster.url(), ElasticsearchSecurity.NONE)) {
            assertThatThrownBy(() -> connection.client().ping())
                    .hasStackTraceContaining("unable to find valid certification path");
        }
    }
}
