package org.tipline.rewards;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tipline.audit.Actor;
import org.tipline.audit.AuditLog;
import org.tipline.cases.CaseDeadlines;
import org.tipline.cases.CaseFacts;
import org.tipline.cases.CaseId;
import org.tipline.cases.CaseManagement;
import org.tipline.cases.CaseState;
import org.tipline.cases.CaseStateChanged;
import org.tipline.cases.Deadline;
import org.tipline.cases.DeadlinesPassed;
import org.tipline.cases.Outcome;
import org.tipline.cases.PurgeHold;
import org.tipline.channels.Period;
import org.tipline.crypto.Keyring;
import org.tipline.mailbox.Mailbox;
import org.tipline.mailbox.Notice;
import org.tipline.reports.Reports;
import org.tipline.rewards.internal.RewardStore;
import org.tipline.shared.InvalidInput;
import org.tipline.shared.OrganizationId;
import org.tipline.shared.Role;
import org.tipline.shared.StaffId;
import org.tipline.shared.StaffPrincipal;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rewards for reports (DOMAIN.md, "Reward lifecycle"): candidates when a case concludes
 * substantiated (or a supervisor nominates one), the assessment against the policy with evidence
 * sealed with the report key, approval by as many distinct approvers as the matrix asks (never the
 * assessor, never the nominator), the notice in the reporter's mailbox, a single-use claim code
 * shown only to whoever opens the mailbox with the receipt, the claim with payout details sealed
 * to the payout officers, the payout prepared by one officer and released by another, expiry of the
 * claim window, revocation and recovery; every amount in the append-only ledger.
 *
 * <p>Implementation notes: the aggregate ({@link Reward}) decides which moves are allowed; this
 * service loads it, checks who acts, saves it against the version it read (a concurrent move
 * loses with {@link RewardChangedMeanwhile}), writes the ledger and audits. Deadlines are the case's
 * ({@link CaseDeadlines}): the start of the assessment from the conclusion, the notice from the
 * approval, the claim window from the notice. While a reward is notified, claimed or waiting for
 * its payout, the case's content is kept past its retention ({@link PurgeHold}, scenario 9).
 */
@Service
public class Rewards implements PurgeHold {

    /** The longest reason, method or payment reference staff write. */
    public static final int NOTE_LIMIT = 500;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RewardStore store;
    private final RewardPolicies policies;
    private final CaseManagement cases;
    private final CaseDeadlines deadlines;
    private final Reports reports;
    private final Mailbox mailbox;
    private final Certificates certificates;
    private final AuditLog audit;
    private final RewardMoves moves;
    private final Clock clock;

    Rewards(
            RewardStore store,
            RewardPolicies policies,
            CaseManagement cases,
            CaseDeadlines deadlines,
            Reports reports,
            Mailbox mailbox,
            Certificates certificates,
            AuditLog audit,
            RewardMoves moves,
            Clock clock) {
        this.store = store;
        this.policies = policies;
        this.cases = cases;
        this.deadlines = deadlines;
        this.reports = reports;
        this.mailbox = mailbox;
        this.certificates = certificates;
        this.audit = audit;
        this.moves = moves;
        this.clock = clock;
    }

    /** What the assessor proposes: an answer with evidence to every question, and the amount. */
    public record Proposal(
            Map<String, Reward.Answer> answers,
            @Nullable Money amount,
            @Nullable String band,
            @Nullable Money recovered) {}

    // ---- candidates and nomination ------------------------------------------------------------

    /**
     * A case concluded substantiated: a candidate for its report under its channel's policy, and
     * one for each report merged into it (a later reporter's is discretionary when the first
     * registered wins; none when the policy gives later reporters nothing). Part of the
     * conclusion's transaction.
     */
    @EventListener
    void on(CaseStateChanged changed) {
        if (changed.to() != CaseState.CONCLUDED) {
            return;
        }
        cases.facts(changed.organization(), changed.caseId())
                .filter(facts -> facts.outcome() == Outcome.SUBSTANTIATED)
                .ifPresent(facts ->
                        policies.forChannel(facts.channel()).ifPresent(policy -> candidates(facts, policy, null)));
    }

