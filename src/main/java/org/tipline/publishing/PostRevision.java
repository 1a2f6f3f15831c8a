package org.tipline.publishing;

import java.time.Instant;
import org.tipline.shared.StaffId;

/** A post's text as it was before an edit replaced it; {@link #toString()} names no text. */
public record PostRevision(
        int revision, String title, String summary, String body, StaffId editedBy, Instant editedAt) {

    @Override
    public String toString() {
        return "PostRevision[" + revision + "]";
    }
}
