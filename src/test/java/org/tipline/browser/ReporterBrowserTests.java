package org.tipline.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.tipline.support.Http;
import org.tipline.support.IntegrationTest;
import org.tipline.support.TestChannels;

/**
 * A reporter in Debian's Chromium, headless, with JavaScript switched off (as in Tor Browser at its
 * safest setting): the form, a file, the receipt, and the follow-up page.
 */
@IntegrationTest
class ReporterBrowserTests {

    @LocalServerPort
    int port;

    @Autowired
    TestChannels channels;

    ChromeDriver browser;

    @BeforeEach
    void start() throws Exception {
        var options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=412,1400",
                "--user-data-dir=" + Files.createTempDirectory("tipline-chromium"));
        options.setExperimentalOption("prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aReporterSubmitsWithAFileAndFollowsUpWithoutJavaScript() throws Exception {
        var desk = channels.desk(new Http(port));
        var base = "http://localhost:" + port;
        browser.get(base + "/r/" + desk.slug());
        assertThat(browser.findElement(By.tagName("h1")).getText()).startsWith("Desk ");
        browser.findElement(By.name("answers.subject")).sendKeys("Broken fire exit");
        browser.findElement(By.name("answers.description")).sendKeys("The exit on floor 2 is chained shut.");
        browser.findElement(By.cssSelector("input[name='answers.where'][value='Warehouse']"))
                .click();
        var file = Files.createTempFile("photo", ".txt");
        Files.writeString(file, "a photo, in words");
        browser.findElement(By.name("files.evidence"))
                .sendKeys(file.toAbsolutePath().toString());
        screenshot("report-form");
        browser.findElement(By.cssSelector("button[type=submit]")).click();

        var receipt = browser.findElement(By.id("receipt")).getText();
        assertThat(receipt).matches("[0-9A-Z]{4}(-[0-9A-Z]{4}){3}");
        assertThat(browser.getCurrentUrl()).doesNotContain(receipt);
        assertThat(browser.manage().getCookies()).isEmpty();
        screenshot("receipt");

        browser.get(base + "/followup?lang=zh-CN");
        browser.findElement(By.name("receipt")).sendKeys(receipt.toLowerCase());
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("您的举报已送达，尚未有人确认。");
        assertThat(browser.getCurrentUrl()).doesNotContain(receipt);
        browser.findElement(By.name("message")).sendKeys("另外：二楼的灯也坏了。");
        browser.findElement(By.cssSelector("form[enctype] button[type=submit]")).click();
        assertThat(browser.findElement(By.cssSelector(".thread .from-reporter .answer"))
                        .getText())
                .isEqualTo("另外：二楼的灯也坏了。");
        screenshot("followup");
    }

    private void screenshot(String name) throws Exception {
        var png = browser.getScreenshotAs(OutputType.BYTES);
        Files.createDirectories(Path.of("target/screenshots"));
        Files.write(Path.of("target/screenshots", name + ".png"), png);
    }
}
