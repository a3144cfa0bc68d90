package io.ordertrack.api.docs;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The API's OpenAPI spec ({@code GET /openapi.yaml}) and a browsable UI of it ({@code GET /docs},
 * Swagger UI served from its webjar). Both are documentation only: no tenant data.
 */
public final class DocsController {
    private static final String SPEC = "/api/openapi.yaml";
    private static final String SWAGGER_UI_POM =
            "/META-INF/maven/org.webjars/swagger-ui/pom.properties";

    private final String spec;
    private final String page;

    public DocsController() {
        this.spec = resource(SPEC);
        String ui = "/webjars/swagger-ui/" + swaggerUiVersion();
        this.page =
                """
                <!doctype html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <title>ordertrack query API</title>
                  <link rel="stylesheet" href="%1$s/swagger-ui.css">
                </head>
                <body>
                  <div id="ui"></div>
                  <script src="%1$s/swagger-ui-bundle.js"></script>
                  <script>SwaggerUIBundle({url: "/openapi.yaml", dom_id: "#ui"});</script>
                </body>
                </html>
                """
                        .formatted(ui);
    }

    public void spec(Context ctx) {
        ctx.contentType("application/yaml; charset=utf-8").result(spec);
    }

    public void page(Context ctx) {
        ctx.html(page);
    }

    private static String swaggerUiVersion() {
        Properties pom = new Properties();
        try (InputStream in = DocsController.class.getResourceAsStream(SWAGGER_UI_POM)) {
            if (in == null) {
                throw new IllegalStateException("the swagger-ui webjar is not on the classpath");
            }
            pom.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pom.getProperty("version");
    }

    private static String resource(String name) {
        try (InputStream in = DocsController.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