    /**
     * A supervisor nominates the candidates of a case for assessment: those the conclusion made,
     * or new ones under {@code policy} for a case concluded otherwise (information that helped, a
     * referral). Returns the case's rewards.
     *
     * @throws NoSuchElementException if the organisation has no such case or policy
     * @throws InvalidInput if the case is not concluded, or no policy is given and none applies
     */
    @Transactional
    public List<RewardView> nominate(StaffPrincipal supervisor, String reference, @Nullable UUID policy) {
        supervisor.require(Role.SUPERVISOR);
        var facts = cases.facts(supervisor.organization(), reference.strip())
                .orElseThrow(() -> new NoSuchElementException("No such case"));
        if (facts.state() != CaseState.CONCLUDED && facts.state() != CaseState.ARCHIVED) {
            throw new InvalidInput(Map.of("case", "error.reward.case-not-concluded"));
        }
        var existing = store.ofCase(supervisor.organization(), facts.id());
        if (existing.isEmpty()) {
            var chosen = policy != null
                    ? policy
                    : policies.forChannel(facts.channel()).orElse(null);
            if (chosen == null) {
                throw new InvalidInput(Map.of("policy", "error.required"));
            }
            candidates(facts, chosen, null);
            existing = store.ofCase(supervisor.organization(), facts.id());
        }
        var now = clock.instant();
        for (var view : existing) {
            if (view.reward().state() == Reward.State.CANDIDATE) {
                var nominated = view.reward().nominate(supervisor.id());
                save(
                        supervisor.organization(),
                        Actor.staff(supervisor.id()),
                        view.reward(),
                        nominated,
                        RewardStore.Beside.NOTHING,
                        now);
            }
        }
        return store.ofCase(supervisor.organization(), facts.id());
    }

    private void candidates(CaseFacts facts, UUID policyId, @Nullable StaffId nominator) {
        var version = policies.current(facts.organization(), policyId);
        var rules = version.policy();
        var from = facts.concludedAt() != null ? facts.concludedAt() : clock.instant();
        candidate(facts, facts.report(), version, false, from);
        var later = rules.multipleReporters();
        for (var merged : facts.merged()) {
            if (!later.firstRegisteredWins()) {
                candidate(facts, merged.report(), version, false, from);
            } else if (later.discretionaryShare() > 0) {
                candidate(facts, merged.report(), version, true, from);
            }
        }
    }

    private void candidate(
            CaseFacts facts,
            org.tipline.reports.ReportId report,
            RewardPolicies.Version version,
            boolean discretionary,
            Instant from) {
        var reward = Reward.candidate(version.id(), version.version());
        var now = clock.instant();
        var added = store.insert(new RewardStore.New(
                reward,
                facts.organization(),
                facts.id(),
                facts.reference(),
                report,
                version.policy().currency().getCurrencyCode(),
                discretionary,
                facts.campaign(),
                now));
        if (added) {
            deadlines.start(
                    facts.organization(),
                    facts.id(),
                    reward.id(),
                    Deadline.Kind.REWARD_START,
                    version.policy().deadlines().start(),
                    from);
            audit.record(facts.organization(), Actor.SYSTEM, new RewardsAudit.Moved(reward.id(), reward.state()));
        }
    }

    /**
     * A supervisor nominates one candidate for assessment.
     *
     * @throws NoSuchElementException if the organisation has no such reward
     * @throws Reward.Refused if it is no candidate
     * @throws RewardChangedMeanwhile if it changed since {@code seen}
     */
    @Transactional
    public RewardView nominate(StaffPrincipal supervisor, UUID id, long seen) {
        supervisor.require(Role.SUPERVISOR);
        var view = load(supervisor.organization(), id, seen);
        return save(supervisor, view, view.reward().nominate(supervisor.id()), RewardStore.Beside.NOTHING);
    }

    // ---- assessment and approval --------------------------------------------------------------

