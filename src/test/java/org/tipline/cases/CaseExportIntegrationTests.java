package org.tipline.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tipline.support.Http;
import org.tipline.support.IntegrationTest;
import org.tipline.support.TestChannels;
import org.tipline.support.TestOrganization;

/**
 * Exports: a case as a PDF whose text (Chinese included) can be extracted again, its attachments as
 * a ZIP with safe names, the filtered inbox as CSV with metadata only — each audited, and none for
 * someone who cannot open the case.
 */
@IntegrationTest
class CaseExportIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestChannels channels;

    @Autowired
    TestOrganization organization;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aCaseExportsAsAPdfWithItsAnswersThreadNotesAndTimelineInChineseToo() throws Exception {
        var http = new Http(port);
        var desk = channels.desk(http);
        organization.advanceClock(Duration.ofSeconds(1));
        var description = "仓库的账目被篡改了。 The ledger was altered on " + "page after page ".repeat(60);
        var receipt = desk.submit(http, "账目 Ledger", description)
                .json()
                .get("receipt")
                .asString();
        var id = desk.newestCase(http);
        http.json(
                "POST",
                "/api/v1/cases/" + id + "/actions/acknowledge",
                Map.of("message", "收到，谢谢。"),
                bearer(desk.token()));
        http.json("POST", "/api/v1/cases/" + id + "/notes", Map.of("body", "内部备注：证人可靠"), bearer(desk.token()));
        assertThat(http.json(
                                "POST",
                                "/api/v1/followup/messages",
                                Map.of("message", "More: مرحبا"),
                                "Authorization",
                                "Receipt " + receipt)
                        .status())
                .isEqualTo(201);
        var reference = http.get("/api/v1/cases/" + id, bearer(desk.token()))
                .json()
                .get("reference")
                .asString();

        var response = http.get("/api/v1/cases/" + id + "/export.pdf", bearer(desk.token()));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type").orElse("")).startsWith("application/pdf");
        assertThat(response.header("Content-Disposition").orElse("")).contains(reference + ".pdf");
        assertThat(response.header("Cache-Control").orElse("")).contains("no-store");
        try (var pdf = Loader.loadPDF(response.bytes())) {
            assertThat(pdf.getNumberOfPages()).isGreaterThan(1);
            var text = new PDFTextStripper().getText(pdf).replaceAll("\\s+", " ");
            assertThat(text)
                    .contains(reference)
                    .contains("账目 Ledger")
                    .contains("仓库的账目被篡改了。")
                    .contains("收到，谢谢。")
                    .contains("内部备注：证人可靠")
                    .contains("Report received")
                    .contains("Internal note written")
                    .contains("More: ?????");
            var fonts = new ArrayList<String>();
            for (var page : pdf.getPages()) {
                for (var name : page.getResources().getFontNames()) {
                    var font = page.getResources().getFont(name);
                    assertThat(font.isEmbedded()).as(font.getName()).isTrue();
                    fonts.add(font.getName());
                }
            }
            assertThat(fonts).allMatch(name -> name.contains("WenQuanYi"));
            assertThat(pdf.getDocumentInformation().getAuthor()).isNull();
        }
        // in Chinese, the labels are Chinese
        var chinese = http.get(
                "/api/v1/cases/" + id + "/export.pdf",
                "Authorization",
                "Bearer " + desk.token(),
                "Accept-Language",
                "zh-CN");
        try (var pdf = Loader.loadPDF(chinese.bytes())) {
            assertThat(new PDFTextStripper().getText(pdf)).contains("内部备注").contains("时间线");
        }
        assertThat(audit(id, "case.exported-pdf")).isEqualTo(2);

        // nobody else exports it: 404, nothing audited
        var outsider = organization.token(http, organization.invite(http, "Exporter " + UUID.randomUUID(), "HANDLER"));
        assertThat(http.get("/api/v1/cases/" + id + "/export.pdf", bearer(outsider))
                        .status())
                .isEqualTo(404);
        assertThat(http.get("/api/v1/cases/" + UUID.randomUUID() + "/export.pdf", bearer(desk.token()))
                        .status())
                .isEqualTo(404);
        assertThat(audit(id, "case.exported-pdf")).isEqualTo(2);
        var page = new Http(port);
        organization.logInThroughPage(page, desk.handler());
        assertThat(page.get("/cases/" + id + "/export.pdf").status()).isEqualTo(200);
    }

    @Test
    void attachmentsExportAsAZipWithSafeNamesAndOnlyForHolders() throws Exception {
        var http = new Http(port);
        var desk = channels.desk(http);
        var token = desk.formToken(http);
        organization.advanceClock(Duration.ofSeconds(1));
        var sent = http.multipart(
                "/r/" + desk.slug(),
                List.of(
                        Map.entry("form_token", token),
                        Map.entry("answers.subject", "Files"),
                        Map.entry("answers.description", "See attached"),
                        Map.entry(
                                "files.evidence",
                                new Http.FilePart(
                                        "..\\..\\boot.ini", "text/plain", "one".getBytes(StandardCharsets.UTF_8))),
                        Map.entry(
                                "files.evidence",
                                new Http.FilePart("invoice.txt", "text/plain", "two".getBytes(StandardCharsets.UTF_8))),
                        Map.entry(
                                "files.evidence",
                                new Http.FilePart(
                                        "invoice.txt", "text/plain", "three".getBytes(StandardCharsets.UTF_8)))));
        assertThat(sent.status()).isEqualTo(303);
        var id = desk.newestCase(http);

        var response = http.get("/api/v1/cases/" + id + "/attachments.zip", bearer(desk.token()));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type").orElse("")).startsWith("application/zip");
        var entries = new LinkedHashMap<String, String>();
        try (var zip = new ZipInputStream(new ByteArrayInputStream(response.bytes()))) {
            for (var entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.put(entry.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertThat(entries.values()).containsExactlyInAnyOrder("one", "two", "three");
        assertThat(entries.keySet())
                .allMatch(name -> !name.contains("/") && !name.contains("\\") && !name.startsWith("."));
        assertThat(entries.keySet()).doesNotHaveDuplicates().anyMatch(name -> name.endsWith("-invoice.txt"));
        assertThat(audit(id, "case.exported-zip")).isEqualTo(1);

        var outsider = organization.token(http, organization.invite(http, "Zipper " + UUID.randomUUID(), "HANDLER"));
        var refused = http.get("/api/v1/cases/" + id + "/attachments.zip", bearer(outsider));
        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.header("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(audit(id, "case.exported-zip")).isEqualTo(1);
    }

    @Test
    void theFilteredInboxExportsAsCsvWithMetadataOnlyAndNoFormulas() throws Exception {
        var http = new Http(port);
        var desk = channels.desk(http);
        organization.advanceClock(Duration.ofSeconds(1));
        desk.submit(http, "Secret subject text", "Secret description text");
        var labelled = desk.newestCase(http);
        http.json(
                "POST",
                "/api/v1/cases/" + labelled + "/labels",
                Map.of("name", "=HYPERLINK(\"x\")"),
                bearer(desk.token()));
        organization.advanceClock(Duration.ofSeconds(1));
        desk.submit(http, "Other", "Other");
        var other = desk.newestCase(http);
        var otherDesk = channels.desk(http);
        organization.advanceClock(Duration.ofSeconds(1));
        otherDesk.submit(http, "Not theirs", "x");

        var response = http.get("/api/v1/cases/export.csv?channel=" + desk.channelId(), bearer(desk.token()));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type").orElse("")).startsWith("text/csv");
        var body = new String(response.bytes(), StandardCharsets.UTF_8);
        assertThat(body).doesNotContain("Secret").doesNotContain("Not theirs");
        var records = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new java.io.StringReader(body))
                .getRecords();
        assertThat(records).hasSize(2);
        var references = records.stream().map(r -> r.get("reference")).toList();
        assertThat(references).containsExactly(reference(http, desk, other), reference(http, desk, labelled));
        assertThat(records.get(1).get("labels")).isEqualTo("'=HYPERLINK(\"x\")");
        assertThat(records.get(1).get("state")).isEqualTo("RECEIVED");

        // a filter it does not know: 400 naming it, nothing audited beyond the one export
        var bad = http.get("/api/v1/cases/export.csv?state=NOPE", bearer(desk.token()));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = 'cases.exported-csv' AND subject = ?")
                        .param("staff:" + desk.handler().id())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        // the page's link carries the filters
        var page = new Http(port);
        organization.logInThroughPage(page, desk.handler());
        var link = page.get("/cases?channel=" + desk.channelId())
                .html()
                .selectFirst("#export-csv")
                .attr("href");
        assertThat(link).isEqualTo("/cases/export.csv?channel=" + desk.channelId());
        assertThat(page.get(link).status()).isEqualTo(200);
    }

    private String reference(Http http, TestChannels.Desk desk, String id) {
        return http.get("/api/v1/cases/" + id, bearer(desk.token()))
                .json()
                .get("reference")
                .asString();
    }

    private static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }

    private long audit(String id, String action) {
        return jdbc.sql("SELECT count(*) FROM audit_entry WHERE subject = ? AND action = ?")
                .params("case:" + id, action)
                .query(Long.class)
                .single();
    }
}
