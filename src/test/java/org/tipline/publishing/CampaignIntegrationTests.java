package org.tipline.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
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
 * Campaigns end to end: an editor creates one on the desk pages with a post in it; the post's call
 * to action and the poster's QR code lead through the campaign's link, which counts views and hands
 * the code to the channel's form; reports through the form and the API count towards the campaign,
 * and its substantiated ones too, on the desk and on the supervisor overview; nothing about who
 * followed the link or reported is stored.
 */
@IntegrationTest
class CampaignIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestOrganization organization;

    @Autowired
    TestChannels channels;

    @Autowired
    JdbcClient jdbc;

    @Test
    void reportsThroughACampaignLinkCountWithNothingStoredAboutTheReporter() throws Exception {
        var http = new Http(port);
        var desk = channels.desk(http);
        var slug = homeSlug(http);
        var editor = organization.invite(http, "Campaign Editor", "EDITOR");
        var token = organization.token(http, editor);
        var post = http.json(
                        "POST",
                        "/api/v1/posts",
                        Map.of("language", "en", "title", "Clean water", "body", "Tell us about **pollution**."),
                        bearer(token))
                .json();
        var postId = post.get("id").asString();
        assertThat(http.json(
                                "POST",
                                "/api/v1/posts/" + postId + "/publish",
                                Map.of("version", post.get("version").asLong()),
                                bearer(token))
                        .status())
                .isEqualTo(200);

        // the editor creates the campaign on the desk pages, with the post in it
        var page = new Http(port);
        organization.logInThroughPage(page, editor);
        var form = page.get("/campaigns/new").html();
        var csrf = form.selectFirst("form[action=/campaigns/new] input[name=_csrf]")
                .val();
        var code = "water-" + UUID.randomUUID().toString().substring(0, 8);
        var refused = page.form(
                "/campaigns/new",
                Map.of(
                        "_csrf",
                        csrf,
                        "code",
                        "Not A Code!",
                        "name",
                        "Water",
                        "message",
                        "m",
                        "channel",
                        desk.channelId()));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.html().select("#code[aria-invalid=true]")).hasSize(1);
        var created = page.form(
                "/campaigns/new",
                Map.of(
                        "_csrf",
                        csrf,
                        "code",
                        code,
                        "name",
                        "Clean water <script>alert(1)</script>",
                        "message",
                        "举报饮用水污染：你的信息可以保护整个社区。",
                        "channel",
                        desk.channelId(),
                        "posts",
                        postId));
        assertThat(created.status()).as(created.body()).isEqualTo(302);
        var location = URI.create(created.header("Location").orElseThrow()).getPath();
        var campaignPage = page.get(location).html();
        assertThat(campaignPage.select("h1").text()).isEqualTo("Clean water <script>alert(1)</script>");
        assertThat(campaignPage.select("script")).isEmpty();
        var link = "/o/" + slug + "/c/" + code;
        assertThat(campaignPage.selectFirst("#campaign-link").attr("href")).endsWith(link);
        var taken = page.form(
                "/campaigns/new",
                Map.of("_csrf", csrf, "code", code, "name", "Again", "message", "m", "channel", desk.channelId()));
        assertThat(taken.status()).isEqualTo(422);
        assertThat(taken.html().select(".field-error").text()).isNotBlank();

        // the post's call to action follows the campaign's link
        var postPage =
                http.get("/o/" + slug + "/posts/" + post.get("number").asLong()).html();
        assertThat(postPage.select(".call-to-action a").attr("href")).isEqualTo(link);

        // following the link counts a view and leads to the form with the code, keeping nothing
        var before = views(code);
        var followed = http.get(link, "User-Agent", "ReporterAgent/1.0 marker-7731", "X-Forwarded-For", "203.0.113.77");
        assertThat(followed.status()).isEqualTo(303);
        assertThat(followed.header("Cache-Control").orElseThrow()).contains("no-store");
        assertThat(followed.header("Set-Cookie")).isEmpty();
        var target = followed.header("Location").orElseThrow();
        assertThat(target).endsWith("/r/" + slug + "/" + desk.slug() + "?c=" + code);
        assertThat(views(code)).isEqualTo(before + 1);
        // a HEAD (a link checker) is answered alike and not counted
        var checked = http.raw("HEAD", link, "text/plain", new byte[0]);
        assertThat(checked.status()).isEqualTo(303);
        assertThat(views(code)).isEqualTo(before + 1);
        assertThat(http.get("/o/" + slug + "/c/no-such-campaign").status()).isEqualTo(404);
        // an encoded slash never reaches the controller (the firewall refuses it)
        assertThat(http.get("/o/" + slug + "/c/..%2F..%2Fetc").status()).isEqualTo(400);
        assertThat(http.get("/o/" + slug + "/c/Water-CAPS").status()).isEqualTo(404);
        assertThat(views(code)).isEqualTo(before + 1);

        // reports a second apart, so the newest case of the inbox is the one just sent
        organization.advanceClock(java.time.Duration.ofSeconds(1));
        var reportForm = http.get(URI.create(target).getPath() + "?c=" + code).html();
        assertThat(reportForm.selectFirst("input[name=campaign]").val()).isEqualTo(code);
        var sent = http.multipart(
                "/r/" + slug + "/" + desk.slug(),
                List.of(
                        Map.entry(
                                "form_token",
                                reportForm.selectFirst("input[name=form_token]").val()),
                        Map.entry("campaign", code),
                        Map.entry("answers.subject", "Dumping"),
                        Map.entry("answers.description", "Barrels by the river")),
                "User-Agent",
                "ReporterAgent/1.0 marker-7731");
        assertThat(sent.status()).isEqualTo(303);
        var formCase = desk.newestCase(http);

        // through the API too; a malformed code is refused and stores nothing
        var reportsBefore = reports();
        var malformed = http.json(
                "POST",
                "/api/v1/channels/" + desk.slug() + "/reports",
                Map.of("campaign", "Bad Code!", "answers", Map.of("subject", "s", "description", "d")));
        assertThat(malformed.status()).isEqualTo(422);
        assertThat(malformed.json().get("errors").get("campaign").asString()).isEqualTo("error.campaign.code");
        assertThat(reports()).isEqualTo(reportsBefore);
        organization.advanceClock(java.time.Duration.ofSeconds(1));
        var viaApi = http.json(
                "POST",
                "/api/v1/channels/" + desk.slug() + "/reports",
                Map.of("campaign", code, "answers", Map.of("subject", "Smell", "description", "At the pump")));
        assertThat(viaApi.status()).isEqualTo(201);
        var apiCase = desk.newestCase(http);
        assertThat(apiCase).isNotEqualTo(formCase);
        // a report sent straight to the form counts for no campaign
        assertThat(desk.submit(http, "Elsewhere", "Not through the link").status())
                .isEqualTo(201);

        concludeSubstantiated(http, desk, apiCase);

        var results = http.get("/api/v1/campaigns", bearer(token)).json();
        var result = results.valueStream()
                .filter(node -> node.get("code").asString().equals(code))
                .findFirst()
                .orElseThrow();
        assertThat(result.get("views").asLong()).isEqualTo(before + 1);
        assertThat(result.get("viewsLast30Days").asLong()).isEqualTo(before + 1);
        assertThat(result.get("reports").asLong()).isEqualTo(2);
        assertThat(result.get("substantiated").asLong()).isEqualTo(1);
        assertThat(result.get("posts").get(0).asString()).isEqualTo(postId);

        // the supervisor overview shows the same counts
        var supervisor = organization.invite(http, "Campaign Supervisor", "SUPERVISOR");
        var overviewPage = new Http(port);
        organization.logInThroughPage(overviewPage, supervisor);
        var overview = overviewPage.get("/cases/overview").html();
        var row = overview.select("#campaign-results tbody tr").stream()
                .filter(tr -> tr.select("td").get(1).text().equals(code))
                .findFirst()
                .orElseThrow();
        assertThat(row.select("td").eachText())
                .containsExactly(
                        "Clean water <script>alert(1)</script>",
                        code,
                        Long.toString(before + 1),
                        Long.toString(before + 1),
                        "2",
                        "1",
                        "0");

        // nothing about the reporter: the case keeps the code; the counter a day and a number
        assertThat(jdbc.sql("SELECT campaign FROM case_file WHERE id = ?::uuid")
                        .param(formCase)
                        .query(String.class)
                        .single())
                .isEqualTo(code);
        assertThat(jdbc.sql("SELECT column_name FROM information_schema.columns WHERE table_name = 'campaign_view'"
                                + " ORDER BY column_name")
                        .query(String.class)
                        .list())
                .containsExactly("campaign_id", "day", "views");
        for (var table : List.of("case_file", "campaign", "campaign_view", "campaign_post", "report", "audit_entry")) {
            assertThat(jdbc.sql("SELECT count(*) FROM " + table + " t WHERE t::text LIKE '%marker-7731%'"
                                    + " OR t::text LIKE '%203.0.113.77%'")
                            .query(Long.class)
                            .single())
                    .as(table)
                    .isZero();
        }

        // the printable poster carries the link in its QR code, in the language asked for
        var campaignId = location.substring(location.lastIndexOf('/') + 1);
        var pdf = page.get("/campaigns/" + campaignId + "/poster.pdf?paper=A3&lang=zh-CN");
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.header("Content-Type").orElseThrow()).startsWith("application/pdf");
        try (var document = Loader.loadPDF(pdf.bytes())) {
            assertThat(new PDFTextStripper().getText(document).replaceAll("\\s+", ""))
                    .contains("举报饮用水污染", "扫描二维码")
                    .contains("/r/" + slug + "/" + desk.slug());
            var image = new PDFRenderer(document).renderImageWithDPI(0, 72, ImageType.RGB);
            assertThat(URI.create(decode(image)).getPath()).isEqualTo(link);
        }
        var png = page.get("/campaigns/" + campaignId + "/poster.png?lang=ar");
        assertThat(png.status()).isEqualTo(200);
        assertThat(URI.create(decode(ImageIO.read(new ByteArrayInputStream(png.bytes()))))
                        .getPath())
                .isEqualTo(link);
        assertThat(page.get("/campaigns/" + campaignId + "/poster.pdf?paper=B5").status())
                .isEqualTo(422);
        // a handler may neither see campaigns nor print their posters
        var handlerPage = new Http(port);
        organization.logInThroughPage(handlerPage, desk.handler());
        assertThat(handlerPage.get("/campaigns/" + campaignId + "/poster.pdf").status())
                .isEqualTo(403);
        assertThat(handlerPage.get("/campaigns").status()).isEqualTo(403);
    }

    @Test
    void campaignsReachNothingOfAnotherOrganisation() {
        var http = new Http(port);
        var desk = channels.desk(http);
        var editor = organization.invite(http, "Careful Editor", "EDITOR");
        var token = organization.token(http, editor);
        var other = organization.createOrganization(http, "Other " + UUID.randomUUID());
        var otherToken = organization.token(http, other.admin());
        var otherEditor = organization.invite(
                http, other.admin(), "Other Editor", "oe-" + UUID.randomUUID() + "@example.org", "EDITOR");
        var otherEditorToken = organization.token(http, otherEditor);
        var otherPost = http.json(
                        "POST",
                        "/api/v1/posts",
                        Map.of("language", "en", "title", "Theirs", "body", "x"),
                        bearer(otherEditorToken))
                .json()
                .get("id")
                .asString();
        assertThat(otherToken).isNotBlank();

        var body = new HashMap<String, Object>(Map.of(
                "code",
                "mine-" + UUID.randomUUID().toString().substring(0, 6),
                "name",
                "Mine",
                "message",
                "Report it",
                "channel",
                desk.channelId().toString(),
                "posts",
                List.of(otherPost)));
        var withTheirPost = http.json("POST", "/api/v1/campaigns", body, bearer(token));
        assertThat(withTheirPost.status()).isEqualTo(422);
        assertThat(withTheirPost.json().get("errors").get("posts").asString()).isEqualTo("error.campaign.posts");
        body.put("posts", List.of());
        var created = http.json("POST", "/api/v1/campaigns", body, bearer(token));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        var id = created.json().get("id").asString();
        var count = jdbc.sql("SELECT count(*) FROM campaign").query(Long.class).single();

        // the other organisation's editor sees nothing of it and cannot change it
        assertThat(http.get("/api/v1/campaigns/" + id, bearer(otherEditorToken)).status())
                .isEqualTo(404);
        assertThat(http.json(
                                "PUT",
                                "/api/v1/campaigns/" + id,
                                Map.of("version", 0, "name", "Hijacked", "message", "m", "channel", desk.channelId()),
                                bearer(otherEditorToken))
                        .status())
                .isEqualTo(404);
        var theirs = http.json(
                "POST",
                "/api/v1/campaigns",
                Map.of("code", "theirs", "name", "Theirs", "message", "m", "channel", desk.channelId()),
                bearer(otherEditorToken));
        assertThat(theirs.status()).isEqualTo(422);
        assertThat(theirs.json().get("errors").get("channel").asString()).isEqualTo("error.campaign.channel");
        // a stale version is refused; a handler may not create one
        assertThat(http.json(
                                "PUT",
                                "/api/v1/campaigns/" + id,
                                Map.of("version", 7, "name", "Late", "message", "m", "channel", desk.channelId()),
                                bearer(token))
                        .status())
                .isEqualTo(409);
        assertThat(http.json("POST", "/api/v1/campaigns", body, bearer(desk.token()))
                        .status())
                .isEqualTo(403);
        assertThat(jdbc.sql("SELECT count(*) FROM campaign").query(Long.class).single())
                .isEqualTo(count);
        assertThat(jdbc.sql("SELECT name FROM campaign WHERE id = ?::uuid")
                        .param(id)
                        .query(String.class)
                        .single())
                .isEqualTo("Mine");
    }

    private void concludeSubstantiated(Http http, TestChannels.Desk desk, String id) {
        act(http, desk, id, "acknowledge", Map.of("message", "Thank you."));
        act(http, desk, id, "start-triage", Map.of());
        act(http, desk, id, "assess-risk", Map.of("level", "low"));
        act(http, desk, id, "investigate", Map.of());
        act(http, desk, id, "address", Map.of());
        act(http, desk, id, "conclude", Map.of("outcome", "substantiated", "message", "We found the source."));
    }

    private static void act(Http http, TestChannels.Desk desk, String id, String action, Map<String, ?> body) {
        var response = http.json(
                "POST",
                "/api/v1/cases/" + id + "/actions/" + action,
                new HashMap<>(body),
                "Authorization",
                "Bearer " + desk.token());
        assertThat(response.status()).as(action + ": " + response.body()).isEqualTo(200);
    }

    private long views(String code) {
        return jdbc.sql("SELECT coalesce(sum(v.views), 0) FROM campaign_view v JOIN campaign c ON c.id = v.campaign_id"
                        + " WHERE c.code = ?")
                .param(code)
                .query(Long.class)
                .single();
    }

    private long reports() {
        return jdbc.sql("SELECT count(*) FROM report").query(Long.class).single();
    }

    private String homeSlug(Http http) {
        return jdbc.sql("SELECT slug FROM organization WHERE id = ?")
                .param(organization.organizationId(http))
                .query(String.class)
                .single();
    }

    private static String decode(BufferedImage image) throws Exception {
        var bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
        return new MultiFormatReader()
                .decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE))
                .getText();
    }

    private static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }
}
