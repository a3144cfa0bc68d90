package io.ordertrack.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ordertrack.testkit.HttpsRecorder;
import io.ordertrack.testkit.LocalhostCertificate;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ElasticsearchSecurityTest {
    @TempDir Path folder;

    @Test
    void withNothingSetRequestsCarryNoCredentials() {
        ElasticsearchSecurity security = ElasticsearchSecurity.fromEnvironment(Map.of());

        assertThat(security.headers()).isEmpty();
        assertThat(security.sslContext()).isEmpty();
    }

    @Test
    void anApiKeyIsSentAsElasticsearchExpectsIt() {
        ElasticsearchSecurity security =
                ElasticsearchSecurity.fromEnvironment(
                        Map.of(ElasticsearchSecurity.API_KEY_ENV, "VnVhQ2ZHY0JDZGJrUW0tZTVhT3g="));

        assertThat(security.headers())
                .containsExactly(Map.entry("Authorization", "ApiKey VnVhQ2ZHY0JDZGJrUW0tZTVhT3g="));
    }

    @Test
    void anApiKeyGivenAsIdAndKeyIsEncodedAsElasticsearchExpectsIt() {
        ElasticsearchSecurity security =
                ElasticsearchSecurity.fromEnvironment(
                        Map.of(
                                ElasticsearchSecurity.API_KEY_ENV,
                                "VuaCfGcBCdbkQm-e5aOx:ui2lp2axTNmsyakw9tvNnw"));

        // base64 of "VuaCfGcBCdbkQm-e5aOx:ui2lp2axTNmsyakw9tvNnw"
        assertThat(security.headers())
                .containsExactly(
                        Map.entry(
                                "Authorization",
                                "ApiKey"
                                    + " VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw=="));
    }

    @Test
    void aUserAndPasswordFromAFileAreSentAsBasicAuth() throws IOException {
        Path password = Files.writeString(folder.resolve("password"), "pa:ss wörd\n");

        ElasticsearchSecurity security =
                ElasticsearchSecurity.fromEnvironment(
                        Map.of(
                                ElasticsearchSecurity.USERNAME_ENV,
                                "ordertrack",
                                ElasticsearchSecurity.PASSWORD_ENV + "_FILE",
                                password.toString()));

        // base64 of the UTF-8 bytes of "ordertrack:pa:ss wörd"
        assertThat(security.headers())
                .containsExactly(
                        Map.entry("Authorization", "Basic b3JkZXJ0cmFjazpwYTpzcyB3w7ZyZA=="));
    }

    @Test
    void theCaFileIsWhatMakesTheClusterCertificateTrusted() throws Exception {
        ElasticsearchSecurity security =
                ElasticsearchSecurity.fromEnvironment(
                        Map.of(
                                ElasticsearchSecurity.CA_FILE_ENV,
                                LocalhostCertificate.caFile().toString()));
        try (HttpsRecorder cluster = HttpsRecorder.start()) {
            HttpRequest ping = HttpRequest.newBuilder(URI.create(cluster.url())).build();

            HttpResponse<String> answer =
                    HttpClient.newBuilder()
                            .sslContext(security.sslContext().orElseThrow())
                            .build()
                            .send(ping, HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThatThrownBy(
                            () ->
                                    HttpClient.newHttpClient()
                                            .send(ping, HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void noSecretAppearsWhenTheSettingsArePrinted() {
        ElasticsearchSecurity basic =
                ElasticsearchSecurity.fromEnvironment(
                        Map.of(
                                ElasticsearchSecurity.USERNAME_ENV, "ordertrack",
                                ElasticsearchSecurity.PASSWORD_ENV, "hunter2-secret"));
        ElasticsearchSecurity apiKey =
                ElasticsearchSecurity.fromEnvironment(
                        Map.of(ElasticsearchSecurity.API_KEY_ENV, "api-key-secret"));

        assertThat(basic.toString()).contains("ordertrack").doesNotContain("hunter2-secret");
        assertThat(apiKey.toString()).contains("API key").doesNotContain("api-key-secret");
    }

    @Test
    void halfOfACredentialOrTwoKindsAtOnceAreRefused() {
        assertThatThrownBy(
                        () ->
                                ElasticsearchSecurity.fromEnvironment(
                                        Map.of(ElasticsearchSecurity.USERNAME_ENV, "ordertrack")))
                .hasMessageContaining(
                        "ORDERTRACK_ES_USERNAME is set without ORDERTRACK_ES_PASSWORD");
        assertThatThrownBy(
                        () ->
                                ElasticsearchSecurity.fromEnvironment(
                                        Map.of(ElasticsearchSecurity.PASSWORD_ENV, "hunter2")))
                .hasMessageContaining(
                        "ORDERTRACK_ES_PASSWORD is set without ORDERTRACK_ES_USERNAME")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(
                        () ->
                                ElasticsearchSecurity.fromEnvironment(
                                        Map.of(
                                                ElasticsearchSecurity.API_KEY_ENV, "key",
                                                ElasticsearchSecurity.USERNAME_ENV, "ordertrack",
                                                ElasticsearchSecurity.PASSWORD_ENV, "hunter2")))
                .hasMessageContaining("set ORDERTRACK_ES_API_KEY or ORDERTRACK_ES_USERNAME");
    }

    @Test
    void aMissingCaFileOrOneUsedWithPlainHttpIsReported() {
        assertThatThrownBy(
                        () ->
                                ElasticsearchSecurity.fromEnvironment(
                                        Map.of(ElasticsearchSecurity.CA_FILE_ENV, "/no/ca.pem")))
                .hasMessageContaining(
                        "ORDERTRACK_ES_CA_FILE names a file that cannot be read: /no/ca.pem");
        ElasticsearchSecurity withCa =
                ElasticsearchSecurity.fromEnvironment(
                        Map.of(
                                ElasticsearchSecurity.CA_FILE_ENV,
                                LocalhostCertificate.caFile().toString()));

        assertThat(withCa.problemWith("http://es:9200"))
                .hasValue(
                        "ORDERTRACK_ES_CA_FILE is set, but the Elasticsearch URL http://es:9200"
                                + " is not https");
        assertThat(withCa.problemWith("https://es:9200")).isEmpty();
    }
}
