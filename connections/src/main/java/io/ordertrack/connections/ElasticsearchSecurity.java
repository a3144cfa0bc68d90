package io.ordertrack.connections;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * How a client proves itself to Elasticsearch and which certificate authorities it trusts over
 * https: an API key, or a user name and password (basic auth), or neither; and optionally a CA
 * file. Read from the environment by the job, the API and the tools alike:
 *
 * <ul>
 *   <li>{@code ORDERTRACK_ES_API_KEY} (or {@code ORDERTRACK_ES_API_KEY_FILE}): the API key, either
 *       encoded as Elasticsearch returns it in {@code encoded} or as {@code id:api_key};
 *   <li>{@code ORDERTRACK_ES_USERNAME} and {@code ORDERTRACK_ES_PASSWORD} (or {@code
 *       ORDERTRACK_ES_PASSWORD_FILE});
 *   <li>{@code ORDERTRACK_ES_CA_FILE}: PEM certificates of the CA that signed the cluster's HTTP
 *       certificate; without it the JVM's default trust store is used.
 * </ul>
 *
 * @param apiKey the API key, encoded or as {@code id:api_key}, or null
 * @param username the basic-auth user, or null
 * @param password the basic-auth password, or null
 * @param caFile where the CA certificates were read from, or null
 * @param caCertificates the PEM text of the CA certificates, or null
 */
public record ElasticsearchSecurity(
        Secret apiKey, String username, Secret password, String caFile, String caCertificates)
        implements Serializable {

    public static final String API_KEY_ENV = "ORDERTRACK_ES_API_KEY";
    public static final String USERNAME_ENV = "ORDERTRACK_ES_USERNAME";
    public static final String PASSWORD_ENV = "ORDERTRACK_ES_PASSWORD";
    public static final String CA_FILE_ENV = "ORDERTRACK_ES_CA_FILE";

    /** No credentials, the JVM's default trust: an unsecured cluster. */
    public static final ElasticsearchSecurity NONE =
            new ElasticsearchSecurity(null, null, null, null, null);

    /**
     * Reads the settings above.
     *
     * @throws IllegalArgumentException naming every problem: a user without a password or the
     *     reverse, an API key together with a user, a CA file that is missing or not PEM
     */
    public static ElasticsearchSecurity fromEnvironment(Map<String, String> variables) {
        Environment environment = new Environment(variables);
        Secret apiKey = environment.secret(API_KEY_ENV);
        String username = environment.text(USERNAME_ENV);
        Secret password = environment.secret(PASSWORD_ENV);
        if (username != null && password == null) {
            environment.problem(
                    USERNAME_ENV + " is set without " + PASSWORD_ENV + " (or its _FILE)");
        }
        if (password != null && username == null) {
            environment.problem(PASSWORD_ENV + " is set without " + USERNAME_ENV);
        }
        if (apiKey != null && (username != null || password != null)) {
            environment.problem(
                    "set "
                            + API_KEY_ENV
                            + " or "
                            + USERNAME_ENV
                            + "/"
                            + PASSWORD_ENV
                            + ", not both");
        }
        String caCertificates = TrustedCertificates.readPem(environment, CA_FILE_ENV);
        environment.failIfAny("Elasticsearch security");
        return new ElasticsearchSecurity(
                apiKey,
                username,
                password,
                caCertificates == null ? null : environment.text(CA_FILE_ENV),
                caCertificates);
    }

    /**
     * What is wrong with using these settings for a cluster at {@code url}, if anything: a CA file
     * is only of use over https.
     */
    public Optional<String> problemWith(String url) {
        if (caCertificates != null && !url.regionMatches(true, 0, "https://", 0, 8)) {
            return Optional.of(
                    CA_FILE_ENV + " is set, but the Elasticsearch URL " + url + " is not https");
        }
        return Optional.empty();
    }

    /** The headers every request carries: {@code Authorization} when there are credentials. */
    public Map<String, String> headers() {
        if (apiKey != null) {
            // The encoded form is base64, which has no colon: a colon means id:api_key.
            String key = apiKey.reveal();
            return Map.of("Authorization", "ApiKey " + (key.contains(":") ? base64(key) : key));
        }
        if (username != null) {
            return Map.of("Authorization", "Basic " + base64(username + ":" + password.reveal()));
        }
        return Map.of();
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A TLS context trusting the CA file's certificates, when there is one. */
    public Optional<SSLContext> sslContext() {
        return Optional.ofNullable(caCertificates).map(TrustedCertificates::sslContext);
    }

    /** Which credentials and trust, never their values. */
    @Override
    public String toString() {
        String credentials =
                apiKey != null
                        ? "API key"
                        : username != null ? "user " + username : "no credentials";
        return "ElasticsearchSecurity["
                + credentials
                + (caFile != null ? ", CA from " + caFile : "")
                + "]";
    }
}
