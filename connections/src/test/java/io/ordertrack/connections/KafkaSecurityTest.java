package io.ordertrack.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ordertrack.testkit.LocalhostCertificate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaSecurityTest {
    private static final String PASSWORD = "s3cr\"et\\pa ss";

    @TempDir Path folder;

    @Test
    void withNothingSetClientsConnectInPlaintext() {
        KafkaSecurity security = KafkaSecurity.fromEnvironment(Map.of());

        assertThat(security.protocol()).isEqualTo(KafkaSecurity.Protocol.PLAINTEXT);
        assertThat(security.clientProperties())
                .containsOnly(Map.entry("security.protocol", "PLAINTEXT"));
    }

    @Test
    void scramCredentialsBecomeAJaasLineKafkaParsesBackToTheSameUserAndPassword() {
        KafkaSecurity security =
                KafkaSecurity.fromEnvironment(
                        Map.of(
                                KafkaSecurity.PROTOCOL_ENV, "SASL_PLAINTEXT",
                                KafkaSecurity.MECHANISM_ENV, "scram-sha-256",
                                KafkaSecurity.USERNAME_ENV, "ordertrack-job",
                                KafkaSecurity.PASSWORD_ENV, PASSWORD));

        Properties properties = security.clientProperties();
        assertThat(properties.getProperty("security.protocol")).isEqualTo("SASL_PLAINTEXT");
        assertThat(properties.getProperty("sasl.mechanism")).isEqualTo("SCRAM-SHA-256");
        Map<String, ?> options =
                JaasContext.loadClientContext(
                                Map.of(
                                        "sasl.jaas.config",
                                        new Password(properties.getProperty("sasl.jaas.config"))))
                        .configurationEntries()
                        .get(0)
                        .getOptions();
        assertThat(options.get("username")).isEqualTo("ordertrack-job");
        assertThat(options.get("password")).isEqualTo(PASSWORD);
    }

    @Test
    void theMechanismDefaultsToScramSha512() {
        KafkaSecurity security = KafkaSecurity.fromEnvironment(sasl("SASL_SSL"));

        assertThat(security.clientProperties().getProperty("sasl.mechanism"))
                .isEqualTo("SCRAM-SHA-512");
        assertThat(security.clientProperties().getProperty("sasl.jaas.config"))
                .startsWith("org.apache.kafka.common.security.scram.ScramLoginModule required");
    }

    @Test
    void plainLoginsUseKafkasPlainLoginModule() {
        Map<String, String> environment = new java.util.HashMap<>(sasl("SASL_SSL"));
        environment.put(KafkaSecurity.MECHANISM_ENV, "PLAIN");

        Properties properties = KafkaSecurity.fromEnvironment(environment).clientProperties();

        assertThat(properties.getProperty("sasl.mechanism")).isEqualTo("PLAIN");
        assertThat(properties.getProperty("sasl.jaas.config"))
                .startsWith("org.apache.kafka.common.security.plain.PlainLoginModule required");
    }

    @Test
    void thePasswordCanComeFromAMountedFileWithoutItsTrailingLineBreak() throws IOException {
        Path secret = Files.writeString(folder.resolve("password"), PASSWORD + "\n");

        KafkaSecurity security =
                KafkaSecurity.fromEnvironment(
                        Map.of(
                                KafkaSecurity.PROTOCOL_ENV,
                                "SASL_SSL",
                                KafkaSecurity.USERNAME_ENV,
                                "ordertrack-job",
                                KafkaSecurity.PASSWORD_ENV + "_FILE",
                                secret.toString()));

        assertThat(security.password().reveal()).isEqualTo(PASSWORD);
    }

    @Test
    void aCaFileIsSentAsPemCertificatesSoNoTaskManagerNeedsTheFile() throws IOException {
        Path ca = LocalhostCertificate.caFile();

        KafkaSecurity security =
                KafkaSecurity.fromEnvironment(
                        Map.of(
                                KafkaSecurity.PROTOCOL_ENV,
                                "SSL",
                                KafkaSecurity.CA_FILE_ENV,
                                ca.toString()));

        assertThat(security.clientProperties())
                .containsEntry("ssl.truststore.type", "PEM")
                .containsEntry("ssl.truststore.certificates", Files.readString(ca))
                .doesNotContainKey("ssl.truststore.location");
    }

    @Test
    void aTrustStoreIsNamedByItsPathWithItsPassword() throws IOException {
        Path store = Files.write(folder.resolve("truststore.p12"), new byte[] {1});

        KafkaSecurity security =
                KafkaSecurity.fromEnvironment(
                        Map.of(
                                KafkaSecurity.PROTOCOL_ENV, "SSL",
                                KafkaSecurity.TRUSTSTORE_ENV, store.toString(),
                                KafkaSecurity.TRUSTSTORE_PASSWORD_ENV, "store-secret"));

        assertThat(security.clientProperties())
                .containsEntry("ssl.truststore.location", store.toString())
                .containsEntry("ssl.truststore.password", "store-secret");
    }

    @Test
    void noSecretAppearsWhenTheSettingsArePrinted() {
        KafkaSecurity security = KafkaSecurity.fromEnvironment(sasl("SASL_SSL"));

        assertThat(security.toString())
                .contains("SASL_SSL", "SCRAM-SHA-512", "ordertrack-job")
                .doesNotContain(PASSWORD);
        assertThat(String.valueOf(security.password())).isEqualTo(Secret.HIDDEN);
    }

    @Test
    void unknownProtocolsAndMechanismsAreRefusedNamingTheChoices() {
        assertThatThrownBy(
                        () ->
                                KafkaSecurity.fromEnvironment(
                                        Map.of(
                                                KafkaSecurity.PROTOCOL_ENV, "TLS",
                                                KafkaSecurity.MECHANISM_ENV, "GSSAPI")))
                .hasMessageContaining(
                        "ORDERTRACK_KAFKA_SECURITY_PROTOCOL must be one of PLAINTEXT, SSL,"
                                + " SASL_PLAINTEXT, SASL_SSL, got 'TLS'")
                .hasMessageContaining(
                        "ORDERTRACK_KAFKA_SASL_MECHANISM must be one of SCRAM-SHA-256,"
                                + " SCRAM-SHA-512, PLAIN, got 'GSSAPI'");
    }

    @Test
    void saslNeedsBothAUserAndAPassword() {
        assertThatThrownBy(
                        () ->
                                KafkaSecurity.fromEnvironment(
                                        Map.of(
                                                KafkaSecurity.PROTOCOL_ENV, "SASL_SSL",
                                                KafkaSecurity.USERNAME_ENV, "ordertrack-job")))
                .hasMessageContaining(
                        "SASL_SSL needs ORDERTRACK_KAFKA_USERNAME and ORDERTRACK_KAFKA_PASSWORD");
    }

    @Test
    void credentialsWithoutSaslAreRefusedRatherThanIgnored() {
        Map<String, String> environment =
                Map.of(
                        KafkaSecurity.USERNAME_ENV,
                        "ordertrack-job",
                        KafkaSecurity.PASSWORD_ENV,
                        PASSWORD);

        assertThatThrownBy(() -> KafkaSecurity.fromEnvironment(environment))
                .hasMessageContaining("is PLAINTEXT: set it to SASL_SSL or SASL_PLAINTEXT")
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void trustSettingsNeedTlsAndAFileThatExists() {
        assertThatThrownBy(
                        () ->
                                KafkaSecurity.fromEnvironment(
                                        Map.of(
                                                KafkaSecurity.CA_FILE_ENV,
                                                LocalhostCertificate.caFile().toString())))
                .hasMessageContaining("is PLAINTEXT: set it to SSL or SASL_SSL");
        assertThatThrownBy(
                        () ->
                                KafkaSecurity.fromEnvironment(
                                        Map.of(
                                                KafkaSecurity.PROTOCOL_ENV, "SSL",
                                                KafkaSecurity.CA_FILE_ENV, "/no/such/ca.pem")))
                .hasMessageContaining(
                        "ORDERTRACK_KAFKA_CA_FILE names a file that cannot be read:"
                                + " /no/such/ca.pem");
        assertThatThrownBy(
                        () ->
                                KafkaSecurity.fromEnvironment(
                                        Map.of(
                                                KafkaSecurity.PROTOCOL_ENV, "SSL",
                                                KafkaSecurity.TRUSTSTORE_ENV, "/no/such.p12")))
                .hasMessageContaining("ORDERTRACK_KAFKA_TRUSTSTORE names a file that cannot");
    }

    @Test
    void aCaFileThatIsNotPemIsRefused() throws IOException {
        Path notPem = Files.writeString(folder.resolve("ca.pem"), "not a certificate");

        assertThatThrownBy(
                        () ->
                                KafkaSecurity.fromEnvironment(
                                        Map.of(
                                                KafkaSecurity.PROTOCOL_ENV,
                                                "SSL",
                                                KafkaSecurity.CA_FILE_ENV,
                                                notPem.toString())))
                .hasMessageContaining("ORDERTRACK_KAFKA_CA_FILE names a file")
                .hasMessageContaining("PEM certificate");
    }

    @Test
    void aPasswordInlineAndInAFileAtOnceIsAmbiguous() {
        Map<String, String> environment = new java.util.HashMap<>(sasl("SASL_SSL"));
        environment.put(KafkaSecurity.PASSWORD_ENV + "_FILE", "/run/secrets/kafka-password");

        assertThatThrownBy(() -> KafkaSecurity.fromEnvironment(environment))
                .hasMessageContaining(
                        "set ORDERTRACK_KAFKA_PASSWORD or ORDERTRACK_KAFKA_PASSWORD_FILE, not both")
                .hasMessageNotContaining(PASSWORD);
    }

    private static Map<String, String> sasl(String protocol) {
        return Map.of(
                KafkaSecurity.PROTOCOL_ENV, protocol,
                KafkaSecurity.USERNAME_ENV, "ordertrack-job",
                KafkaSecurity.PASSWORD_ENV, PASSWORD);
    }
}
