package org.tipline.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tipline.support.Http;
import org.tipline.support.IntegrationTest;
import org.tipline.support.TestChannels;
import org.tipline.support.TestOrganization;

/**
 * Every page a reporter meets, in each language, on a phone and a desktop, with page scripts off;
 * and the handler's inbox and case on a phone. Each page is checked with axe-core (WCAG 2.2 AA),
 * the Nu HTML checker and for sideways scrolling, and photographed into {@code target/screenshots}.
 */
@IntegrationTest
class PagesBrowserTests {

    @LocalServerPort
    int port;

    @Autowired
    TestChannels channels;

    @Autowired
    TestOrganization organization;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theChecksFindWhatTheyAreMeantToFind() {
        // a control: a page with faults the checks must report, so that a quiet check means something
        try (var browser = new Browser("control", 390, false)) {
            browser.driver.get("data:text/html,<p><img src=x.png><a href=x></a><button></button>");
            assertThat(browser.accessibilityViolations())
                    .anyMatch(violation -> violation.startsWith("image-alt:"))
                    .anyMatch(violation -> violation.startsWith("html-has-lang:"))
                    .anyMatch(violation -> violation.startsWith("button-name:"));
            assertThat(browser.htmlErrors()).anyMatch(error -> error.contains("title"));
            assertThat(browser.absent(By.tagName("img"))).isFalse();
            assertThat(browser.absent(By.tagName("table"))).isTrue();
        }
    }

    @Test
    void aReporterWalksEveryPageInEachLanguageOnAPhoneAndADesktopWithoutScripts() throws Exception {
        var http = new Http(port);
        var desk = channels.desk(http);
        var base = "http://localhost:" + port;
        var walks = 0;
        var organizationName = jdbc.sql("SELECT name FROM organization WHERE home")
                .query(String.class)
                .single();
        for (var lang : List.of("en", "zh-CN", "ar")) {
            for (var width : List.of(390, 1280)) {
                try (var browser = new Browser("reporter-" + lang + "-" + width, width, false)) {
                    var driver = browser.driver;
                    driver.get("data:text/html,<title>off</title><script>document.title='on'</script>");
                    assertThat(driver.getTitle()).as("page scripts are off").isEqualTo("off");

                    driver.get(base + "/?lang=" + lang);
                    assertThat(driver.findElement(By.tagName("html")).getAttribute("lang"))
                            .isEqualTo(lang);
                    assertThat(driver.findElement(By.tagName("html")).getAttribute("dir"))
                            .isEqualTo(lang.equals("ar") ? "rtl" : "ltr");
                    browser.check("front");
                    driver.findElement(By.cssSelector("a[href^='/r/" + desk.slug() + "']"))
                            .click();
                    assertThat(driver.findElement(By.tagName("h1")).getText()).startsWith("Desk ");
                    // whose channel it is, who reads it, how long it is kept, how to report safely
                    assertThat(driver.findElement(By.cssSelector("hgroup p")).getText())
                            .contains(organizationName);
                    assertThat(driver.findElement(By.cssSelector(".about")).getText())
                            .contains(organizationName);
                    assertThat(driver.findElements(By.cssSelector(".safety li")))
                            .hasSizeGreaterThanOrEqualTo(4);
                    assertThat(driver.findElement(By.id("files-metadata")).getText())
                            .isNotBlank();
                    browser.check("form");

                    // sent with a required answer missing and a file: the form comes back and says so
                    var file = Files.createTempFile("photo", ".txt");
                    Files.writeString(file, "a photo, in words");
                    driver.findElement(By.name("answers.subject")).sendKeys("Broken fire exit <b>");
                    driver.findElement(By.name("files.evidence")).sendKeys(file.toString());
                    driver.findElement(By.id("send")).click();
                    var summary = driver.findElement(By.id("error-summary"));
                    assertThat(summary.findElements(By.cssSelector("a[href='#answers.description']")))
                            .hasSize(1);
                    assertThat(summary.findElements(By.cssSelector("a[href='#files.evidence']")))
                            .hasSize(1);
                    assertThat(driver.findElement(By.name("answers.subject")).getAttribute("value"))
                            .isEqualTo("Broken fire exit <b>");
                    assertThat(driver.findElement(By.name("answers.description"))
                                    .getAttribute("aria-describedby"))
                            .isEqualTo("error-description");
                    browser.check("form-errors");

                    driver.findElement(By.name("answers.description")).sendKeys("The exit on floor 2 is chained.");
                    driver.findElement(By.cssSelector("input[name='answers.where'][value='Warehouse']"))
                            .click();
                    driver.findElement(By.name("files.evidence")).sendKeys(file.toString());
                    driver.findElement(By.id("send")).click();
                    var receipt = driver.findElement(By.id("receipt")).getText();
                    assertThat(receipt).matches("[0-9A-Z]{4}(-[0-9A-Z]{4}){3}");
                    assertThat(driver.getCurrentUrl()).doesNotContain(receipt);
                    assertThat(driver.manage().getCookies()).isEmpty();
                    browser.check("receipt");
                    walks++;

                    // a reload shows it no more and sends nothing
                    driver.navigate().refresh();
                    assertThat(browser.absent(By.id("receipt"))).isTrue();
                    assertThat(driver.findElement(By.id("receipt-gone")).isDisplayed())
                            .isTrue();
                    browser.check("receipt-gone");

                    driver.get(base + "/followup?lang=" + lang);
                    browser.check("followup-login");
                    driver.findElement(By.name("receipt")).sendKeys(receipt.toLowerCase());
                    driver.findElement(By.cssSelector("button[type=submit]")).click();
                    assertThat(driver.findElement(By.id("status")).getText()).isNotBlank();
                    browser.check("followup");
                    // the page to give a name later (this organisation has no vault: it says so)
                    driver.findElement(By.id("give-identity")).click();
                    assertThat(driver.findElement(By.id("identity-no-vault")).getText())
                            .isNotBlank();
                    browser.check("followup-identity");
                }
            }
        }
        assertThat(jdbc.sql("SELECT count(*) FROM report WHERE channel_id = ?")
                        .param(desk.channelId())
                        .query(Long.class)
                        .single())
                .as("one report per walk, none from a reload")
                .isEqualTo(walks);
    }

