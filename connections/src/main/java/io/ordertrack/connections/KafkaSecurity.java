package io.ordertrack.connections;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * How a Kafka client (consumer, producer or admin) connects to the brokers: the security protocol,
 * SASL credentials and the certificate authorities it trusts. Read from the environment by the job,
 * the simulator and the tools alike:
 *
 * <ul>
 *   <li>{@code ORDERTRACK_KAFKA_SECURITY_PROTOCOL}: PLAINTEXT (default), SSL, SASL_PLAINTEXT or
 *       SASL_SSL;
 *   <li>{@code ORDERTRACK_KAFKA_SASL_MECHANISM}: SCRAM-SHA-512 (default), SCRAM-SHA-256 or PLAIN;
 *   <li>{@code ORDERTRACK_KAFKA_USERNAME} and {@code ORDERTRACK_KAFKA_PASSWORD} (or {@code
 *       ORDERTRACK_KAFKA_PASSWORD_FILE}): required with SASL, refused without it;
 *   <li>{@code ORDERTRACK_KAFKA_CA_FILE}: PEM certificates of the brokers' CA, or {@code
 *       ORDERTRACK_KAFKA_TRUSTSTORE} (a JKS or PKCS12 file, which must exist wherever a client
 *       runs) with {@code ORDERTRACK_KAFKA_TRUSTSTORE_PASSWORD} (or its {@code _FILE}); TLS only.
 * </ul>
 *
 * @param protocol the security protocol
 * @param mechanism the SASL mechanism, or null without SASL
 * @param username the SASL user, or null
 * @param password the SASL password, or null
 * @param caFile where the CA certificates were read from, or null
 * @param caCertificates the PEM text of the CA certificates, or null
 * @param truststore path of a trust store file, or null
 * @param truststorePassword its password, or null
 */
