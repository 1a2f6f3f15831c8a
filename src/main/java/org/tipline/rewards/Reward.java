package org.tipline.rewards;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.tipline.shared.InvalidInput;
import org.tipline.shared.RequestRefused;
import org.tipline.shared.StaffId;

/**
 * A reward (DOMAIN.md, "Reward lifecycle") as an aggregate: its state and the rules of moving it.
 *
 * <p>{@code CANDIDATE → NOMINATED → ASSESSING → PROPOSED → PENDING_APPROVAL → APPROVED → NOTIFIED →
 * CLAIMED → PAYOUT_PENDING → PAID}, with exits {@code NOT_ELIGIBLE} (from assessing, with
 * reasons), {@code REJECTED} (by an approver), {@code DECLINED} (by the reporter), {@code EXPIRED}
 * (the claim window passed: deemed waived) and {@code REVOKED → RECOVERED} (fraud found, what was
 * paid got back). The assessor answers every eligibility question of the policy and proposes an
 * amount the policy allows; the approval matrix names how many distinct approvers the amount
 * needs, none of them the assessor; a payout is prepared by one person and released by another.
 * Each move returns a new value; a move the state or the people do not allow is refused whole.
 */
public record Reward(
        UUID id,
        UUID policy,
        int policyVersion,
        State state,
        @Nullable StaffId nominator,
        @Nullable StaffId assessor,
        Map<String, Answer> answers,
        @Nullable Money amount,
        @Nullable String band,
        List<StaffId> approvers,
        int approvalsNeeded,
        @Nullable StaffId preparer,
        long version) {

    public Reward {
        answers = Map.copyOf(answers);
        approvers = List.copyOf(approvers);
    }

    /** Where a reward stands. */
    public enum State {
        CANDIDATE,
        NOMINATED,
        ASSESSING,
        PROPOSED,
        PENDING_APPROVAL,
        APPROVED,
        NOTIFIED,
        CLAIMED,
        PAYOUT_PENDING,
        PAID,
        NOT_ELIGIBLE,
        REJECTED,
        DECLINED,
        EXPIRED,
        REVOKED,
        RECOVERED;

        /** Returns the states a reward may move to from this one. */
        public Set<State> next() {
            return switch (this) {
                case CANDIDATE -> EnumSet.of(NOMINATED);
                case NOMINATED -> EnumSet.of(ASSESSING);
                case ASSESSING -> EnumSet.of(PROPOSED, NOT_ELIGIBLE);
                case PROPOSED -> EnumSet.of(PENDING_APPROVAL);
                case PENDING_APPROVAL -> EnumSet.of(APPROVED, REJECTED);
                case APPROVED -> EnumSet.of(NOTIFIED, REVOKED);
                case NOTIFIED -> EnumSet.of(CLAIMED, DECLINED, EXPIRED, REVOKED);
                case CLAIMED -> EnumSet.of(PAYOUT_PENDING, REVOKED);
                case PAYOUT_PENDING -> EnumSet.of(PAID, REVOKED);
                case PAID -> EnumSet.of(REVOKED);
                case REVOKED -> EnumSet.of(RECOVERED);
                case NOT_ELIGIBLE, REJECTED, DECLINED, EXPIRED, RECOVERED -> EnumSet.noneOf(State.class);
            };
        }
    }

    /** The assessor's answer to one eligibility question, with the evidence for it. */
    public record Answer(boolean met, String evidence) {}

    /** A move the reward's state or the people involved do not allow; nothing changed. */
    public static final class Refused extends RequestRefused {

        Refused(String messageKey, String detail) {
            super(HttpStatus.CONFLICT, messageKey, detail);
        }
    }

    /** Returns a new candidate for a case concluded as substantiated under {@code policy}. */
    public static Reward candidate(UUID policy, int policyVersion) {
        return new Reward(
                UUID.randomUUID(),
                policy,
                policyVersion,
                State.CANDIDATE,
                null,
                null,
                Map.of(),
                null,
                null,
                List.of(),
                0,
                null,
                0);
    }

    /** A supervisor nominates the candidate for assessment (by the system when {@code by} is null). */
    public Reward nominate(@Nullable StaffId by) {
        var moved = moved(State.NOMINATED);
        return new Reward(
                id,
                policy,
                policyVersion,
                moved.state,
                by,
                assessor,
                answers,
                amount,
                band,
                approvers,
                approvalsNeeded,
                preparer,
                moved.version);
    }

    /** Nominated by the system, as when a case concludes substantiated. */
    public Reward nominate() {
        return nominate(null);
    }

    /** An assessor takes the nominated reward. */
    public Reward assess(StaffId assessor) {
        var moved = moved(State.ASSESSING);
        return copy(moved.state, assessor, answers, amount, band, approvers, approvalsNeeded, preparer);
    }

    /**
     * The assessor records their answers and proposes an amount: every question of the policy
     * answered with evidence; all met and an amount the policy allows → {@code PROPOSED}; any not
     * met → {@code NOT_ELIGIBLE}.
     *
     * @throws InvalidInput if an answer or its evidence is missing, or the amount is not allowed
     * @throws Refused if someone other than the assessor proposes, or the state does not allow it
     */
    public Reward propose(
            RewardPolicy rules,
            StaffId by,
            Map<String, Answer> given,
            @Nullable Money proposed,
            @Nullable String chosenBand,
            @Nullable Money recovered) {
        return propose(rules, by, given, proposed, chosenBand, recovered, null);
    }

    /**
     * Proposes as {@link #propose(RewardPolicy, StaffId, Map, Money, String, Money)} does; for a later
     * reporter of a matter someone reported first, the amount is discretionary: above zero and at
     * most {@code ceiling} (the policy's share of the first reporter's amount), in no band.
     */
    public Reward propose(
            RewardPolicy rules,
            StaffId by,
            Map<String, Answer> given,
            @Nullable Money proposed,
            @Nullable String chosenBand,
            @Nullable Money recovered,
            @Nullable Money ceiling) {
        requireAssessing(by);
        var answered = answered(rules, given);
        if (answered.values().stream().anyMatch(answer -> !answer.met())) {
            return copy(State.NOT_ELIGIBLE, assessor, answered, null, null, List.of(), 0, null);
        }
        if (proposed == null) {
            throw new InvalidInput(Map.of("amount", "error.required"));
        }
        if (ceiling == null) {
            rules.checkAmount(proposed, chosenBand, recovered);
        } else if (!proposed.currency().equals(ceiling.currency())) {
            throw new InvalidInput(Map.of("amount", "error.reward.currency-mismatch"));
        } else if (proposed.minor() <= 0 || proposed.compareTo(ceiling) > 0) {
            throw new InvalidInput(Map.of("amount", "error.reward.discretionary"));
        }
        return copy(
                State.PROPOSED,
                assessor,
                answered,
                proposed,
                rules.shape() == RewardPolicy.Shape.BANDS && ceiling == null ? chosenBand : null,
                List.of(),
                rules.approversFor(proposed),
                null);
    }

    /**
     * The reporter cannot be reached in their mailbox (DOMAIN.md, scenario 6): not eligible, whatever
     * the assessor's answers, which are kept.
     *
     * @throws Refused if someone other than the assessor records it, or the state does not allow it
     */
    public Reward unreachable(RewardPolicy rules, StaffId by, Map<String, Answer> given) {
        requireAssessing(by);
        return copy(State.NOT_ELIGIBLE, assessor, answered(rules, given), null, null, List.of(), 0, null);
    }

    private void requireAssessing(StaffId by) {
        if (state != State.ASSESSING) {
            throw new Refused("error.reward.state", "The reward is not being assessed.");
        }
        if (!by.equals(assessor)) {
            throw new Refused("error.reward.not-assessor", "Only the assessor proposes.");
        }
    }

    /**
     * Returns the answers to every question of the policy, evidence stripped.
     *
     * @throws InvalidInput naming each question without an answer or evidence (or with over 2,000 characters of it)
     */
    private static Map<String, Answer> answered(RewardPolicy rules, Map<String, Answer> given) {
        var errors = new LinkedHashMap<String, String>();
        var answered = new LinkedHashMap<String, Answer>();
        for (var criterion : rules.eligibility()) {
            var answer = given.get(criterion.code());
            if (answer == null
                    || answer.evidence().isBlank()
                    || answer.evidence().length() > 2_000) {
                errors.put("answers." + criterion.code(), "error.reward.evidence");
            } else {
                answered.put(
                        criterion.code(),
                        new Answer(answer.met(), answer.evidence().strip()));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return answered;
    }

    /** The proposal goes to the approvers the matrix asks for. */
    public Reward submitForApproval() {
        return moved(State.PENDING_APPROVAL);
    }

    /**
     * An approver approves; once as many distinct approvers as the amount needs have, the reward
     * is {@code APPROVED}.
     *
     * @throws Refused if the approver is the assessor or approved already, or the state does not allow it
     */
    public Reward approve(StaffId approver) {
        if (state != State.PENDING_APPROVAL) {
            throw new Refused("error.reward.state", "The reward does not wait for approval.");
        }
        if (approver.equals(assessor)) {
            throw new Refused("error.reward.assessor-approves", "The assessor cannot approve their own proposal.");
        }
        if (approver.equals(nominator)) {
            throw new Refused("error.reward.nominator-approves", "Whoever nominated a reward cannot approve it.");
        }
        if (approvers.contains(approver)) {
            throw new Refused("error.reward.approved-twice", "You approved this reward already.");
        }
        var approved = new ArrayList<>(approvers);
        approved.add(approver);
        var next = approved.size() >= approvalsNeeded ? State.APPROVED : State.PENDING_APPROVAL;
        return copy(next, assessor, answers, amount, band, approved, approvalsNeeded, preparer);
    }

    /** An approver rejects the proposal; the assessor cannot. */
    public Reward reject(StaffId approver) {
        if (state != State.PENDING_APPROVAL) {
            throw new Refused("error.reward.state", "The reward does not wait for approval.");
        }
        if (approver.equals(assessor)) {
            throw new Refused("error.reward.assessor-approves", "The assessor cannot decide on their own proposal.");
        }
        return moved(State.REJECTED);
    }

    /** The reporter is told in their mailbox, with a claim code. */
    public Reward notifyReporter() {
        return moved(State.NOTIFIED);
    }

    /** The reporter claims with their code. */
    public Reward claim() {
        return moved(State.CLAIMED);
    }

    /** The reporter declines. */
    public Reward decline() {
        return moved(State.DECLINED);
    }

    /** The claim window passed: deemed waived. */
    public Reward expire() {
        return moved(State.EXPIRED);
    }

    /** A payout officer prepares the payout. */
    public Reward preparePayout(StaffId officer) {
        var moved = moved(State.PAYOUT_PENDING);
        return copy(moved.state, assessor, answers, amount, band, approvers, approvalsNeeded, officer);
    }

    /**
     * Another payout officer releases it.
     *
     * @throws Refused if the one who prepared it releases it
     */
    public Reward releasePayout(StaffId officer) {
        if (state == State.PAYOUT_PENDING && officer.equals(preparer)) {
            throw new Refused("error.reward.preparer-releases", "The one who prepared a payout cannot release it.");
        }
        return moved(State.PAID);
    }

    /** Fraud found: the reward is revoked, whether or not it was paid. */
    public Reward revoke() {
        return moved(State.REVOKED);
    }

    /** What was paid was got back. */
    public Reward recover() {
        return moved(State.RECOVERED);
    }

    private Reward moved(State target) {
        if (!state.next().contains(target)) {
            throw new Refused("error.reward.state", "A reward cannot move from " + state + " to " + target + ".");
        }
        return copy(target, assessor, answers, amount, band, approvers, approvalsNeeded, preparer);
    }

    /** Returns the reward with these parts changed, one version on. */
    private Reward copy(
            State to,
            @Nullable StaffId assessedBy,
            Map<String, Answer> answered,
            @Nullable Money proposed,
            @Nullable String inBand,
            List<StaffId> approvedBy,
            int needed,
            @Nullable StaffId preparedBy) {
        return new Reward(
                id,
                policy,
                policyVersion,
                to,
                nominator,
                assessedBy,
                answered,
                proposed,
                inBand,
                approvedBy,
                needed,
                preparedBy,
                version + 1);
    }

    @Override
    public String toString() {
        return "Reward[" + id + ", " + state + "]";
    }
}
