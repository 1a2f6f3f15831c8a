package org.tipline.mailbox;

import java.util.List;
import org.tipline.channels.Questionnaire;
import org.tipline.reports.Report;

/** What a reporter sees of their report: its plain status, what they sent, and the thread. */
public record ReporterView(ReporterStatus status, Report report, Questionnaire questionnaire, List<Message> messages) {
    @Override
    public String toString() {
        return "ReporterView[status=" + status + "]";
    }
}
