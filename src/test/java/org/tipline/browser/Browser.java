package org.tipline.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nu.validator.validation.SimpleDocumentValidator;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;

/**
 * Debian's Chromium, headless, for page tests: with page scripts switched off as in Tor Browser at
 * its safest setting (WebDriver's own scripts still run, so axe can check the page), at a given
 * width. {@link #check} checks the page on screen: axe-core's WCAG 2.2 AA rules, the Nu HTML
 * checker, no sideways scrolling; and saves a screenshot under {@code target/screenshots}.
 */
final class Browser implements AutoCloseable {

    private static final List<String> WCAG_22_AA =
            List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa");

    private static SimpleDocumentValidator validator;
    private static final List<String> validationErrors = new ArrayList<>();

    final ChromeDriver driver;
    private final String name;
    private final boolean pageScripts;

    Browser(String name, int width, boolean pageScripts) {
        this.name = name;
        this.pageScripts = pageScripts;
        var options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        try {
            options.addArguments(
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--hide-scrollbars",
                    "--force-device-scale-factor=1",
                    "--window-size=" + width + ",900",
                    "--user-data-dir=" + Files.createTempDirectory("tipline-chromium"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
        driver.manage().window().setSize(new Dimension(width, 900));
        if (!pageScripts) {
            // page scripts off; WebDriver's evaluation (axe, measurements) still runs
            driver.executeCdpCommand("Emulation.setScriptExecutionDisabled", Map.of("value", true));
        }
    }

    /** Logs {@code staffer} in through the login page at {@code port}, in {@code lang}. */
    void logIn(
            int port,
            org.tipline.support.TestOrganization organization,
            org.tipline.support.TestOrganization.Staffer staffer,
            String lang) {
        driver.get("http://localhost:" + port + "/login?lang=" + lang);
        if (staffer.organization() != null) {
            driver.findElement(org.openqa.selenium.By.id("organization")).sendKeys(staffer.organization());
        }
        driver.findElement(org.openqa.selenium.By.id("email")).sendKeys(staffer.email());
        driver.findElement(org.openqa.selenium.By.id("password")).sendKeys(staffer.password());
        driver.findElement(org.openqa.selenium.By.id("totpCode")).sendKeys(organization.code(staffer));
        driver.findElement(org.openqa.selenium.By.cssSelector("form button[type=submit]"))
                .click();
        assertThat(driver.getCurrentUrl()).doesNotContain("/login");
    }

    /** Checks the page on screen and saves its screenshot as {@code <name>-<page>.png}. */
    void check(String page) {
        screenshot(page);
        assertThat(accessibilityViolations())
                .as("axe violations on %s (%s)", page, driver.getCurrentUrl())
                .isEmpty();
        assertThat(htmlErrors())
                .as("HTML errors on %s (%s)", page, driver.getCurrentUrl())
                .isEmpty();
        var overflow = (Number) driver.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(overflow.intValue())
                .as("sideways overflow on %s (%s)", page, driver.getCurrentUrl())
                .isLessThanOrEqualTo(0);
    }

    /**
     * Returns axe-core's violations of the WCAG 2.2 AA rules on the loaded page, as {@code rule:
     * help [targets]}. Axe runs in the page itself (its legacy mode: no extra window per run; the
     * pages have no frames), with page scripts let on for the run: axe waits on its own timers,
     * which do not fire while they are off, and the pages themselves have none to run.
     */
    List<String> accessibilityViolations() {
        if (!pageScripts) {
            driver.executeCdpCommand("Emulation.setScriptExecutionDisabled", Map.of("value", false));
        }
        try {
            return new AxeBuilder()
                            .withTags(WCAG_22_AA)
                            .disableIframeTesting()
                            .setLegacyMode(true)
                            .analyze(driver)
                            .getViolations()
                            .stream()
                            .map(rule -> rule.getId() + ": " + rule.getHelp() + " "
                                    + rule.getNodes().stream()
                                            .map(node -> String.valueOf(node.getTarget()))
                                            .toList())
                            .toList();
        } finally {
            if (!pageScripts) {
                driver.executeCdpCommand("Emulation.setScriptExecutionDisabled", Map.of("value", true));
            }
        }
    }

    /** Returns the Nu HTML checker's errors for the page as the browser holds it. */
    List<String> htmlErrors() {
        return htmlErrors(source());
    }

    /**
     * Returns whether nothing on the loaded page matches {@code by}, at once: the implicit wait
     * that lets present elements appear would otherwise hold every such check for five seconds.
     */
    boolean absent(org.openqa.selenium.By by) {
        driver.manage().timeouts().implicitlyWait(Duration.ZERO);
        try {
            return driver.findElements(by).isEmpty();
        } finally {
            driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
        }
    }

    void screenshot(String page) {
        try {
            var png = driver.getScreenshotAs(OutputType.BYTES);
            var directory = Path.of("target/screenshots");
            Files.createDirectories(directory);
            Files.write(directory.resolve(name + "-" + page + ".png"), png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String source() {
        var html = (String) driver.executeScript("return document.documentElement.outerHTML;");
        return "<!DOCTYPE html>\n" + html;
    }

    /** Returns the Nu HTML checker's errors for {@code html} (warnings and notes are not errors). */
    static synchronized List<String> htmlErrors(String html) {
        try {
            if (validator == null) {
                ErrorHandler handler = new ErrorHandler() {
                    @Override
                    public void warning(SAXParseException e) {}

                    @Override
                    public void error(SAXParseException e) {
                        validationErrors.add(e.getLineNumber() + ":" + e.getColumnNumber() + " " + e.getMessage());
                    }

                    @Override
                    public void fatalError(SAXParseException e) {
                        error(e);
                    }
                };
                var created = new SimpleDocumentValidator(false, false, false);
                created.setUpMainSchema("http://s.validator.nu/html5-all.rnc", handler);
                created.setUpValidatorAndParsers(handler, true, false);
                validator = created;
            }
            validationErrors.clear();
            validator.checkHtmlInputSource(new InputSource(new StringReader(html)));
            return List.copyOf(validationErrors);
        } catch (Exception e) {
            throw new IllegalStateException("The HTML checker failed", e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
