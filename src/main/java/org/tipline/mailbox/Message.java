package org.tipline.mailbox;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.tipline.reports.Report;

/**
 * One message of a report's thread, opened.
 *
 * @param staffName who wrote it, for staff eyes; null for the reporter's own messages
 * @param notice the kind of notice it is, or null for an ordinary message
 */
public record Message(
        UUID id,
        boolean fromReporter,
        @Nullable String staffName,
        String body,
        Instant at,
        List<Report.Attachment> attachments,
        @Nullable Notice notice) {

    @Override
    public String toString() {
        return "Message[id=" + id + "]";
    }
}
