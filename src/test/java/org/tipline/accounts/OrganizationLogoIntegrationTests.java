package org.tipline.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.metadata.IIOMetadataNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tipline.support.Http;
import org.tipline.support.IntegrationTest;
import org.tipline.support.TestChannels;
import org.tipline.support.TestOrganization;

/**
 * An admin gives the organisation a logo; reporters see it, redrawn, with nothing of the uploaded
 * file's metadata; a handler, a forged form and anything but an image change nothing.
 */
@IntegrationTest
class OrganizationLogoIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestOrganization organization;

    @Autowired
    TestChannels channels;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anAdminSetsALogoThatReporterPagesShowWithoutTheFilesMetadata() throws Exception {
        var other = organization.createOrganization(new Http(port), "Logo Agency");
        var admin = new Http(port);
        assertThat(organization.logInThroughPage(admin, other.admin()).status()).isEqualTo(302);
        var page = admin.get("/organization");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.html().selectFirst("#logo-preview")).isNull();
        var token = page.html().selectFirst("form[enctype] input[name=_csrf]").val();

        var png = pngWithText(600, 300, "Author", "Jane Whistleblower, Room 4.12");
        var sent = admin.multipart(
                "/organization/logo",
                List.of(Map.entry("_csrf", token), Map.entry("logo", new Http.FilePart("logo.png", "image/png", png))));
        assertThat(sent.status()).isEqualTo(302);

        var shown = admin.get("/organization").html();
        var src = shown.selectFirst("#logo-preview").attr("src");
        assertThat(src).isEqualTo("/o/" + other.slug() + "/logo?v=1");
        var logo = new Http(port).get(src);
        assertThat(logo.status()).isEqualTo(200);
        assertThat(logo.header("Content-Type")).hasValue("image/png");
        assertThat(logo.header("Cache-Control"))
                .hasValueSatisfying(v -> assertThat(v).contains("max-age"));
        assertThat(new String(logo.bytes(), StandardCharsets.ISO_8859_1)).doesNotContain("Jane", "Whistleblower");
        var image = ImageIO.read(new ByteArrayInputStream(logo.bytes()));
        assertThat(image.getHeight()).isEqualTo(160);
        assertThat(image.getWidth()).isEqualTo(320);

        // reporters see it beside the organisation's name, on its front door and its channels
        var front = new Http(port).get("/o/" + other.slug()).html();
        assertThat(front.selectFirst("header img.logo").attr("src")).isEqualTo(src);
        assertThat(front.selectFirst("header .brand").text()).isEqualTo("Logo Agency");

        // and it can be removed
        var removal = admin.get("/organization").html().selectFirst("form[action$=/removal] input[name=_csrf]");
        assertThat(admin.form("/organization/logo/removal", Map.of("_csrf", removal.val()))
                        .status())
                .isEqualTo(302);
        assertThat(new Http(port).get("/o/" + other.slug() + "/logo").status()).isEqualTo(404);
    }

    @Test
    void aForgedFormAHandlerAndAnythingButAnImageChangeNothing() throws Exception {
        var http = new Http(port);
        var desk = channels.desk(http);
        var png = pngWithText(100, 100, "Comment", "x");
        var home = jdbc.sql("SELECT logo_version FROM organization WHERE home")
                .query(Integer.class)
                .single();

        var admin = new Http(port);
        organization.logInThroughPage(admin, organization.admin(http));
        var token = admin.get("/organization")
                .html()
                .selectFirst("form[enctype] input[name=_csrf]")
                .val();
        // no token, a wrong one, or the token after the file
        for (var parts : List.<List<Map.Entry<String, Object>>>of(
                List.of(Map.entry("logo", new Http.FilePart("l.png", "image/png", png))),
                List.of(Map.entry("_csrf", "forged"), Map.entry("logo", new Http.FilePart("l.png", "image/png", png))),
                List.of(Map.entry("logo", new Http.FilePart("l.png", "image/png", png)), Map.entry("_csrf", token)))) {
            assertThat(admin.multipart("/organization/logo", parts).status()).isEqualTo(403);
        }
        // not an image, an image too large, a huge canvas in a small file
        var notImage = "<svg onload=alert(1)>".getBytes(StandardCharsets.UTF_8);
        var refused = admin.multipart(
                "/organization/logo",
                List.of(
                        Map.entry("_csrf", token),
                        Map.entry("logo", new Http.FilePart("l.svg", "image/svg+xml", notImage))));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.html().selectFirst("#error-summary").text()).contains("not a PNG, JPEG or GIF");
        assertThat(refused.html().selectFirst("#logo").attr("aria-invalid")).isEqualTo("true");
        var tooLarge = admin.multipart(
                "/organization/logo",
                List.of(
                        Map.entry("_csrf", token),
                        Map.entry("logo", new Http.FilePart("l.png", "image/png", new byte[600_000]))));
        assertThat(tooLarge.status()).isEqualTo(422);
        var bomb = admin.multipart(
                "/organization/logo",
                List.of(
                        Map.entry("_csrf", token),
                        Map.entry("logo", new Http.FilePart("l.png", "image/png", pngWithText(5000, 10, "a", "b")))));
        assertThat(bomb.status()).isEqualTo(422);

        // a handler may not
        var handler = new Http(port);
        organization.logInThroughPage(handler, desk.handler());
        assertThat(handler.get("/organization").status()).isEqualTo(403);

        assertThat(jdbc.sql("SELECT logo_version FROM organization WHERE home")
                        .query(Integer.class)
                        .single())
                .isEqualTo(home);
    }

    /** A PNG with a text chunk, as cameras and editors leave behind. */
    private static byte[] pngWithText(int width, int height, String keyword, String text) throws Exception {
        var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var graphics = image.createGraphics();
        graphics.setColor(new Color(20, 80, 160));
        graphics.fillRect(0, 0, width, height);
        graphics.dispose();
        var writer = ImageIO.getImageWritersByFormatName("png").next();
        var metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), null);
        var entry = new IIOMetadataNode("tEXtEntry");
        entry.setAttribute("keyword", keyword);
        entry.setAttribute("value", text);
        var chunk = new IIOMetadataNode("tEXt");
        chunk.appendChild(entry);
        var root = new IIOMetadataNode("javax_imageio_png_1.0");
        root.appendChild(chunk);
        metadata.mergeTree("javax_imageio_png_1.0", root);
        var out = new ByteArrayOutputStream();
        try (var stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(new IIOImage(image, null, metadata));
        }
        writer.dispose();
        var bytes = out.toByteArray();
        assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).contains(text);
        return bytes;
    }
}
