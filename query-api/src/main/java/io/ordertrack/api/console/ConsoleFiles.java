package io.ordertrack.api.console;

import io.javalin.http.staticfiles.Location;
import io.javalin.http.staticfiles.StaticFileConfig;
import io.ordertrack.api.security.Access;
import java.util.Map;
import java.util.Set;

/**
 * The seller console's static files ({@code /console} on the classpath), served at {@code /}. They
 * are public: they hold no data, and every API request they make carries the key the user signs in
 * with. Their headers keep the page to its own origin: scripts and styles only from files of this
 * server (no inline script), no framing, no referrer.
 */
public final class ConsoleFiles {
    /** The security headers of every console file. */
    public static final Map<String, String> HEADERS =
            Map.of(
                    "Content-Security-Policy",
                    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none';"
                            + " form-action 'self'; frame-ancestors 'none'",
                    "X-Content-Type-Options",
                    "nosniff",
                    "X-Frame-Options",
                    "DENY",
                    "Referrer-Policy",
                    "no-referrer",
                    "Cache-Control",
                    "no-cache");

    private ConsoleFiles() {}

    /** Configures Javalin's static files to serve the console. */
    public static void configure(StaticFileConfig files) {
        files.hostedPath = "/";
        files.directory = "/console";
        files.location = Location.CLASSPATH;
        files.headers = HEADERS;
        files.roles = Set.of(Access.PUBLIC);
    }
}
