package org.tipline.rewards;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.tipline.accounts.StaffDirectory;
import org.tipline.audit.Actor;
import org.tipline.audit.AuditLog;
import org.tipline.cases.CaseDeadlines;
import org.tipline.cases.Deadline;
import org.tipline.rewards.internal.RewardStore;
import org.tipline.shared.OrganizationId;
import org.tipline.shared.Role;
import org.tipline.shared.StaffId;

/**
 * Saving a moved reward, for the staff's side ({@link Rewards}) and the reporter's ({@link
 * RewardClaims}) alike: against the version that was read, audited, and announced to whoever it
 * now waits on ({@link RewardWaiting}).
 */
@Component
class RewardMoves {

    private final RewardStore store;
    private final CaseDeadlines deadlines;
    private final StaffDirectory staff;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;

    RewardMoves(
            RewardStore store,
            CaseDeadlines deadlines,
            StaffDirectory staff,
            AuditLog audit,
            ApplicationEventPublisher events) {
        this.store = store;
        this.deadlines = deadlines;
        this.staff = staff;
        this.audit = audit;
        this.events = events;
    }

    /**
     * Saves {@code changed} if the reward is still at the version {@code read} has; audits the move
     * and announces who it waits on.
     *
     * @throws RewardChangedMeanwhile if someone moved it since
     */
    RewardView save(
            OrganizationId organization,
            Actor actor,
            Reward read,
            Reward changed,
            RewardStore.Beside beside,
            Instant at) {
        if (!store.save(changed, read.version(), beside, at)) {
            throw new RewardChangedMeanwhile();
        }
        audit.record(organization, actor, new RewardsAudit.Moved(changed.id(), changed.state()));
        var saved = store.find(organization, changed.id()).orElseThrow();
        if (changed.state() != read.state()) {
            var who = waitingOn(saved);
            if (!who.isEmpty()) {
                events.publishEvent(new RewardWaiting(
                        saved.reward().id(), organization, saved.caseId(), saved.reference(), changed.state(), who));
            }
        }
        return saved;
    }

    /** Returns who the reward now waits on: never whoever may not take the next step. */
    private List<StaffId> waitingOn(RewardView view) {
        var reward = view.reward();
        var members = staff.members(view.organization());
        return switch (reward.state()) {
            case PENDING_APPROVAL ->
                members.stream()
                        .filter(member -> member.roles().contains(Role.APPROVER))
                        .map(org.tipline.accounts.StaffMember::id)
                        .filter(id -> !id.equals(reward.assessor()) && !id.equals(reward.nominator()))
                        .toList();
            case APPROVED -> reward.assessor() == null ? List.of() : List.of(reward.assessor());
            case CLAIMED, PAYOUT_PENDING ->
                members.stream()
                        .filter(member -> member.roles().contains(Role.PAYOUT_OFFICER))
                        .map(org.tipline.accounts.StaffMember::id)
                        .filter(id -> !id.equals(reward.preparer()))
                        .toList();
            default -> List.of();
        };
    }

    /** Returns when a notified reward's claim window closes, while it is open. */
    @Nullable
    Instant claimBy(RewardView view) {
        return deadlines
                .current(view.reward().id(), Deadline.Kind.REWARD_CLAIM)
                .filter(due -> due.status() == Deadline.Status.OPEN)
                .map(CaseDeadlines.Due::dueAt)
                .orElse(null);
    }

    /** The context a claim's payout details are sealed under. */
    static String payoutContext(java.util.UUID reward) {
        return "tipline/reward-payout/v1:" + reward;
    }
}
