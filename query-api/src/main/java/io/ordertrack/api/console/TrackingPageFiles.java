package io.ordertrack.api.console;

import io.javalin.http.staticfiles.Location;
import io.javalin.http.staticfiles.StaticFileConfig;
import io.ordertrack.api.http.AcceptedParameters;
import io.ordertrack.api.security.Access;
import java.util.Set;

/**
 * The public tracking page's static files ({@code /track} on the classpath), served at {@code
 * /track} for end customers, with the console's security headers. They hold no data: the page asks
 * {@code /api/track} with what the customer types.
 */
public final class TrackingPageFiles {
    private TrackingPageFiles() {}

    /** Configures Javalin's static files to serve the tracking page. */
    public static void configure(StaticFileConfig files) {
        files.hostedPath = "/track";
        files.directory = "/track";
        files.location = Location.CLASSPATH;
        files.headers = ConsoleFiles.HEADERS;
        // A notification's link names the parcel: /track/?reference=<AWB>.
        files.roles = Set.of(Access.PUBLIC, AcceptedParameters.of("reference"));
    }
}
