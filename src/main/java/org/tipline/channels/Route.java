package org.tipline.channels;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.tipline.shared.StaffId;

/**
 * A routing rule of a channel: reports in {@code category}, or whose answer to the choice question
 * {@code question} is {@code answer}, go to {@code recipients} instead of the channel's own. A rule
 * names either a category or a question and answer, never both.
 */
public record Route(
        @Nullable String category,
        @Nullable String question,
        @Nullable String answer,
        List<StaffId> recipients) {

    /** The most rules a channel has. */
    public static final int LIMIT = 50;

    public Route {
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
    }

    /** Returns whether a report with {@code category} and {@code answers} takes this route. */
    public boolean matches(@Nullable String reportCategory, Map<String, List<String>> answers) {
        if (category != null) {
            return category.equals(reportCategory);
        }
        return question != null
                && answer != null
                && answers.getOrDefault(question, List.of()).contains(answer);
    }
}
