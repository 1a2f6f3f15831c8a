package org.tipline.publishing.web;

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
import org.tipline.publishing.PostRevision;
import org.tipline.publishing.Posts;
import org.tipline.shared.InvalidInput;
import org.tipline.shared.Languages;
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
            long version) {}

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
            List<Translation> translations) {}

    record Translation(long number, String language) {}

    record PublicPage(List<PublicView> posts, @Nullable String next) {}

    private final Posts posts;
    private final Organizations organizations;
    private final java.time.Clock clock;

    PostsApiController(Posts posts, Organizations organizations, java.time.Clock clock) {
        this.posts = posts;
        this.organizations = organizations;
        this.clock = clock;
    }

    @GetMapping("/api/v1/posts")
    List<EditorView> desk(@AuthenticationPrincipal StaffPrincipal editor) {
        return posts.desk(editor).stream().map(this::editorView).toList();
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
            @RequestParam(name = "lang", required = false) @Nullable String language) {
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
        return new PublicPage(
                page.posts().stream().map(this::publicView).toList(),
                page.next() == null ? null : page.next().encoded());
    }

    @GetMapping("/api/v1/organizations/{organization}/posts/{number}")
    PublicView published(@PathVariable String organization, @PathVariable String number) {
        var found = organizations.bySlug(organization).orElseThrow(() -> new NoSuchElementException("No such post"));
        if (!number.matches("[1-9][0-9]{0,17}")) {
            throw new NoSuchElementException("No such post");
        }
        return posts.visible(found.id(), Long.parseLong(number))
                .map(this::publicView)
                .orElseThrow(() -> new NoSuchElementException("No such post"));
    }

    private PublicView publicView(Post post) {
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
                        .toList());
    }

    private EditorView editorView(Post post) {
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
                post.version());
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
