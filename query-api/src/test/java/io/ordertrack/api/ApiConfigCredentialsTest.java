package io.ordertrack.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ordertrack.api.security.ApiKeys;
import io.ordertrack.testkit.LocalhostCertificate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiConfigCredentialsTest {
    private static final String KEYS = ApiKeys.hash("secret") + " acme";

    @Test
    void elasticsearchCredentialsComeFromTheEnvironmentAndNeverShowInThePrintedConfiguration() {
        ApiConfig config =
                ApiConfig.fromEnvironment(
                        Map.of(
                                ApiConfig.API_KEYS_ENV,
                                KEYS,
                                ApiConfig.ELASTICSEARCH_URL_ENV,
                                "https://es.internal:9200",
                                "ORDERTRACK_ES_USERNAME",
                                "ordertrack-reader",
                                "ORDERTRACK_ES_PASSWORD",
                                "reader-secret-7",
                                "ORDERTRACK_ES_CA_FILE",
                                LocalhostCertificate.caFile().toString()));

        assertThat(config.elasticsearch().security().username()).isEqualTo("ordertrack-reader");
        assertThat(config.elasticsearch().security().sslContext()).isPresent();
        assertThat(config.toString())
                .contains("ordertrack-reader")
                .doesNotContain("reader-secret-7");
    }

    @Test
    void credentialProblemsAreReportedWithTheOtherProblems() {
        assertThatThrownBy(
                        () ->
                                ApiConfig.fromEnvironment(
                                        Map.of(
                                                ApiConfig.PORT_ENV,
                                                "eighty",
                                                ApiConfig.API_KEYS_ENV,
                                                KEYS,
                                                "ORDERTRACK_ES_USERNAME",
                                                "ordertrack-reader")))
                .hasMessageContaining("ORDERTRACK_API_PORT must be a number")
                .hasMessageContaining(
                        "ORDERTRACK_ES_USERNAME is set without ORDERTRACK_ES_PASSWORD");
        assertThatThrownBy(
                        () ->
                                ApiConfigTest.configWith(
                                        "ORDERTRACK_ES_CA_FILE",
                                        LocalhostCertificate.caFile().toString()))
                .hasMessageContaining("the Elasticsearch URL http://127.0.0.1:9200 is not https");
    }
}
