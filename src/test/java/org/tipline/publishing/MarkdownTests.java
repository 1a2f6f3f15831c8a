package org.tipline.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tipline.publishing.internal.Markdown;

/**
 * What an editor's Markdown may become on a public page: text and plain structure, links to http,
 * https and mailto with rel="nofollow noopener noreferrer" — and nothing that runs, loads or
 * styles, whatever the source tries.
 */
class MarkdownTests {

    private final Markdown markdown = new Markdown();

    @Test
    void plainMarkdownKeepsItsStructure() {
        var html = markdown.render("""
                ## How to report

                Use the *form* or **call**. See [the guide](https://example.org/guide "Guide").

                1. One
                2. Two

                > A quote

                `code` and 举报渠道
                """);
        var page = Jsoup.parseBodyFragment(html);
        assertThat(page.select("h2").text()).isEqualTo("How to report");
        assertThat(page.select("em").text()).isEqualTo("form");
        assertThat(page.select("strong").text()).isEqualTo("call");
        assertThat(page.select("ol li")).hasSize(2);
        assertThat(page.select("blockquote").text()).isEqualTo("A quote");
        assertThat(page.select("code").text()).isEqualTo("code");
        assertThat(html).contains("举报渠道");
        var link = page.selectFirst("a");
        assertThat(link).isNotNull();
        assertThat(link.attr("href")).isEqualTo("https://example.org/guide");
        assertThat(link.attr("rel").split(" ")).contains("nofollow", "noopener", "noreferrer");
        assertThat(link.hasAttr("title")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "<script>alert(1)</script>",
                "Hello <script>alert(1)</script> world",
                "<img src=x onerror=alert(1)>",
                "<svg><script>alert(1)</script></svg>",
                "<svg onload=alert(1)>",
                "<iframe src=\"https://evil.example\"></iframe>",
                "<a href=\"javascript:alert(1)\">click</a>",
                "[click](javascript:alert(1))",
                "[click](JaVaScRiPt:alert(1))",
                "[click](java\tscript:alert(1))",
                "[click](&#106;avascript:alert(1))",
                "[click](vbscript:msgbox(1))",
                "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
                "![x](javascript:alert(1))",
                "![x](https://tracker.example/pixel.gif)",
                "<div style=\"background:url(javascript:alert(1))\">x</div>",
                "<form action=https://evil.example><input name=p></form>",
                "<object data=x></object><embed src=x>",
                "<style>body{display:none}</style>",
                "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
                "<<script>script>alert(1)<</script>/script>",
                "<a href=\"https://ok.example\" onclick=\"alert(1)\">ok</a>",
                "<base href=\"https://evil.example/\">",
                "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">",
                "[x](https://ok.example\" onmouseover=\"alert(1))"
            })
    void nothingThatRunsLoadsOrStylesSurvives(String source) {
        var html = markdown.render(source);
        var page = Jsoup.parseBodyFragment(html);
        assertThat(page.select("script, style, iframe, object, embed, form, input, svg, math, img, base, meta"))
                .as(html)
                .isEmpty();
        page.getAllElements()
                .forEach(element -> element.attributes().forEach(attribute -> {
                    assertThat(attribute.getKey())
                            .as(html)
                            .doesNotStartWith("on")
                            .isNotEqualTo("style");
                    if (attribute.getKey().equals("href")) {
                        assertThat(attribute.getValue()).as(html).matches("(?i)(https?:|mailto:).*");
                    }
                }));
        assertThat(html.toLowerCase(java.util.Locale.ROOT)).doesNotContain("<script");
    }

    @Test
    void rawHtmlIsShownAsTextNotDropped() {
        var html = markdown.render("Type <b>bold</b> like this");
        assertThat(Jsoup.parseBodyFragment(html).text()).isEqualTo("Type <b>bold</b> like this");
        assertThat(Jsoup.parseBodyFragment(html).select("b")).isEmpty();
    }
}
