package org.tipline.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
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

    Browser browser;
    ChromeDriver driver;

    @BeforeEach
    void start() {
        browser = new Browser("reporter-flow", 412, false);
        driver = browser.driver;
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void aReporterSubmitsWithAFileAndFollowsUpWithoutJavaScript() throws Exception {
        var desk = channels.desk(new Http(port));
        var base = "http://localhost:" + port;
        driver.get(base + "/r/" + desk.slug());
        assertThat(driver.findElement(By.tagName("h1")).getText()).startsWith("Desk ");
        driver.findElement(By.name("answers.subject")).sendKeys("Broken fire exit");
        driver.findElement(By.name("answers.description")).sendKeys("The exit on floor 2 is chained shut.");
        driver.findElement(By.cssSelector("input[name='answers.where'][value='Warehouse']"))
                .click();
        var file = Files.createTempFile("photo", ".txt");
        Files.writeString(file, "a photo, in words");
        driver.findElement(By.name("files.evidence"))
                .sendKeys(file.toAbsolutePath().toString());
        browser.screenshot("form");
        driver.findElement(By.cssSelector("button[type=submit]")).click();

        var receipt = driver.findElement(By.id("receipt")).getText();
        assertThat(receipt).matches("[0-9A-Z]{4}(-[0-9A-Z]{4}){3}");
        assertThat(driver.getCurrentUrl()).doesNotContain(receipt);
        assertThat(driver.manage().getCookies()).isEmpty();
        browser.screenshot("receipt");

        driver.get(base + "/followup?lang=zh-CN");
        driver.findElement(By.name("receipt")).sendKeys(receipt.toLowerCase());
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        assertThat(driver.findElement(By.id("status")).getText()).isEqualTo("您的举报已送达，尚未有人确认。");
        assertThat(driver.getCurrentUrl()).doesNotContain(receipt);
        driver.findElement(By.name("message")).sendKeys("另外：二楼的灯也坏了。");
        driver.findElement(By.cssSelector("form[enctype] button[type=submit]")).click();
        assertThat(driver.findElement(By.cssSelector(".thread .from-reporter .answer"))
                        .getText())
                .isEqualTo("另外：二楼的灯也坏了。");
        browser.check("followup-thread");
    }
}