    /**
     * A supervisor who holds the report takes a nominated reward to assess it; the start deadline
     * is met.
     *
     * @throws NoSuchElementException if the organisation has no such reward, or they do not hold its report
     */
    @Transactional
    public RewardView assess(StaffPrincipal supervisor, UUID id, long seen) {
        supervisor.require(Role.SUPERVISOR);
        var view = load(supervisor.organization(), id, seen);
        requireHolder(supervisor, view);
        var saved = save(supervisor, view, view.reward().assess(supervisor.id()), RewardStore.Beside.NOTHING);
        deadlines.meet(id, Deadline.Kind.REWARD_START, clock.instant());
        return saved;
    }

    /**
     * The assessor answers the policy's questions with evidence and proposes an amount. A reporter
     * who has not opened their mailbox since the case concluded cannot be reached and is not
     * eligible (scenario 6); a later reporter's amount is at most the policy's share of the first's
     * (scenario 5). A proposal goes to the approvers at once; its amount enters the ledger.
     *
     * @throws InvalidInput if an answer, its evidence or the amount is missing or not allowed
     * @throws Reward.Refused if they are not the assessor, or the first reporter's reward is not proposed yet
     */
    @Transactional
    public RewardView propose(Keyring keyring, UUID id, long seen, Proposal proposal) {
        var assessor = keyring.owner();
        assessor.require(Role.SUPERVISOR);
        var view = load(assessor.organization(), id, seen);
        requireHolder(assessor, view);
        var reward = view.reward();
        var rules = policies.version(assessor.organization(), reward.policy(), reward.policyVersion());
        var facts = cases.facts(assessor.organization(), view.caseId()).orElseThrow();
        var reachable = mailbox.openedSince(
                view.report(), facts.concludedAt() != null ? facts.concludedAt() : view.createdAt());
        Reward changed;
        if (!reachable) {
            changed = reward.unreachable(rules, assessor.id(), proposal.answers());
        } else {
            changed = reward.propose(
                    rules,
                    assessor.id(),
                    proposal.answers(),
                    proposal.amount(),
                    proposal.band(),
                    proposal.recovered(),
                    view.discretionary() ? ceiling(view, rules) : null);
        }
        var evidence = new LinkedHashMap<String, String>();
        proposal.answers().forEach((code, answer) -> {
            if (changed.answers().containsKey(code)) {
                evidence.put(code, answer.evidence().strip());
            }
        });
        var key = reports.unlock(keyring, view.report());
        var sealed = key.seal(evidencePart(id), JSON.writeValueAsBytes(evidence));
        var beside = new RewardStore.Beside(
                rules.shape() == RewardPolicy.Shape.SHARE ? proposal.recovered() : null,
                null,
                null,
                null,
                null,
                reachable ? null : "unreachable",
                null,
                null,
                null,
                sealed);
        var now = clock.instant();
        if (changed.state() == Reward.State.PROPOSED) {
            var pending = changed.submitForApproval();
            var saved = save(assessor.organization(), Actor.staff(assessor.id()), reward, pending, beside, now);
            store.ledger(
                    assessor.organization(),
                    pending,
                    "PROPOSED",
                    java.util.Objects.requireNonNull(pending.amount()),
                    assessor.id(),
                    now);
            return saved;
        }
        return save(assessor.organization(), Actor.staff(assessor.id()), reward, changed, beside, now);
    }

    /** The most a later reporter may be given: the policy's share of the first reporter's amount. */
    private Money ceiling(RewardView later, RewardPolicy rules) {
        var first = store.ofCase(later.organization(), later.caseId()).stream()
                .filter(view -> !view.discretionary() && view.reward().amount() != null)
                .findFirst()
                .orElseThrow(() -> new Reward.Refused(
                        "error.reward.first-pending", "The first reporter's reward has no amount yet."));
        var amount = java.util.Objects.requireNonNull(first.reward().amount());
        var share = rules.multipleReporters().discretionaryShare();
        return new Money(
                java.math.BigDecimal.valueOf(amount.minor())
                        .multiply(java.math.BigDecimal.valueOf(share))
                        .divide(java.math.BigDecimal.valueOf(100), 0, java.math.RoundingMode.FLOOR)
                        .longValueExact(),
                amount.currency());
    }

