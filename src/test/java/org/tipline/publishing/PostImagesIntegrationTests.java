package org.tipline.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import com.rometools.rome.io.SyndFeedInput;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tipline.publishing.internal.ImageRenditionsTests;
import org.tipline.support.Http;
import org.tipline.support.IntegrationTest;
import org.tipline.support.TestOrganization;
import org.xml.sax.InputSource;

/**
 * A post with a poster series and a translation, end to end: an editor adds panels through the
 * desk page and the API (alt text required; a photo's GPS data gone from every file served); the
 * panels are public only while the post is; the account page, the post page, the feed (read by
 * Rome) and the public API show the post and its panels; bad uploads store nothing.
 */
@IntegrationTest
class PostImagesIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestOrganization organization;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anEditorPublishesAPostWithAPosterSeriesAndATranslation() throws Exception {
        var http = new Http(port);
        var slug = jdbc.sql("SELECT slug FROM organization WHERE id = ?")
                .param(organization.organizationId(http))
                .query(String.class)
                .single();
        var editor = organization.invite(http, "Poster Editor", "EDITOR");
        var token = organization.token(http, editor);
        var title = "Poster series " + UUID.randomUUID();
        var post = http.json(
                        "POST",
                        "/api/v1/posts",
                        Map.of("language", "en", "title", title, "body", "Three panels about **safe reporting**."),
                        bearer(token))
                .json();
        var id = post.get("id").asString();
        var photo = ImageRenditionsTests.jpegWithGps(2000, 1500);

        // the desk page: the token first, then the file; no alt text stores nothing
        var page = new Http(port);
        organization.logInThroughPage(page, editor);
        var edit = page.get("/posts/" + id).html();
        var form = edit.selectFirst("form[enctype=multipart/form-data]");
        var csrf = form.selectFirst("input[name=_csrf]").val();
        var action = form.attr("action");
        var images =
                jdbc.sql("SELECT count(*) FROM post_image").query(Long.class).single();
        var noAlt = page.multipart(
                action,
                List.of(
                        Map.entry("_csrf", csrf),
                        Map.entry("alt", "  "),
                        Map.entry("image", new Http.FilePart("panel.jpg", "image/jpeg", photo))));
        assertThat(noAlt.status()).isEqualTo(422);
        assertThat(noAlt.html().select("#alt[aria-invalid=true]")).hasSize(1);
        var forged = page.multipart(
                action,
                List.of(
                        Map.entry("_csrf", "forged"),
                        Map.entry("alt", "A panel"),
                        Map.entry("image", new Http.FilePart("panel.jpg", "image/jpeg", photo))));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(jdbc.sql("SELECT count(*) FROM post_image").query(Long.class).single())
                .isEqualTo(images);
        var added = page.multipart(
                action,
                List.of(
                        Map.entry("_csrf", csrf),
                        Map.entry("alt", "Panel 1: a worker sees barrels dumped by the river"),
                        Map.entry("caption", "Something is wrong"),
                        Map.entry("image", new Http.FilePart("../../panel 1.jpg", "image/jpeg", photo))));
        assertThat(added.status()).as(added.body()).isEqualTo(302);

        // the API: the second panel; SVG with script and a bomb are refused and store nothing
        var second = http.multipart(
                "/api/v1/posts/" + id + "/images",
                List.of(
                        Map.entry("alt", "Panel 2: she opens the reporting page"),
                        Map.entry("image", new Http.FilePart("panel2.jpg", "image/jpeg", photo))),
                bearer(token));
        assertThat(second.status()).as(second.body()).isEqualTo(201);
        assertThat(second.json().get("position").asInt()).isEqualTo(2);
        var svg = http.multipart(
                "/api/v1/posts/" + id + "/images",
                List.of(
                        Map.entry("alt", "Vector"),
                        Map.entry(
                                "image",
                                new Http.FilePart(
                                        "x.png",
                                        "image/png",
                                        "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"
                                                .getBytes(StandardCharsets.UTF_8)))),
                bearer(token));
        assertThat(svg.status()).isEqualTo(422);
        assertThat(svg.json().get("errors").get("image").asString()).isEqualTo("error.image.invalid");
        assertThat(jdbc.sql("SELECT count(*) FROM post_image WHERE post_id = ?::uuid")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isEqualTo(2);

        // a draft's panels are not public; its editors preview them
        var panels = http.get("/api/v1/posts/" + id, bearer(token)).json().get("images");
        assertThat(panels).hasSize(2);
        var first = panels.get(0);
        assertThat(first.get("alt").asString()).startsWith("Panel 1");
        assertThat(first.get("files").valueStream().map(f -> f.get("width").asInt()))
                .containsExactly(480, 960, 1600);
        var imageId = first.get("id").asString();
        assertThat(http.get("/o/" + slug + "/images/" + imageId + "/960").status())
                .isEqualTo(404);
        assertThat(page.get("/posts/" + id + "/images/" + imageId + "/480").status())
                .isEqualTo(200);

        // a translation, and both published
        var translation = http.json(
                        "POST",
                        "/api/v1/posts",
                        Map.of("language", "zh-CN", "title", "海报系列", "body", "三幅关于**安全举报**的画。", "translationOf", id),
                        bearer(token))
                .json();
        publish(http, token, translation);
        publish(http, token, http.get("/api/v1/posts/" + id, bearer(token)).json());

        var number = post.get("number").asLong();
        var shown = http.get("/o/" + slug + "/posts/" + number).html();
        var imgs = shown.select("ol.panels img");
        assertThat(imgs).hasSize(2);
        assertThat(imgs.get(0).attr("alt")).isEqualTo("Panel 1: a worker sees barrels dumped by the river");
        assertThat(imgs.get(0).attr("loading")).isEqualTo("lazy");
        assertThat(imgs.get(0).attr("srcset").split(",")).hasSize(3);
        assertThat(imgs.get(0).attr("width")).isEqualTo("960");
        assertThat(imgs.get(0).attr("height")).isEqualTo("720");
        assertThat(shown.select("ol.panels figcaption").text()).isEqualTo("Something is wrong");
        assertThat(shown.select("nav.translations a").attr("hreflang")).isEqualTo("zh-CN");
        var served = http.get(imgs.get(0).attr("src"));
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.header("Content-Type").orElseThrow()).isEqualTo("image/jpeg");
        assertThat(served.header("Cache-Control").orElseThrow()).contains("public");
        assertThat(new String(served.bytes(), StandardCharsets.ISO_8859_1))
                .doesNotContain("Exif")
                .doesNotContain("secret-place-51N");
        assertThat(ImageIO.read(new ByteArrayInputStream(served.bytes())).getWidth())
                .isEqualTo(960);
        // the database keeps no trace of the original either
        assertThat(jdbc.sql(
                                "SELECT count(*) FROM post_image_file WHERE position('secret-place-51N'::bytea IN bytes) > 0"
                                        + " OR position('Exif'::bytea IN bytes) > 0")
                        .query(Long.class)
                        .single())
                .isZero();

