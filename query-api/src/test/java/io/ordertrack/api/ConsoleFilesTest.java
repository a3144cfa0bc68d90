package io.ordertrack.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.ordertrack.api.elasticsearch.ElasticsearchClients;
import io.ordertrack.api.security.ApiKeys;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The console's static files as a browser fetches them: no key, no cluster needed. */
class ConsoleFilesTest {
    private static final int MAX_SCRIPT_AND_STYLE_BYTES = 300 * 1024;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static ElasticsearchClients unreachable;
    private static Javalin app;

    @BeforeAll
    static void start() throws IOException {
        String closedPort = StandaloneApi.unreachableUrl();
        unreachable = ElasticsearchClients.create(closedPort);
        app =
                StandaloneApi.start(
                        closedPort, unreachable, ApiKeys.parse(ApiKeys.hash("acme-key") + " acme"));
    }

    @AfterAll
    static void stop() {
        app.stop();
        unreachable.close();
    }

    @Test
    void theConsoleIsServedAtTheRootWithoutAKeyAndRunsNoInlineScript() throws Exception {
        var page = get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("<title>ordertrack console</title>");
        assertThat(page.body()).doesNotContainPattern("<script(?![^>]*\\bsrc=)");
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp).startsWith("default-src 'self';"));
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    }

    @Test
    void itsScriptAndStyleTogetherStayUnder300Kilobytes() throws Exception {
        var script = get("/console.js");
        var style = get("/console.css");

        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(style.statusCode()).isEqualTo(200);
        assertThat(script.body().length() + style.body().length())
                .isLessThan(MAX_SCRIPT_AND_STYLE_BYTES);
    }

    @Test
    void theChartLibraryItLoadsIsTheWebjarOnTheClasspath() throws Exception {
        String path = "/webjars/echarts/" + echartsVersion() + "/dist/echarts.min.js";

        assertThat(get("/console.js").body()).contains("'" + path + "'");
        assertThat(get(path).statusCode()).isEqualTo(200);
    }

    @Test
    void aPathThatIsNeitherAFileNorARouteIsStillTheJsonNotFound() throws Exception {
        var answer = get("/no-such-page");

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.body()).contains("\"status\":404");
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String echartsVersion() throws IOException {
        Properties pom = new Properties();
        try (InputStream in =
                ConsoleFilesTest.class.getResourceAsStream(
                        "/META-INF/maven/org.webjars.npm/echarts/pom.properties")) {
            pom.load(in);
        }
        return pom.getProperty("version");
    }
}
