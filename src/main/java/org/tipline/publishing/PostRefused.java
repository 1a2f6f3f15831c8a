package org.tipline.publishing;

import org.springframework.http.HttpStatus;
import org.tipline.shared.RequestRefused;

/** A change to a post that its state or the rules do not allow; the post is unchanged. */
public final class PostRefused extends RequestRefused {

    PostRefused(HttpStatus status, String messageKey, String detail) {
        super(status, messageKey, detail);
    }

    static PostRefused changedMeanwhile() {
        return new PostRefused(
                HttpStatus.CONFLICT,
                "error.post.changed-meanwhile",
                "Someone else changed this post meanwhile; reload it and try again.");
    }

    static PostRefused notAllowed(Post.Status from, String move) {
        return new PostRefused(
                HttpStatus.CONFLICT, "error.post.not-allowed", "A " + from + " post cannot be " + move + ".");
    }

    static PostRefused campaignChangedMeanwhile() {
        return new PostRefused(
                HttpStatus.CONFLICT,
                "error.campaign.changed-meanwhile",
                "Someone else changed this campaign meanwhile; reload it and try again.");
    }
}
