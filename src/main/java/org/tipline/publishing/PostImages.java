package org.tipline.publishing;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.tipline.audit.Actor;
import org.tipline.audit.AuditLog;
import org.tipline.publishing.internal.ImageRenditions;
import org.tipline.publishing.internal.ImageStore;
import org.tipline.publishing.internal.PostStore;
import org.tipline.publishing.internal.PublicViews;
import org.tipline.shared.InvalidInput;
import org.tipline.shared.OrganizationId;
import org.tipline.shared.Role;
import org.tipline.shared.StaffPrincipal;

/**
 * The images of posts: editors add them (a poster series is a post's images in order) with alt
 * text, which is required, and remove them; the public sees those of visible posts. Uploads are
 * drawn afresh at the widths pages use ({@link ImageRenditions}); nothing of the original is kept.
 */
@Service
public class PostImages {

    /** The longest alt text and caption. */
    public static final int TEXT_LIMIT = 300;

    /** The most images a post has. */
    public static final int LIMIT = 12;

    private final ImageStore images;
    private final PostStore posts;
    private final ImageRenditions renditions;
    private final AuditLog audit;
    private final Clock clock;
    private final PublicViews views;
    private final TransactionTemplate transactions;

    PostImages(
            ImageStore images,
            PostStore posts,
            ImageRenditions renditions,
            AuditLog audit,
            Clock clock,
            PublicViews views,
            PlatformTransactionManager transactions) {
        this.images = images;
        this.posts = posts;
        this.renditions = renditions;
        this.audit = audit;
        this.clock = clock;
        this.views = views;
        this.transactions = new TransactionTemplate(transactions);
    }

    /**
     * Adds an image after the post's last. The upload is decoded and redrawn before the database
     * is touched; nothing is stored unless all of it is.
     *
     * @throws InvalidInput if the alt text or caption is not acceptable, the post has {@value #LIMIT}
     *     images, or the upload is not an image Tipline reads
     * @throws NoSuchElementException if the post is not one of the editor's organisation
     */
    public PostImage add(StaffPrincipal editor, PostId post, byte[] upload, String alt, String caption) {
        editor.require(Role.EDITOR);
        var errors = new HashMap<String, String>();
        var altText = alt.strip();
        if (altText.isEmpty() || altText.length() > TEXT_LIMIT || Posts.hasControl(altText)) {
            errors.put("alt", "error.image.alt");
        }
        var captionText = caption.strip();
        if (captionText.length() > TEXT_LIMIT || Posts.hasControl(captionText)) {
            errors.put("caption", "error.image.caption");
        }
        if (upload.length == 0) {
            errors.put("image", "error.required");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        posts.find(editor.organization(), post).orElseThrow(() -> new NoSuchElementException("No such post"));
        var files = renditions.render(upload);
        return transactions.execute(status -> {
            var now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            if (!posts.touch(editor.organization(), post, now)) {
                throw new NoSuchElementException("No such post");
            }
            if (images.of(editor.organization(), post).size() >= LIMIT) {
                throw new InvalidInput(Map.of("image", "error.image.limit"));
            }
            var added = images.add(editor.organization(), post, altText, captionText, files, now);
            audit.record(
                    editor.organization(), Actor.staff(editor.id()), new PublishingAudit.ImageAdded(post, added.id()));
            views.changed();
            return added;
        });
    }

    /**
     * Removes an image of a post.
     *
     * @throws NoSuchElementException if there is no such image of a post of the editor's organisation
     */
    @Transactional
    public void remove(StaffPrincipal editor, PostId post, UUID image) {
        editor.require(Role.EDITOR);
        var now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (!posts.touch(editor.organization(), post, now) || !images.remove(editor.organization(), post, image)) {
            throw new NoSuchElementException("No such image");
        }
        audit.record(editor.organization(), Actor.staff(editor.id()), new PublishingAudit.ImageRemoved(post, image));
        views.changed();
    }

    /** Returns the images of a post, in order. */
    @Transactional(readOnly = true)
    public List<PostImage> of(Post post) {
        return images.of(post.organization(), post.id());
    }

    /** Returns the images of each of {@code posts} of {@code organization}, in order. */
    @Transactional(readOnly = true)
    public Map<PostId, List<PostImage>> of(OrganizationId organization, Collection<PostId> posts) {
        return images.of(organization, posts);
    }

    /** A file of an image: its type and bytes. */
    public record File(String contentType, byte[] bytes) {}

    /** Returns the file of image {@code id} at {@code width}, if its post is visible now. */
    @Transactional(readOnly = true)
    public java.util.Optional<File> publicFile(OrganizationId organization, UUID id, int width) {
        // one statement: the file, if its post is visible (a post row with its text is not read)
        return images.publicFile(organization, id, width, clock.instant())
                .map(file -> new File(file.contentType(), file.bytes()));
    }

    /** Returns the file of image {@code id} at {@code width} for an editor of its organisation, visible or not. */
    @Transactional(readOnly = true)
    public java.util.Optional<File> editorFile(StaffPrincipal editor, UUID id, int width) {
        editor.require(Role.EDITOR);
        return images.file(editor.organization(), id, width).map(file -> new File(file.contentType(), file.bytes()));
    }
}
