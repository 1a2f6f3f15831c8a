package org.tipline.publishing.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.tipline.channels.ChannelId;
import org.tipline.publishing.Post;
import org.tipline.publishing.PostId;
import org.tipline.publishing.PostRevision;
import org.tipline.shared.OrganizationId;
import org.tipline.shared.StaffId;

/** Stores posts and their revisions; every read names the organisation. */
@Component
public class PostStore {

    private static final String COLUMNS = """
            SELECT id, organization_id, number, translation_group, language, title, summary, body, body_html, tags,
                   channel_id, status, published_at, created_at, updated_at, revision, version
            FROM post""";

    private final JdbcClient jdbc;

    PostStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Takes the organisation's lock on writing new posts until the transaction ends, so that two
     * editors writing at once get consecutive numbers and one translation per language.
     */
    public void lockNewPosts(OrganizationId organization) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended('post:' || ?, 0))")
                .param(organization.value().toString())
                .query((rs, i) -> 1)
                .single();
    }

    /** Marks a post changed at {@code now} (its images changed), holding its row until the transaction ends. */
    public boolean touch(OrganizationId organization, PostId post, Instant now) {
        return jdbc.sql("UPDATE post SET updated_at = ? WHERE id = ? AND organization_id = ?")
                        .params(Timestamp.from(now), post.value(), organization.value())
                        .update()
                > 0;
    }

    /** Inserts a new post, numbered after its organisation's last; returns it. */
    public Post insert(Post post, StaffId author) {
        var number = jdbc.sql("""
                INSERT INTO post (id, organization_id, number, translation_group, language, title, summary, body, body_html,
                                  tags, channel_id, status, published_at, created_at, updated_at, author_id, revision, version)
                VALUES (?, ?, (SELECT coalesce(max(number), 0) + 1 FROM post WHERE organization_id = ?), ?, ?, ?, ?, ?, ?,
                        ?, ?, ?, ?, ?, ?, ?, 1, 0)
                RETURNING number""")
                .params(
                        post.id().value(),
                        post.organization().value(),
                        post.organization().value(),
                        post.translationGroup(),
                        post.language(),
                        post.title(),
                        post.summary(),
                        post.body(),
                        post.html(),
                        post.tags().toArray(String[]::new),
                        post.channel() == null ? null : post.channel().value(),
                        post.status().name(),
                        timestamp(post.publishedAt()),
                        Timestamp.from(post.createdAt()),
                        Timestamp.from(post.updatedAt()),
                        author.value())
                .query(Long.class)
                .single();
        return find(post.organization(), post.id())
                .filter(p -> p.number() == number)
                .orElseThrow();
    }

    /**
     * Saves a post's text as a new revision, keeping the text it replaces, if nobody saved it since
     * {@code version}.
     *
     * @return false when its version moved on meanwhile
     */
    public boolean saveText(Post changed, long version, StaffId editor, Instant at) {
        var kept = jdbc.sql("""
                INSERT INTO post_revision (post_id, revision, organization_id, title, summary, body, tags, edited_by, edited_at)
                SELECT id, revision, organization_id, title, summary, body, tags, ?, ?
                FROM post WHERE id = ? AND organization_id = ? AND version = ?""")
                .params(
                        editor.value(),
                        Timestamp.from(at),
                        changed.id().value(),
                        changed.organization().value(),
                        version)
                .update();
        if (kept == 0) {
            return false;
        }
        return jdbc.sql("""
                        UPDATE post SET title = ?, summary = ?, body = ?, body_html = ?, tags = ?, channel_id = ?,
                                        updated_at = ?, revision = revision + 1, version = version + 1
                        WHERE id = ? AND organization_id = ? AND version = ?""")
                        .params(
                                changed.title(),
                                changed.summary(),
                                changed.body(),
                                changed.html(),
                                changed.tags().toArray(String[]::new),
                                changed.channel() == null
                                        ? null
                                        : changed.channel().value(),
                                Timestamp.from(at),
                                changed.id().value(),
                                changed.organization().value(),
                                version)
                        .update()
                == 1;
    }

    /**
     * Moves a post to {@code status} at {@code publishedAt} if nobody saved it since {@code version}.
     *
     * @return false when its version moved on meanwhile
     */
    public boolean move(
            PostId id,
            OrganizationId organization,
            long version,
            Post.Status status,
            @Nullable Instant publishedAt,
            Instant at) {
        return jdbc.sql("""
                        UPDATE post SET status = ?, published_at = ?, updated_at = ?, version = version + 1
                        WHERE id = ? AND organization_id = ? AND version = ?""")
                        .params(
                                status.name(),
                                timestamp(publishedAt),
                                Timestamp.from(at),
                                id.value(),
                                organization.value(),
                                version)
                        .update()
                == 1;
    }

    public Optional<Post> find(OrganizationId organization, PostId id) {
        return jdbc.sql(COLUMNS + " WHERE organization_id = ? AND id = ?")
                .params(organization.value(), id.value())
                .query(PostStore::post)
                .optional();
    }

    public Optional<Post> byNumber(OrganizationId organization, long number) {
        return jdbc.sql(COLUMNS + " WHERE organization_id = ? AND number = ?")
                .params(organization.value(), number)
                .query(PostStore::post)
                .optional();
    }

    /** Returns the posts of a translation group, in language order. */
    public List<Post> group(OrganizationId organization, UUID group) {
        return jdbc.sql(COLUMNS + " WHERE organization_id = ? AND translation_group = ? ORDER BY language")
                .params(organization.value(), group)
                .query(PostStore::post)
                .list();
    }

    /** Returns every post of {@code organization}, last changed first, for the editors' desk. */
    public List<Post> desk(OrganizationId organization, int limit) {
        return jdbc.sql(COLUMNS + " WHERE organization_id = ? ORDER BY updated_at DESC, id DESC LIMIT ?")
                .params(organization.value(), limit)
                .query(PostStore::post)
                .list();
    }

    public List<PostRevision> revisions(OrganizationId organization, PostId id) {
        return jdbc.sql("""
                SELECT revision, title, summary, body, edited_by, edited_at FROM post_revision
                WHERE organization_id = ? AND post_id = ? ORDER BY revision DESC""")
                .params(organization.value(), id.value())
                .query((rs, i) -> new PostRevision(
                        rs.getInt(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        new StaffId(rs.getObject(5, UUID.class)),
                        rs.getTimestamp(6).toInstant()))
                .list();
    }

    /**
     * Returns up to {@code limit} posts the public sees at {@code now}, newest first, one per
     * translation group (in {@code language} where the group has it, else in English, else the group's
     * first post), after the cursor.
     */
    public List<Post> visible(
            OrganizationId organization,
            String language,
            @Nullable String tag,
            @Nullable String search,
            Instant now,
            @Nullable Instant afterAt,
            @Nullable UUID afterId,
            int limit) {
        var where = new ArrayList<String>();
        var params = new ArrayList<Object>();
        where.add("organization_id = ? AND status = 'PUBLISHED' AND published_at <= ?");
        params.add(organization.value());
        params.add(Timestamp.from(now));
        if (tag != null) {
            where.add("tags @> ARRAY[?]::text[]");
            params.add(tag);
        }
        if (search != null) {
            var like = "%" + search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            where.add("(title ILIKE ? OR summary ILIKE ? OR body ILIKE ?)");
            params.addAll(List.of(like, like, like));
        }
        params.add(language);
        var outer = "";
        if (afterAt != null && afterId != null) {
            outer = " WHERE (published_at, id) < (?, ?)";
            params.add(Timestamp.from(afterAt));
            params.add(afterId);
        }
        params.add(limit);
        return jdbc.sql(
                        "SELECT * FROM (SELECT DISTINCT ON (translation_group) id, organization_id, number, translation_group,"
                                + " language, title, summary, body, body_html, tags, channel_id, status, published_at, created_at,"
                                + " updated_at, revision, version FROM post WHERE " + String.join(" AND ", where)
                                + " ORDER BY translation_group, (language = ?) DESC, (language = 'en') DESC, number) p"
                                + outer
                                + " ORDER BY published_at DESC, id DESC LIMIT ?")
                .params(params)
                .query(PostStore::post)
                .list();
    }

    /**
     * Returns the latest {@code limit} posts the public sees at {@code now}, each translation its own
     * entry (only those in {@code language} when that is given), newest first: what a feed carries.
     */
    public List<Post> feed(
            OrganizationId organization, @Nullable String tag, @Nullable String language, Instant now, int limit) {
        var sql = new StringBuilder(
                COLUMNS + " WHERE organization_id = ? AND status = 'PUBLISHED' AND published_at <= ?");
        var params = new ArrayList<Object>(List.of(organization.value(), Timestamp.from(now)));
        if (tag != null) {
            sql.append(" AND tags @> ARRAY[?]::text[]");
            params.add(tag);
        }
        if (language != null) {
            sql.append(" AND language = ?");
            params.add(language);
        }
        sql.append(" ORDER BY published_at DESC, id DESC LIMIT ?");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query(PostStore::post).list();
    }

    /** Returns when the public view of {@code organization} last changed: the latest publication or edit due by now. */
    public @Nullable Instant lastChange(OrganizationId organization, Instant now) {
        return jdbc.sql("""
                        SELECT at FROM (SELECT max(greatest(published_at, updated_at)) AS at FROM post
                                        WHERE organization_id = ? AND status <> 'DRAFT' AND published_at <= ?) changed
                        WHERE at IS NOT NULL""")
                .params(organization.value(), Timestamp.from(now))
                .query(Timestamp.class)
                .optional()
                .map(Timestamp::toInstant)
                .orElse(null);
    }

    private static @Nullable Timestamp timestamp(@Nullable Instant at) {
        return at == null ? null : Timestamp.from(at);
    }

    private static Post post(ResultSet rs, int row) throws SQLException {
        var channel = rs.getObject(11, UUID.class);
        var published = rs.getTimestamp(13);
        return new Post(
                new PostId(rs.getObject(1, UUID.class)),
                new OrganizationId(rs.getObject(2, UUID.class)),
                rs.getLong(3),
                rs.getObject(4, UUID.class),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                rs.getString(9),
                List.of((String[]) rs.getArray(10).getArray()),
                channel == null ? null : new ChannelId(channel),
                Post.Status.valueOf(rs.getString(12)),
                published == null ? null : published.toInstant(),
                rs.getTimestamp(14).toInstant(),
                rs.getTimestamp(15).toInstant(),
                rs.getInt(16),
                rs.getLong(17));
    }
}
