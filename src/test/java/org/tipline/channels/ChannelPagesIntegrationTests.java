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
}