    /**
     * An approver approves a proposal; with as many distinct approvers as the amount needs it is
     * approved, its amount enters the ledger and the notice deadline starts.
     *
     * @throws Reward.Refused if they assessed or nominated it, or approved it already (scenario 11)
     */
    @Transactional
    public RewardView approve(StaffPrincipal approver, UUID id, long seen) {
        approver.require(Role.APPROVER);
        var view = load(approver.organization(), id, seen);
        var approved = view.reward().approve(approver.id());
        var saved = save(approver, view, approved, RewardStore.Beside.NOTHING);
        if (approved.state() == Reward.State.APPROVED) {
            var now = clock.instant();
            store.ledger(
                    approver.organization(),
                    approved,
                    "APPROVED",
                    java.util.Objects.requireNonNull(approved.amount()),
                    approver.id(),
                    now);
            var rules = policies.version(approver.organization(), approved.policy(), approved.policyVersion());
            deadlines.start(
                    approver.organization(),
                    view.caseId(),
                    id,
                    Deadline.Kind.REWARD_NOTICE,
                    rules.deadlines().notification(),
                    now);
        }
        return saved;
    }

    /** An approver rejects a proposal, with a reason. */
    @Transactional
    public RewardView reject(StaffPrincipal approver, UUID id, long seen, String reason) {
        approver.require(Role.APPROVER);
        var note = note("reason", reason);
        var view = load(approver.organization(), id, seen);
        return save(approver, view, view.reward().reject(approver.id()), RewardStore.Beside.NOTHING.withReason(note));
    }

    // ---- the reporter -------------------------------------------------------------------------

    /**
     * Someone who holds the report tells the reporter in their mailbox that a reward was approved
     * (the message is theirs); the claim window starts. The claim code is not in the message: the
     * reporter gets it on their rewards page, where only the receipt leads, so no staff member ever
     * sees it.
     *
     * @throws InvalidInput if the message is empty or too long
     */
    @Transactional
    public RewardView notifyReporter(Keyring keyring, UUID id, long seen, String message) {
        var by = keyring.owner();
        var view = load(by.organization(), id, seen);
        requireHolder(by, view);
        var notified = view.reward().notifyReporter();
        var key = reports.unlock(keyring, view.report());
        mailbox.notify(key, Notice.REWARD, message);
        var now = clock.instant();
        var saved = save(
                by.organization(),
                Actor.staff(by.id()),
                view.reward(),
                notified,
                new RewardStore.Beside(null, null, null, null, null, null, now, null, null, null),
                now);
        deadlines.meet(id, Deadline.Kind.REWARD_NOTICE, now);
        var rules = policies.version(by.organization(), notified.policy(), notified.policyVersion());
        deadlines.start(
                by.organization(),
                view.caseId(),
                id,
                Deadline.Kind.REWARD_CLAIM,
                rules.deadlines().claimWindow(),
                now);
        return saved;
    }

    /**
     * A supervisor or approver extends the claim window to {@code total} from the notice, with a
     * reason; never beyond what the policy allows.
     *
     * @throws InvalidInput if the policy allows no extension, the period is unreadable, not later
     *     than the current window or beyond the cap, or the window already passed
     */
    @Transactional
    public RewardView extendClaim(StaffPrincipal by, UUID id, long seen, String total, String reason) {
        if (!by.has(Role.APPROVER)) {
            by.require(Role.SUPERVISOR);
        }
        var note = note("reason", reason);
        var view = load(by.organization(), id, seen);
        if (view.reward().state() != Reward.State.NOTIFIED || view.notifiedAt() == null) {
            throw new Reward.Refused("error.reward.state", "Only a notified reward's claim window is extended.");
        }
        var rules = policies.version(
                by.organization(), view.reward().policy(), view.reward().policyVersion());
        var cap = rules.deadlines().extendableTo();
        if (cap == null) {
            throw new InvalidInput(Map.of("period", "error.reward.not-extendable"));
        }
        var period = Period.parse(total).orElseThrow(() -> new InvalidInput(Map.of("period", "error.policy.period")));
        deadlines
                .extend(
                        by.organization(),
                        view.caseId(),
                        id,
                        Deadline.Kind.REWARD_CLAIM,
                        period,
                        cap,
                        view.notifiedAt(),
                        note,
                        by.id())
                .orElseThrow(() -> new InvalidInput(Map.of("period", "error.reward.extension")));
        audit.record(by.organization(), Actor.staff(by.id()), new RewardsAudit.Extended(id));
        return store.find(by.organization(), id).orElseThrow();
    }

