package org.tipline.mailbox;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.tipline.channels.Questionnaire;
import org.tipline.reports.Report;

/**
 * What a reporter sees of their report: its plain status, by when to expect an acknowledgement and
 * feedback (when still expected), what they sent, and the thread.
 */
public record ReporterView(
        ReporterStatus status,
        @Nullable Instant acknowledgementBy,
        @Nullable Instant feedbackBy,
        Report report,
        Questionnaire questionnaire,
        List<Message> messages) {
    @Override
    public String toString() {
        return "ReporterView[status=" + status + "]";
    }
}
