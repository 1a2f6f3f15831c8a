package org.tipline.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.commons.imaging.Imaging;
import org.apache.commons.imaging.formats.jpeg.JpegImageMetadata;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.tipline.support.Http;
import org.tipline.support.IntegrationTest;
import org.tipline.support.TestChannels;
import org.tipline.support.TestImages;
import org.tipline.support.TestOrganization;

/**
 * A phone photo sent with a report reaches the handler without where it was taken, the camera or
 * its XMP, read back from what was stored; both sides are told what was removed; a reporter who
 * asks keeps the photo exactly as sent.
 */
@IntegrationTest
class UploadCleaningIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestChannels channels;

    @Autowired
    TestOrganization organization;

    @Test
    void thePhotosLocationIsGoneFromTheStoredFileUnlessTheReporterAsksToKeepIt() throws Exception {
        var http = new Http(port);
        var desk = channels.desk(http);
        var photo = TestImages.jpegWithGps();

        var sent = http.multipart(
                "/r/" + desk.slug(),
                List.of(
                        Map.entry("form_token", desk.formToken(http)),
                        Map.entry("answers.subject", "Dumping at the river"),
                        Map.entry("answers.description", "Photo attached."),
                        Map.entry(
                                "files.evidence",
                                new Http.FilePart("IMG_2231.jpg", "application/octet-stream", photo))));
        assertThat(sent.status()).isIn(302, 303);
        var stored = attachment(http, desk);
        assertThat(stored.removed()).contains("location", "camera", "xmp");
        var metadata = Imaging.getMetadata(stored.bytes());
        assertThat(metadata == null || ((JpegImageMetadata) metadata).getExif() == null)
                .isTrue();
        var text = new String(stored.bytes(), StandardCharsets.ISO_8859_1);
        assertThat(text)
                .doesNotContain(TestImages.CAMERA)
                .doesNotContain(TestImages.XMP_MARK)
                .doesNotContain("Exif");
        assertThat(ImageIO.read(new ByteArrayInputStream(stored.bytes())).getWidth())
                .isEqualTo(64);
        assertThat(stored.contentType()).isEqualTo("image/jpeg");

        // the handler's case page says what was removed
        var page = new Http(port);
        organization.logInThroughPage(page, desk.handler());
        assertThat(page.get("/cases/" + desk.newestCase(http))
                        .html()
                        .select(".removed")
                        .text())
                .contains("location (GPS)");

        organization.advanceClock(java.time.Duration.ofSeconds(1));
        var kept = http.multipart(
                "/api/v1/channels/" + desk.slug() + "/reports",
                List.of(
                        Map.entry("answers.subject", "Dumping at the river, again"),
                        Map.entry("answers.description", "The location matters: it proves where."),
                        Map.entry("keepOriginals", "true"),
                        Map.entry("files.evidence", new Http.FilePart("IMG_2232.jpg", "image/jpeg", photo))));
        assertThat(kept.status()).as(kept.body()).isEqualTo(201);
        var original = attachment(http, desk);
        assertThat(original.bytes()).isEqualTo(photo);
        assertThat(original.note()).isEqualTo("kept");

        // the reporter is told too
        var reporter = new Http(port);
        reporter.form("/followup", Map.of("receipt", kept.json().get("receipt").asString()));
        assertThat(reporter.get("/followup").html().select(".removed").text()).contains("as asked");
    }

    private record Stored(byte[] bytes, List<String> removed, String note, String contentType) {}

    private Stored attachment(Http http, TestChannels.Desk desk) {
        var id = desk.newestCase(http);
        var opened = http.get("/api/v1/cases/" + id, "Authorization", "Bearer " + desk.token())
                .json();
        var file = opened.get("attachments").get(0);
        var removed = new java.util.ArrayList<String>();
        file.get("removed").forEach(kind -> removed.add(kind.asString()));
        var bytes = http.get(
                        "/api/v1/cases/" + id + "/attachments/" + file.get("id").asString(),
                        "Authorization",
                        "Bearer " + desk.token())
                .bytes();
        return new Stored(
                bytes,
                removed,
                file.get("note").isNull() ? null : file.get("note").asString(),
                file.get("contentType").asString());
    }
}
