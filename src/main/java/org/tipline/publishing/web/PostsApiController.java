package org.tipline.publishing.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.tipline.accounts.Organizations;
import org.tipline.channels.ChannelId;
import org.tipline.publishing.Post;
import org.tipline.publishing.PostDraft;
import org.tipline.publishing.PostId;
import org.tipline.publishing.PostImage;
import org.tipline.publishing.PostImages;
import org.tipline.publishing.PostRevision;
import org.tipline.publishing.Posts;
import org.tipline.publishing.TransparencyReports;
import org.tipline.shared.InvalidInput;
import org.tipline.shared.Languages;
import org.tipline.shared.PublicLinks;
import org.tipline.shared.StaffMultipart;
import org.tipline.shared.StaffPrincipal;

/**
 * Posts through the API: editors write, edit, publish, schedule and withdraw them under
 * {@code /api/v1/posts}; anyone reads an account's published posts under
 * {@code /api/v1/organizations/<organisation>/posts}, so other apps and bridges can republish them.
 */
@RestController
class PostsApiController {

    record Written(
            @Nullable String language,
            @Nullable String title,
            @Nullable String summary,
            @Nullable String body,
            @Nullable List<String> tags,
            @Nullable UUID channel,
            @Nullable UUID translationOf,
            @Nullable Long version) {}

    record Move(@Nullable Long version, @Nullable String publishAt) {}

    record Transparency(@Nullable Integer year, @Nullable String language) {}

    /** A post as editors see it. */
    record EditorView(
            UUID id,
            long number,
            String language,
            UUID translationGroup,
            String title,
            String summary,
            String body,
            String html,
            List<String> tags,
            @Nullable UUID channel,
            String stage,
            @Nullable Instant publishedAt,
            Instant updatedAt,
            int revision,
            long version,
            List<ImageView> images) {}

    /** An image of a post, with its files, widest last. */
    record ImageView(UUID id, int position, String alt, String caption, List<ImageFile> files) {}

    /** A file of an image: its size and address. */
    record ImageFile(int width, int height, String url) {}

    /** A published post as anyone sees it. */
    record PublicView(
            long number,
            String language,
            String title,
            String summary,
            String html,
            List<String> tags,
            Instant publishedAt,
            Instant updatedAt,
            List<Translation> translations,
            List<ImageView> images) {}

    record Translation(long number, String language) {}

    record PublicPage(List<PublicView> posts, @Nullable String next) {}

    private final Posts posts;
    private final PostImages images;
    private final TransparencyReports transparency;
    private final Organizations organizations;
    private final java.time.Clock clock;
    private final PublicLinks links;

    PostsApiController(
            Posts posts,
            PostImages images,
            TransparencyReports transparency,
            Organizations organizations,
            java.time.Clock clock,
            PublicLinks links) {
        this.transparency = transparency;
        this.images = images;
        this.links = links;
        this.posts = posts;
        this.organizations = organizations;
        this.clock = clock;
    }

    @GetMapping("/api/v1/posts")
    List<EditorView> desk(@AuthenticationPrincipal StaffPrincipal editor) {
        var all = posts.desk(editor);
        var pictures =
                images.of(editor.organization(), all.stream().map(Post::id).toList());
        return all.stream()
                .map(post -> editorView(post, pictures.getOrDefault(post.id(), List.of())))
                .toList();
    }

    /** Adds an image (multipart: {@code image}, {@code alt}, {@code caption}) after the post's last. */
    @PostMapping("/api/v1/posts/{id}/images")
    @ResponseStatus(HttpStatus.CREATED)
    ImageView addImage(
            @AuthenticationPrincipal StaffPrincipal editor, @PathVariable UUID id, HttpServletRequest request) {
        editor.require(org.tipline.shared.Role.EDITOR);
        var post = posts.get(editor, new PostId(id));
        var form = StaffMultipart.read(request, PostsController.IMAGE_LIMITS, false);
        var added = images.add(
                editor,
                post.id(),
                form.file() == null ? new byte[0] : form.file(),
                form.field("alt"),
                form.field("caption"));
        return imageView(null, added, request);
    }

    @DeleteMapping("/api/v1/posts/{id}/images/{image}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void removeImage(@AuthenticationPrincipal StaffPrincipal editor, @PathVariable UUID id, @PathVariable UUID image) {
        images.remove(editor, new PostId(id), image);
    }

    @PostMapping("/api/v1/posts")
    @ResponseStatus(HttpStatus.CREATED)
    EditorView write(@AuthenticationPrincipal StaffPrincipal editor, @RequestBody Written request) {
        var written = posts.write(
                editor,
                request.language() == null ? "" : request.language(),
                draft(request),
                request.translationOf() == null ? null : new PostId(request.translationOf()));
        return editorView(written);
    }

    /** Writes the transparency report of a year as a draft post. */
    @PostMapping("/api/v1/posts/transparency")
    @ResponseStatus(HttpStatus.CREATED)
    EditorView transparency(@AuthenticationPrincipal StaffPrincipal editor, @RequestBody Transparency request) {
        if (request.year() == null) {
            throw new InvalidInput(Map.of("year", "error.transparency.year"));
        }
        return editorView(
                transparency.draft(editor, request.year(), request.language() == null ? "" : request.language()));
    }

    @GetMapping("/api/v1/posts/{id}")
    EditorView get(@AuthenticationPrincipal StaffPrincipal editor, @PathVariable UUID id) {
        return editorView(posts.get(editor, new PostId(id)));
    }

