package org.tipline.cases;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.tipline.channels.ChannelId;
import org.tipline.channels.PolicyRules;
import org.tipline.reports.ReportId;
import org.tipline.shared.InvalidInput;
import org.tipline.shared.OrganizationId;
import org.tipline.shared.StaffId;

/**
 * A case: the handling of one report, as an aggregate that owns its state and the moves between
 * states. Each move is a method that checks the move is allowed and what it needs, returns the
 * changed case and leaves saving and announcing it to {@link CaseManagement}.
 *
 * <p>Implementation notes: the graph is {@link CaseState}'s (DOMAIN.md, "Case lifecycle"); the
 * conditions are here. Leaving triage (to investigate, refer or close) needs a retaliation-risk
 * assessment; waiving the acknowledgement and closing without action need a reason from the
 * case's policy; a conclusion needs an outcome, a referral says to whom. Deadlines are not part of
 * the aggregate: they are rows of their own that the moves meet ({@link Deadlines}).
 *
 * @param reference a short, non-sequential reference staff can say aloud, e.g. {@code C-7F3A09B2}
 * @param policy the policy version the case runs on
 * @param acknowledgedAt when the reporter was told their report arrived, if they were
 * @param risk the retaliation-risk assessment, once made
 * @param outcome what a concluded (or referred) case established
 * @param closingReason why a case was closed without action (a code of its policy)
 * @param referredTo the authority or body a referred case went to
 * @param assignee the handler responsible for the case, chosen by a supervisor
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
        PolicyRef policy,
        @Nullable Instant acknowledgedAt,
        @Nullable RetaliationRisk risk,
        @Nullable Outcome outcome,
        @Nullable String closingReason,
        @Nullable String referredTo,
        @Nullable StaffId assignee,
        long version) {

    /** The longest name of a body a case is referred to. */
    public static final int REFERRAL_LIMIT = 200;

    /** Returns the case opened for a report just received, on the given policy version. */
    static Case opened(
            OrganizationId organization, ReportId report, ChannelId channel, Instant receivedAt, PolicyRef policy) {
        var id = new CaseId(UUID.randomUUID());
        return new Case(
                id,
                organization,
                report,
                channel,
                reference(id),
                CaseState.RECEIVED,
                receivedAt,
                policy,
                null,
                null,
                null,
                null,
                null,
                null,
                0);
    }

    /**
     * Confirms to the reporter that their report was received.
     *
     * @throws IllegalTransition unless the case was just received
     */
    public Case acknowledge(Instant at) {
        var moved = moveTo(CaseState.ACKNOWLEDGED);
        return copy(moved.state, at, risk, outcome, closingReason, referredTo, assignee);
    }

    /**
     * Records the decision not to acknowledge, for one of the reasons the policy allows.
     *
     * @throws IllegalTransition unless the case was just received
     * @throws CaseRuleBroken if the policy does not allow waiving
     * @throws InvalidInput if the reason is not one of the policy's
     */
    public Case waiveAcknowledgement(PolicyRules rules, String reason) {
        if (!state.canMoveTo(CaseState.ACK_WAIVED)) {
            throw new IllegalTransition(state, CaseState.ACK_WAIVED);
        }
        if (!rules.acknowledgementWaivable()) {
            throw new CaseRuleBroken(
                    "error.case.waiver-not-allowed", "This case's policy does not allow waiving the acknowledgement.");
        }
        if (!rules.waiverReasons().contains(reason)) {
            throw new InvalidInput(Map.of("reason", "error.case.reason"));
        }
        return moveTo(CaseState.ACK_WAIVED);
    }

    /**
     * Starts assessing the report.
     *
     * @throws IllegalTransition unless the case was acknowledged or its acknowledgement waived
     */
    public Case startTriage() {
        return moveTo(CaseState.TRIAGE);
    }

    /**
     * Records (or revises) the retaliation-risk assessment; the state does not change.
     *
     * @throws IllegalTransition before triage or once the case is closed
     */
    public Case assessRisk(RetaliationRisk level) {
        var open = switch (state) {
            case TRIAGE, INVESTIGATING, AWAITING_REPORTER, ADDRESSING -> true;
            default -> false;
        };
        if (!open) {
            throw new IllegalTransition(state, state);
        }
        return copy(state, acknowledgedAt, level, outcome, closingReason, referredTo, assignee);
    }

    /**
     * Starts (or, after the reporter answered, resumes) the investigation.
     *
     * @throws IllegalTransition unless the case is in triage or awaiting the reporter
     * @throws CaseRuleBroken if it leaves triage without a retaliation-risk assessment
     */
    public Case investigate() {
        return leavingTriage(CaseState.INVESTIGATING);
    }

    /**
     * Waits for the reporter's answer to a request for information.
     *
     * @throws IllegalTransition unless the case is being investigated
     */
    public Case awaitReporter() {
        return moveTo(CaseState.AWAITING_REPORTER);
    }

    /**
     * Starts addressing what the investigation found.
     *
     * @throws IllegalTransition unless the case is being investigated
     */
    public Case address() {
        return moveTo(CaseState.ADDRESSING);
    }

    /**
     * Concludes the case with its outcome.
     *
     * @throws IllegalTransition unless the case is being addressed
     */
    public Case conclude(Outcome result) {
        var moved = moveTo(CaseState.CONCLUDED);
        return copy(moved.state, acknowledgedAt, risk, result, closingReason, referredTo, assignee);
    }

    /**
     * Concludes a case as the duplicate of an earlier one it was merged into: from any state before
     * a conclusion, since a duplicate can be recognised on arrival as well as late in an
     * investigation. The earlier case goes on.
     *
     * @throws IllegalTransition if the case is already concluded, closed or archived
     */
    public Case mergeInto() {
        if (isClosed()) {
            throw new IllegalTransition(state, CaseState.CONCLUDED);
        }
        var at = acknowledgedAt;
        return copy(CaseState.CONCLUDED, at, risk, Outcome.DUPLICATE, closingReason, referredTo, assignee);
    }

    /**
     * Refers the case from triage to the body competent for it.
     *
     * @throws IllegalTransition unless the case is in triage
     * @throws CaseRuleBroken without a retaliation-risk assessment
     * @throws InvalidInput if {@code to} is empty or too long
     */
    public Case refer(String to) {
        var moved = leavingTriage(CaseState.REFERRED);
        var body = to.strip();
        if (body.isEmpty() || body.length() > REFERRAL_LIMIT || body.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInput(Map.of("to", body.isEmpty() ? "error.required" : "error.case.referral"));
        }
        return copy(moved.state, acknowledgedAt, risk, Outcome.REFERRED, closingReason, body, assignee);
    }

    /**
     * Closes the case from triage without action, for one of the reasons its policy names.
     *
     * @throws IllegalTransition unless the case is in triage
     * @throws CaseRuleBroken without a retaliation-risk assessment
     * @throws InvalidInput if the reason is not one of the policy's
     */
    public Case closeWithoutAction(PolicyRules rules, String reason) {
        var moved = leavingTriage(CaseState.CLOSED_NO_ACTION);
        if (!rules.closingReasons().contains(reason)) {
            throw new InvalidInput(Map.of("reason", "error.case.reason"));
        }
        return copy(moved.state, acknowledgedAt, risk, outcome, reason, referredTo, assignee);
    }

    /**
     * Makes {@code handler} responsible for the case.
     *
     * @throws IllegalTransition once the case is archived or purged
     */
    public Case assign(StaffId handler) {
        if (state == CaseState.ARCHIVED || state == CaseState.PURGED) {
            throw new IllegalTransition(state, state);
        }
        return copy(state, acknowledgedAt, risk, outcome, closingReason, referredTo, handler);
    }

    /** Returns the case without an assignee, as when the assignee's access is removed. */
    public Case unassign() {
        return copy(state, acknowledgedAt, risk, outcome, closingReason, referredTo, null);
    }

    /**
     * Archives a finished case.
     *
     * @throws IllegalTransition unless it was concluded, referred or closed
     */
    public Case archive() {
        return moveTo(CaseState.ARCHIVED);
    }

    /** Returns whether feedback may be given to the reporter now: from triage until the case is closed. */
    public boolean takesFeedback() {
        return switch (state) {
            case TRIAGE, INVESTIGATING, AWAITING_REPORTER, ADDRESSING -> true;
            default -> false;
        };
    }

    /** Returns whether the case is finished: concluded, referred, closed, archived or purged. */
    public boolean isClosed() {
        return switch (state) {
            case CONCLUDED, REFERRED, CLOSED_NO_ACTION, ARCHIVED, PURGED -> true;
            default -> false;
        };
    }

    private Case leavingTriage(CaseState target) {
        if (!state.canMoveTo(target)) {
            throw new IllegalTransition(state, target);
        }
        if (state == CaseState.TRIAGE && risk == null) {
            throw CaseRuleBroken.needsRiskAssessment(state);
        }
        return moveTo(target);
    }

    private Case moveTo(CaseState target) {
        if (!state.canMoveTo(target)) {
            throw new IllegalTransition(state, target);
        }
        return copy(target, acknowledgedAt, risk, outcome, closingReason, referredTo, assignee);
    }

    /** Returns this case with its workflow fields replaced; identity, receipt, policy and version stay. */
    private Case copy(
            CaseState state,
            @Nullable Instant acknowledgedAt,
            @Nullable RetaliationRisk risk,
            @Nullable Outcome outcome,
            @Nullable String closingReason,
            @Nullable String referredTo,
            @Nullable StaffId assignee) {
        return new Case(
                id,
                organization,
                report,
                channel,
                reference,
                state,
                receivedAt,
                policy,
                acknowledgedAt,
                risk,
                outcome,
                closingReason,
                referredTo,
                assignee,
                version);
    }

    private static String reference(CaseId id) {
        var hex = id.value().toString().replace("-", "").toUpperCase(Locale.ROOT);
        return "C-" + hex.substring(0, 8);
    }
}
