package org.tipline.publishing.web;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.context.request.WebRequest;
import org.tipline.accounts.Organizations;
import org.tipline.channels.Channel;
import org.tipline.channels.Channels;
import org.tipline.mailbox.ReporterPages;
import org.tipline.publishing.Campaigns;
import org.tipline.publishing.Post;
import org.tipline.publishing.PostImages;
import org.tipline.publishing.Posts;
import org.tipline.shared.Languages;

/**
 * An organisation's public account: {@code /o/<organisation>} lists its channels and its posts
 * (newest first, by tag, by search, page by page), {@code /o/<organisation>/posts/<number>} shows
 * one post, and the Atom feeds follow them. Pages need no script; each answers with an entity tag
 * built from what it shows, so a revisit costs a 304.
 */
@Controller
class PublicAccountController {

    /** How long a browser or proxy may reuse a public page without asking. */
    static final Duration FRESH = Duration.ofSeconds(60);

    private final Organizations organizations;
    private final Channels channels;
    private final Posts posts;
    private final ReporterPages pages;
    private final AtomFeeds feeds;
    private final java.time.Clock clock;
    private final Campaigns campaigns;
    private final PostImages images;

    PublicAccountController(
            Organizations organizations,
            Channels channels,
            Posts posts,
            ReporterPages pages,
            AtomFeeds feeds,
            java.time.Clock clock,
            Campaigns campaigns,
            PostImages images) {
        this.images = images;
        this.campaigns = campaigns;
        this.clock = clock;
        this.organizations = organizations;
        this.channels = channels;
        this.posts = posts;
        this.pages = pages;
        this.feeds = feeds;
    }

    @GetMapping("/o/{organization}")
    @Nullable
    String account(
            @PathVariable String organization,
            @RequestParam(required = false) @Nullable String tag,
            @RequestParam(name = "q", required = false) @Nullable String search,
            @RequestParam(required = false) @Nullable String after,
            Locale locale,
            WebRequest request,
            Model model) {
        var found = organizations
                .bySlug(organization)
                .orElseThrow(() -> new NoSuchElementException("No such organisation"));
        var open = channels.published(found.id());
        var wantedTag = tag == null || tag.isBlank() ? null : tag.strip().toLowerCase(Locale.ROOT);
        var wantedSearch = search == null || search.isBlank() ? null : search.strip();
        if (wantedSearch != null && wantedSearch.length() > 200) {
            wantedSearch = wantedSearch.substring(0, 200);
        }
        var etag = etag(found, open, locale, posts.lastChange(found.id()), "account", wantedTag, wantedSearch, after);
        if (request.checkNotModified(etag)) {
            return null;
        }
        var page = posts.visible(found.id(), locale, wantedTag, wantedSearch, Posts.Cursor.parse(after));
        model.addAttribute("organization", found);
        model.addAttribute("brand", found);
        model.addAttribute("channels", open);
        model.addAttribute("prefix", "/r/" + found.slug() + "/");
        model.addAttribute("posts", page.posts());
        model.addAttribute("next", page.next() == null ? null : page.next().encoded());
        model.addAttribute("tag", wantedTag);
        model.addAttribute("q", wantedSearch);
        pages.safety(model);
        cacheable(request);
        return "publishing/account";
    }