    @PutMapping("/api/v1/posts/{id}")
    EditorView edit(
            @AuthenticationPrincipal StaffPrincipal editor, @PathVariable UUID id, @RequestBody Written request) {
        return editorView(posts.edit(editor, new PostId(id), version(request.version()), draft(request)));
    }

    @PostMapping("/api/v1/posts/{id}/publish")
    EditorView publish(
            @AuthenticationPrincipal StaffPrincipal editor, @PathVariable UUID id, @RequestBody Move request) {
        return editorView(posts.publish(editor, new PostId(id), version(request.version()), time(request.publishAt())));
    }

    @PostMapping("/api/v1/posts/{id}/withdraw")
    EditorView withdraw(
            @AuthenticationPrincipal StaffPrincipal editor, @PathVariable UUID id, @RequestBody Move request) {
        return editorView(posts.withdraw(editor, new PostId(id), version(request.version())));
    }

    @GetMapping("/api/v1/posts/{id}/revisions")
    List<PostRevision> revisions(@AuthenticationPrincipal StaffPrincipal editor, @PathVariable UUID id) {
        return posts.revisions(editor, new PostId(id));
    }

    @GetMapping("/api/v1/organizations/{organization}/posts")
    PublicPage published(
            @PathVariable String organization,
            @RequestParam(required = false) @Nullable String tag,
            @RequestParam(name = "q", required = false) @Nullable String search,
            @RequestParam(required = false) @Nullable String after,
            @RequestParam(name = "lang", required = false) @Nullable String language,
            HttpServletRequest request) {
        var found = organizations
                .bySlug(organization)
                .orElseThrow(() -> new NoSuchElementException("No such organisation"));
        var locale = Languages.resolve(language, null);
        var page = posts.visible(
                found.id(),
                locale,
                tag == null || tag.isBlank() ? null : tag.strip().toLowerCase(Locale.ROOT),
                search == null || search.length() > 200 ? null : search,
                Posts.Cursor.parse(after));
        var pictures = images.of(found.id(), page.posts().stream().map(Post::id).toList());
        return new PublicPage(
                page.posts().stream()
                        .map(post ->
                                publicView(post, found.slug(), pictures.getOrDefault(post.id(), List.of()), request))
                        .toList(),
                page.next() == null ? null : page.next().encoded());
    }

    @GetMapping("/api/v1/organizations/{organization}/posts/{number}")
    PublicView published(@PathVariable String organization, @PathVariable String number, HttpServletRequest request) {
        var found = organizations.bySlug(organization).orElseThrow(() -> new NoSuchElementException("No such post"));
        if (!number.matches("[1-9][0-9]{0,17}")) {
            throw new NoSuchElementException("No such post");
        }
        return posts.visible(found.id(), Long.parseLong(number))
                .map(post -> publicView(post, found.slug(), images.of(post), request))
                .orElseThrow(() -> new NoSuchElementException("No such post"));
    }

    private PublicView publicView(Post post, String slug, List<PostImage> pictures, HttpServletRequest request) {
        var now = clock.instant();
        return new PublicView(
                post.number(),
                post.language(),
                post.title(),
                post.summary(),
                post.html(),
                post.tags(),
                java.util.Objects.requireNonNull(post.publishedAt()),
                post.updatedAt(),
                posts.translations(post).stream()
                        .filter(other -> !other.id().equals(post.id()) && other.visibleAt(now))
                        .map(other -> new Translation(other.number(), other.language()))
                        .toList(),
                pictures.stream().map(image -> imageView(slug, image, request)).toList());
    }

    /**
     * An image with its files' public addresses, or with its editors' preview addresses (relative,
     * as the editor's own session reaches them) when {@code slug} is null.
     */
    private ImageView imageView(@Nullable String slug, PostImage image, @Nullable HttpServletRequest request) {
        return new ImageView(
                image.id(),
                image.position(),
                image.alt(),
                image.caption(),
                image.widths().stream()
                        .map(width -> new ImageFile(
                                width,
                                image.heightAt(width),
                                slug == null || request == null
                                        ? "/posts/" + image.post() + "/images/" + image.id() + "/" + width
                                        : links.link(
                                                request,
                                                "/o/{organization}/images/{image}/{width}",
                                                slug,
                                                image.id(),
                                                width)))
                        .toList());
    }

    private EditorView editorView(Post post) {
        return editorView(post, images.of(post));
    }

    private EditorView editorView(Post post, List<PostImage> pictures) {
        return new EditorView(
                post.id().value(),
                post.number(),
                post.language(),
                post.translationGroup(),
                post.title(),
                post.summary(),
                post.body(),
                post.html(),
                post.tags(),
                post.channel() == null ? null : post.channel().value(),
                post.stage(clock.instant()),
                post.publishedAt(),
                post.updatedAt(),
                post.revision(),
                post.version(),
                pictures.stream().map(image -> imageView(null, image, null)).toList());
    }

    private static PostDraft draft(Written request) {
        return new PostDraft(
                request.title() == null ? "" : request.title(),
                request.summary() == null ? "" : request.summary(),
                request.body() == null ? "" : request.body(),
                request.tags() == null
                        ? List.of()
                        : request.tags().stream().map(t -> t == null ? "" : t).toList(),
                request.channel() == null ? null : new ChannelId(request.channel()));
    }

    private static long version(@Nullable Long version) {
        if (version == null) {
            throw new InvalidInput(Map.of("version", "error.post.version"));
        }
        return version;
    }

    private static @Nullable Instant time(@Nullable String at) {
        if (at == null || at.isBlank()) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(at).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInput(Map.of("publishAt", "error.post.schedule-format"));
        }
    }
}
