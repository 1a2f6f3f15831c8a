package org.tipline.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.tipline.support.Http;
import org.tipline.support.IntegrationTest;
import org.tipline.support.TestOrganization;

/**
 * The transparency report: written as a draft from an organisation's own cases of a year, small
 * counts suppressed (and the one cell that would give a suppressed one away), nothing of another
 * organisation counted; a future year and a non-editor are refused.
 */
@IntegrationTest
class TransparencyIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestOrganization organization;

    @Test
    void theReportCountsTheYearsCasesAndHidesSmallCounts() {
        var http = new Http(port);
        var other = organization.createOrganization(http, "Transparent " + UUID.randomUUID());
        var adminToken = organization.token(http, other.admin());
        var editor = organization.invite(
                http, other.admin(), "Report Writer", "writer-" + UUID.randomUUID() + "@example.org", "EDITOR");
        var token = organization.token(http, editor);
        var second = http.json(
                "POST",
                "/api/v1/admin/channels",
                Map.of(
                        "slug", "safety",
                        "name", "Safety [line]",
                        "publicText", "Tell us.",
                        "receiptFormat", "LETTERS",
                        "questionnaire",
                                Map.of(
                                        "questions",
                                        List.of(Map.of(
                                                "key", "what",
                                                "type", "LONG_TEXT",
                                                "label", "What happened?",
                                                "help", "",
                                                "required", true,
                                                "options", List.of())),
                                        "categories",
                                        List.of()),
                        "recipients", List.of(other.admin().id())),
                "Authorization",
                "Bearer " + adminToken);
        assertThat(second.status()).as(second.body()).isEqualTo(201);
        for (int i = 0; i < 7; i++) {
            assertThat(http.json(
                                    "POST",
                                    "/api/v1/organizations/" + other.slug() + "/channels/report/reports",
                                    Map.of("answers", Map.of("subject", "s" + i, "description", "d")))
                            .status())
                    .isEqualTo(201);
        }
        for (int i = 0; i < 2; i++) {
            assertThat(http.json(
                                    "POST",
                                    "/api/v1/organizations/" + other.slug() + "/channels/safety/reports",
                                    Map.of("answers", Map.of("what", "w" + i)))
                            .status())
                    .isEqualTo(201);
        }
        var year = organization.now().atZone(java.time.ZoneOffset.UTC).getYear();

        var report =
                http.json("POST", "/api/v1/posts/transparency", Map.of("year", year, "language", "en"), bearer(token));
        assertThat(report.status()).as(report.body()).isEqualTo(201);
        var post = report.json();
        assertThat(post.get("stage").asString()).isEqualTo("DRAFT");
        assertThat(post.get("title").asString()).isEqualTo("Transparency report " + year);
        assertThat(post.get("tags").get(0).asString()).isEqualTo("transparency");
        var body = post.get("body").asString();
        assertThat(body).contains("Reports received in " + year + ": **9**.");
        // 7 would give the 2 away by subtraction from 9: both are withheld
        assertThat(body).contains("- Safety \\[line\\]: <5").doesNotContain(": 2\n");
        assertThat(body).containsPattern("- [^\\n]*: \\*\\n");
        assertThat(body).doesNotContain(": 7\n");
        assertThat(body).contains("- Still being handled: 9", "- Substantiated: 0");
        assertThat(body).contains("Receipt acknowledged in time: too few deadlines to report (0).");
        assertThat(post.get("html").asString()).contains("Safety [line]: &lt;5").doesNotContain("<script");

        var chinese = http.json(
                "POST", "/api/v1/posts/transparency", Map.of("year", year, "language", "zh-CN"), bearer(token));
        assertThat(chinese.status()).isEqualTo(201);
        assertThat(chinese.json().get("title").asString()).isEqualTo(year + " 年度透明度报告");
        assertThat(chinese.json().get("body").asString()).contains("**9** 件");

        // a year still to come, a missing one and a handler are refused
        var future = http.json(
                "POST", "/api/v1/posts/transparency", Map.of("year", year + 1, "language", "en"), bearer(token));
        assertThat(future.status()).isEqualTo(422);
        assertThat(future.json().get("errors").get("year").asString()).isEqualTo("error.transparency.year");
        assertThat(http.json("POST", "/api/v1/posts/transparency", Map.of("language", "en"), bearer(token))
                        .status())
                .isEqualTo(422);
        assertThat(http.json(
                                "POST",
                                "/api/v1/posts/transparency",
                                Map.of("year", year, "language", "en"),
                                bearer(adminToken))
                        .status())
                .isEqualTo(403);

        // through the desk page too
        var page = new Http(port);
        organization.logInThroughPage(page, editor);
        var desk = page.get("/posts").html();
        var csrf = desk.selectFirst("form[action=/posts/transparency] input[name=_csrf]")
                .val();
        var refused = page.form("/posts/transparency", Map.of("_csrf", csrf, "year", "soon", "language", "en"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.html().select("input[name=year][aria-invalid=true]")).hasSize(1);
        var written = page.form(
                "/posts/transparency", Map.of("_csrf", csrf, "year", Integer.toString(year), "language", "en"));
        assertThat(written.status()).isEqualTo(302);
        assertThat(page.get(java.net
                                .URI
                                .create(written.header("Location").orElseThrow())
                                .getPath())
                        .html()
                        .select("#title")
                        .val())
                .isEqualTo("Transparency report " + year);
    }

    private static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }
}