public record KafkaSecurity(
        Protocol protocol,
        Mechanism mechanism,
        String username,
        Secret password,
        String caFile,
        String caCertificates,
        String truststore,
        Secret truststorePassword)
        implements Serializable {

    public static final String PROTOCOL_ENV = "ORDERTRACK_KAFKA_SECURITY_PROTOCOL";
    public static final String MECHANISM_ENV = "ORDERTRACK_KAFKA_SASL_MECHANISM";
    public static final String USERNAME_ENV = "ORDERTRACK_KAFKA_USERNAME";
    public static final String PASSWORD_ENV = "ORDERTRACK_KAFKA_PASSWORD";
    public static final String CA_FILE_ENV = "ORDERTRACK_KAFKA_CA_FILE";
    public static final String TRUSTSTORE_ENV = "ORDERTRACK_KAFKA_TRUSTSTORE";
    public static final String TRUSTSTORE_PASSWORD_ENV = "ORDERTRACK_KAFKA_TRUSTSTORE_PASSWORD";

    /** Kafka's {@code security.protocol} values. */
    public enum Protocol {
        PLAINTEXT(false, false),
        SSL(false, true),
        SASL_PLAINTEXT(true, false),
        SASL_SSL(true, true);

        private final boolean sasl;
        private final boolean tls;

        Protocol(boolean sasl, boolean tls) {
            this.sasl = sasl;
            this.tls = tls;
        }

        public boolean sasl() {
            return sasl;
        }

        public boolean tls() {
            return tls;
        }
    }

    /** The SASL mechanisms a user name and password can log in with. */
    public enum Mechanism {
        SCRAM_SHA_256("SCRAM-SHA-256", "org.apache.kafka.common.security.scram.ScramLoginModule"),
        SCRAM_SHA_512("SCRAM-SHA-512", "org.apache.kafka.common.security.scram.ScramLoginModule"),
        PLAIN("PLAIN", "org.apache.kafka.common.security.plain.PlainLoginModule");

        private final String kafkaName;
        private final String loginModule;

        Mechanism(String kafkaName, String loginModule) {
            this.kafkaName = kafkaName;
            this.loginModule = loginModule;
        }

        /** The name Kafka knows it by, e.g. {@code SCRAM-SHA-512}. */
        public String kafkaName() {
            return kafkaName;
        }
    }

    /** No TLS, no SASL: an unsecured broker. */
    public static final KafkaSecurity PLAINTEXT =
            new KafkaSecurity(Protocol.PLAINTEXT, null, null, null, null, null, null, null);

    /**
     * Reads the settings above.
     *
     * @throws IllegalArgumentException naming every problem: an unknown protocol or mechanism, SASL
     *     without credentials or credentials without SASL, trust settings without TLS, a CA file or
     *     trust store that is missing
     */
    public static KafkaSecurity fromEnvironment(Map<String, String> variables) {
        Environment environment = new Environment(variables);
        Protocol protocol =
                choice(environment, PROTOCOL_ENV, Protocol.class, Protocol.PLAINTEXT, Enum::name);
        String mechanismName = environment.text(MECHANISM_ENV);
        Mechanism mechanism =
                choice(
                        environment,
                        MECHANISM_ENV,
                        Mechanism.class,
                        Mechanism.SCRAM_SHA_512,
                        Mechanism::kafkaName);
        String username = environment.text(USERNAME_ENV);
        Secret password = environment.secret(PASSWORD_ENV);
        String caCertificates = TrustedCertificates.readPem(environment, CA_FILE_ENV);
        String truststore = environment.text(TRUSTSTORE_ENV);
        Secret truststorePassword = environment.secret(TRUSTSTORE_PASSWORD_ENV);
        if (protocol != null) {
            checkSasl(environment, protocol, mechanismName, username, password);
            checkTrust(environment, protocol, truststore, truststorePassword);
        }
        environment.failIfAny("Kafka security");
        boolean sasl = protocol.sasl();
        return new KafkaSecurity(
                protocol,
                sasl ? mechanism : null,
                username,
                password,
                caCertificates == null ? null : environment.text(CA_FILE_ENV),
                caCertificates,
                truststore,
                truststorePassword);
    }

    private static void checkSasl(
            Environment environment,
            Protocol protocol,
            String mechanism,
            String username,
            Secret password) {
        if (protocol.sasl()) {
            if (username == null || password == null) {
                environment.problem(
                        PROTOCOL_ENV
                                + " "
                                + protocol
                                + " needs "
                                + USERNAME_ENV
                                + " and "
                                + PASSWORD_ENV
                                + " (or its _FILE)");
            }
        } else if (username != null || password != null || mechanism != null) {
            environment.problem(
                    "SASL settings ("
                            + USERNAME_ENV
                            + ", "
                            + PASSWORD_ENV
                            + ", "
                            + MECHANISM_ENV
                            + ") are set, but "
                            + PROTOCOL_ENV
                            + " is "
                            + protocol
                            + ": set it to SASL_SSL or SASL_PLAINTEXT");
        }
    }

    private static void checkTrust(
            Environment environment,
            Protocol protocol,
            String truststore,
            Secret truststorePassword) {
        boolean hasCa = environment.text(CA_FILE_ENV) != null;
        if ((hasCa || truststore != null) && !protocol.tls()) {
            environment.problem(
                    "TLS trust ("
                            + CA_FILE_ENV
                            + " or "
                            + TRUSTSTORE_ENV
                            + ") is set, but "
                            + PROTOCOL_ENV
                            + " is "
                            + protocol
                            + ": set it to SSL or SASL_SSL");
        }
        if (hasCa && truststore != null) {
            environment.problem("set " + CA_FILE_ENV + " or " + TRUSTSTORE_ENV + ", not both");
        }
        if (truststore != null && !Files.isReadable(Path.of(truststore))) {
            environment.problem(
                    TRUSTSTORE_ENV + " names a file that cannot be read: " + truststore);
        }
        if (truststorePassword != null && truststore == null) {
            environment.problem(TRUSTSTORE_PASSWORD_ENV + " is set without " + TRUSTSTORE_ENV);
        }
    }

    private static <E extends Enum<E>> E choice(
            Environment environment,
            String variable,
            Class<E> type,
            E fallback,
            java.util.function.Function<E, String> name) {
        String value = environment.text(variable);
        if (value == null) {
            return fallback;
        }
        for (E candidate : type.getEnumConstants()) {
            if (name.apply(candidate).equals(value.toUpperCase(Locale.ROOT))) {
                return candidate;
            }
        }
        environment.problem(
                variable
                        + " must be one of "
                        + Arrays.stream(type.getEnumConstants())
                                .map(name)
                                .collect(Collectors.joining(", "))
                        + ", got '"
                        + value
                        + "'");
        return null;
    }

    /**
     * The client properties that carry these settings ({@code security.protocol}, {@code sasl.*},
     * {@code ssl.truststore.*}), to add to a consumer's, producer's or admin's own. Kafka logs the
     * password-typed ones ({@code sasl.jaas.config}, {@code ssl.truststore.password}) as {@code
     * [hidden]}.
     */
    public Properties clientProperties() {
        Properties properties = new Properties();
        properties.setProperty("security.protocol", protocol.name());
        if (protocol.sasl()) {
            properties.setProperty("sasl.mechanism", mechanism.kafkaName());
            properties.setProperty("sasl.jaas.config", jaasConfig());
        }
        if (caCertificates != null) {
            properties.setProperty("ssl.truststore.type", "PEM");
            properties.setProperty("ssl.truststore.certificates", caCertificates);
        }
        if (truststore != null) {
            properties.setProperty("ssl.truststore.location", truststore);
            if (truststorePassword != null) {
                properties.setProperty("ssl.truststore.password", truststorePassword.reveal());
            }
        }
        return properties;
    }

    private String jaasConfig() {
        return mechanism.loginModule
                + " required username=\""
                + quoted(username)
                + "\" password=\""
                + quoted(password.reveal())
                + "\";";
    }

    /** Escapes what would end a quoted JAAS value early: backslashes and double quotes. */
    private static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** Which protocol, mechanism, user and trust, never a password. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("KafkaSecurity[").append(protocol);
        if (protocol.sasl()) {
            text.append(", ").append(mechanism.kafkaName()).append(" as ").append(username);
        }
        if (caFile != null) {
            text.append(", CA from ").append(caFile);
        }
        if (truststore != null) {
            text.append(", trust store ").append(truststore);
        }
        return text.append(']').toString();
    }
}
