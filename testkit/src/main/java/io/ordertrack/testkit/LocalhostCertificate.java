package io.ordertrack.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The key and self-signed certificate test servers speak TLS with: issued to {@code localhost} and
 * {@code 127.0.0.1}, valid for a hundred years from 2026 (made once with {@code keytool -genkeypair
 * -ext SAN=dns:localhost,ip:127.0.0.1}). A client trusts these servers through {@link #caFile()},
 * and no other way.
 */
public final class LocalhostCertificate {
    /** Password of the key store and of its key. */
    public static final String KEY_STORE_PASSWORD = "changeit";

    private static final String KEY_STORE = "localhost.p12";
    private static final String CA_PEM = "localhost-ca.pem";

    private LocalhostCertificate() {}

    /** A PEM file of the certificate, the one authority a client must trust. */
    public static Path caFile() {
        return copy(CA_PEM, ".pem");
    }

    /** A PKCS12 file of the key and certificate, for a server in a process of its own. */
    public static Path keyStore() {
        return copy(KEY_STORE, ".p12");
    }

    /** A TLS context serving the certificate, for a server in this JVM. */
    static SSLContext serverContext() {
        try (InputStream keys = resource(KEY_STORE)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(keys, KEY_STORE_PASSWORD.toCharArray());
            KeyManagerFactory factory =
                    KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, KEY_STORE_PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(factory.getKeyManagers(), null, null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the test key store is unusable", e);
        }
    }

    private static Path copy(String name, String suffix) {
        try (InputStream content = resource(name)) {
            Path file = Files.createTempFile("localhost-", suffix);
            Files.write(file, content.readAllBytes());
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String name) {
        InputStream stream = LocalhostCertificate.class.getResourceAsStream(name);
        if (stream == null) {
            throw new IllegalStateException("missing test resource " + name);
        }
        return stream;
    }
}