    // ---- payout -------------------------------------------------------------------------------

    /** A payout officer prepares the payout of a claimed reward, naming how it will be paid. */
    @Transactional
    public RewardView preparePayout(StaffPrincipal officer, UUID id, long seen, String method) {
        officer.require(Role.PAYOUT_OFFICER);
        var note = note("method", method);
        var view = load(officer.organization(), id, seen);
        return save(
                officer,
                view,
                view.reward().preparePayout(officer.id()),
                new RewardStore.Beside(null, null, note, null, null, null, null, null, null, null));
    }

    /**
     * Returns the payout details the reporter gave, to a payout officer; audited.
     *
     * @throws NoSuchElementException if there are none (paid already) or none sealed to them
     */
    @Transactional
    public Map<String, String> payoutDetails(Keyring keyring, UUID id) {
        var officer = keyring.owner();
        officer.require(Role.PAYOUT_OFFICER);
        var view =
                store.find(officer.organization(), id).orElseThrow(() -> new NoSuchElementException("No such reward"));
        var sealed = store.payout(view.reward().id(), officer.id())
                .orElseThrow(() -> new NoSuchElementException("No payout details"));
        var context = RewardMoves.payoutContext(id);
        var key = keyring.unwrap(sealed.wrapped(), context);
        audit.record(officer.organization(), Actor.staff(officer.id()), new RewardsAudit.PayoutRead(id));
        @SuppressWarnings("unchecked")
        Map<String, String> details = JSON.readValue(key.open(sealed.details(), context), Map.class);
        return details;
    }

    /**
     * Another payout officer releases the payout with the payment's reference: paid, in the
     * ledger, and the payout details are deleted.
     *
     * @throws Reward.Refused if they prepared it (scenario 11)
     */
    @Transactional
    public RewardView releasePayout(StaffPrincipal officer, UUID id, long seen, String reference) {
        officer.require(Role.PAYOUT_OFFICER);
        var note = note("reference", reference);
        var view = load(officer.organization(), id, seen);
        var paid = view.reward().releasePayout(officer.id());
        var now = clock.instant();
        var saved = save(
                officer.organization(),
                Actor.staff(officer.id()),
                view.reward(),
                paid,
                new RewardStore.Beside(null, officer.id(), null, note, null, null, null, null, now, null),
                now);
        store.ledger(
                officer.organization(),
                paid,
                "PAID",
                java.util.Objects.requireNonNull(paid.amount()),
                officer.id(),
                now);
        store.purgePayout(id);
        certificates.issue(officer.organization(), id);
        return saved;
    }

    // ---- fraud --------------------------------------------------------------------------------

    /**
     * A supervisor or approver revokes a reward for fraud, with a reason: before payment the claim
     * stops (code, window, payout details); after it, only where the policy allows claw-back.
     */
    @Transactional
    public RewardView revoke(StaffPrincipal by, UUID id, long seen, String reason) {
        if (!by.has(Role.APPROVER)) {
            by.require(Role.SUPERVISOR);
        }
        var note = note("reason", reason);
        var view = load(by.organization(), id, seen);
        var rules = policies.version(
                by.organization(), view.reward().policy(), view.reward().policyVersion());
        if (view.reward().state() == Reward.State.PAID && !rules.clawback()) {
            throw new Reward.Refused("error.reward.no-clawback", "The policy does not claw back a paid reward.");
        }
        var saved = save(by, view, view.reward().revoke(), RewardStore.Beside.NOTHING.withReason(note));
        store.claimTag(id, null);
        store.purgePayout(id);
        deadlines.waive(id, Deadline.Kind.REWARD_CLAIM, "revoked", by.id());
        deadlines.waive(id, Deadline.Kind.REWARD_NOTICE, "revoked", by.id());
        certificates.revoke(by.organization(), id);
        return saved;
    }

