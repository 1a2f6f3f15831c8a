package org.tipline.publishing;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tipline.audit.Actor;
import org.tipline.audit.AuditLog;
import org.tipline.channels.Channels;
import org.tipline.publishing.internal.Markdown;
import org.tipline.publishing.internal.PostStore;
import org.tipline.publishing.internal.PublicViews;
import org.tipline.shared.InvalidInput;
import org.tipline.shared.Languages;
import org.tipline.shared.OrganizationId;
import org.tipline.shared.Role;
import org.tipline.shared.StaffPrincipal;

/**
 * Posts on an organisation's public account: editors write, edit (each edit kept as a revision),
 * translate, schedule, publish and withdraw them; anyone reads what is published and due. Every
 * change by an editor is audited. The Markdown is rendered and sanitised when saved.
 */
@Service
public class Posts {

    /** The longest title. */
    public static final int TITLE_LIMIT = 200;

    /** The longest summary. */
    public static final int SUMMARY_LIMIT = 500;

    /** The longest body, in characters of Markdown. */
    public static final int BODY_LIMIT = 100_000;

    /** The most tags a post carries. */
    public static final int TAG_LIMIT = 10;

    /** How many posts a public page shows. */
    public static final int PAGE_SIZE = 20;

    private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}-]{0,39}");

    private final PostStore store;
    private final Markdown markdown;
    private final Channels channels;
    private final AuditLog audit;
    private final Clock clock;
    private final PublicViews views;

    Posts(PostStore store, Markdown markdown, Channels channels, AuditLog audit, Clock clock, PublicViews views) {
        this.views = views;
        this.store = store;
        this.markdown = markdown;
        this.channels = channels;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Writes a new draft in {@code language}; a translation of {@code translationOf} joins its
     * group, which may hold one post per language.
     *
     * @throws InvalidInput if the text, language or channel is not acceptable, or the original is
     *     not a post of the editor's organisation
     */
    @Transactional
    public Post write(StaffPrincipal editor, String language, PostDraft draft, @Nullable PostId translationOf) {
        editor.require(Role.EDITOR);
        store.lockNewPosts(editor.organization());
        var errors = check(editor.organization(), draft);
        var tag = language.strip();
        if (!Languages.isSupported(tag)) {
            errors.put("language", "error.post.language");
        }
        var group = UUID.randomUUID();
        if (translationOf != null) {
            var original = store.find(editor.organization(), translationOf);
            if (original.isEmpty()) {
                errors.put("translationOf", "error.post.translation-unknown");
            } else {
                group = original.get().translationGroup();
                var taken = store.group(editor.organization(), group).stream()
                        .anyMatch(post -> post.language().equalsIgnoreCase(tag));
                if (taken) {
                    errors.put("language", "error.post.translation-exists");
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        var now = now();
        var written = store.insert(
                new Post(
                        new PostId(UUID.randomUUID()),
                        editor.organization(),
                        1,
                        group,
                        canonical(tag),
                        draft.title().strip(),
                        draft.summary().strip(),
                        draft.body(),
                        markdown.render(draft.body()),
                        tags(draft.tags()),
                        draft.channel(),
                        Post.Status.DRAFT,
                        null,
                        now,
                        now,
                        1,
                        0),
                editor.id());
        audit.record(
                editor.organization(),
                Actor.staff(editor.id()),
                new PublishingAudit.PostWritten(written.id(), written.language()));
        views.changed();
        return written;
    }

    /**
     * Saves new text for a post, keeping the text it replaces as a revision.
     *
     * @throws InvalidInput if the text or channel is not acceptable
     * @throws PostRefused if someone saved the post since {@code version}
     */
    @Transactional
    public Post edit(StaffPrincipal editor, PostId id, long version, PostDraft draft) {
        editor.require(Role.EDITOR);
        var current = get(editor, id);
        var errors = check(editor.organization(), draft);
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        var changed = new Post(
                current.id(),
                current.organization(),
                current.number(),
                current.translationGroup(),
                current.language(),
                draft.title().strip(),
                draft.summary().strip(),
                draft.body(),
                markdown.render(draft.body()),
                tags(draft.tags()),
                draft.channel(),
                current.status(),
                current.publishedAt(),
                current.createdAt(),
                current.updatedAt(),
                current.revision(),
                current.version());
        if (current.version() != version || !store.saveText(changed, version, editor.id(), now())) {
            throw PostRefused.changedMeanwhile();
        }
        var saved = get(editor, id);
        views.changed();
        audit.record(
                editor.organization(), Actor.staff(editor.id()), new PublishingAudit.PostEdited(id, saved.revision()));
        return saved;
    }

    /**
     * Publishes a draft now, or schedules it for {@code at}; a scheduled post may be moved to another
     * time or published now the same way.
     *
     * @throws InvalidInput if {@code at} is not in the future
     * @throws PostRefused if the post is withdrawn or published already, or someone saved it since
     *     {@code version}
     */
    @Transactional
    public Post publish(StaffPrincipal editor, PostId id, long version, @Nullable Instant at) {
        editor.require(Role.EDITOR);
        var current = get(editor, id);
        var now = now();
        if (at != null && !at.isAfter(now)) {
            throw new InvalidInput(java.util.Map.of("publishAt", "error.post.schedule-past"));
        }
        var scheduled = current.status() == Post.Status.PUBLISHED && !current.visibleAt(now);
        if (current.status() != Post.Status.DRAFT && !scheduled) {
            throw PostRefused.notAllowed(current.status(), "published");
        }
        var when = at == null ? now : at.truncatedTo(ChronoUnit.MICROS);
        return move(editor, current, version, Post.Status.PUBLISHED, when, at == null ? "PUBLISHED" : "SCHEDULED");
    }

    /**
     * Takes a published post off the public account, or a scheduled one back to draft.
     *
     * @throws PostRefused if it is a draft or withdrawn already, or someone saved it since {@code version}
     */
    @Transactional
    public Post withdraw(StaffPrincipal editor, PostId id, long version) {
        editor.require(Role.EDITOR);
        var current = get(editor, id);
        if (current.status() != Post.Status.PUBLISHED) {
            throw PostRefused.notAllowed(current.status(), "withdrawn");
        }
        if (!current.visibleAt(now())) {
            return move(editor, current, version, Post.Status.DRAFT, null, "DRAFT");
        }
        return move(editor, current, version, Post.Status.WITHDRAWN, current.publishedAt(), "WITHDRAWN");
    }

    /** Returns a post of the editor's organisation, in any state. */
    @Transactional(readOnly = true)
    public Post get(StaffPrincipal editor, PostId id) {
        editor.require(Role.EDITOR);
        return store.find(editor.organization(), id).orElseThrow(() -> new NoSuchElementException("No such post"));
    }

    /** Returns the posts of the editor's organisation, last changed first. */
    @Transactional(readOnly = true)
    public List<Post> desk(StaffPrincipal editor) {
        editor.require(Role.EDITOR);
        return store.desk(editor.organization(), 500);
    }

    /** Returns the revisions of a post's text, newest first. */
    @Transactional(readOnly = true)
    public List<PostRevision> revisions(StaffPrincipal editor, PostId id) {
        get(editor, id);
        return store.revisions(editor.organization(), id);
    }

    /** Returns the translations of {@code post} (itself included), in language order. */
    @Transactional(readOnly = true)
    public List<Post> translations(Post post) {
        return store.group(post.organization(), post.translationGroup());
    }

    /** One page of an account's posts, and where the next starts (null when this is the last). */
    public record Page(List<Post> posts, @Nullable Cursor next) {
        public Page {
            posts = List.copyOf(posts);
        }
    }

    /** Where a page of posts starts: after the post published at {@code at} with {@code id}. */
    public record Cursor(Instant at, UUID id) {
        /** Returns the cursor as it appears in a link. */
        public String encoded() {
            return (at.getEpochSecond() * 1_000_000 + at.getNano() / 1_000) + "-" + id;
        }

        /** Reads a cursor from a link; null when it is not one. */
        public static @Nullable Cursor parse(@Nullable String value) {
            if (value == null || value.length() > 60) {
                return null;
            }
            var dash = value.indexOf('-');
            try {
                var micros = Long.parseLong(value.substring(0, dash));
                return new Cursor(
                        Instant.EPOCH.plus(micros, ChronoUnit.MICROS), UUID.fromString(value.substring(dash + 1)));
            } catch (RuntimeException e) {
                return null;
            }
        }
    }

    /**
     * Returns a page of the posts the public sees on {@code organization}'s account: newest first,
     * one per translation group, in {@code language} where there is a translation.
     */
    @Transactional(readOnly = true)
    public Page visible(
            OrganizationId organization,
            Locale language,
            @Nullable String tag,
            @Nullable String search,
            @Nullable Cursor after) {
        var rows = store.visible(
                organization,
                language.toLanguageTag(),
                tag,
                search == null || search.isBlank() ? null : search.strip(),
                now(),
                after == null ? null : after.at(),
                after == null ? null : after.id(),
                PAGE_SIZE + 1);
        var more = rows.size() > PAGE_SIZE;
        var shown = more ? rows.subList(0, PAGE_SIZE) : rows;
        var next = more
                ? new Cursor(
                        java.util.Objects.requireNonNull(shown.getLast().publishedAt()),
                        shown.getLast().id().value())
                : null;
        return new Page(shown, next);
    }

    /** How many entries a feed carries. */
    public static final int FEED_SIZE = 50;

    /**
     * Returns the latest posts of {@code organization} the public sees, every translation its own
     * entry, or only those in {@code language}: what its feed carries.
     */
    @Transactional(readOnly = true)
    public List<Post> feed(OrganizationId organization, @Nullable String tag, @Nullable Locale language) {
        return store.feed(organization, tag, language == null ? null : language.toLanguageTag(), now(), FEED_SIZE);
    }

    /** Returns post number {@code number} of {@code organization} if the public sees it now. */
    @Transactional(readOnly = true)
    public Optional<Post> visible(OrganizationId organization, long number) {
        var now = now();
        return store.byNumber(organization, number).filter(post -> post.visibleAt(now));
    }

    /** Returns when what the public sees of {@code organization}'s posts last changed, if ever. */
    @Transactional(readOnly = true)
    public Optional<Instant> lastChange(OrganizationId organization) {
        return Optional.ofNullable(store.lastChange(organization, now()));
    }

    private Post move(
            StaffPrincipal editor,
            Post current,
            long version,
            Post.Status status,
            @Nullable Instant publishedAt,
            String stage) {
        if (current.version() != version
                || !store.move(current.id(), editor.organization(), version, status, publishedAt, now())) {
            throw PostRefused.changedMeanwhile();
        }
        audit.record(
                editor.organization(), Actor.staff(editor.id()), new PublishingAudit.PostMoved(current.id(), stage));
        views.changed();
        return get(editor, current.id());
    }

    private HashMap<String, String> check(OrganizationId organization, PostDraft draft) {
        var errors = new HashMap<String, String>();
        var title = draft.title().strip();
        if (title.isEmpty() || title.length() > TITLE_LIMIT || hasControl(title)) {
            errors.put("title", "error.post.title");
        }
        if (draft.summary().strip().length() > SUMMARY_LIMIT || hasControl(draft.summary())) {
            errors.put("summary", "error.post.summary");
        }
        if (draft.body().isBlank() || draft.body().length() > BODY_LIMIT || hasControl(draft.body())) {
            errors.put("body", "error.post.body");
        }
        if (draft.tags().size() > TAG_LIMIT
                || draft.tags().stream()
                        .anyMatch(tag ->
                                tag.length() > 40 || !TAG.matcher(tag.strip()).matches())) {
            errors.put("tags", "error.post.tags");
        }
        var channel = draft.channel();
        if (channel != null
                && channels.find(channel)
                        .filter(found -> found.organizationId().equals(organization))
                        .isEmpty()) {
            errors.put("channel", "error.post.channel");
        }
        return errors;
    }

    /**
     * Returns whether {@code text} holds what no page or feed can carry: control characters other
     * than tab and line breaks, non-characters, or halves of a surrogate pair on their own.
     */
    static boolean hasControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            var c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return true;
                }
                i++;
            } else if (Character.isLowSurrogate(c)
                    || (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')
                    || c == '\uFFFE'
                    || c == '\uFFFF') {
                return true;
            }
        }
        return false;
    }

    private static List<String> tags(List<String> tags) {
        return new ArrayList<>(new LinkedHashSet<>(
                tags.stream().map(tag -> tag.strip().toLowerCase(Locale.ROOT)).toList()));
    }

    private static String canonical(String tag) {
        return Languages.SUPPORTED_TAGS.stream()
                .filter(supported -> supported.equalsIgnoreCase(tag))
                .findFirst()
                .orElseThrow();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
