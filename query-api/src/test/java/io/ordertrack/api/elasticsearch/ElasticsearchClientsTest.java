package io.ordertrack.api.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ordertrack.connections.ElasticsearchSecurity;
import io.ordertrack.testkit.HttpsRecorder;
import io.ordertrack.testkit.LocalhostCertificate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ElasticsearchClientsTest {
    @Test
    void theApiLogsInWithBasicAuthToAClusterItTrustsThroughTheCaFile() throws Exception {
        ElasticsearchSecurity security =
                ElasticsearchSecurity.fromEnvironment(
                        Map.of(
                                "ORDERTRACK_ES_USERNAME", "ordertrack-reader",
                                "ORDERTRACK_ES_PASSWORD", "reader-secret",
                                "ORDERTRACK_ES_CA_FILE", LocalhostCertificate.caFile().toString()));
        try (HttpsRecorder cluster = HttpsRecorder.start();
                ElasticsearchClients clients =
                        ElasticsearchClients.create(cluster.url(), security)) {
            assertThat(clients.client().ping().value()).isTrue();

            // base64 of "ordertrack-reader:reader-secret"
            assertThat(cluster.authorizations())
                    .containsOnly("Basic b3JkZXJ0cmFjay1yZWFkZXI6cmVhZGVyLXNlY3JldA==");
        }
    }

    @Test
    void withoutTheCaFileTheClusterIsNotTrusted() {
        try (HttpsRecorder cluster = HttpsRecorder.start();
                ElasticsearchClients clients = ElasticsearchClients.create(cluster.url())) {
            assertThatThrownBy(() -> clients.client().ping())
                    .hasStackTraceContaining("unable to find valid certification path");
            assertThat(cluster.authorizations()).isEmpty();
        }
    }
}
