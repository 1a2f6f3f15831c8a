package org.tipline.reports;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.tipline.channels.ChannelId;

/**
 * A report as opened: its plain metadata, its answers and the files that came with it.
 *
 * @param questionnaireVersion the version of the channel's questionnaire it answered
 */
public record Report(
        ReportId id,
        ChannelId channel,
        int questionnaireVersion,
        @Nullable String category,
        Map<String, List<String>> answers,
        List<Attachment> attachments,
        Instant receivedAt) {

    /** An attachment's description; its bytes are read separately, as a stream. */
    /**
     * A file of the report or its thread: its name as sent (made harmless), its type as read from
     * its bytes, its size as stored, what was taken out of it before it was sealed ({@code
     * removed}: location, camera, exif, xmp, iptc, text, time, document-info) and why nothing was,
     * if so ({@code note}: kept at the reporter's request, too-large to clean).
     */
    public record Attachment(
            UUID id,
            String name,
            String contentType,
            long size,
            @Nullable String questionKey,
            List<String> removed,
            @Nullable String note) {

        public Attachment {
            removed = List.copyOf(removed);
        }
    }

    /** An attachment opened for reading: its description and a stream of its plaintext. */
    public record OpenedAttachment(Attachment attachment, InputStream content) {}

    @Override
    public String toString() {
        return "Report[id=" + id + "]";
    }
}
