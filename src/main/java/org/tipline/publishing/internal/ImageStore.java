package org.tipline.publishing.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.tipline.publishing.PostId;
import org.tipline.publishing.PostImage;
import org.tipline.shared.OrganizationId;

/** Stores the images of posts and their files. */
@Component
public class ImageStore {

    private static final String COLUMNS = """
            SELECT i.id, i.post_id, i.position, i.alt, i.caption, i.width, i.height,
                   ARRAY(SELECT f.width FROM post_image_file f WHERE f.image_id = i.id ORDER BY f.width) AS widths
            FROM post_image i""";

    private final JdbcClient jdbc;

    ImageStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds an image after the post's last, with its files; returns it. */
    public PostImage add(
            OrganizationId organization,
            PostId post,
            String alt,
            String caption,
            List<ImageRenditions.Rendition> files,
            Instant now) {
        var id = UUID.randomUUID();
        var widest = files.getLast();
        jdbc.sql("""
                        INSERT INTO post_image (id, organization_id, post_id, position, alt, caption, width, height, created_at)
                        VALUES (?, ?, ?, (SELECT coalesce(max(position), 0) + 1 FROM post_image WHERE post_id = ?), ?, ?, ?, ?, ?)""")
                .params(
                        id,
                        organization.value(),
                        post.value(),
                        post.value(),
                        alt,
                        caption,
                        widest.width(),
                        widest.height(),
                        Timestamp.from(now))
                .update();
        for (var file : files) {
            jdbc.sql(
                            "INSERT INTO post_image_file (image_id, width, height, content_type, bytes) VALUES (?, ?, ?, ?, ?)")
                    .params(id, file.width(), file.height(), file.contentType(), file.bytes())
                    .update();
        }
        return find(organization, id).orElseThrow();
    }

    /** Removes an image of a post and its files; returns whether there was one. */
    public boolean remove(OrganizationId organization, PostId post, UUID image) {
        return jdbc.sql("DELETE FROM post_image WHERE id = ? AND post_id = ? AND organization_id = ?")
                        .params(image, post.value(), organization.value())
                        .update()
                > 0;
    }

    public Optional<PostImage> find(OrganizationId organization, UUID id) {
        return jdbc.sql(COLUMNS + " WHERE i.organization_id = ? AND i.id = ?")
                .params(organization.value(), id)
                .query(ImageStore::image)
                .optional();
    }

    /** Returns the images of a post, in order. */
    public List<PostImage> of(OrganizationId organization, PostId post) {
        return jdbc.sql(COLUMNS + " WHERE i.organization_id = ? AND i.post_id = ? ORDER BY i.position")
                .params(organization.value(), post.value())
                .query(ImageStore::image)
                .list();
    }

    /** Returns the images of each of {@code posts}, in order. */
    public Map<PostId, List<PostImage>> of(OrganizationId organization, Collection<PostId> posts) {
        var images = new HashMap<PostId, List<PostImage>>();
        if (posts.isEmpty()) {
            return images;
        }
        jdbc.sql(COLUMNS + " WHERE i.organization_id = ? AND i.post_id = ANY (?) ORDER BY i.position")
                .params(organization.value(), posts.stream().map(PostId::value).toArray(UUID[]::new))
                .query(ImageStore::image)
                .list()
                .forEach(image -> images.computeIfAbsent(image.post(), key -> new java.util.ArrayList<>())
                        .add(image));
        return images;
    }

    /** A stored file: its type and bytes. */
    public record File(String contentType, byte[] bytes) {}

    /** Returns the file of image {@code id} at {@code width}. */
    public Optional<File> file(OrganizationId organization, UUID id, int width) {
        return jdbc.sql("""
                        SELECT f.content_type, f.bytes FROM post_image_file f JOIN post_image i ON i.id = f.image_id
                        WHERE i.organization_id = ? AND f.image_id = ? AND f.width = ?""")
                .params(organization.value(), id, width)
                .query((rs, row) -> new File(rs.getString("content_type"), rs.getBytes("bytes")))
                .optional();
    }

    /** Returns the file of image {@code id} at {@code width} if its post is published and due at {@code now}. */
    public Optional<File> publicFile(OrganizationId organization, UUID id, int width, java.time.Instant now) {
        return jdbc.sql("""
                        SELECT f.content_type, f.bytes FROM post_image_file f
                        JOIN post_image i ON i.id = f.image_id
                        JOIN post p ON p.id = i.post_id
                        WHERE i.organization_id = ? AND f.image_id = ? AND f.width = ?
                          AND p.status = 'PUBLISHED' AND p.published_at <= ?""")
                .params(organization.value(), id, width, Timestamp.from(now))
                .query((rs, row) -> new File(rs.getString("content_type"), rs.getBytes("bytes")))
                .optional();
    }

    private static PostImage image(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        var widths = Arrays.stream((Integer[]) rs.getArray("widths").getArray()).toList();
        return new PostImage(
                rs.getObject("id", UUID.class),
                new PostId(rs.getObject("post_id", UUID.class)),
                rs.getInt("position"),
                rs.getString("alt"),
                rs.getString("caption"),
                rs.getInt("width"),
                rs.getInt("height"),
                widths);
    }
}