    @GetMapping("/o/{organization}/posts/{number}")
    @Nullable
    String post(
            @PathVariable String organization,
            @PathVariable String number,
            Locale locale,
            WebRequest request,
            Model model) {
        var found = organizations.bySlug(organization).orElseThrow(() -> new NoSuchElementException("No such post"));
        var post = parse(number)
                .flatMap(n -> posts.visible(found.id(), n))
                .orElseThrow(() -> new NoSuchElementException("No such post"));
        var open = channels.published(found.id());
        // a post in a campaign leads through the campaign's link, so the reports it brings count there
        var campaign = campaigns.ofPost(post);
        var campaignChannel = campaign.flatMap(c -> open.stream()
                .filter(channel -> channel.id().equals(c.channel()))
                .findFirst());
        var campaignCode = campaignChannel.isPresent() ? campaign.orElseThrow().code() : "";
        if (request.checkNotModified(
                etag(found, open, locale, posts.lastChange(found.id()), "post", number, campaignCode))) {
            return null;
        }
        var now = clock.instant();
        model.addAttribute("organization", found);
        model.addAttribute("brand", found);
        model.addAttribute("post", post);
        model.addAttribute(
                "panels",
                images.of(post).stream()
                        .map(image -> Panel.of(found.slug(), image))
                        .toList());
        model.addAttribute(
                "translations",
                posts.translations(post).stream()
                        .filter(other -> !other.id().equals(post.id()) && other.visibleAt(now))
                        .toList());
        model.addAttribute("channel", campaignChannel.orElseGet(() -> callToAction(post, open)));
        model.addAttribute("campaignLink", campaignCode.isEmpty() ? null : "/o/" + found.slug() + "/c/" + campaignCode);
        model.addAttribute("channels", open);
        model.addAttribute("prefix", "/r/" + found.slug() + "/");
        pages.safety(model);
        cacheable(request);
        return "publishing/post";
    }

    /**
     * A campaign's link: counts one view (a number for the day, nothing about the visitor) and
     * leads on to the campaign's channel form, which carries the code into the report.
     */
    @GetMapping("/o/{organization}/c/{code}")
    ResponseEntity<Void> campaign(
            @PathVariable String organization, @PathVariable String code, HttpServletRequest request) {
        var found =
                organizations.bySlug(organization).orElseThrow(() -> new NoSuchElementException("No such campaign"));
        // a HEAD (a link checker, a preview) is answered alike but not counted
        var campaign = campaigns
                .follow(found.id(), code, HttpMethod.GET.matches(request.getMethod()))
                .orElseThrow(() -> new NoSuchElementException("No such campaign"));
        var channel = channels.published(found.id()).stream()
                .filter(open -> open.id().equals(campaign.channel()))
                .findFirst();
        var target = channel.map(open -> "/r/" + found.slug() + "/" + open.slug() + "?c=" + campaign.code())
                .orElse("/o/" + found.slug());
        return ResponseEntity.status(303)
                .location(java.net.URI.create(target))
                .cacheControl(CacheControl.noStore())
                .build();
    }

