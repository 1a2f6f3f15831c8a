package org.tipline.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tipline.support.Http;
import org.tipline.support.IntegrationTest;
import org.tipline.support.TestChannels;
import org.tipline.support.TestOrganization;

/**
 * The public account in headless Chromium with page scripts off, on a phone and a desktop, in each
 * language: the account page and a post (checked by axe, the Nu HTML checker and for sideways
 * scrolling), then the editors' desk on a phone.
 */
@IntegrationTest
class PublishingBrowserTests {

    @LocalServerPort
    int port;

    @Autowired
    TestChannels channels;

    @Autowired
    TestOrganization organization;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theAccountAndAPostReadWellWithoutScriptsAndTheDeskFitsAPhone() {
        var http = new Http(port);
        var desk = channels.desk(http);
        var editor = organization.invite(http, "Browser Editor", "EDITOR");
        var token = organization.token(http, editor);
        var slug = jdbc.sql("SELECT slug FROM organization WHERE home")
                .query(String.class)
                .single();
        var post = http.json(
                        "POST",
                        "/api/v1/posts",
                        Map.of(
                                "language",
                                "en",
                                "title",
                                "What to report, and how",
                                "summary",
                                "Three steps, and what happens next",
                                "body",
                                "## Three steps\n\n1. Write down **what** happened.\n2. Choose a channel.\n"
                                        + "3. Keep your receipt.\n\n> We never ask who you are.\n\n"
                                        + "[Read the rules](https://example.org/rules)",
                                "tags",
                                List.of("guides"),
                                "channel",
                                desk.channelId().toString()),
                        "Authorization",
                        "Bearer " + token)
                .json();
        var id = post.get("id").asString();
        // a poster series of two panels
        for (var panel : List.of("Panel 1: a worker notices barrels by the river", "Panel 2: she reports it safely")) {
            var added = http.multipart(
                    "/api/v1/posts/" + id + "/images",
                    List.of(
                            Map.entry("alt", panel),
                            Map.entry("image", new Http.FilePart("panel.jpg", "image/jpeg", uncheckedJpeg()))),
                    "Authorization",
                    "Bearer " + token);
            assertThat(added.status()).as(added.body()).isEqualTo(201);
        }
        post = http.get("/api/v1/posts/" + id, "Authorization", "Bearer " + token)
                .json();
        var campaign = http.json(
                        "POST",
                        "/api/v1/campaigns",
                        Map.of(
                                "code",
                                "browser-"
                                        + java.util.UUID.randomUUID().toString().substring(0, 6),
                                "name",
                                "Clean river",
                                "message",
                                "Seen dumping? Report it safely.",
                                "channel",
                                desk.channelId().toString(),
                                "posts",
                                List.of(id)),
                        "Authorization",
                        "Bearer " + token)
                .json()
                .get("id")
                .asString();
        http.json(
                "POST",
                "/api/v1/posts/" + id + "/publish",
                Map.of("version", post.get("version").asLong()),
                "Authorization",
                "Bearer " + token);
        var zh = http.json(
                        "POST",
                        "/api/v1/posts",
                        Map.of(
                                "language", "zh-CN",
                                "title", "举报什么，怎样举报",
                                "body", "## 三个步骤\n\n1. 记下发生了**什么**。\n2. 选择渠道。\n3. 保存好回执。",
                                "channel", desk.channelId().toString(),
                                "translationOf", id),
                        "Authorization",
                        "Bearer " + token)
                .json();
        http.json(
                "POST",
                "/api/v1/posts/" + zh.get("id").asString() + "/publish",
                Map.of("version", zh.get("version").asLong()),
                "Authorization",
                "Bearer " + token);
        var base = "http://localhost:" + port;
        for (var lang : List.of("en", "zh-CN", "ar")) {
            for (var width : List.of(390, 1280)) {
                try (var browser = new Browser("account-" + lang + "-" + width, width, false)) {
                    var driver = browser.driver;
                    driver.get(base + "/o/" + slug + "?lang=" + lang);
                    assertThat(driver.findElement(By.tagName("h1")).getText()).isNotBlank();
                    assertThat(driver.findElements(By.cssSelector("article.post-summary h3 a")))
                            .isNotEmpty();
                    browser.check("account");
                    driver.findElement(By.cssSelector("article.post-summary h3 a"))
                            .click();
                    assertThat(driver.findElement(By.cssSelector(".post-body h2"))
                                    .getText())
                            .isEqualTo(lang.equals("zh-CN") ? "三个步骤" : "Three steps");
                    if (!lang.equals("zh-CN")) {
                        assertThat(driver.findElements(By.cssSelector("ol.panels img[alt^='Panel ']")))
                                .hasSize(2);
                    }
                    browser.check("post");
                    driver.findElement(By.cssSelector(".call-to-action a[role=button]"))
                            .click();
                    assertThat(driver.getCurrentUrl()).contains("/r/" + slug + "/" + desk.slug());
                }
            }
        }
        try (var browser = new Browser("desk-390", 390, true)) {
            var driver = browser.driver;
            driver.get(base + "/login");
            driver.findElement(By.id("email")).sendKeys(editor.email());
            driver.findElement(By.id("password")).sendKeys(editor.password());
            driver.findElement(By.id("totpCode")).sendKeys(organization.code(editor));
            driver.findElement(By.cssSelector("form button[type=submit]")).click();
            for (var page : List.of("/posts", "/posts/new", "/posts/" + id, "/campaigns", "/campaigns/" + campaign)) {
                driver.get(base + page);
                assertThat(driver.findElement(By.tagName("h1")).getText()).isNotBlank();
                browser.check(page.substring(1).replace('/', '-').replaceAll("-[0-9a-f-]{36}", "-edit"));
            }
        }
    }

    private static byte[] uncheckedJpeg() {
        try {
            return org.tipline.publishing.internal.ImageRenditionsTests.jpegWithGps(1200, 900);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
