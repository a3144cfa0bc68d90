package io.ordertrack.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ordertrack.documents.Index;
import io.ordertrack.testkit.Chromium;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The public tracking page against the shared real Elasticsearch, with no API key: an end customer
 * finds a parcel by its number and what only they know, sees where it is at a city's level and
 * nothing of anyone's personal data; guessing is refused; and the page works in a real headless
 * browser at a phone's size.
 */
class ParcelTrackingIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String ACME_ORDER =
            """
            {"orderId": "acme:SHOPIFY:#1001", "tenantId": "acme", "channel": "SHOPIFY",
             "clientOrderId": "#1001",
             "customer": {"name": "Asha Rao", "phone": "9876543210",
                          "address": {"line1": "14 Residency Road", "line2": "Flat 3B",
                                      "city": "Bengaluru", "state": "Karnataka",
                                      "pincode": "560025"}},
             "stage": "DISPATCHED", "shipmentStatus": "OUT_FOR_DELIVERY", "bucket": "LIVE",
             "courier": "DELHIVERY", "awb": "1490810000123", "paymentMode": "COD",
             "placedAt": "2026-12-03T04:45:00Z", "promisedDeliveryDate": "2026-12-06",
             "deliveryEstimate": {"expectedAt": "2026-12-06T10:30:00Z",
                                  "earliest": "2026-12-06T06:00:00Z",
                                  "latest": "2026-12-06T14:00:00Z"},
             "timeline": [
               {"at": "2026-12-03T04:45:00Z", "source": "ORDER", "code": "PLACED"},
               {"at": "2026-12-04T06:00:00Z", "source": "ORDER", "code": "DISPATCHED"},
               {"at": "2026-12-04T12:00:00Z", "source": "SCAN", "code": "IN_TRANSIT",
                "detail": "Bag received, rider Ramesh 98450 12345", "location": "Nagpur hub"},
               {"at": "2026-12-05T20:00:00Z", "source": "SCAN", "code": "AT_DESTINATION_HUB",
                "location": "Bangalore_Nelmngla_H (Bengaluru)"},
               {"at": "2026-12-06T03:00:00Z", "source": "SCAN", "code": "OUT_FOR_DELIVERY",
                "location": "Bengaluru hub"}]}
            """;

    /** Another seller's order with the same channel order id, for another customer. */
    private static final String GLOBEX_ORDER =
            """
            {"orderId": "globex:SHOPIFY:#1001", "tenantId": "globex", "channel": "SHOPIFY",
             "clientOrderId": "#1001",
             "customer": {"name": "Vikram Shah", "phone": "9123456789",
                          "address": {"line1": "9 Marine Drive", "city": "Mumbai",
                                      "state": "Maharashtra", "pincode": "400020"}},
             "stage": "PACKED", "bucket": "NOT_PICKED", "placedAt": "2026-12-05T10:00:00Z",
             "timeline": [{"at": "2026-12-05T10:00:00Z", "source": "ORDER", "code": "PLACED"}]}
            """;

    @RegisterExtension static final TestApi testApi = new TestApi();
    private static TestApi.Indices indices;

    @BeforeAll
    static void index() throws IOException {
        String orders = testApi.newIndex(Index.ORDERS);
        TestIndices.index(
                testApi.elasticsearch(),
                orders,
                List.of(
                        (ObjectNode) JSON.readTree(ACME_ORDER),
                        (ObjectNode) JSON.readTree(GLOBEX_ORDER)),
                order -> order.get("orderId").asText());
        indices =
                new TestApi.Indices(
                        orders,
                        TestApi.absentIndex("alerts"),
                        TestApi.absentIndex("inventory"),
                        TestApi.absentIndex("metrics"),
                        TestApi.absentIndex("routing"));
    }

    /** A fresh app: its own limits, untouched by the other tests. */
    private static ApiClient freshApi() {
        return testApi.start(indices, TestApi.keys(Map.of("acme-key", "acme")));
    }

    @Test
    void theNumberAndWhatOnlyTheCustomerKnowsShowTheParcelWithoutAKeyOrPersonalData() {
        ApiClient api = freshApi();

        ApiClient.Answer byAwb = api.get(track("1490810000123", "3210"), null);
        ApiClient.Answer byOrderIdAndPin = api.get(track("#1001", "560025"), null);
        ApiClient.Answer otherSellersCustomer = api.get(track("#1001", "6789"), null);

        assertThat(byAwb.status()).isEqualTo(200);
        assertThat(byAwb.body().path("status").asText()).isEqualTo("OUT_FOR_DELIVERY");
        assertThat(byAwb.body().path("expectedDelivery").path("at").asText())
                .isEqualTo("2026-12-06T10:30:00Z");
        assertThat(byAwb.body().path("steps"))
                .extracting(step -> step.path("city").asText(null))
                .containsExactly(null, null, "Nagpur", "Bengaluru", "Bengaluru");
        assertThat(byAwb.raw().headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(byOrderIdAndPin.body()).isEqualTo(byAwb.body());
        assertThat(otherSellersCustomer.body().path("status").asText()).isEqualTo("PACKED");
        for (ApiClient.Answer answer : List.of(byAwb, otherSellersCustomer)) {
            assertThat(answer.raw().body())
                    .doesNotContain("Asha", "Residency", "9876543210", "560025", "Ramesh")
                    .doesNotContain("Vikram", "Marine", "9123456789", "400020")
                    .doesNotContain("acme", "globex", "COD");
        }
    }

    @Test
    void aWrongCheckAnswersLikeAnUnknownNumberAndBadInputIsNamed() {
        ApiClient api = freshApi();

        ApiClient.Answer wrongCheck = api.get(track("1490810000123", "1111"), null);
        ApiClient.Answer unknown = api.get(track("NO-SUCH-AWB", "3210"), null);
        ApiClient.Answer badCheck = api.get(track("1490810000123", "32"), null);
        ApiClient.Answer queryInjection = api.get(track("1490810000123 OR *", "3210"), null);

        assertThat(wrongCheck.status()).isEqualTo(404);
        assertThat(wrongCheck.body().path("message")).isEqualTo(unknown.body().path("message"));
        assertThat(badCheck.status()).isEqualTo(400);
        assertThat(badCheck.body().path("parameter").asText()).isEqualTo("check");
        assertThat(queryInjection.status()).isEqualTo(400);
        assertThat(queryInjection.body().path("parameter").asText()).isEqualTo("reference");
    }

    @Test
    void guessingTheFourDigitsIsStoppedAfterFiveWrongChecksEvenTheRightOneAfter() {
        ApiClient api = freshApi();

        for (String wrong : List.of("0001", "0002", "0003", "0004", "0005")) {
            assertThat(api.get(track("1490810000123", wrong), null).status()).isEqualTo(404);
        }
        ApiClient.Answer sixth = api.get(track("1490810000123", "3210"), null);

        assertThat(sixth.status()).isEqualTo(429);
        assertThat(sixth.raw().headers().firstValue("Retry-After")).isPresent();
        assertThat(api.get(track("#1001", "6789"), null).status())
                .as("another number is not held up")
                .isEqualTo(200);
    }

    @Test
    void oneAddressGetsTenLookupsAtOnceThenOneEveryTwoSeconds() {
        ApiClient api = freshApi();

        for (int i = 0; i < 10; i++) {
            assertThat(api.get(track("#1001", "6789"), null).status()).isEqualTo(200);
        }
        ApiClient.Answer eleventh = api.get(track("#1001", "6789"), null);

        assertThat(eleventh.status()).isEqualTo(429);
        assertThat(eleventh.body().path("message").asText()).contains("Too many lookups");
    }

    @Test
    void theTrackingPageShowsTheParcelInAPhoneSizedHeadlessBrowser() throws IOException {
        ApiClient api = freshApi();
        ChromeDriver browser = Chromium.start(390, 844);
        try {
            // A phone's screen: Chromium's windows are never narrower than 500 pixels.
            browser.executeCdpCommand(
                    "Emulation.setDeviceMetricsOverride",
                    Map.of("width", 390, "height", 844, "deviceScaleFactor", 2, "mobile", true));
            browser.get(api.baseUrl() + "/track/?reference=1490810000123");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            WebElement reference =
                    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reference")));
            assertThat(reference.getAttribute("value")).isEqualTo("1490810000123");
            browser.findElement(By.id("check")).sendKeys("1111");
            browser.findElement(By.id("track")).click();
            WebElement problem =
                    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("problem")));
            assertThat(problem.getText()).startsWith("No parcel matches");

            browser.findElement(By.id("check")).clear();
            browser.findElement(By.id("check")).sendKeys("3210");
            browser.findElement(By.id("track")).click();
            WebElement status =
                    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("status")));

            Path screenshot = Path.of("target", "track-page.png");
            Files.createDirectories(screenshot.getParent());
            Files.write(screenshot, browser.getScreenshotAs(OutputType.BYTES));
            assertThat(status.getText()).isEqualTo("Out for delivery today");
            assertThat(browser.findElement(By.id("problem")).isDisplayed()).isFalse();
            assertThat(browser.findElement(By.id("expected")).getText()).contains("6 Dec");
            assertThat(browser.findElement(By.id("city")).getText()).isEqualTo("Bengaluru");
            List<WebElement> steps = browser.findElements(By.cssSelector("#steps li"));
            assertThat(steps).hasSize(5);
            assertThat(steps.get(2).getText()).contains("In transit").contains("Nagpur");
            assertThat(browser.getPageSource()).doesNotContain("Asha", "Residency", "9876543210");
            assertThat(browser.findElement(By.id("delivered")).isDisplayed())
                    .as("no empty rows")
                    .isFalse();
            Long viewport = (Long) browser.executeScript("return window.innerWidth");
            Long pageWidth =
                    (Long) browser.executeScript("return document.documentElement.scrollWidth");
            assertThat(viewport).isEqualTo(390);
            assertThat(pageWidth).as("no sideways scrolling on a phone").isLessThanOrEqualTo(390);
        } finally {
            browser.quit();
        }
    }

    private static String track(String reference, String check) {
        return "/api/track?reference="
                + URLEncoder.encode(reference, StandardCharsets.UTF_8)
                + "&check="
                + check;
    }
}
