package org.tipline.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.tipline.rewards.RewardWalk;
import org.tipline.support.IntegrationTest;
import org.tipline.support.TestOrganization;
import org.tipline.support.TestRewards;

/**
 * The reward pages with a reward on them: the reporter's rewards page and the claim page (page
 * scripts off, in each language of the reporter pages) from asking for a code to claiming with it,
 * the public verification page of the certificate, and the staff's reward list, reward page,
 * payout details and the overview's reward chart — each checked with axe-core, the Nu HTML checker
 * and for sideways scrolling on a phone.
 */
@IntegrationTest
class RewardBrowserTests {

    @LocalServerPort
    int port;

    @Autowired
    TestOrganization organization;

    @Autowired
    TestRewards rewards;

    @Test
    void aReporterClaimsAndStaffWorkTheRewardOnPagesThatPassTheChecks() {
        var s = rewards.setting(port, "reward-bands-cny.yaml");
        var http = s.http();
        var concluded = rewards.concluded(s, "Fake safety certificates for the bridge.");
        rewards.visit(s, concluded.receipt());
        var reward = RewardWalk.notified(rewards, s, concluded.reference(), RewardWalk.bands(0, "8000", "1"));
        var id = RewardWalk.id(reward);
        var base = "http://localhost:" + port;

        String code = null;
        for (var lang : List.of("en", "zh-CN", "ar")) {
            try (var browser = new Browser("reporter-rewards-" + lang, 390, false)) {
                var driver = browser.driver;
                driver.get(base + "/followup?lang=" + lang);
                driver.findElement(By.name("receipt")).sendKeys(concluded.receipt());
                driver.findElement(By.cssSelector("button[type=submit]")).click();
                driver.findElement(By.cssSelector("a.reporter-request[href*='/followup/rewards']"))
                        .click();
                assertThat(driver.findElement(By.id("reward-" + id)).getText()).contains("8000 CNY");
                browser.check("rewards");
                driver.findElement(By.cssSelector("#reward-" + id + " form button"))
                        .click();
                code = driver.findElement(By.cssSelector("#claim-code .receipt-code"))
                        .getText();
                assertThat(code).matches("[0-9A-Z]{5}(-[0-9A-Z]{5}){3}");
                browser.check("code");

                driver.get(base + "/claim?lang=" + lang);
                if (lang.equals("en")) {
                    browser.check("claim");
                    driver.findElement(By.id("code")).sendKeys(concluded.receipt());
                    driver.findElement(By.cssSelector("form button[type=submit]"))
                            .click();
                    assertThat(driver.findElement(By.id("code-error")).getText())
                            .isNotBlank();
                    browser.check("claim-receipt");
                    driver.findElement(By.id("code")).clear();
                }
                driver.findElement(By.id("code")).sendKeys(code);
                driver.findElement(By.cssSelector("form button[type=submit]")).click();
                assertThat(driver.findElements(By.id("proxy"))).hasSize(1);
                browser.check("claim-form");
                if (lang.equals("ar")) {
                    driver.findElement(By.cssSelector("form button[type=submit]:not([name])"))
                            .click();
                    assertThat(driver.findElements(By.cssSelector("#proxy[aria-invalid=true]")))
                            .hasSize(1);
                    browser.check("claim-missing");
                }
            }
        }
        // the last code claims, with a certificate
        try (var browser = new Browser("reporter-claimed", 390, false)) {
            var driver = browser.driver;
            driver.get(base + "/claim?lang=zh-CN");
            driver.findElement(By.id("code")).sendKeys(code);
            driver.findElement(By.cssSelector("form button[type=submit]")).click();
            driver.findElement(By.id("proxy")).sendKeys("Zhou");
            driver.findElement(By.cssSelector("input[name=certificate]")).click();
            driver.findElement(By.cssSelector("form button[type=submit]:not([name])"))
                    .click();
            assertThat(driver.findElements(By.id("claimed"))).hasSize(1);
            browser.check("done");
        }
        RewardWalk.pay(rewards, s, id);
        var serial = http.get("/api/v1/followup/rewards", "Authorization", "Receipt " + concluded.receipt())
                .json()
                .get(0)
                .get("issued")
                .get("serial")
                .asString();
        // once paid, the follow-up page still leads to the reward, which offers the certificate
        try (var browser = new Browser("reporter-paid", 390, false)) {
            var driver = browser.driver;
            driver.get(base + "/followup?lang=zh-CN");
            driver.findElement(By.name("receipt")).sendKeys(concluded.receipt());
            driver.findElement(By.cssSelector("button[type=submit]")).click();
            driver.findElement(By.cssSelector("a.reporter-request[href*='/followup/rewards']"))
                    .click();
            assertThat(driver.findElement(By.cssSelector("#reward-" + id + " a.certificate"))
                            .getAttribute("href"))
                    .contains("/followup/rewards/" + id + "/certificate.pdf");
            browser.check("certificate");
        }
        for (var lang : List.of("en", "ar")) {
            try (var browser = new Browser("verify-" + lang, 390, false)) {
                browser.driver.get(base + "/verify/" + serial + "?lang=" + lang);
                assertThat(browser.driver.findElements(By.id("verify-valid"))).hasSize(1);
                browser.check("valid");
            }
        }

        for (var lang : List.of("zh-CN")) {
            try (var browser = new Browser("staff-rewards-" + lang, 390, true)) {
                var driver = browser.driver;
                browser.logIn(port, organization, s.nominator(), lang);
                driver.get(base + "/rewards?lang=" + lang);
                assertThat(driver.findElement(By.id("reward-list")).getText()).contains(concluded.reference());
                browser.check("list");
                driver.get(base + "/rewards/" + id + "?lang=" + lang);
                assertThat(driver.findElements(By.id("reward-ledger"))).hasSize(1);
                browser.check("reward");
                driver.get(base + "/cases/overview?lang=" + lang);
                assertThat(driver.findElements(By.id("reward-statistics"))).hasSize(1);
                assertThat(driver.findElements(By.id("reward-statistics-chart")))
                        .hasSize(1);
                browser.check("overview");
            }
        }
        // a second reward, waiting at the assessor, shows the proposal form
        var second = rewards.concluded(s, "Bribes for building permits.");
        var assessing = RewardWalk.assessing(rewards, s, second.reference());
        try (var browser = new Browser("staff-proposal", 390, true)) {
            var driver = browser.driver;
            browser.logIn(port, organization, s.assessor(), "en");
            driver.get(base + "/rewards/" + RewardWalk.id(assessing));
            assertThat(driver.findElements(By.cssSelector("form.proposal textarea")))
                    .hasSize(4);
            browser.check("proposal");
            driver.findElement(By.id("amount")).sendKeys("999999");
            driver.findElement(By.id("propose")).click();
            assertThat(driver.findElement(By.id("reward-refused")).getText()).isNotBlank();
            browser.check("proposal-refused");
        }
    }
}
