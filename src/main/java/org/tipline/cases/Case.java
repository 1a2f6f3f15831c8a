package org.tipline.cases;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.tipline.channels.ChannelId;
import org.tipline.reports.ReportId;
import org.tipline.shared.OrganizationId;

/**
 * A case: the handling of one report, as an aggregate that owns its state and the moves between
 * states. Each move is a method that checks the move is allowed (and, as the workflow grows, what
 * it needs), returns the changed case and leaves saving and announcing it to {@link CaseManagement}.
 *
 * @param reference a short, non-sequential reference staff can say aloud, e.g. {@code C-7F3A09B2}
 * @param version the version it was read at, for optimistic locking
 */
public record Case(
        CaseId id,
        OrganizationId organization,
        ReportId report,
        ChannelId channel,
        String reference,
        CaseState state,
        Instant receivedAt,
        long version) {

    /** Returns the case opened for a report just received. */
    static Case opened(OrganizationId organization, ReportId report, ChannelId channel, Instant receivedAt) {
        var id = new CaseId(UUID.randomUUID());
        return new Case(id, organization, report, channel, reference(id), CaseState.RECEIVED, receivedAt, 0);
    }

    /**
     * Confirms to the reporter that their report was received.
     *
     * @throws IllegalTransition unless the case was just received
     */
    public Case acknowledge() {
        return moveTo(CaseState.ACKNOWLEDGED);
    }

    private Case moveTo(CaseState target) {
        if (!state.canMoveTo(target)) {
            throw new IllegalTransition(state, target);
        }
        return new Case(id, organization, report, channel, reference, target, receivedAt, version);
    }

    private static String reference(CaseId id) {
        var hex = id.value().toString().replace("-", "").toUpperCase(Locale.ROOT);
        return "C-" + hex.substring(0, 8);
    }
}
