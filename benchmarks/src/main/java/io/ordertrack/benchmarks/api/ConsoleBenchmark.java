package io.ordertrack.benchmarks.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.ordertrack.api.security.ApiKeys;
import io.ordertrack.benchmarks.CommandLine;
import io.ordertrack.documents.Index;
import io.ordertrack.testkit.Chromium;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The seller console in headless Chromium over N simulated orders (the documents the job writes,
 * indexed into a fresh index, the API in process): time from signing in to the orders view
 * interactive, a search answered on screen, a page of 100 rows on screen, and the bytes of script
 * and style the console ships. Each time is measured in the page, from the user's action to the
 * first animation frame after the view holds the answer.
 */
public final class ConsoleBenchmark {
    private static final String TENANT = "acme-fashion";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Long enough for the view to show the first page after its filters changed. */
    private static final Duration SETTLE = Duration.ofSeconds(2);

    private static final Duration SIGN_IN_PATIENCE = Duration.ofSeconds(10);

    /**
     * Resolves with the ms from now until the orders view has rows and tabs and has painted them,
     * and the ms of that after the last API answer had arrived (the console's own work: reading the
     * JSON, building the rows, layout and paint).
     */
    private static final String ON_SCREEN =
            """
            var done = arguments[arguments.length - 1];
            performance.clearResourceTimings();
            var start = performance.now();
            var total = document.getElementById('orders-total');
            total.textContent = '';
            (function poll() {
              if (total.textContent !== ''
                  && document.querySelector('#bucket-tabs button')) {
                requestAnimationFrame(function () {
                  var now = performance.now();
                  var answered = performance.getEntriesByType('resource')
                      .filter(function (e) { return e.name.indexOf('/api/') >= 0; })
                      .reduce(function (last, e) { return Math.max(last, e.responseEnd); }, start);
                  done([now - start, now - answered]);
                });
              } else {
                requestAnimationFrame(poll);
              }
            })();
            """;

    private ConsoleBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = CommandLine.options(args);
        int orderCount = Integer.parseInt(options.getOrDefault("orders", "100000"));
        int runs = Integer.parseInt(options.getOrDefault("runs", "40"));
        Path out = Path.of(options.getOrDefault("out", "target/console-benchmark.md"));

