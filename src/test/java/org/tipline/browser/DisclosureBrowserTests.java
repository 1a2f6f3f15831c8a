package org.tipline.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.tipline.support.IntegrationTest;
import org.tipline.support.TestDisclosures;
import org.tipline.support.TestOrganization;

/**
 * The disclosure pages with a request on them: the reporter's (page scripts off, in each language
 * of the reporter pages), the custodian's list and the requester's form, each checked with axe-core,
 * the Nu HTML checker and for sideways scrolling on a phone.
 */
@IntegrationTest
class DisclosureBrowserTests {

    @LocalServerPort
    int port;

    @Autowired
    TestOrganization organization;

    @Autowired
    TestDisclosures disclosures;

    @Test
    void theReporterAndTheCustodianSeeTheRequestOnPagesThatPassTheChecks() {
        var s = disclosures.setting(port, false);
        var http = s.http();
        var requester = s.as(s.requester(), organization);
        var id = disclosures.request(s, requester, "The prosecutor needs to hear the witness", List.of("name"), 10);
        var base = "http://localhost:" + port;

        for (var lang : List.of("en", "zh-CN", "ar")) {
            try (var browser = new Browser("reporter-disclosures-" + lang, 390, false)) {
                var driver = browser.driver;
                driver.get(base + "/followup?lang=" + lang);
                driver.findElement(By.name("receipt")).sendKeys(s.receipt());
                driver.findElement(By.cssSelector("button[type=submit]")).click();
                driver.findElement(By.cssSelector("a.reporter-request")).click();
                assertThat(driver.findElement(By.id("request-" + id)).getText())
                        .contains("The prosecutor needs to hear the witness");
                browser.check("list");
                // the consents page of the same visit
                driver.get(base + "/followup/consents?lang=" + lang);
                assertThat(driver.findElements(By.cssSelector("article[id^=consent-]")))
                        .hasSize(3);
                browser.check("consents");
            }
        }
        // the reporter consents: the request now waits on the custodians
        disclosures.consent(s, id);
        for (var lang : List.of("en", "zh-CN")) {
            try (var browser = new Browser("staff-disclosures-" + lang, 390, true)) {
                var driver = browser.driver;
                browser.logIn(port, organization, s.custodians().get(0), lang);
                driver.get(base + "/disclosures?lang=" + lang);
                assertThat(driver.findElement(By.id("disclosure-" + id)).getText())
                        .contains("The prosecutor needs to hear the witness");
                browser.check("custodian");
            }
            try (var browser = new Browser("requester-disclosures-" + lang, 390, true)) {
                var driver = browser.driver;
                browser.logIn(port, organization, s.requester(), lang);
                driver.get(base + "/disclosures/new?report=" + s.report() + "&lang=" + lang);
                assertThat(driver.findElements(By.name("fields"))).hasSize(2);
                browser.check("form");
                driver.get(base + "/disclosures?lang=" + lang);
                browser.check("requester");
            }
        }
    }
}