    /**
     * Records what was got back of a revoked reward that had been paid.
     *
     * @throws InvalidInput if the amount is in another currency, nothing, or more than was paid
     */
    @Transactional
    public RewardView recover(StaffPrincipal by, UUID id, long seen, Money recovered) {
        if (!by.has(Role.APPROVER)) {
            by.require(Role.SUPERVISOR);
        }
        var view = load(by.organization(), id, seen);
        var paid = store.entries(id).stream()
                .filter(entry -> entry.kind().equals("PAID"))
                .map(Ledger.Entry::amount)
                .findFirst()
                .orElseThrow(() -> new Reward.Refused("error.reward.not-paid", "Nothing was paid to recover."));
        if (!recovered.sameCurrency(paid)) {
            throw new InvalidInput(Map.of("amount", "error.reward.currency-mismatch"));
        }
        if (recovered.minor() <= 0 || recovered.compareTo(paid) > 0) {
            throw new InvalidInput(Map.of("amount", "error.reward.recovery"));
        }
        var changed = view.reward().recover();
        var now = clock.instant();
        var saved = save(
                by.organization(),
                Actor.staff(by.id()),
                view.reward(),
                changed,
                new RewardStore.Beside(recovered, null, null, null, null, null, null, null, null, null),
                now);
        store.ledger(by.organization(), changed, "RECOVERED", recovered, by.id(), now);
        return saved;
    }

    // ---- time ---------------------------------------------------------------------------------

    /**
     * The deadline job found claim windows passed: those rewards still notified expire, deemed
     * waived (scenario 7); their codes then say so. Part of the job's transaction.
     */
    @EventListener
    void on(DeadlinesPassed run) {
        var now = clock.instant();
        for (var id : deadlines.passed(run, Deadline.Kind.REWARD_CLAIM)) {
            store.find(run.organization(), id)
                    .filter(view -> view.reward().state() == Reward.State.NOTIFIED)
                    .ifPresent(view -> {
                        save(
                                run.organization(),
                                Actor.SYSTEM,
                                view.reward(),
                                view.reward().expire(),
                                RewardStore.Beside.NOTHING.withReason("claim-window-passed"),
                                now);
                    });
        }
    }

    /** A purged case's rewards keep their amounts and states, and nothing of its content. Part of the purge. */
    @EventListener
    void on(org.tipline.cases.CasePurged purged) {
        store.forget(purged.caseId());
    }

    @Override
    public Set<CaseId> held(OrganizationId organization, Collection<CaseId> candidates) {
        return candidates.isEmpty()
                ? Set.of()
                : new HashSet<>(store.holding(organization, new ArrayList<>(candidates)));
    }

    // ---- reading ------------------------------------------------------------------------------

    /** Returns the organisation's rewards, the latest change first, to those who work on rewards. */
    @Transactional(readOnly = true)
    public List<RewardView> list(StaffPrincipal viewer) {
        requireReader(viewer);
        return store.list(viewer.organization(), 500);
    }

    /**
     * Returns one of the organisation's rewards.
     *
     * @throws NoSuchElementException if it has no such reward
     */
    @Transactional(readOnly = true)
    public RewardView get(StaffPrincipal viewer, UUID id) {
        requireReader(viewer);
        return store.find(viewer.organization(), id).orElseThrow(() -> new NoSuchElementException("No such reward"));
    }

    /** Returns the rewards of a case. */
    @Transactional(readOnly = true)
    public List<RewardView> ofCase(StaffPrincipal viewer, CaseId id) {
        requireReader(viewer);
        return store.ofCase(viewer.organization(), id);
    }

    /**
     * Returns the assessor's evidence, by question, to someone who holds the report.
     *
     * @throws NoSuchElementException if there is no such reward or they do not hold its report
     */
    @Transactional(readOnly = true)
    public Map<String, String> evidence(Keyring keyring, UUID id) {
        var viewer = keyring.owner();
        var view = get(viewer, id);
        requireHolder(viewer, view);
        var sealed = store.evidence(id);
        if (sealed == null) {
            return Map.of();
        }
        var key = reports.unlock(keyring, view.report());
        @SuppressWarnings("unchecked")
        Map<String, String> evidence = JSON.readValue(key.open(evidencePart(id), sealed), Map.class);
        return evidence;
    }

