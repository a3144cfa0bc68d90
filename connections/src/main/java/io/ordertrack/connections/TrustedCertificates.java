package io.ordertrack.connections;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The certificate authorities a client trusts, from a PEM file (one or more {@code BEGIN
 * CERTIFICATE} blocks). The PEM text itself travels with the configuration, so a Flink TaskManager
 * needs no copy of the file; certificates are public, nothing here is secret.
 */
final class TrustedCertificates {
    private TrustedCertificates() {}

    /**
     * The PEM text of the file a variable names, or null (and a problem) when the file cannot be
     * read or holds no certificate.
     */
    static String readPem(Environment environment, String variable) {
        String file = environment.text(variable);
        if (file == null) {
            return null;
        }
        String pem = environment.read(variable, file);
        if (pem == null) {
            return null;
        }
        try {
            if (parse(pem).isEmpty()) {
                environment.problem(variable + " names a file with no PEM certificate: " + file);
                return null;
            }
        } catch (CertificateException e) {
            environment.problem(variable + " names a file that is not a PEM certificate: " + file);
            return null;
        }
        return pem;
    }

    /** A TLS context that trusts exactly these certificates (and checks host names as usual). */
    static SSLContext sslContext(String pem) {
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int i = 0;
            for (Certificate certificate : parse(pem)) {
                trusted.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory trust =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot build a TLS context from the CA file", e);
        }
    }

    private static List<Certificate> parse(String pem) throws CertificateException {
        Collection<? extends Certificate> certificates =
                CertificateFactory.getInstance("X.509")
                        .generateCertificates(
                                new ByteArrayInputStream(pem.getBytes(StandardCharsets.UTF_8)));
        return List.copyOf(certificates);
    }
}
