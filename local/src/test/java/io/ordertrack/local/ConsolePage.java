package io.ordertrack.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ordertrack.testkit.Chromium;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a headless Chromium, read as a user sees it: tables as rows of cell texts, and
 * every request the page sent (from the browser's performance log).
 */
final class ConsolePage implements AutoCloseable {
    static final Dimension DESKTOP = new Dimension(1366, 768);
    static final Dimension PHONE = new Dimension(390, 844);
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ChromeDriver browser;
    private final String origin;
    private final List<URI> requests = new ArrayList<>();

    private ConsolePage(ChromeDriver browser, String origin) {
        this.browser = browser;
        this.origin = origin;
    }

    /** A browser on the console of the API at {@code origin}. */
    static ConsolePage open(String origin) {
        return new ConsolePage(Chromium.start(DESKTOP.width, DESKTOP.height), origin);
    }

    /** Loads the console afresh, signed out (a new tab's session holds no key). */
    void load() {
        browser.get(origin + "/");
        script("sessionStorage.clear()");
        browser.get(origin + "/#orders");
        waitUntil(() -> browser.findElement(By.id("api-key")).isDisplayed());
    }

    /** Signs in with a key, as typed into the form. */
    void signIn(String key) {
        WebElement field = browser.findElement(By.id("api-key"));
        field.clear();
        field.sendKeys(key);
        browser.findElement(By.cssSelector("#sign-in-form button[type=submit]")).click();
    }

    void go(String hash) {
        script("location.hash = arguments[0]", hash);
    }

    /** The rows of a table's body, each the text of its cells, read at one moment. */
    @SuppressWarnings("unchecked")
    List<List<String>> rows(String tableId) {
        return (List<List<String>>)
                script(
                        "return Array.from(document.querySelectorAll('#' + arguments[0] + ' tbody"
                                + " tr')).filter(r => !r.querySelector('.empty')).map(r =>"
                                + " Array.from(r.cells).map(c => c.textContent.trim()))",
                        tableId);
    }

    /** The values of one attribute over the elements a selector finds, in page order. */
    @SuppressWarnings("unchecked")
    List<String> attributes(String selector, String attribute) {
        return (List<String>)
                script(
                        "return Array.from(document.querySelectorAll(arguments[0])).map(e =>"
                                + " e.getAttribute(arguments[1]))",
                        selector,
                        attribute);
    }

    /** The texts of the elements a selector finds, in page order. */
    @SuppressWarnings("unchecked")
    List<String> texts(String selector) {
        return (List<String>)
                script(
                        "return Array.from(document.querySelectorAll(arguments[0])).map(e =>"
                                + " e.textContent.trim())",
                        selector);
    }

    String text(String id) {
        return (String) script("return document.getElementById(arguments[0]).textContent", id);
    }

    boolean shown(String id) {
        return (Boolean)
                script(
                        "var e = document.getElementById(arguments[0]); return !!e && !e.hidden"
                                + " && e.offsetParent !== null",
                        id);
    }

    void click(String selector) {
        // A view that re-renders between finding and clicking has a new element: click that one.
        new WebDriverWait(browser, PATIENCE)
                .ignoring(StaleElementReferenceException.class)
                .until(
                        driver -> {
                            driver.findElement(By.cssSelector(selector)).click();
                            return true;
                        });
    }

    /** Sets a form field's value (date fields included) as the user would have chosen it. */
    void fill(String id, String value) {
        script("document.getElementById(arguments[0]).value = arguments[1]", id, value);
    }

    /** Chooses an option of a select, as the user would (its change handlers run). */
    void choose(String id, String value) {
        new Select(browser.findElement(By.id(id))).selectByValue(value);
    }

    void type(String id, String value) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(value);
    }

    void waitUntil(Supplier<Boolean> condition) {
        new WebDriverWait(browser, PATIENCE)
                .ignoring(RuntimeException.class)
                .until(driver -> condition.get());
    }

    /** Waits until the page shows what is expected; fails saying what it showed last. */
    <T> void waitUntilShows(Supplier<T> shown, T expected) {
        AtomicReference<T> last = new AtomicReference<>();
        new WebDriverWait(browser, PATIENCE)
                .ignoring(RuntimeException.class)
                .withMessage(() -> "expected " + expected + " but the page showed " + last.get())
                .until(
                        driver -> {
                            last.set(shown.get());
                            return expected.equals(last.get());
                        });
    }

    /** Saves what the view looks like on a desktop and on a phone-width screen. */
    /** Scrolls the page until the element is in view, as the user would to look at it. */
    void scrollTo(String id) {
        script("document.getElementById(arguments[0]).scrollIntoView()", id);
    }

    void screenshot(String view) {
        try {
            Files.createDirectories(SCREENSHOTS);
            save(view + "-desktop");
            browser.manage().window().setSize(PHONE);
            save(view + "-phone");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            browser.manage().window().setSize(DESKTOP);
        }
    }

    private void save(String name) throws IOException {
        Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Every request the page sent so far to its own origin. */
    List<URI> requests() {
        for (LogEntry entry : browser.manage().logs().get(LogType.PERFORMANCE)) {
            try {
                JsonNode message = JSON.readTree(entry.getMessage()).path("message");
                if (message.path("method").asText().equals("Network.requestWillBeSent")) {
                    String url = message.path("params").path("request").path("url").asText();
                    if (url.startsWith(origin)) {
                        requests.add(URI.create(url));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return List.copyOf(requests);
    }

    private Object script(String code, Object... arguments) {
        return ((JavascriptExecutor) browser).executeScript(code, arguments);
    }

    @Override
    public void close() {
        browser.quit();
    }
}