    /**
     * An image file of a visible post. Its address never serves other bytes (an image's files do
     * not change; a new upload is a new image), but a withdrawn post's images must go: an hour.
     */
    @GetMapping("/o/{organization}/images/{image}/{width}")
    ResponseEntity<byte[]> image(
            @PathVariable String organization, @PathVariable String image, @PathVariable String width) {
        var found = organizations.bySlug(organization).orElseThrow(() -> new NoSuchElementException("No such image"));
        java.util.UUID id;
        int pixels;
        try {
            id = java.util.UUID.fromString(image);
            pixels = Integer.parseInt(width);
        } catch (IllegalArgumentException e) {
            throw new NoSuchElementException("No such image");
        }
        var file = images.publicFile(found.id(), id, pixels)
                .orElseThrow(() -> new NoSuchElementException("No such image"));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(file.contentType()))
                .cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePublic())
                .eTag("\"" + id + "-" + pixels + "\"")
                .header("Content-Security-Policy", "default-src 'none'")
                .body(file.bytes());
    }

    @GetMapping(value = "/o/{organization}/feed.atom")
    ResponseEntity<byte[]> feed(
            @PathVariable String organization,
            @RequestParam(name = "lang", required = false) @Nullable String language,
            HttpServletRequest request,
            WebRequest web) {
        return atom(organization, null, language, request, web);
    }

    @GetMapping(value = "/o/{organization}/tags/{tag}/feed.atom")
    ResponseEntity<byte[]> tagFeed(
            @PathVariable String organization,
            @PathVariable String tag,
            @RequestParam(name = "lang", required = false) @Nullable String language,
            HttpServletRequest request,
            WebRequest web) {
        return atom(organization, tag.toLowerCase(Locale.ROOT), language, request, web);
    }

    /** A feed of every translation, or of one language when {@code lang} names a supported one. */
    private ResponseEntity<byte[]> atom(
            String organization,
            @Nullable String tag,
            @Nullable String language,
            HttpServletRequest request,
            WebRequest web) {
        var found = organizations.bySlug(organization).orElseThrow(() -> new NoSuchElementException("No such feed"));
        var only = language != null && Languages.isSupported(language) ? Languages.resolve(language, null) : null;
        var changed = posts.lastChange(found.id());
        var etag = etag(found, java.util.List.of(), only == null ? Locale.ROOT : only, changed, "feed", tag);
        if (web.checkNotModified(etag)) {
            return ResponseEntity.status(304).eTag(etag).build();
        }
        var entries = posts.feed(found.id(), tag, only);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/atom+xml;charset=UTF-8"))
                .cacheControl(CacheControl.maxAge(FRESH).cachePublic())
                .eTag(etag)
                .body(feeds.feed(found, tag, entries, changed.orElse(java.time.Instant.EPOCH), request));
    }

    /** An image as the post page shows it: its file for a page 960 pixels wide, and every width. */
    record Panel(String src, String srcset, int width, int height, String alt, String caption) {
        static Panel of(String organization, org.tipline.publishing.PostImage image) {
            var shown = image.widthFor(960);
            var base = "/o/" + organization + "/images/" + image.id() + "/";
            return new Panel(
                    base + shown,
                    image.widths().stream()
                            .map(width -> base + width + " " + width + "w")
                            .collect(java.util.stream.Collectors.joining(", ")),
                    shown,
                    image.heightAt(shown),
                    image.alt(),
                    image.caption());
        }
    }

    private static @Nullable Channel callToAction(Post post, java.util.List<Channel> open) {
        if (post.channel() != null) {
            for (var channel : open) {
                if (channel.id().equals(post.channel())) {
                    return channel;
                }
            }
        }
        return open.size() == 1 ? open.getFirst() : null;
    }

    private static java.util.Optional<Long> parse(String number) {
        if (!number.matches("[1-9][0-9]{0,17}")) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(Long.parseLong(number));
    }

    private void cacheable(WebRequest request) {
        if (request instanceof org.springframework.web.context.request.ServletWebRequest servlet
                && servlet.getResponse() != null) {
            servlet.getResponse()
                    .setHeader(
                            HttpHeaders.CACHE_CONTROL,
                            CacheControl.maxAge(FRESH).cachePublic().getHeaderValue());
            servlet.getResponse().addHeader(HttpHeaders.VARY, "Accept-Language");
        }
    }

    /**
     * An entity tag for what a page shows: the organisation as named, its open channels, the posts'
     * last change, the language and the page's own parameters.
     */
    private static String etag(
            Organizations.Organization organization,
            java.util.List<Channel> open,
            Locale locale,
            java.util.Optional<java.time.Instant> lastChange,
            @Nullable String... page) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            var parts = new StringBuilder()
                    .append(organization.id())
                    .append('\0')
                    .append(organization.name())
                    .append('\0')
                    .append(organization.logoVersion())
                    .append('\0')
                    .append(locale.toLanguageTag())
                    .append('\0')
                    .append(lastChange.map(Object::toString).orElse(""));
            for (var part : page) {
                parts.append('\0').append(part);
            }
            for (var channel : open) {
                parts.append('\0').append(channel.id()).append(channel.slug()).append(channel.name());
            }
            var hash = digest.digest(parts.toString().getBytes(StandardCharsets.UTF_8));
            return "\"" + HexFormat.of().formatHex(hash, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
