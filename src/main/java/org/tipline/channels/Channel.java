package org.tipline.channels;

import java.util.List;
import org.tipline.crypto.Receipt;
import org.tipline.shared.OrganizationId;
import org.tipline.shared.StaffId;

/**
 * A reporting channel as it stands: where reports arrive ({@code /r/<organisation>/<slug>}), what
 * the reporter is asked (the current questionnaire version), and who receives its reports.
 * {@code whoReads} and {@code retention} are what reporters are told before sending; empty means
 * the default statement in the reporter's language.
 */
public record Channel(
        ChannelId id,
        OrganizationId organizationId,
        String slug,
        String name,
        String publicText,
        String whoReads,
        String retention,
        Receipt.Format receiptFormat,
        int questionnaireVersion,
        Questionnaire questionnaire,
        List<StaffId> recipients) {

    public Channel {
        recipients = List.copyOf(recipients);
    }
}
