package dialer.core.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One headless Chromium, Debian's own, driven through Debian's chromedriver (no Selenium Manager,
 * no downloads). A test that cannot start it fails: browser tests never skip.
 */
public final class Chromium implements AutoCloseable {

    static final String BINARY = "/usr/bin/chromium";
    static final String DRIVER = "/usr/bin/chromedriver";
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** A microphone (a beeping fake one) granted without a prompt, and audio played without a click first. */
    static final String[] FAKE_MEDIA = {"--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
            "--autoplay-policy=no-user-gesture-required"};

    /**
     * Selenium looks for a DevTools binding of this Chromium's version, warns that it has none, and
     * goes on: these tests use WebDriver only.
     */
    private static final List<java.util.logging.Logger> QUIET = List.of(
            java.util.logging.Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder"),
            java.util.logging.Logger.getLogger("org.openqa.selenium.chromium.ChromiumDriver"));

    static {
        QUIET.forEach(l -> l.setLevel(java.util.logging.Level.SEVERE));
    }

    private final ChromeDriver driver;
    private final String base;

    private Chromium(ChromeDriver driver, String base) {
        this.driver = driver;
        this.base = base;
    }

    /** A new browser for pages of the server at {@code base} (e.g. http://127.0.0.1:8080). */
    public static Chromium start(String base) {
        return start(base, new String[0]);
    }

    /**
     * The same with more command-line switches, e.g. {@link #FAKE_MEDIA}: a browser phone's
     * microphone and loudspeaker without asking and without a sound card.
     */
    static Chromium start(String base, String... extraArguments) {
        for (String file : List.of(BINARY, DRIVER)) {
            if (!new File(file).canExecute()) {
                throw new AssertionError(file + " is missing: browser tests need Debian's chromium and chromium-driver "
                        + "(bash .ci/install-test-prerequisites installs them)");
            }
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--window-size=1440,1100");
        options.addArguments(extraArguments);
        // the console's errors (a refused script or style, an exception) are read after each test
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort().build();
        ChromeDriver driver;
        try {
            driver = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            throw new AssertionError("could not start " + BINARY + " through " + DRIVER + ": " + e.getMessage(), e);
        }
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new Chromium(driver, base);
    }

    WebDriver driver() {
        return driver;
    }

    public void open(String path) {
        driver.get(base + path);
    }

    /** The path and query of the page shown, e.g. /agent?refused=supervisor. */
    public String location() {
        return (String) script("return location.pathname + location.search");
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** The element with data-test="name". */
    public WebElement test(String name) {
        return find("[data-test=\"" + name + "\"]");
    }

    String text(String css) {
        return find(css).getText();
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** An attribute read in the page (data-* and others), or null. */
    String attribute(String css, String name) {
        return (String) script("const n = document.querySelector(arguments[0]); return n ? n.getAttribute(arguments[1]) : null;",
                css, name);
    }

    /** Waits until the page makes {@code until} non-null and non-false; fails saying {@code what}. */
    public <T> T await(String what, Duration timeout, Function<WebDriver, T> until) {
        try {
            return new WebDriverWait(driver, timeout, Duration.ofMillis(20)).withMessage(what).until(until);
        } catch (RuntimeException e) {
            throw new AssertionError(what + " did not happen within " + timeout + " (page " + location() + "): "
                    + e.getMessage(), e);
        }
    }

    /** Signs in on the sign-in page as a person would. */
    public void signIn(String username, String password) {
        open("/login");
        WebElement user = find("#username");
        user.clear();
        user.sendKeys(username);
        find("#password").sendKeys(password);
        find("#login-submit").click();
    }

    /**
     * A PNG of the whole page under target/screenshots/, for a reviewer: the window is made as
     * tall as the page for the picture, then set back.
     */
    public Path screenshot(String name) {
        Dimension window = driver.manage().window().getSize();
        long page = ((Number) script("return Math.ceil(document.documentElement.scrollHeight)")).longValue();
        long inner = ((Number) script("return window.innerHeight")).longValue();
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            if (page > inner) {
                driver.manage().window().setSize(new Dimension(window.getWidth(), (int) (window.getHeight() + page - inner)));
            }
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), file, StandardCopyOption.REPLACE_EXISTING);
            System.out.println("[screenshot] " + file.toAbsolutePath());
            return file.toAbsolutePath();
        } catch (IOException e) {
            throw new AssertionError("could not write the screenshot " + name, e);
        } finally {
            driver.manage().window().setSize(window);
        }
    }

    /**
     * The console's errors since the last call: a refused script or style, an exception. Answers of
     * 4xx the pages asked for and handled (a wrong password, a blocked call) are not errors.
     */
    public List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(m -> !m.matches("(?s).*Failed to load resource: the server responded with a status of 4\\d\\d.*"))
                .toList();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
