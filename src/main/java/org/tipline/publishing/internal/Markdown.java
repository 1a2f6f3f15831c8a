package org.tipline.publishing.internal;

import java.util.regex.Pattern;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.springframework.stereotype.Component;

/**
 * Renders an editor's Markdown (CommonMark) to HTML a public page can show: raw HTML in the source
 * is shown as text, not markup, and the rendered HTML passes an allow-list sanitiser, so what reaches
 * a reader is text, headings, lists, quotes, code, emphasis and links to http, https and mailto —
 * never script, styles, frames, forms or event attributes, whatever the source says.
 */
@Component
public class Markdown {

    private static final Parser PARSER = Parser.builder().build();

    private static final HtmlRenderer RENDERER =
            HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

    private static final PolicyFactory POLICY = new HtmlPolicyBuilder()
            .allowElements(
                    "p",
                    "h1",
                    "h2",
                    "h3",
                    "h4",
                    "h5",
                    "h6",
                    "ul",
                    "ol",
                    "li",
                    "blockquote",
                    "pre",
                    "code",
                    "em",
                    "strong",
                    "a",
                    "hr",
                    "br")
            .allowAttributes("start")
            .matching(Pattern.compile("[0-9]{1,9}"))
            .onElements("ol")
            .allowAttributes("href")
            // the renderer empties a link it will not keep; a link to nowhere is no link
            .matching((element, attribute, value) -> value.isBlank() ? null : value)
            .onElements("a")
            .allowUrlProtocols("http", "https", "mailto")
            .requireRelsOnLinks("nofollow", "noopener", "noreferrer")
            .toFactory();

    /** Returns the sanitised HTML of {@code markdown}. */
    public String render(String markdown) {
        return POLICY.sanitize(RENDERER.render(PARSER.parse(markdown)));
    }
}