    @Test
    void aHandlerWorksFromAPhone() {
        var http = new Http(port);
        var desk = channels.desk(http);
        desk.submit(http, "Invoices inflated since March", "The supplier adds 20 % to every invoice.");
        http.json(
                "POST",
                "/api/v1/cases/" + desk.newestCase(http) + "/messages",
                Map.of("message", "Thank you. Which supplier?"),
                "Authorization",
                "Bearer " + desk.token());
        var base = "http://localhost:" + port;
        for (var lang : List.of("en", "zh-CN")) {
            try (var browser = new Browser("handler-" + lang + "-390", 390, true)) {
                var driver = browser.driver;
                driver.get(base + "/login?lang=" + lang);
                browser.check("login");
                driver.findElement(By.id("email")).sendKeys(desk.handler().email());
                driver.findElement(By.id("password")).sendKeys(desk.handler().password());
                driver.findElement(By.id("totpCode")).sendKeys(organization.code(desk.handler()));
                driver.findElement(By.cssSelector("form button[type=submit]")).click();
                assertThat(driver.getCurrentUrl()).contains("/cases");
                assertThat(driver.findElements(By.cssSelector("table.cards tbody tr")))
                        .hasSize(1);
                browser.check("inbox");

                // the navigation is a menu on a phone
                assertThat(driver.findElement(By.cssSelector(".wide-only")).isDisplayed())
                        .isFalse();
                driver.findElement(By.cssSelector("details.menu summary")).click();
                // the browser lays the opened menu out on its own time: wait for it, then look
                var menu = driver.findElement(By.cssSelector("details.menu"));
                new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(10))
                        .withMessage("the menu did not open")
                        .until(d -> menu.getDomAttribute("open") != null);
                assertThat(new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(10))
                                .until(org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated(
                                        By.cssSelector("details.menu a[href^='/account']")))
                                .isDisplayed())
                        .isTrue();
                browser.check("inbox-menu");
                driver.findElement(By.cssSelector("details.menu summary")).click();

                driver.findElement(By.cssSelector("table.cards a.reference")).click();
                assertThat(driver.findElement(By.tagName("h1")).getText()).isNotBlank();
                assertThat(driver.findElement(By.cssSelector(".thread time")).getText())
                        .endsWith("UTC");
                browser.check("case");
            }
        }
    }

    @Test
    void aHandlerWalksACaseFromReceivedToConcluded() {
        var http = new Http(port);
        var desk = channels.desk(http);
        desk.submit(http, "Safety rails removed", "The rails on floor 3 were taken away last week.");
        var id = desk.newestCase(http);
        var base = "http://localhost:" + port;
        try (var browser = new Browser("walk-1280", 1280, true)) {
            var driver = browser.driver;
            driver.get(base + "/login?lang=en");
            driver.findElement(By.id("email")).sendKeys(desk.handler().email());
            driver.findElement(By.id("password")).sendKeys(desk.handler().password());
            driver.findElement(By.id("totpCode")).sendKeys(organization.code(desk.handler()));
            send(driver, By.cssSelector("form button[type=submit]"));
            driver.get(base + "/cases/" + id);
            browser.check("case-received");
            step(driver, "acknowledge", Map.of("message-acknowledge", "Thank you, we have it."), "Acknowledged");
            step(driver, "start-triage", Map.of(), "Triage");
            // leaving triage without a risk assessment is refused, with the reason on the page
            send(driver, By.cssSelector("#action-investigate button[type=submit]"));
            assertThat(driver.findElement(By.cssSelector("[role=alert]")).getText())
                    .contains("retaliation-risk assessment");
            browser.check("case-refused");
            new Select(driver.findElement(By.id("level-assess-risk"))).selectByValue("MEDIUM");
            step(driver, "assess-risk", Map.of(), "Triage");
            assertThat(driver.findElement(By.id("risk")).getText()).isEqualTo("Medium");
            step(driver, "investigate", Map.of(), "Investigating");
            step(driver, "address", Map.of(), "Addressing");
            new Select(driver.findElement(By.id("outcome-conclude"))).selectByValue("SUBSTANTIATED");
            step(driver, "conclude", Map.of("message-conclude", "The rails are back and checked weekly."), "Concluded");
            assertThat(driver.findElement(By.id("outcome")).getText()).isEqualTo("Substantiated");
            assertThat(driver.findElements(By.cssSelector(".deadlines .deadline-status")))
                    .extracting(element -> element.getText())
                    .containsExactly("Met", "Met");
            browser.check("case-concluded");
            driver.findElement(By.id("note")).sendKeys("检查了扶手 · checked the rails");
            send(driver, By.cssSelector("#action-note button[type=submit]"));
            assertThat(driver.findElement(By.cssSelector(".notes .note .answer"))
                            .getText())
                    .isEqualTo("检查了扶手 · checked the rails");
            driver.get(base + "/cases/" + id + "/timeline");
            assertThat(driver.findElements(By.cssSelector(".timeline td.what")))
                    .extracting(element -> element.getText())
                    .contains("Report received", "Concluded", "Internal note written");
            browser.check("case-timeline");
        }
        var reporter = http.get("/api/v1/cases/" + id, "Authorization", "Bearer " + desk.token())
                .json();
        assertThat(reporter.get("state").asString()).isEqualTo("CONCLUDED");
    }

    /**
     * Clicks a form's button and waits until the page it was on is gone, so that what is read next
     * is the answer's page, not the old one still on screen.
     */
    private static void send(org.openqa.selenium.WebDriver driver, By button) {
        var old = driver.findElement(By.tagName("html"));
        driver.findElement(button).click();
        new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(30))
                .until(ignored -> gone(old));
    }

    /**
     * Returns whether {@code element} left the document. Chromedriver says so with a stale-element
     * error, or — when asked while the new page replaces the old — with an inspector error that the
     * node "does not belong to the document" (seen once in CI); both mean gone.
     */
    private static boolean gone(org.openqa.selenium.WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (org.openqa.selenium.StaleElementReferenceException e) {
            return true;
        } catch (org.openqa.selenium.WebDriverException e) {
            if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    /** Fills an action's fields, sends it and checks the state it leads to. */
    private static void step(
            org.openqa.selenium.WebDriver driver, String action, Map<String, String> fields, String state) {
        fields.forEach((field, value) -> driver.findElement(By.id(field)).sendKeys(value));
        send(driver, By.cssSelector("#action-" + action + " button[type=submit]"));
        assertThat(driver.findElement(By.id("state")).getText()).as(action).isEqualTo(state);
        assertThat(driver.findElements(By.cssSelector("p[role=status]")))
                .as(action)
                .isNotEmpty();
    }

    @Test
    void anAdministratorsPagesFitAPhone() {
        var http = new Http(port);
        var admin = organization.admin(http);
        var desk = channels.desk(http);
        var firstPolicy = http.get(
                        "/api/v1/admin/policies", "Authorization", "Bearer " + organization.token(http, admin))
                .json()
                .get(0)
                .get("id")
                .asString();
        var base = "http://localhost:" + port;
        assertThat(http.json(
                                "PUT",
                                "/api/v1/admin/channels/" + desk.channelId() + "/routes",
                                List.of(Map.of("category", "fraud", "recipients", List.of(admin.id()))),
                                "Authorization",
                                "Bearer " + organization.token(http, admin))
                        .status())
                .isEqualTo(200);
        for (var lang : List.of("zh-CN", "en")) {
            try (var browser = new Browser("admin-" + lang + "-390", 390, true)) {
                var driver = browser.driver;
                driver.get(base + "/recover?lang=" + lang);
                browser.check("recover");
                driver.get(base + "/login?lang=" + lang);
                driver.findElement(By.id("email")).sendKeys(admin.email());
                driver.findElement(By.id("password")).sendKeys(admin.password());
                driver.findElement(By.id("totpCode")).sendKeys(organization.code(admin));
                driver.findElement(By.cssSelector("form button[type=submit]")).click();
                assertThat(driver.getCurrentUrl()).contains("/cases");
                for (var page : List.of(
                        "/cases",
                        "/cases?scope=all&sort=due",
                        "/cases/overview",
                        "/channels",
                        "/channels/" + desk.channelId(),
                        "/channels/" + desk.channelId() + "/routing",
                        "/channels/new",
                        "/staff",
                        "/audit",
                        "/account",
                        "/organization",
                        "/vault",
                        "/policies",
                        "/policies/" + firstPolicy,
                        "/notifications",
                        "/operator")) {
                    driver.get(base + page + (page.contains("?") ? "&" : "?") + "lang=" + lang);
                    assertThat(driver.findElement(By.tagName("h1")).getText()).isNotBlank();
                    browser.check(page.substring(1)
                            .replaceAll("[?&=]", "-")
                            .replace('/', '-')
                            .replaceAll("-[0-9a-f-]{36}", "-edit"));
                }
            }
        }
    }

    @Test
    void everyControlShowsAFocusRingOfAtLeastThreeToOne() {
        var http = new Http(port);
        var desk = channels.desk(http);
        try (var browser = new Browser("focus-390", 390, false)) {
            var driver = browser.driver;
            driver.get("http://localhost:" + port + "/r/" + desk.slug());
            var seen = new java.util.LinkedHashSet<String>();
            for (int i = 0; i < 40; i++) {
                new org.openqa.selenium.interactions.Actions(driver)
                        .sendKeys(org.openqa.selenium.Keys.TAB)
                        .perform();
                var focused = driver.switchTo().activeElement();
                var style = (java.util.Map<?, ?>) driver.executeScript("""
                        const e = document.activeElement, s = getComputedStyle(e);
                        return {tag: e.tagName + (e.type ? '[' + e.type + ']' : ''), name: e.name || e.textContent.trim(),
                                style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor};""");
                var control = style.get("tag") + " " + style.get("name");
                if (style.get("tag").equals("BODY")) {
                    break;
                }
                seen.add(String.valueOf(style.get("tag")));
                assertThat(style.get("style")).as(control).isNotEqualTo("none");
                assertThat(((Number) style.get("width")).doubleValue())
                        .as(control)
                        .isGreaterThanOrEqualTo(2);
                assertThat(contrastAgainstWhite(String.valueOf(style.get("color"))))
                        .as(control + " " + style.get("color"))
                        .isGreaterThanOrEqualTo(3.0);
                assertThat(focused.isDisplayed()).isTrue();
            }
            assertThat(seen)
                    .contains(
                            "A",
                            "INPUT[text]",
                            "INPUT[date]",
                            "TEXTAREA[textarea]",
                            "INPUT[file]",
                            "INPUT[radio]",
                            "SELECT[select-one]",
                            "BUTTON[submit]",
                            "SUMMARY");
        }
    }

    /** The contrast ratio (WCAG 2) of a CSS {@code rgb(…)} colour against white. */
    private static double contrastAgainstWhite(String rgb) {
        var parts = rgb.replaceAll("[^0-9,.]", "").split(",");
        double[] channel = new double[3];
        for (int i = 0; i < 3; i++) {
            var c = Double.parseDouble(parts[i]) / 255;
            channel[i] = c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
        }
        var luminance = 0.2126 * channel[0] + 0.7152 * channel[1] + 0.0722 * channel[2];
        return 1.05 / (luminance + 0.05);
    }
}
