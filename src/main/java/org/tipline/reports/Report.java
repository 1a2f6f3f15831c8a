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
    public record Attachment(
            UUID id,
            String name,
            String contentType,
            long size,
            @Nullable String questionKey) {}

    /** An attachment opened for reading: its description and a stream of its plaintext. */
    public record OpenedAttachment(Attachment attachment, InputStream content) {}

    @Override
    public String toString() {
        return "Report[id=" + id + "]";
    }
}
