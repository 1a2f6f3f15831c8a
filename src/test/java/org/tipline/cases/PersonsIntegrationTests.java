package org.tipline.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tipline.shared.internal.DatabaseAdministrator;
import org.tipline.support.Http;
import org.tipline.support.IntegrationTest;
import org.tipline.support.TestChannels;
import org.tipline.support.TestOrganization;

/**
 * Persons concerned: recorded by a holder under a pseudonym, who they are sealed; the case page,
 * the list and a default export show the pseudonym; a holder sees who it is on asking (audited),
 * and an export names them only when asked (audited as such); other staff see nothing; a dump
 * holds no name.
 */
@IntegrationTest
class PersonsIntegrationTests {

    private static final String NAME = "Director Zhou Bin 6612";

    @LocalServerPort
    int port;

    @Autowired
    TestChannels channels;

    @Autowired
    TestOrganization organization;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DatabaseAdministrator database;

    @Test
    void personsAreNamedByPseudonymUnlessAHolderAsks() throws Exception {
        var http = new Http(port);
        var desk = channels.desk(http);
        desk.submit(http, "Kickbacks", "The director takes a share of every contract.");
        var id = desk.newestCase(http);
        var auth = "Bearer " + desk.token();

        var subject = http.json(
                "POST",
                "/api/v1/cases/" + id + "/persons",
                Map.of("role", "subject", "identity", NAME),
                "Authorization",
                auth);
        assertThat(subject.status()).as(subject.body()).isEqualTo(201);
        assertThat(subject.json().get("pseudonym").asString()).isEqualTo("P-1");
        assertThat(subject.body()).doesNotContain("Zhou");
        assertThat(http.json(
                                "POST",
                                "/api/v1/cases/" + id + "/persons",
                                Map.of("role", "witness", "identity", "The driver"),
                                "Authorization",
                                auth)
                        .json()
                        .get("pseudonym")
                        .asString())
                .isEqualTo("P-2");
        assertThat(http.json(
                                "POST",
                                "/api/v1/cases/" + id + "/persons",
                                Map.of("role", "boss", "identity", "x"),
                                "Authorization",
                                auth)
                        .status())
                .isEqualTo(422);
        assertThat(http.json(
                                "POST",
                                "/api/v1/cases/" + id + "/persons",
                                Map.of("role", "other", "identity", "  "),
                                "Authorization",
                                auth)
                        .status())
                .isEqualTo(422);

        var list = http.get("/api/v1/cases/" + id + "/persons", "Authorization", auth);
        assertThat(list.json()).hasSize(2);
        assertThat(list.body()).doesNotContain("Zhou");

        // the case page names P-1; asking shows who it is, and is recorded
        var page = new Http(port);
        organization.logInThroughPage(page, desk.handler());
        var casePage = page.get("/cases/" + id).html();
        assertThat(casePage.select("ul.persons").text()).contains("P-1", "P-2");
        assertThat(casePage.text()).doesNotContain("Zhou");
        var reveal = casePage.selectFirst("ul.persons a").attr("href");
        var revealed = page.get(reveal);
        assertThat(revealed.header("Cache-Control")).hasValue("no-store");
        assertThat(revealed.html().select("#person-identity").text()).isEqualTo(NAME);
        assertThat(audited("person.revealed", id)).isEqualTo(1);

        // exports use the pseudonym unless asked
        var plain = text(http.get("/api/v1/cases/" + id + "/export.pdf", "Authorization", auth)
                .bytes());
        assertThat(plain).contains("P-1").doesNotContain("Zhou");
        var named = text(http.get("/api/v1/cases/" + id + "/export.pdf?identities=true", "Authorization", auth)
                .bytes());
        assertThat(named).contains("P-1", NAME);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = 'case.exported-pdf-with-identities'"
                                + " AND subject = ?")
                        .param("case:" + id)
                        .query(Long.class)
                        .single())
                .as("the export with identities is audited as such")
                .isEqualTo(1);

        // another handler sees nothing
        var other = organization.invite(http, "Olga", "HANDLER");
        var otherAuth = "Bearer " + organization.token(http, other);
        assertThat(http.get("/api/v1/cases/" + id + "/persons", "Authorization", otherAuth)
                        .status())
                .isEqualTo(404);
        var person = subject.json().get("id").asString();
        var refused = http.get("/api/v1/cases/" + id + "/persons/" + person + "/identity", "Authorization", otherAuth);
        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.body()).doesNotContain("Zhou");
        assertThat(database.dumpEveryTable()).doesNotContain("Zhou");
    }

    private long audited(String action, String caseId) {
        return jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = ? AND subject LIKE ?")
                .params(action, "case:" + caseId + "%")
                .query(Long.class)
                .single();
    }

    private static String text(byte[] pdf) throws Exception {
        try (var document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }
}
