package org.tipline.publishing;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.tipline.channels.ChannelId;
import org.tipline.shared.OrganizationId;

/**
 * A post on an organisation's public account, as an editor last saved it.
 *
 * @param number the post's number in its organisation, which its public address carries
 * @param translationGroup what its translations share; one post per language in a group
 * @param body the Markdown the editor wrote
 * @param html that Markdown rendered and sanitised when it was saved
 * @param channel the channel its call to action leads to, if the editor chose one
 * @param publishedAt when it appears (or appeared) publicly, once published; later than now for a
 *     scheduled post
 * @param revision how many times its text was saved
 */
public record Post(
        PostId id,
        OrganizationId organization,
        long number,
        UUID translationGroup,
        String language,
        String title,
        String summary,
        String body,
        String html,
        List<String> tags,
        @Nullable ChannelId channel,
        Status status,
        @Nullable Instant publishedAt,
        Instant createdAt,
        Instant updatedAt,
        int revision,
        long version) {

    public Post {
        tags = List.copyOf(tags);
    }

    /** Where a post stands; a scheduled post is a published one whose time has not come. */
    public enum Status {
        DRAFT,
        PUBLISHED,
        WITHDRAWN
    }

    /** What an editor sees: draft, scheduled, published or withdrawn, at {@code now}. */
    public String stage(Instant now) {
        if (status == Status.PUBLISHED && publishedAt != null && publishedAt.isAfter(now)) {
            return "SCHEDULED";
        }
        return status.name();
    }

    /** Returns whether the public sees this post at {@code now}. */
    public boolean visibleAt(Instant now) {
        return status == Status.PUBLISHED && publishedAt != null && !publishedAt.isAfter(now);
    }

    @Override
    public String toString() {
        return "Post[" + id + ", " + status + "]";
    }
}
