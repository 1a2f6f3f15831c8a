package org.tipline.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.io.SyndFeedInput;
import com.thaiopensource.util.PropertyMapBuilder;
import com.thaiopensource.validate.ValidateProperty;
import com.thaiopensource.validate.ValidationDriver;
import com.thaiopensource.validate.rng.CompactSchemaReader;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tipline.support.Http;
import org.tipline.support.IntegrationTest;
import org.tipline.support.TestChannels;
import org.tipline.support.TestOrganization;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;

/**
 * The public account end to end: an editor writes, translates, edits, schedules, publishes and
 * withdraws posts through the API; the account page, the post page, the Atom feeds (checked
 * against RFC 4287's RELAX NG schema and read by an independent parser) and the public API show
 * exactly what is published and due; bad input is refused and changes nothing.
 */
@IntegrationTest
class PublishingIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestOrganization organization;

    @Autowired
    TestChannels channels;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anEditorPublishesAPostWithATranslationAndEveryoneCanReadIt() throws Exception {
        var http = new Http(port);
        var desk = channels.desk(http);
        var editor = organization.invite(http, "Eddie Editor", "EDITOR");
        var token = organization.token(http, editor);
        var slug = homeSlug(http);
        var tag = "fraud-" + UUID.randomUUID().toString().substring(0, 6);

        var written = write(
                http,
                token,
                Map.of(
                        "language", "en",
                        "title", "How to report fraud",
                        "summary", "What we need from you",
                        "body", "## Steps\n\nTell us **what** happened. [Our rules](https://example.org/rules)",
                        "tags", List.of(tag, "guides"),
                        "channel", desk.channelId().toString()));
        assertThat(written.status()).as(written.body()).isEqualTo(201);
        var post = written.json();
        assertThat(post.get("stage").asString()).isEqualTo("DRAFT");
        var number = post.get("number").asLong();
        var id = post.get("id").asString();

        // a draft is nowhere in public
        assertThat(http.get("/o/" + slug + "/posts/" + number).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/organizations/" + slug + "/posts/" + number)
                        .status())
                .isEqualTo(404);
        assertThat(http.get("/o/" + slug + "?tag=" + tag).body()).doesNotContain("How to report fraud");

        var translation = write(
                http,
                token,
                Map.of(
                        "language", "zh-CN",
                        "title", "如何举报欺诈",
                        "summary", "我们需要的信息",
                        "body", "## 步骤\n\n告诉我们发生了**什么**。",
                        "tags", List.of(tag),
                        "translationOf", id));
        assertThat(translation.status()).as(translation.body()).isEqualTo(201);
        assertThat(translation.json().get("translationGroup").asString())
                .isEqualTo(post.get("translationGroup").asString());
        var second = write(http, token, Map.of("language", "zh-CN", "title", "再一次", "body", "x", "translationOf", id));
        assertThat(second.status()).isEqualTo(422);
        assertThat(second.json().get("errors").get("language").asString()).isEqualTo("error.post.translation-exists");

        // an edit keeps the text it replaced
        var edited = http.json(
                "PUT",
                "/api/v1/posts/" + id,
                Map.of(
                        "version",
                        post.get("version").asLong(),
                        "title",
                        "How to report fraud safely",
                        "summary",
                        "What we need from you",
                        "body",
                        post.get("body").asString() + "\n\nWe never ask for your name.",
                        "tags",
                        List.of(tag, "guides"),
                        "channel",
                        desk.channelId().toString()),
                bearer(token));
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(edited.json().get("revision").asInt()).isEqualTo(2);
        var revisions =
                http.get("/api/v1/posts/" + id + "/revisions", bearer(token)).json();
        assertThat(revisions.get(0).get("title").asString()).isEqualTo("How to report fraud");
        var stale = http.json(
                "PUT",
                "/api/v1/posts/" + id,
                Map.of("version", post.get("version").asLong(), "title", "Lost update", "body", "x"),
                bearer(token));
        assertThat(stale.status()).isEqualTo(409);

        var published = publish(http, token, id, edited.json().get("version").asLong(), null);
        assertThat(published.status()).as(published.body()).isEqualTo(200);
        assertThat(published.json().get("stage").asString()).isEqualTo("PUBLISHED");
        var zh = translation.json();
        assertThat(publish(
                                http,
                                token,
                                zh.get("id").asString(),
                                zh.get("version").asLong(),
                                null)
                        .status())
                .isEqualTo(200);

        // the account page lists it, in the reader's language, with the call to action
        var account = http.get("/o/" + slug + "?tag=" + tag).html();
        assertThat(account.select("article.post-summary h3").eachText()).containsExactly("How to report fraud safely");
        assertThat(account.select(".call-to-action a").eachAttr("href")).contains("/r/" + slug + "/" + desk.slug());
        var chinese = http.get("/o/" + slug + "?tag=" + tag, "Accept-Language", "zh-CN")
                .html();
        assertThat(chinese.select("article.post-summary h3").eachText()).containsExactly("如何举报欺诈");

        // the post page: the sanitised body, the translation, the channel it leads to
        var page = http.get("/o/" + slug + "/posts/" + number);
        assertThat(page.status()).isEqualTo(200);
        var html = page.html();
        assertThat(html.select("h1").text()).isEqualTo("How to report fraud safely");
        assertThat(html.select(".post-body h2").text()).isEqualTo("Steps");
        assertThat(html.select(".post-body a").attr("rel")).contains("noopener");
        assertThat(html.select("nav.translations a[hreflang=zh-CN]")).hasSize(1);
        assertThat(html.select(".call-to-action a").attr("href")).isEqualTo("/r/" + slug + "/" + desk.slug());
        assertThat(page.header("Content-Security-Policy").orElseThrow())
                .as("a reporter page: no script at all")
                .startsWith("default-src 'none'")
                .doesNotContain("script-src");
        var etag = page.header("ETag").orElseThrow();
        assertThat(page.header("Cache-Control").orElseThrow()).contains("max-age=60");
        assertThat(http.get("/o/" + slug + "/posts/" + number, "If-None-Match", etag)
                        .status())
                .isEqualTo(304);

        // the public API
        var api =
                http.get("/api/v1/organizations/" + slug + "/posts?tag=" + tag).json();
        assertThat(api.get("posts").get(0).get("title").asString()).isEqualTo("How to report fraud safely");
        assertThat(api.get("posts")
                        .get(0)
                        .get("translations")
                        .get(0)
                        .get("language")
                        .asString())
                .isEqualTo("zh-CN");
        assertThat(api.get("posts").get(0).has("body"))
                .as("the Markdown stays with the editors")
                .isFalse();

        // the feeds: valid against RFC 4287's schema, and read by an independent parser
        for (var path : List.of("/o/" + slug + "/feed.atom", "/o/" + slug + "/tags/" + tag + "/feed.atom")) {
            var feed = http.get(path);
            assertThat(feed.status()).isEqualTo(200);
            assertThat(feed.header("Content-Type").orElseThrow()).startsWith("application/atom+xml");
            assertThat(schemaErrors(feed.bytes())).as(path).isEmpty();
            var parsed = new SyndFeedInput().build(new InputSource(new ByteArrayInputStream(feed.bytes())));
            var titles = parsed.getEntries().stream().map(SyndEntry::getTitle).toList();
            assertThat(titles).contains("How to report fraud safely", "如何举报欺诈");
            var entry = parsed.getEntries().stream()
                    .filter(e -> e.getTitle().equals("How to report fraud safely"))
                    .findFirst()
                    .orElseThrow();
            assertThat(entry.getLink()).endsWith("/o/" + slug + "/posts/" + number);
            assertThat(entry.getContents().getFirst().getValue()).contains("<h2>Steps</h2>");
            assertThat(entry.getCategories().stream().map(c -> c.getName()).toList())
                    .contains(tag);
            assertThat(parsed.getAuthors()).isNotEmpty();
        }

        // withdrawn: gone from every public view
        var current = http.get("/api/v1/posts/" + id, bearer(token)).json();
        assertThat(http.json(
                                "POST",
                                "/api/v1/posts/" + id + "/withdraw",
                                Map.of("version", current.get("version").asLong()),
                                bearer(token))
                        .status())
                .isEqualTo(200);
        assertThat(http.get("/o/" + slug + "/posts/" + number).status()).isEqualTo(404);
        assertThat(http.get("/o/" + slug + "/feed.atom").body()).doesNotContain("How to report fraud safely");
        assertThat(count("SELECT count(*) FROM audit_entry WHERE subject LIKE ?", "post:" + id + "%"))
                .isEqualTo(4);
    }

    @Test
    void aScheduledPostAppearsWhenItsTimeComesAndNotBefore() {
        var http = new Http(port);
        var editor = organization.invite(http, "Sched Editor", "EDITOR");
        var token = organization.token(http, editor);
        var slug = homeSlug(http);
        var title = "Scheduled " + UUID.randomUUID();
        var post = write(http, token, Map.of("language", "en", "title", title, "body", "Soon."))
                .json();
        var id = post.get("id").asString();

        var past = publish(http, token, id, post.get("version").asLong(), "2020-01-01T00:00:00Z");
        assertThat(past.status()).isEqualTo(422);
        assertThat(past.json().get("errors").get("publishAt").asString()).isEqualTo("error.post.schedule-past");
        var malformed = publish(http, token, id, post.get("version").asLong(), "next tuesday");
        assertThat(malformed.status()).isEqualTo(422);

        var at = organization.now().plus(Duration.ofHours(2));
        var scheduled =
                publish(http, token, id, post.get("version").asLong(), DateTimeFormatter.ISO_INSTANT.format(at));
        assertThat(scheduled.status()).as(scheduled.body()).isEqualTo(200);
        assertThat(scheduled.json().get("stage").asString()).isEqualTo("SCHEDULED");
        var number = scheduled.json().get("number").asLong();
        assertThat(http.get("/o/" + slug + "/posts/" + number).status()).isEqualTo(404);
        assertThat(http.get("/o/" + slug + "/feed.atom").body()).doesNotContain(title);

        organization.advanceClock(Duration.ofHours(3));
        assertThat(http.get("/o/" + slug + "/posts/" + number).status()).isEqualTo(200);
        assertThat(http.get("/o/" + slug + "/feed.atom").body()).contains(title);
        assertThat(http.get("/o/" + slug + "?q=" + title.substring(10))
                        .html()
                        .select("article h3")
                        .eachText())
                .containsExactly(title);
    }

    @Test
    void onlyEditorsWriteAndNobodyReachesAnotherOrganisationsPosts() {
        var http = new Http(port);
        var handler = organization.invite(http, "Not An Editor", "HANDLER");
        var handlerToken = organization.token(http, handler);
        var refused = write(http, handlerToken, Map.of("language", "en", "title", "Mine", "body", "x"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(http.get("/api/v1/posts", bearer(handlerToken)).status()).isEqualTo(403);
        assertThat(write(http, "", Map.of("language", "en", "title", "Anon", "body", "x"))
                        .status())
                .isEqualTo(401);

        var other = organization.createOrganization(http, "Other Newsroom " + UUID.randomUUID());
        var otherAdmin = organization.token(http, other.admin());
        var otherEditor = organization.invite(
                http, other.admin(), "Other Editor", "other-editor-" + UUID.randomUUID() + "@example.org", "EDITOR");
        var otherToken = organization.token(http, otherEditor);
        assertThat(otherAdmin).isNotBlank();
        var theirs = write(http, otherToken, Map.of("language", "en", "title", "Theirs", "body", "x"))
                .json();

        var editor = organization.invite(http, "Home Editor", "EDITOR");
        var token = organization.token(http, editor);
        var before = count("SELECT count(*) FROM post", null);
        var crossed = write(
                http,
                token,
                Map.of(
                        "language",
                        "zh-CN",
                        "title",
                        "Cross",
                        "body",
                        "x",
                        "translationOf",
                        theirs.get("id").asString()));
        assertThat(crossed.status()).isEqualTo(422);
        assertThat(crossed.json().get("errors").get("translationOf").asString())
                .isEqualTo("error.post.translation-unknown");
        assertThat(http.get("/api/v1/posts/" + theirs.get("id").asString(), bearer(token))
                        .status())
                .isEqualTo(404);
        assertThat(publish(http, token, theirs.get("id").asString(), 0, null).status())
                .isEqualTo(404);
        var otherChannel = write(
                http,
                token,
                Map.of(
                        "language",
                        "en",
                        "title",
                        "Wrong channel",
                        "body",
                        "x",
                        "channel",
                        UUID.randomUUID().toString()));
        assertThat(otherChannel.status()).isEqualTo(422);
        assertThat(count("SELECT count(*) FROM post", null)).isEqualTo(before);
    }

    @Test
    void badTextIsRefusedWholeOrNeutralised() throws Exception {
        var http = new Http(port);
        var editor = organization.invite(http, "Careful Editor", "EDITOR");
        var token = organization.token(http, editor);
        var slug = homeSlug(http);
        var before = count("SELECT count(*) FROM post", null);

        var cases = new ArrayList<Map<String, Object>>();
        cases.add(Map.of("language", "en", "title", "", "body", "x"));
        cases.add(Map.of("language", "en", "title", "x".repeat(201), "body", "x"));
        cases.add(Map.of("language", "en", "title", "Bell\u0007", "body", "x"));
        cases.add(Map.of("language", "en", "title", "Half \uD800 pair", "body", "x"));
        cases.add(Map.of("language", "en", "title", "t", "body", "Half \uDC00 pair"));
        cases.add(Map.of("language", "en", "title", "t", "body", "x".repeat(Posts.BODY_LIMIT + 1)));
        cases.add(Map.of("language", "en", "title", "t", "body", "   "));
        cases.add(Map.of("language", "en", "title", "t", "body", "x", "tags", List.of("<script>")));
        cases.add(Map.of("language", "en", "title", "t", "body", "x", "tags", List.of("a b")));
        cases.add(Map.of("language", "xx", "title", "t", "body", "x"));
        cases.add(Map.of(
                "language",
                "en",
                "title",
                "t",
                "body",
                "x",
                "translationOf",
                UUID.randomUUID().toString()));
        for (var body : cases) {
            var response = write(http, token, body);
            assertThat(response.status())
                    .as(body.keySet() + " " + response.body())
                    .isEqualTo(422);
            assertThat(response.header("Content-Type").orElseThrow()).startsWith("application/problem+json");
        }
        var notJson = http.raw("POST", "/api/v1/posts", "application/json", "{\"title\": ".getBytes(), bearer(token));
        assertThat(notJson.status()).isEqualTo(400);
        var badUtf8 = http.raw(
                "POST",
                "/api/v1/posts",
                "application/json",
                new byte[] {'{', '"', 't', 'i', 't', 'l', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'},
                bearer(token));
        assertThat(badUtf8.status()).isEqualTo(400);
        assertThat(count("SELECT count(*) FROM post", null)).isEqualTo(before);

        // script in every text field is shown as text on every public view
        var script = "<script>alert(1)</script>";
        var hostile = new HashMap<String, Object>(Map.of(
                "language", "en",
                "title", "Title " + script,
                "summary", "Summary " + script,
                "body", "Body " + script + " [x](javascript:alert(1)) <img src=x onerror=alert(1)>"));
        var written = write(http, token, hostile);
        assertThat(written.status()).isEqualTo(201);
        var id = written.json().get("id").asString();
        var number = written.json().get("number").asLong();
        assertThat(publish(http, token, id, written.json().get("version").asLong(), null)
                        .status())
                .isEqualTo(200);
        var page = http.get("/o/" + slug + "/posts/" + number);
        assertThat(page.html().select("script, img")).isEmpty();
        assertThat(page.html().select("h1").text()).isEqualTo("Title " + script);
        assertThat(page.html().select(".post-body a[href^=javascript]")).isEmpty();
        var feed = http.get("/o/" + slug + "/feed.atom");
        assertThat(schemaErrors(feed.bytes())).isEmpty();
        assertThat(feed.body()).doesNotContain("<script>").contains("&lt;script&gt;");
        var account = http.get("/o/" + slug + "?q=" + "Title");
        assertThat(account.html().select("script")).isEmpty();
    }

    @Test
    void anEditorWritesTranslatesAndPublishesThroughThePagesWithoutScript() {
        var http = new Http(port);
        var editor = organization.invite(http, "Page Editor", "EDITOR");
        var slug = homeSlug(http);
        var page = new Http(port);
        organization.logInThroughPage(page, editor);
        var cases = page.get("/account").html();
        assertThat(cases.select("nav a[href=/posts]"))
                .as("the header leads editors to their posts")
                .isNotEmpty();

        var form = page.get("/posts/new").html();
        var csrf = form.selectFirst("form[action=/posts/new] input[name=_csrf]").val();
        var title = "Poster week " + UUID.randomUUID();
        var refused = page.form("/posts/new", Map.of("_csrf", csrf, "language", "en", "title", "", "body", "Text"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.html().select("#title[aria-invalid=true]")).hasSize(1);
        var written = page.form(
                "/posts/new",
                Map.of(
                        "_csrf", csrf,
                        "language", "en",
                        "title", title,
                        "summary", "Posters in every office",
                        "body", "We put up **posters**.",
                        "tags", "posters, Campaign"));
        assertThat(written.status()).isEqualTo(302);
        var location =
                java.net.URI.create(written.header("Location").orElseThrow()).getPath();
        var edit = page.get(location).html();
        assertThat(edit.select("#tags").val()).isEqualTo("posters, campaign");
        var translate = edit.select("a[href*=translationOf]").stream()
                .filter(a -> a.attr("href").contains("language=zh-CN"))
                .findFirst()
                .orElseThrow()
                .attr("href");
        var translationForm = page.get(translate).html();
        assertThat(translationForm.select("#language option[selected]").val()).isEqualTo("zh-CN");
        assertThat(translationForm.select("#tags").val())
                .as("a translation starts from the original")
                .isEqualTo("posters, campaign");
        assertThat(translationForm.select("#body").text()).isEqualTo("We put up **posters**.");
        var translated = page.form(
                "/posts/new",
                Map.of(
                        "_csrf", csrf,
                        "language", "zh-CN",
                        "title", "海报周",
                        "body", "我们在每个办公室张贴**海报**。",
                        "translationOf",
                                translationForm
                                        .selectFirst("input[name=translationOf]")
                                        .val()));
        assertThat(translated.status()).isEqualTo(302);

        var version =
                edit.selectFirst("form[action$=/publish] input[name=version]").val();
        var published = page.form(location + "/publish", Map.of("_csrf", csrf, "version", version));
        assertThat(published.status()).isEqualTo(302);
        var after = page.get(location).html();
        assertThat(published.header("Location").orElseThrow()).endsWith(location + "?moved");
        assertThat(after.select("form[action$=/withdraw] button").text()).isNotBlank();
        var desk = page.get("/posts").html();
        assertThat(desk.select("td a").eachText()).contains(title, "海报周");

        var account = http.get("/o/" + slug + "?tag=posters").html();
        assertThat(account.select("article h3").eachText()).containsExactly(title);
        assertThat(account.select("script")).isEmpty();
    }

    @Test
    void editorsWritingAtOnceGetDistinctNumbersAndOneTranslationPerLanguage() throws Exception {
        var http = new Http(port);
        var editor = organization.invite(http, "Busy Editor", "EDITOR");
        var token = organization.token(http, editor);
        var original = write(http, token, Map.of("language", "en", "title", "Original", "body", "x"))
                .json();
        var statuses = java.util.Collections.synchronizedList(new ArrayList<Integer>());
        var numbers = java.util.Collections.synchronizedList(new ArrayList<Long>());
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            var tasks = new ArrayList<java.util.concurrent.Future<?>>();
            for (int i = 0; i < 8; i++) {
                var n = i;
                tasks.add(pool.submit(() -> {
                    var mine = new Http(port);
                    var written = write(mine, token, Map.of("language", "en", "title", "At once " + n, "body", "x"));
                    statuses.add(written.status());
                    numbers.add(written.json().get("number").asLong());
                    var translated = write(
                            mine,
                            token,
                            Map.of(
                                    "language",
                                    "zh-CN",
                                    "title",
                                    "同时 " + n,
                                    "body",
                                    "x",
                                    "translationOf",
                                    original.get("id").asString()));
                    statuses.add(translated.status());
                }));
            }
            for (var task : tasks) {
                task.get();
            }
        }
        assertThat(numbers).hasSize(8).doesNotHaveDuplicates();
        assertThat(statuses.stream().filter(status -> status == 201))
                .as(statuses.toString())
                .hasSize(9);
        assertThat(statuses.stream().filter(status -> status == 422))
                .as(statuses.toString())
                .hasSize(7);
    }

    private static List<String> schemaErrors(byte[] xml) throws Exception {
        var errors = new ArrayList<String>();
        ErrorHandler handler = new ErrorHandler() {
            public void warning(SAXParseException e) {}

            public void error(SAXParseException e) {
                errors.add(e.getLineNumber() + ": " + e.getMessage());
            }

            public void fatalError(SAXParseException e) {
                errors.add(e.getLineNumber() + ": " + e.getMessage());
            }
        };
        var properties = new PropertyMapBuilder();
        properties.put(ValidateProperty.ERROR_HANDLER, handler);
        var driver = new ValidationDriver(properties.toPropertyMap(), CompactSchemaReader.getInstance());
        var schema = PublishingIntegrationTests.class.getResource("/atom/atom.rnc");
        assertThat(driver.loadSchema(new InputSource(schema.toString())))
                .as("the schema loads")
                .isTrue();
        var valid = driver.validate(new InputSource(new ByteArrayInputStream(xml)));
        assertThat(valid).as(errors.toString()).isEqualTo(errors.isEmpty());
        return errors;
    }

    private String homeSlug(Http http) {
        return jdbc.sql("SELECT slug FROM organization WHERE id = ?")
                .param(organization.organizationId(http))
                .query(String.class)
                .single();
    }

    private static Http.Response write(Http http, String token, Map<String, ?> body) {
        return http.json("POST", "/api/v1/posts", body, bearer(token));
    }

    private static Http.Response publish(Http http, String token, String id, long version, String at) {
        var body = new HashMap<String, Object>();
        body.put("version", version);
        if (at != null) {
            body.put("publishAt", at);
        }
        return http.json("POST", "/api/v1/posts/" + id + "/publish", body, bearer(token));
    }

    private static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }

    private long count(String sql, Object parameter) {
        var statement = jdbc.sql(sql);
        return (parameter == null ? statement : statement.param(parameter))
                .query(Long.class)
                .single();
    }
}
