package org.tipline.channels;

import java.util.List;
import org.tipline.crypto.Receipt;
import org.tipline.shared.StaffId;

/** What an admin sets on a channel when creating or editing it. */
public record ChannelDraft(
        String slug,
        String name,
        String publicText,
        String whoReads,
        String retention,
        String language,
        java.util.Map<String, ChannelText> translations,
        Receipt.Format receiptFormat,
        Questionnaire questionnaire,
        List<StaffId> recipients) {}
