package org.tipline.intake;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** What a report holds once opened: answers, attachments and the conversation. */
public final class ReportThread {

    private ReportThread() {}

    /** An attachment's description: its bytes are read separately, as a stream. */
    public record Attachment(
            UUID id,
            String name,
            String contentType,
            long size,
            @Nullable String questionKey) {}

    /** One message of the conversation. */
    public record Message(
            UUID id,
            boolean fromReporter,
            @Nullable String staffName,
            String body,
            Instant at,
            List<Attachment> attachments) {}

    /** The opened content of a report. */
    public record Content(
            ReportId report,
            UUID channelId,
            int questionnaireVersion,
            @Nullable String category,
            Map<String, List<String>> answers,
            List<Attachment> reportAttachments,
            List<Message> messages,
            String status,
            Instant receivedAt) {
        @Override
        public String toString() {
            return "ReportThread.Content[report=" + report + "]";
        }
    }

    /** An attachment opened for reading: its description and a stream of its plaintext. */
    public record OpenedAttachment(Attachment attachment, java.io.InputStream content) {}
}
