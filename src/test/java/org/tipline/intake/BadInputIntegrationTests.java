package org.tipline.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tipline.blobs.BlobsProperties;
import org.tipline.shared.internal.DatabaseAdministrator;
import org.tipline.support.Http;
import org.tipline.support.IntegrationTest;
import org.tipline.support.TestChannels;

/** Bad input gets a clear 4xx and changes nothing: no row, no blob. */
@IntegrationTest
class BadInputIntegrationTests {

    static final String SCRIPT = "<script>alert(1)</script>";

    @LocalServerPort
    int port;

    @Autowired
    TestChannels channels;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    BlobsProperties blobs;

    @Autowired
    DatabaseAdministrator database;

    Http http;
    TestChannels.Desk desk;

    @BeforeEach
    void desk() {
        http = new Http(port);
        desk = channels.desk(http);
    }

    @Test
    void unknownChannelIsNotFoundOnThePageAndInTheApi() {
        var before = snapshot();
        assertThat(http.get("/r/no-such-channel").status()).isEqualTo(404);
        assertThat(http.get("/r/no-such-channel").html().selectFirst("[role=alert]"))
                .isNotNull();
        assertThat(http.get("/r/%2e%2e%2fetc").status()).isIn(400, 404);
        var api = http.json(
                "POST", "/api/v1/channels/no-such-channel/reports", Map.of("answers", Map.of("subject", "x")));
        assertThat(api.status()).isEqualTo(404);
        assertThat(api.header("Content-Type")).hasValue("application/problem+json");
        var page = http.multipart(
                "/r/NO_SUCH",
                List.of(
                        Map.entry("answers.subject", "x"),
                        Map.entry("files.evidence", new Http.FilePart("a.txt", "text/plain", new byte[100]))));
        assertThat(page.status()).isEqualTo(404);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void missingRequiredAnswerKeepsWhatWasTypedAndStoresNothing() {
        var before = snapshot();
        var response = http.multipart(
                "/r/" + desk.slug(),
                List.of(
                        Map.entry("form_token", desk.formToken(http)),
                        Map.entry("answers.subject", SCRIPT + " \u202Eevil\u202C 🦉"),
                        Map.entry("answers.description", "   "),
                        Map.entry("files.evidence", new Http.FilePart("kept.txt", "text/plain", "bytes".getBytes()))));
        assertThat(response.status()).isEqualTo(422);
        var page = response.html();
        assertThat(page.selectFirst("textarea[name=answers.description]").attr("aria-invalid"))
                .isEqualTo("true");
        assertThat(page.select(".field-error").text()).contains("This field is required.");
        assertThat(page.selectFirst("input[name=answers.subject]").val()).isEqualTo(SCRIPT + " \u202Eevil\u202C 🦉");
        assertThat(response.body()).doesNotContain(SCRIPT);
        assertThat(page.select("[role=alert]").text()).contains("attach your files again");
        assertThat(page.selectFirst("#error-summary a[href='#answers.description']"))
                .isNotNull();
        assertThat(page.selectFirst("textarea[name=answers.description]").attr("aria-describedby"))
                .isEqualTo("error-description");
        assertThat(page.selectFirst("input[name=form_token]").val()).isNotBlank();
        assertThat(snapshot()).isEqualTo(before);

        var api = http.json(
                "POST", "/api/v1/channels/" + desk.slug() + "/reports", Map.of("answers", Map.of("subject", "only")));
        assertThat(api.status()).isEqualTo(422);
        assertThat(api.json().get("errors").get("answers.description").asString())
                .isEqualTo("error.required");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void invalidChoicesDatesCategoriesAndShapesAreRefused() {
        var before = snapshot();
        var cases = List.<Map<String, Object>>of(
                Map.of("answers", Map.of("subject", "s", "description", "d", "where", "Moon")),
                Map.of("answers", Map.of("subject", "s", "description", "d", "when", "2026-02-30")),
                Map.of("answers", Map.of("subject", "s", "description", "d"), "category", "nope"),
                Map.of("answers", Map.of("subject", List.of("a", "b"), "description", "d")),
                Map.of("answers", Map.of("subject", Map.of("nested", 1), "description", "d")),
                Map.of("answers", List.of("not", "an", "object")),
                Map.of("answers", Map.of("subject", "s", "description", "d"), "category", 42));
        for (var body : cases) {
            var response = http.json("POST", "/api/v1/channels/" + desk.slug() + "/reports", body);
            assertThat(response.status()).as(body.toString()).isEqualTo(422);
            assertThat(response.header("Content-Type")).hasValue("application/problem+json");
        }
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void textLimitsAreEnforcedAndHundredKilobyteAnswersWork() {
        var before = snapshot();
        var longest = "é".repeat(100_000);
        var ok = desk.submit(http, "long", longest);
        assertThat(ok.status()).isEqualTo(201);
        var tooLong = desk.submit(http, "x".repeat(1001), "d");
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(tooLong.json().get("errors").get("answers.subject").asString())
                .isEqualTo("error.too-long");
        var over = desk.submit(http, "s", "x".repeat(100_001));
        assertThat(over.status()).isEqualTo(422);
        var field = http.multipart(
                "/r/" + desk.slug(),
                List.of(Map.entry("answers.subject", "s"), Map.entry("answers.description", "x".repeat(300_000))));
        assertThat(field.status()).isEqualTo(413);
        var body = http.raw(
                "POST",
                "/api/v1/channels/" + desk.slug() + "/reports",
                "application/json",
                ("{\"answers\":{\"subject\":\"" + "x".repeat(500_000) + "\"}}").getBytes(StandardCharsets.UTF_8));
        assertThat(body.status()).isEqualTo(413);
        assertThat(snapshot().reports()).isEqualTo(before.reports() + 1);

        // the 100 KB answer renders on the handler's page
        var id = desk.newestCase(http);
        var page = http.get("/cases/" + id, "Authorization", "Bearer " + desk.token());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.html().select(".answer").eachText()).contains(longest);
    }

    @Test
    void oversizedFilesAndTooManyFilesAreRefusedAndLeaveNoBlob() {
        var before = snapshot();
        var big = new byte[3 * 1024 * 1024];
        var api = http.multipart(
                "/api/v1/channels/" + desk.slug() + "/reports",
                List.of(
                        Map.entry("answers.subject", "s"),
                        Map.entry("answers.description", "d"),
                        Map.entry("files.evidence", new Http.FilePart("small.txt", "text/plain", new byte[10])),
                        Map.entry("files.evidence", new Http.FilePart("big.bin", "application/octet-stream", big))));
        assertThat(api.status()).isEqualTo(413);
        assertThat(api.header("Content-Type")).hasValue("application/problem+json");
        var page = http.multipart(
                "/r/" + desk.slug(),
                List.of(
                        Map.entry("answers.subject", "s"),
                        Map.entry("answers.description", "d"),
                        Map.entry("files.evidence", new Http.FilePart("big.bin", "application/octet-stream", big))));
        assertThat(page.status()).isEqualTo(413);
        assertThat(page.html().select("[role=alert]").text()).contains("larger than this server accepts");

        var parts = new ArrayList<Map.Entry<String, Object>>(
                List.of(Map.entry("answers.subject", "s"), Map.entry("answers.description", "d")));
        for (int i = 0; i < 6; i++) {
            parts.add(Map.entry("files.evidence", new Http.FilePart("f" + i + ".txt", "text/plain", new byte[10])));
        }
        assertThat(http.multipart("/api/v1/channels/" + desk.slug() + "/reports", parts)
                        .status())
                .isEqualTo(413);
        var misplaced = http.multipart(
                "/api/v1/channels/" + desk.slug() + "/reports",
                List.of(
                        Map.entry("answers.subject", "s"),
                        Map.entry("answers.description", "d"),
                        Map.entry("files.subject", new Http.FilePart("f.txt", "text/plain", new byte[10]))));
        assertThat(misplaced.status()).isEqualTo(422);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aFloodOfSmallPartsIsRefusedAndKeepsNothing() {
        var before = snapshot();
        var parts = new ArrayList<Map.Entry<String, Object>>();
        parts.add(Map.entry("files.evidence", new Http.FilePart("first.txt", "text/plain", new byte[1000])));
        for (int i = 0; i < 5_000; i++) {
            parts.add(Map.entry("answers.f" + i, "x"));
        }
        var api = http.multipart("/api/v1/channels/" + desk.slug() + "/reports", parts);
        assertThat(api.status()).isEqualTo(413);
        assertThat(api.json().get("detail").asString()).contains("fields and files");
        var page = http.multipart("/r/" + desk.slug(), parts);
        assertThat(page.status()).isEqualTo(413);
        assertThat(snapshot()).isEqualTo(before);
        assertThat(jdbc.sql("SELECT count(*) FROM pending_blob")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void followUpFilesAreNotReadForAVisitThatIsNotProven() {
        var receipt = desk.submit(http, "s", "d").json().get("receipt").asString();
        var before = snapshot();
        var file = Map.<String, Object>entry("files", new Http.FilePart("f.txt", "text/plain", new byte[2000]));
        var stranger = new Http(port);
        var noVisit = stranger.multipart(
                "/followup/messages", List.of(Map.entry("_token", "x"), Map.entry("message", "hi"), file));
        assertThat(noVisit.status()).isEqualTo(403);
        var reporter = new Http(port);
        reporter.form("/followup", Map.of("receipt", receipt));
        var wrongToken = reporter.multipart(
                "/followup/messages", List.of(Map.entry("_token", "forged"), Map.entry("message", "hi"), file));
        assertThat(wrongToken.status()).isEqualTo(403);
        var tokenAfterTheFile = reporter.multipart(
                "/followup/messages", List.of(Map.entry("message", "hi"), file, Map.entry("_token", "forged")));
        assertThat(tokenAfterTheFile.status()).isEqualTo(403);
        assertThat(snapshot()).isEqualTo(before);
        assertThat(jdbc.sql("SELECT count(*) FROM pending_blob")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void invalidUtf8AndMalformedBodiesAreBadRequests() {
        var before = snapshot();
        var invalid = new byte[] {'b', 'a', 'd', (byte) 0xC3, (byte) 0x28, (byte) 0xFF};
        var page = http.multipart(
                "/r/" + desk.slug(),
                List.of(Map.entry("answers.subject", invalid), Map.entry("answers.description", "d")));
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.html().select("[role=alert]").text()).contains("invalid characters");
        var json = http.raw(
                "POST",
                "/api/v1/channels/" + desk.slug() + "/reports",
                "application/json",
                concat("{\"answers\":{\"subject\":\"".getBytes(), invalid, "\",\"description\":\"d\"}}".getBytes()));
        assertThat(json.status()).isEqualTo(400);
        assertThat(json.header("Content-Type")).hasValue("application/problem+json");
        assertThat(http.raw(
                                "POST",
                                "/api/v1/channels/" + desk.slug() + "/reports",
                                "application/json",
                                "{not json".getBytes())
                        .status())
                .isEqualTo(400);
        assertThat(http.raw(
                                "POST",
                                "/api/v1/channels/" + desk.slug() + "/reports",
                                "multipart/form-data; boundary=xyz",
                                "garbage without boundaries".getBytes())
                        .status())
                .isEqualTo(400);
        assertThat(http.raw("POST", "/r/" + desk.slug(), "text/plain", "hello".getBytes())
                        .status())
                .isEqualTo(400);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void oversizedBodiesAndInvalidUtf8OutsideIntakeAreRefusedBeforeParsing() {
        var before = snapshot();
        var huge = http.raw(
                "POST",
                "/api/v1/auth/login",
                "application/json",
                ("{\"email\":\"" + "a".repeat(3 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8));
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.header("Content-Type")).hasValue("application/problem+json");
        var form = http.raw(
                "POST", "/followup", "application/x-www-form-urlencoded", "receipt=%C3%28%FF&x=%G1".getBytes());
        assertThat(form.status()).isEqualTo(400);
        assertThat(form.html().selectFirst("[role=alert]")).isNotNull();
        assertThat(http.raw(
                                "POST",
                                "/login",
                                "application/x-www-form-urlencoded",
                                "email=a%E9b&password=x&totpCode=1".getBytes())
                        .status())
                .isEqualTo(400);
        assertThat(http.get("/r/" + desk.slug() + "?lang=%C3%28").status()).isEqualTo(400);
        var bigForm = http.raw(
                "POST",
                "/followup",
                "application/x-www-form-urlencoded",
                ("receipt=" + "a".repeat(3 * 1024 * 1024)).getBytes());
        assertThat(bigForm.status()).isEqualTo(413);
        // a valid form still works, with non-ASCII text intact
        var ok = http.raw(
                "POST", "/followup", "application/x-www-form-urlencoded", "receipt=%E6%94%B6%E6%8D%AE".getBytes());
        assertThat(ok.status()).isEqualTo(401);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void fileNamesAreReducedToAHarmlessLastSegment() {
        var response = http.multipart(
                "/api/v1/channels/" + desk.slug() + "/reports",
                List.of(
                        Map.entry("answers.subject", "names"),
                        Map.entry("answers.description", "d"),
                        Map.entry(
                                "files.evidence",
                                new Http.FilePart("../../../../etc/passwd", "text/plain", new byte[] {1})),
                        Map.entry(
                                "files.evidence",
                                new Http.FilePart("..\\\\..\\\\boot.ini", "text/plain", new byte[] {2})),
                        Map.entry("files.evidence", new Http.FilePart("\u202Efdp.exe", "text/html", new byte[] {3})),
                        Map.entry("files.evidence", new Http.FilePart(".htaccess", "text/plain", new byte[] {4})),
                        Map.entry("files.evidence", new Http.FilePart(SCRIPT + ".png", "image/png", new byte[] {5}))));
        assertThat(response.status()).isEqualTo(201);
        var id = desk.newestCase(http);
        var files = http.get("/api/v1/cases/" + id, "Authorization", "Bearer " + desk.token())
                .json()
                .get("attachments");
        var names = new ArrayList<String>();
        files.forEach(file -> names.add(file.get("name").asString()));
        assertThat(names).containsExactly("passwd", "boot.ini", "fdp.exe", "htaccess", "script>.png");
        var html = http.get("/cases/" + id, "Authorization", "Bearer " + desk.token());
        assertThat(html.body()).doesNotContain(SCRIPT);
        var download = http.get(
                "/api/v1/cases/" + id + "/attachments/" + files.get(2).get("id").asString(),
                "Authorization",
                "Bearer " + desk.token());
        assertThat(download.header("Content-Type")).hasValue("application/octet-stream");
        assertThat(download.header("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void scriptInEveryTextFieldIsShownAsText() {
        var reporter = new Http(port);
        var submitted = reporter.json(
                "POST",
                "/api/v1/channels/" + desk.slug() + "/reports",
                Map.of(
                        "answers",
                        Map.of("subject", SCRIPT, "description", SCRIPT + "\"'><img src=x onerror=alert(1)>")));
        var receipt = submitted.json().get("receipt").asString();
        reporter.json(
                "POST", "/api/v1/followup/messages", Map.of("message", SCRIPT), "Authorization", "Receipt " + receipt);
        var id = desk.newestCase(http);
        http.json(
                "POST",
                "/api/v1/cases/" + id + "/messages",
                Map.of("message", SCRIPT),
                "Authorization",
                "Bearer " + desk.token());

        var casePage = http.get("/cases/" + id, "Authorization", "Bearer " + desk.token());
        assertThat(casePage.body()).doesNotContain(SCRIPT).doesNotContain("<img src=x");
        assertThat(casePage.html().select(".answer").eachText()).contains(SCRIPT);
        reporter.form("/followup", Map.of("receipt", receipt));
        var thread = reporter.get("/followup");
        assertThat(thread.body()).doesNotContain(SCRIPT).doesNotContain("<img src=x");
        assertThat(thread.html().select(".thread .answer").eachText()).containsExactly(SCRIPT, SCRIPT);
    }

    @Test
    void wrongAndMalformedReceiptsAreRefused() {
        for (var receipt :
                List.of("7KQM-2XPD-9HRT-4WCN", "not a receipt", "", "1".repeat(5000), SCRIPT, "7KQM 2XPD 9HRT 4WC!")) {
            var api = http.get("/api/v1/followup", "Authorization", "Receipt " + receipt);
            assertThat(api.status()).isEqualTo(401);
            assertThat(api.header("Content-Type")).hasValue("application/problem+json");
            var page = http.form("/followup", Map.of("receipt", receipt));
            assertThat(page.status()).isEqualTo(401);
            assertThat(page.body()).doesNotContain(SCRIPT);
            assertThat(http.cookie("tipline_followup")).isEmpty();
        }
        assertThat(http.get("/api/v1/followup").status()).isEqualTo(401);
        assertThat(http.get("/api/v1/followup", "Authorization", "Bearer x").status())
                .isEqualTo(401);
        assertThat(http.json("POST", "/api/v1/followup/messages", Map.of("message", "hi"))
                        .status())
                .isEqualTo(401);
    }

    @Test
    void aCrashInTheMiddleOfASubmissionLeavesItAbsent() {
        var before = snapshot();
        var owner = database.owner();
        owner.sql("""
                CREATE OR REPLACE FUNCTION crash_on_attachment() RETURNS trigger LANGUAGE plpgsql AS
                $$ BEGIN RAISE EXCEPTION 'simulated crash'; END $$""").update();
        owner.sql(
                        "CREATE TRIGGER crash_on_attachment BEFORE INSERT ON attachment FOR EACH ROW EXECUTE FUNCTION crash_on_attachment()")
                .update();
        var receipt = desk.submit(http, "s", "d").json().get("receipt").asString();
        before = snapshot();
        try {
            var response = http.multipart(
                    "/api/v1/channels/" + desk.slug() + "/reports",
                    List.of(
                            Map.entry("answers.subject", "s"),
                            Map.entry("answers.description", "d"),
                            Map.entry("files.evidence", new Http.FilePart("a.txt", "text/plain", new byte[5000]))));
            assertThat(response.status()).isEqualTo(500);
            assertThat(response.body()).doesNotContain("simulated crash");
            // a follow-up reply that fails after its message row leaves neither message nor file
            var reply = http.multipart(
                    "/api/v1/followup/messages",
                    List.of(
                            Map.entry("message", "with a file"),
                            Map.entry("files", new Http.FilePart("b.txt", "text/plain", new byte[5000]))),
                    "Authorization",
                    "Receipt " + receipt);
            assertThat(reply.status()).isEqualTo(500);
        } finally {
            owner.sql("DROP TRIGGER crash_on_attachment ON attachment").update();
        }
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void programsAndUnreadableImagesAreRefusedWithoutAnythingKept() throws Exception {
        var photo = org.tipline.support.TestImages.jpegWithGps();
        var broken = java.util.Arrays.copyOf(photo, 40);
        broken[4] = (byte) 0xff;
        broken[5] = (byte) 0xf0;
        var archive = new java.io.ByteArrayOutputStream();
        try (var zip = new java.util.zip.ZipOutputStream(archive)) {
            zip.putNextEntry(new java.util.zip.ZipEntry("scan-0042.pdf.exe"));
            zip.write(org.tipline.support.TestImages.windowsProgram());
            zip.closeEntry();
        }
        var before = snapshot();
        for (var file : List.of(
                new Http.FilePart("invoice.pdf", "application/pdf", org.tipline.support.TestImages.windowsProgram()),
                new Http.FilePart("scans.zip", "application/zip", archive.toByteArray()),
                new Http.FilePart("photo.jpg", "image/jpeg", broken))) {
            var page = http.multipart(
                    "/r/" + desk.slug(),
                    List.of(
                            Map.entry("form_token", desk.formToken(http)),
                            Map.entry("answers.subject", "Evidence"),
                            Map.entry("answers.description", "See the file."),
                            Map.entry("files.evidence", file)));
            assertThat(page.status()).isIn(415, 422);
            assertThat(page.html().select("[role=alert]").text()).isNotBlank();
            var api = http.multipart(
                    "/api/v1/channels/" + desk.slug() + "/reports",
                    List.of(
                            Map.entry("answers.subject", "Evidence"),
                            Map.entry("answers.description", "See the file."),
                            Map.entry("files.evidence", file)));
            assertThat(api.status()).isIn(415, 422);
            assertThat(api.header("Content-Type")).hasValue("application/problem+json");
            assertThat(snapshot()).isEqualTo(before);
        }
    }

    record Snapshot(long reports, long grants, long attachments, long messages, long pending, long blobs) {}

    Snapshot snapshot() {
        return new Snapshot(
                count("report"),
                count("key_grant"),
                count("attachment"),
                count("message"),
                count("pending_blob"),
                blobFiles());
    }

    long count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }

    long blobFiles() {
        try (var files = Files.walk(blobs.directory())) {
            return files.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] concat(byte[]... parts) {
        var out = new java.io.ByteArrayOutputStream();
        for (var part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