        try (BenchmarkIndex benchmarkIndex =
                BenchmarkIndex.create("bench-console-", Index.ORDERS)) {
            List<JsonNode> sample = new ArrayList<>();
            SplittableRandom random = new SplittableRandom(11);
            long indexed =
                    SimulatedOrderIndex.fill(
                            benchmarkIndex.client(),
                            benchmarkIndex.name(),
                            orderCount,
                            (order, document) -> {
                                if (order.getTenantId().equals(TENANT)
                                        && order.getAwb() != null
                                        && sample.size() < runs
                                        && random.nextInt(50) == 0) {
                                    sample.add(JSON.readTree(document));
                                }
                            });
            SimulatedOrderIndex.awaitMergesSettled(benchmarkIndex.client(), benchmarkIndex.name());
            String key = ApiKeys.newKey();
            Javalin api =
                    benchmarkIndex.startApi(
                            benchmarkIndex.apiConfig(
                                    ApiKeys.parse(ApiKeys.hash(key) + " " + TENANT)));
            String origin = "http://127.0.0.1:" + api.port();
            ChromeDriver browser = Chromium.start(1366, 768);
            try {
                String report =
                        report(
                                indexed,
                                signIn(browser, origin, key, runs),
                                search(browser, sample),
                                hundredRows(browser, runs),
                                bytes(origin));
                Files.createDirectories(out.toAbsolutePath().getParent());
                Files.writeString(out, report);
                System.out.println(report);
            } finally {
                browser.quit();
                api.stop();
                benchmarkIndex.delete();
            }
        }
    }

    /** Ms from pressing Sign in to the orders view showing its first page and bucket counts. */
    private static List<Timing> signIn(ChromeDriver browser, String origin, String key, int runs) {
        List<Timing> times = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            browser.get(origin + "/");
            script(browser, "sessionStorage.clear()");
            browser.navigate().refresh();
            new WebDriverWait(browser, SIGN_IN_PATIENCE)
                    .until(driver -> driver.findElement(By.id("api-key")).isDisplayed());
            browser.findElement(By.id("api-key")).sendKeys(key);
            times.add(
                    timed(
                            browser,
                            "document.querySelector('#sign-in-form"
                                    + " button[type=submit]').click();"));
        }
        return times;
    }

    /**
     * Ms from pressing Search to the answer on screen, by AWB, order id, name and phone in turn.
     */
    private static List<Timing> search(ChromeDriver browser, List<JsonNode> sample) {
        List<Timing> times = new ArrayList<>();
        for (int i = 0; i < sample.size(); i++) {
            JsonNode order = sample.get(i);
            String text =
                    switch (i % 4) {
                        case 0 -> order.path("awb").asText();
                        case 1 -> order.path("clientOrderId").asText();
                        case 2 -> order.path("customer").path("name").asText();
                        default -> order.path("customer").path("phone").asText();
                    };
            script(browser, "document.getElementById('q').value = arguments[0]", text);
            times.add(
                    timed(
                            browser,
                            "document.querySelector('#order-search"
                                    + " button[type=submit]').click();"));
        }
        return times;
    }

    /** Ms from pressing Next page (100 rows a page) to the next 100 rows on screen. */
    private static List<Timing> hundredRows(ChromeDriver browser, int runs)
            throws InterruptedException {
        script(browser, "document.querySelector('#order-search button[type=reset]').click()");
        new Select(browser.findElement(By.id("orders-size"))).selectByValue("100");
        Thread.sleep(SETTLE.toMillis());
        List<Timing> times = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            times.add(timed(browser, "document.getElementById('orders-next').click();"));
            int rows =
                    ((Number)
                                    script(
                                            browser,
                                            "return document.querySelectorAll('#orders-table"
                                                    + " tr[data-order-id]').length"))
                            .intValue();
            if (rows != 100) {
                throw new IllegalStateException("a page showed " + rows + " rows, not 100");
            }
        }
        return times;
    }

    /** One measure: from the user's action to the answer on screen, and the part after it came. */
    record Timing(double onScreen, double afterAnswer) {}

    private static Timing timed(ChromeDriver browser, String action) {
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        String code = ON_SCREEN.replace("(function poll()", action + "\n(function poll()");
        List<?> times = (List<?>) ((JavascriptExecutor) browser).executeAsyncScript(code);
        return new Timing(
                ((Number) times.get(0)).doubleValue(), ((Number) times.get(1)).doubleValue());
    }

    /** Bytes of each file the console loads before any chart, as served. */
    private static Map<String, Long> bytes(String origin) throws Exception {
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (String path : List.of("/", "/console.js", "/console.css")) {
            HttpResponse<byte[]> answer =
                    HTTP.send(
                            HttpRequest.newBuilder(URI.create(origin + path)).build(),
                            HttpResponse.BodyHandlers.ofByteArray());
            sizes.put(path, (long) answer.body().length);
        }
        return sizes;
    }

    private static String report(
            long indexed,
            List<Timing> signIn,
            List<Timing> search,
            List<Timing> hundredRows,
            Map<String, Long> bytes) {
        StringBuilder text = new StringBuilder();
        text.append(
                String.format(
                        Locale.ROOT,
                        "Console over %,d order documents (tenant %s), headless Chromium"
                                + " 1366×768%n%n",
                        indexed,
                        TENANT));
        text.append(
                "| measure | runs | p50 ms | p95 ms | max ms | after the answer: p50 ms | p95 ms |"
                        + " target |\n");
        text.append("|---|---|---|---|---|---|---|---|\n");
        text.append(row("sign in → orders view interactive", signIn, "< 1,000 ms"));
        text.append(row("search → answer on screen", search, "p95 < 300 ms"));
        text.append(row("next page of 100 rows → on screen", hundredRows, "p95 < 100 ms"));
        long total = bytes.values().stream().mapToLong(Long::longValue).sum();
        text.append(
                String.format(
                        Locale.ROOT,
                        "%nBytes before charts: %s = %,d (target < 300 KB)%n",
                        bytes,
                        total));
        return text.toString();
    }

    private static String row(String name, List<Timing> times, String target) {
        List<Double> onScreen = times.stream().map(Timing::onScreen).sorted().toList();
        List<Double> afterAnswer = times.stream().map(Timing::afterAnswer).sorted().toList();
        return String.format(
                Locale.ROOT,
                "| %s | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %s |%n",
                name,
                onScreen.size(),
                percentile(onScreen, 50),
                percentile(onScreen, 95),
                onScreen.get(onScreen.size() - 1),
                percentile(afterAnswer, 50),
                percentile(afterAnswer, 95),
                target);
    }

    /** The nearest-rank percentile of sorted values. */
    private static double percentile(List<Double> sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static Object script(ChromeDriver browser, String code, Object... arguments) {
        return ((JavascriptExecutor) browser).executeScript(code, arguments);
    }
}