    /** Returns a reward's ledger entries, in order. */
    @Transactional(readOnly = true)
    public List<Ledger.Entry> ledger(StaffPrincipal viewer, UUID id) {
        get(viewer, id);
        return store.entries(id);
    }

    /** Returns the ledger's totals per policy, year, currency and kind. */
    @Transactional(readOnly = true)
    public List<Ledger.Total> totals(StaffPrincipal viewer) {
        requireReader(viewer);
        return store.totals(viewer.organization());
    }

    /** Returns, per campaign code of {@code codes}, how many rewards of cases that came through it were paid. Counts only. */
    @Transactional(readOnly = true)
    public Map<String, Long> paidByCampaign(OrganizationId organization, Collection<String> codes) {
        return codes.isEmpty() ? Map.of() : store.paidByCampaign(organization, codes);
    }

    /** What was paid in one currency over a time: rewards and amount, net of recoveries. Counts only. */
    public record Paid(Money amount, long rewards) {}

    /** Returns what the organisation paid in rewards in [{@code from}, {@code to}), by currency. */
    @Transactional(readOnly = true)
    public List<Paid> paidBetween(OrganizationId organization, Instant from, Instant to) {
        return store.paidBetween(organization, from, to).stream()
                .map(paid -> new Paid(
                        new Money(Math.max(0, paid.minor()), java.util.Currency.getInstance(paid.currency())),
                        paid.rewards()))
                .toList();
    }

    /** Returns the version of the policy a reward is assessed under. */
    @Transactional(readOnly = true)
    public RewardPolicy policyOf(StaffPrincipal viewer, RewardView view) {
        requireReader(viewer);
        return policies.version(
                viewer.organization(), view.reward().policy(), view.reward().policyVersion());
    }

    /** Returns whether {@code viewer} holds the report a reward is for (and so may assess it, read its evidence and notify). */
    @Transactional(readOnly = true)
    public boolean holdsReport(StaffPrincipal viewer, RewardView view) {
        return reports.holds(viewer, view.report());
    }

    /** Returns the open deadline of a reward's claim, if it has one. */
    @Transactional(readOnly = true)
    public Optional<CaseDeadlines.Due> claimWindow(UUID id) {
        return deadlines.current(id, Deadline.Kind.REWARD_CLAIM);
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static void requireReader(StaffPrincipal viewer) {
        if (!viewer.has(Role.SUPERVISOR) && !viewer.has(Role.APPROVER) && !viewer.has(Role.PAYOUT_OFFICER)) {
            viewer.require(Role.SUPERVISOR);
        }
    }

    private void requireHolder(StaffPrincipal member, RewardView view) {
        if (!reports.holds(member, view.report())) {
            throw new NoSuchElementException("No such reward");
        }
    }

    private RewardView load(OrganizationId organization, UUID id, long seen) {
        var view = store.find(organization, id).orElseThrow(() -> new NoSuchElementException("No such reward"));
        if (view.reward().version() != seen) {
            throw new RewardChangedMeanwhile();
        }
        return view;
    }

    private RewardView save(StaffPrincipal by, RewardView view, Reward changed, RewardStore.Beside beside) {
        return moves.save(by.organization(), Actor.staff(by.id()), view.reward(), changed, beside, clock.instant());
    }

    private RewardView save(
            OrganizationId organization,
            Actor actor,
            Reward read,
            Reward changed,
            RewardStore.Beside beside,
            Instant at) {
        return moves.save(organization, actor, read, changed, beside, at);
    }

    private static String note(String field, String text) {
        var note = text == null ? "" : text.strip();
        if (note.isEmpty()) {
            throw new InvalidInput(Map.of(field, "error.required"));
        }
        if (note.length() > NOTE_LIMIT || note.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInput(Map.of(field, "error.too-long"));
        }
        return note;
    }

    private static String evidencePart(UUID reward) {
        return "reward-evidence:" + reward;
    }
}
