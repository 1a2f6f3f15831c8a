package org.tipline.channels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tipline.support.Http;
import org.tipline.support.IntegrationTest;
import org.tipline.support.TestOrganization;

/** An admin creates and edits a channel through the pages, without script. */
@IntegrationTest
class ChannelPagesIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestOrganization organization;

    @Autowired
    JdbcClient jdbc;

    @Test
    void adminCreatesAChannelAndAChangedQuestionnaireBecomesANewVersion() {
        var http = new Http(port);
        var admin = organization.admin(http);
        var handler = organization.invite(http, "Channel Handler", "HANDLER");
        http.form(
                "/login",
                Map.of("email", admin.email(), "password", admin.password(), "totpCode", organization.code(admin)));
        var form = http.get("/channels/new");
        assertThat(form.status()).isEqualTo(200);
        var csrf = form.html()
                .selectFirst("form[action$=/channels/new] input[name=_csrf]")
                .val();

        var fields = new LinkedHashMap<String, Object>();
        fields.put("_csrf", csrf);
        fields.put("name", "<script>x</script> Ethics line");
        fields.put("slug", "Bad Slug!");
        fields.put("publicText", "Tell us in confidence.");
        fields.put("receiptFormat", "DIGITS");
        fields.put("q[0].key", "");
        fields.put("q[0].label", "What happened?");
        fields.put("q[0].type", "LONG_TEXT");
        fields.put("q[0].required", "on");
        fields.put("q[1].key", "");
        fields.put("q[1].label", "Department");
        fields.put("q[1].type", "SINGLE_CHOICE");
        fields.put("q[1].options", "Sales\nFinance\n");
        fields.put("q[2].key", "");
        fields.put("q[2].label", "");
        fields.put("categories", "Fraud\nHarassment\n贿赂");
        fields.put("recipients", List.of(handler.id().toString()));
        var refused = http.form("/channels/new", fields);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.html().selectFirst("#slug").attr("aria-invalid")).isEqualTo("true");
        assertThat(refused.body()).doesNotContain("<script>x</script>");
        assertThat(refused.html().selectFirst("#name").val()).isEqualTo("<script>x</script> Ethics line");

        fields.put("slug", "ethics-line");
        var created = http.form("/channels/new", fields);
        assertThat(created.status()).isEqualTo(302);
        var edit = created.header("Location").orElseThrow();
        var page = http.get(edit.substring(edit.indexOf("/channels/")));
        assertThat(page.html().selectFirst("input[name='q[1].label']").val()).isEqualTo("Department");
        var reporterPage = http.get("/r/ethics-line").html();
        assertThat(reporterPage.select("input[name='answers.q2'][type=radio]").eachAttr("value"))
                .containsExactly("Sales", "Finance");
        assertThat(reporterPage.select("select[name=category] option").eachText())
                .containsExactly("Not sure", "Fraud", "Harassment", "贿赂");

        fields.put("_csrf", page.html().selectFirst("form input[name=_csrf]").val());
        fields.put("q[0].key", "q1");
        fields.put("q[1].key", "q2");
        fields.put("q[2].label", "Since when?");
        fields.put("q[2].type", "DATE");
        var saved = http.form(edit.substring(edit.indexOf("/channels/")), fields);
        assertThat(saved.status()).isEqualTo(302);
        assertThat(jdbc.sql("SELECT questionnaire_version FROM channel WHERE slug = 'ethics-line'")
                        .query(Integer.class)
                        .single())
                .isEqualTo(2);
        assertThat(http.get("/r/ethics-line").html().select("input[type=date]")).hasSize(1);
        // the receipt format is digits for this channel
        var submitted = http.json("POST", "/api/v1/channels/ethics-line/reports", Map.of("answers", Map.of("q1", "x")));
        assertThat(submitted.json().get("receipt").asString()).matches("\\d{4}( \\d{4}){5}");
    }

    @Test
    void channelTextsInEveryLanguageWithFallbackAndWhatIsMissingOnTheAdminPage() {
        var http = new Http(port);
        var admin = organization.admin(http);
        var handler = organization.invite(http, "Translated Handler", "HANDLER");
        http.form(
                "/login",
                Map.of("email", admin.email(), "password", admin.password(), "totpCode", organization.code(admin)));
        var csrf = http.get("/channels/new")
                .html()
                .selectFirst("form[action$=/channels/new] input[name=_csrf]")
                .val();
        var fields = new LinkedHashMap<String, Object>();
        fields.put("_csrf", csrf);
        fields.put("name", "Safety line");
        fields.put("slug", "safety-line");
        fields.put("publicText", "Tell us what is unsafe.");
        fields.put("whoReads", "Only the safety officer.");
        fields.put("language", "en");
        fields.put("receiptFormat", "LETTERS");
        fields.put("q[0].key", "");
        fields.put("q[0].label", "Where?");
        fields.put("q[0].type", "SINGLE_CHOICE");
        fields.put("q[0].options", "Office\nWarehouse");
        fields.put("q[0].help", "The building.");
        fields.put("categories", "Fire\nFalls");
        fields.put("recipients", List.of(handler.id().toString()));
        // Chinese: the name, the question with its options (one too few at first) and one category
        fields.put("t[zh-CN].name", "安全热线");
        fields.put("t[zh-CN].publicText", "");
        fields.put("t[zh-CN].whoReads", "只有安全主管。");
        fields.put("t[zh-CN].retention", "");
        fields.put("t[zh-CN].q[0].label", "在哪里？");
        fields.put("t[zh-CN].q[0].help", "");
        fields.put("t[zh-CN].q[0].options", "办公室");
        fields.put("t[zh-CN].categories", "火灾\n");
        var refused = http.form("/channels/new", fields);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.html().selectFirst("#t-zh-CN-q0-options").attr("aria-invalid"))
                .isEqualTo("true");
        assertThat(refused.html().selectFirst("#t-zh-CN-q0-label").val()).isEqualTo("在哪里？");

        fields.put("t[zh-CN].q[0].options", "办公室\n仓库");
        var created = http.form("/channels/new", fields);
        assertThat(created.status()).isEqualTo(302);
        var edit = created.header("Location").orElseThrow();

        // the reporter reads Chinese where it is translated and English where it is not
        var chinese = http.get("/r/safety-line?lang=zh-CN").html();
        assertThat(chinese.selectFirst("h1").text()).isEqualTo("安全热线");
        assertThat(chinese.selectFirst(".answer").text()).isEqualTo("Tell us what is unsafe.");
        assertThat(chinese.selectFirst("fieldset legend").text()).startsWith("在哪里？");
        assertThat(chinese.select("input[type=radio] + span").eachText()).containsExactly("办公室", "仓库");
        assertThat(chinese.select("input[type=radio]").eachAttr("value")).containsExactly("Office", "Warehouse");
        assertThat(chinese.select("#help-q1").text()).isEqualTo("The building.");
        assertThat(chinese.select("select[name=category] option").eachText()).containsExactly("不确定", "火灾", "Falls");
        assertThat(chinese.select(".about").text()).contains("只有安全主管。");
        var arabic = http.get("/r/safety-line?lang=ar").html();
        assertThat(arabic.selectFirst("html").attr("dir")).isEqualTo("rtl");
        assertThat(arabic.selectFirst("h1").text()).isEqualTo("Safety line");
        assertThat(arabic.select("#send").text()).isEqualTo("أرسل البلاغ");

        // an answer is stored as the option's own text, whatever language it was read in
        var token = chinese.selectFirst("input[name=form_token]").val();
        var sent = new Http(port)
                .multipart(
                        "/r/safety-line?lang=zh-CN",
                        List.of(Map.entry("form_token", token), Map.entry("answers.q1", "Warehouse")));
        assertThat(sent.status()).isEqualTo(303);

        // the admin sees what is not translated yet, per language
        var page = http.get(edit.substring(edit.indexOf("/channels/")) + "?lang=en")
                .html();
        assertThat(page.select("#translations-zh-CN .missing").text()).isEqualTo("3 texts not translated");
        assertThat(page.select("#translations-ar .missing").text()).isEqualTo("7 texts not translated");
        assertThat(page.selectFirst("#translations-ar").hasAttr("open")).isTrue();
        var api = http.get(
                        "/api/v1/admin/channels/" + edit.substring(edit.lastIndexOf('/') + 1),
                        "Authorization",
                        "Bearer " + organization.token(http, admin))
                .json();
        assertThat(api.get("missingTranslations").get("zh-CN").toString())
                .contains("publicText", "questions[0].help", "categories");
        assertThat(api.get("translations").get("zh-CN").get("name").asString()).isEqualTo("安全热线");
    }
}
