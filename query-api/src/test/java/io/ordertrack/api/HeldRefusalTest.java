package io.ordertrack.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.ordertrack.api.elasticsearch.ElasticsearchClients;
import io.ordertrack.api.http.RateLimits;
import io.ordertrack.api.security.ApiKeys;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Refusals of the rate limit are held 0.5-1.5 s before they are answered: a client that stays gets
 * its 429, and an exchange that ends during the hold (the client gone, the server stopping) leaves
 * no warning or stack trace in the log. No Elasticsearch is involved: the requests are refused, or
 * answered 400 for an unknown parameter, before any search.
 */
class HeldRefusalTest {
    private static final String KEY = "acme-key";

    /** Refused before any search: the parameter is unknown. */
    private static final String REQUEST =
            "GET /api/orders?unknown=1 HTTP/1.1\r\nHost: api\r\nX-Api-Key: "
                    + KEY
                    + "\r\nConnection: keep-alive\r\n\r\n";

    private final StringWriter warnings = new StringWriter();
    private WriterAppender appender;
    private String nobody;
    private ElasticsearchClients elasticsearch;
    private Javalin app;

    @BeforeEach
    void start() throws IOException {
        appender = captureWarnings(warnings);
        nobody = StandaloneApi.unreachableUrl();
        elasticsearch = ElasticsearchClients.create(nobody);
        app = startApp();
    }

    /** The API over an Elasticsearch nobody runs, each key allowed one request at first. */
    private Javalin startApp() {
        return StandaloneApi.start(
                nobody,
                elasticsearch,
                ApiKeys.parse(ApiKeys.hash(KEY) + " acme"),
                RateLimits.parse("tenant=0.01:1"));
    }

    @AfterEach
    void stop() {
        app.stop();
        elasticsearch.close();
        release(appender);
    }

    @Test
    void aClientThatStaysGetsItsRefusalAfterTheHold() {
        ApiClient api = new ApiClient(app.port());
        assertThat(api.get("/api/orders?unknown=1", KEY).status()).isEqualTo(400);

        long start = System.nanoTime();
        var refused = api.get("/api/orders?unknown=1", KEY);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.raw().headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.body().path("status").asInt()).isEqualTo(429);
        assertThat((System.nanoTime() - start) / 1e9).isBetween(0.45, 3.0);
        assertThat(warnings.toString()).isEmpty();
    }

    @Test
    void exchangesEndedDuringTheHoldLeaveNoWarningInTheLog() throws Exception {
        // When a stop catches the held requests varies from run to run: three runs, three chances.
        for (int run = 0; run < 3; run++) {
            if (run > 0) {
                app = startApp();
            }
            List<Socket> clients = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                Socket client = new Socket("127.0.0.1", app.port());
                OutputStream out = client.getOutputStream();
                out.write(REQUEST.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                clients.add(client);
            }
            Thread.sleep(200);
            // Half the clients go away while their refusals are held; then the server stops with
            // the other half still held, as at the end of a load run.
            for (Socket client : clients.subList(0, clients.size() / 2)) {
                client.close();
            }
            app.stop();
            Thread.sleep(2_000);
            for (Socket client : clients) {
                client.close();
            }
        }

        assertThat(warnings.toString()).isEmpty();
    }

    /** Copies every WARN or worse of any logger into {@code log}, with stack traces. */
    private static WriterAppender captureWarnings(StringWriter log) {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        WriterAppender appender =
                WriterAppender.newBuilder()
                        .setName("warnings-" + UUID.randomUUID())
                        .setTarget(log)
                        .setLayout(PatternLayout.newBuilder().withPattern("%p %c %m%n%ex").build())
                        .build();
        appender.start();
        LoggerConfig root = context.getConfiguration().getRootLogger();
        root.addAppender(appender, Level.WARN, null);
        context.updateLoggers();
        return appender;
    }

    private static void release(WriterAppender appender) {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getRootLogger().removeAppender(appender.getName());
        context.updateLoggers();
        appender.stop();
    }
}