        // the account page, the feed and the public API show it
        assertThat(http.get("/o/" + slug).html().select("article h3").eachText())
                .contains(title);
        var feed = new SyndFeedInput()
                .build(new InputSource(new ByteArrayInputStream(
                        http.get("/o/" + slug + "/feed.atom").bytes())));
        assertThat(feed.getEntries())
                .anySatisfy(entry -> assertThat(entry.getTitle()).isEqualTo(title));
        assertThat(feed.getEntries())
                .anySatisfy(entry -> assertThat(entry.getTitle()).isEqualTo("海报系列"));
        var api = http.get("/api/v1/organizations/" + slug + "/posts/" + number).json();
        var files = api.get("images").get(1).get("files");
        assertThat(files.get(0).get("url").asString()).startsWith("http").contains("/o/" + slug + "/images/");
        assertThat(http.get(URI.create(files.get(0).get("url").asString()).getPath())
                        .status())
                .isEqualTo(200);

        // removing a panel takes its files away
        var removed = http.raw(
                "DELETE", "/api/v1/posts/" + id + "/images/" + imageId, "application/json", new byte[0], bearer(token));
        assertThat(removed.status()).isEqualTo(204);
        assertThat(http.get("/o/" + slug + "/images/" + imageId + "/960").status())
                .isEqualTo(404);
        assertThat(jdbc.sql("SELECT count(*) FROM post_image_file WHERE image_id = ?::uuid")
                        .param(imageId)
                        .query(Long.class)
                        .single())
                .isZero();

        // a withdrawn post's images go with it
        var secondPanel = "/o/" + slug + "/images/" + panels.get(1).get("id").asString() + "/480";
        assertThat(http.get(secondPanel).status()).isEqualTo(200);
        var current = http.get("/api/v1/posts/" + id, bearer(token)).json();
        assertThat(http.json(
                                "POST",
                                "/api/v1/posts/" + id + "/withdraw",
                                Map.of("version", current.get("version").asLong()),
                                bearer(token))
                        .status())
                .isEqualTo(200);
        assertThat(http.get(secondPanel).status()).isEqualTo(404);

        // another organisation's editor reaches none of it
        var other = organization.createOrganization(http, "Elsewhere " + UUID.randomUUID());
        var stranger = organization.invite(
                http, other.admin(), "Stranger", "stranger-" + UUID.randomUUID() + "@example.org", "EDITOR");
        var strangerToken = organization.token(http, stranger);
        assertThat(http.multipart(
                                "/api/v1/posts/" + id + "/images",
                                List.of(
                                        Map.entry("alt", "Hijack"),
                                        Map.entry("image", new Http.FilePart("p.jpg", "image/jpeg", photo))),
                                bearer(strangerToken))
                        .status())
                .isEqualTo(404);
        assertThat(http.get("/o/" + other.slug() + "/images/"
                                + panels.get(1).get("id").asString() + "/480")
                        .status())
                .isEqualTo(404);
    }

    private static void publish(Http http, String token, tools.jackson.databind.JsonNode post) {
        var published = http.json(
                "POST",
                "/api/v1/posts/" + post.get("id").asString() + "/publish",
                Map.of("version", post.get("version").asLong()),
                bearer(token));
        assertThat(published.status()).as(published.body()).isEqualTo(200);
    }

    private static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }
}
