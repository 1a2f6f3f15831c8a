package org.tipline.rewards;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tipline.accounts.StaffDirectory;
import org.tipline.audit.Actor;
import org.tipline.audit.AuditLog;
import org.tipline.cases.CaseDeadlines;
import org.tipline.cases.Deadline;
import org.tipline.crypto.ClaimCode;
import org.tipline.crypto.ContentKey;
import org.tipline.crypto.Receipt;
import org.tipline.crypto.ServerSecrets;
import org.tipline.identity.Consents;
import org.tipline.mailbox.Mailbox;
import org.tipline.mailbox.MailboxAccess;
import org.tipline.rewards.internal.RewardStore;
import org.tipline.shared.InvalidInput;
import org.tipline.shared.Role;
import org.tipline.shared.StaffId;
import org.tipline.shared.Throttle;
import org.tipline.shared.TooManyRequests;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reporter's side of rewards: what they see in their mailbox, the claim code shown only to
 * whoever opens it with the receipt (kept as HMAC with the pepper; asking again replaces it), and
 * the claim or refusal with that code alone — so a proxy can claim, and no staff member, who reads
 * the thread, ever sees a code. Payout details are sealed with a fresh key wrapped to each payout
 * officer; a receipt typed for a code is recognised and refused; wrong codes are counted globally.
 */
@Service
public class RewardClaims {

    /** The longest payout detail a reporter gives. */
    public static final int DETAIL_LIMIT = 1_000;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CLAIM_TAG = "reward-claim-code";

    private final RewardStore store;
    private final RewardPolicies policies;
    private final CaseDeadlines deadlines;
    private final Mailbox mailbox;
    private final Consents consents;
    private final StaffDirectory staff;
    private final Certificates certificates;
    private final ServerSecrets secrets;
    private final AuditLog audit;
    private final RewardMoves moves;
    private final Clock clock;
    private final Throttle wrongCodes = new Throttle(300, Duration.ofMinutes(1), 1);

    RewardClaims(
            RewardStore store,
            RewardPolicies policies,
            CaseDeadlines deadlines,
            Mailbox mailbox,
            Consents consents,
            StaffDirectory staff,
            Certificates certificates,
            ServerSecrets secrets,
            AuditLog audit,
            RewardMoves moves,
            Clock clock) {
        this.store = store;
        this.policies = policies;
        this.deadlines = deadlines;
        this.mailbox = mailbox;
        this.consents = consents;
        this.staff = staff;
        this.certificates = certificates;
        this.secrets = secrets;
        this.audit = audit;
        this.moves = moves;
        this.clock = clock;
    }

    /**
     * What a reporter (or the proxy they gave the code to) gives when claiming: the payout details
     * the policy asks for, whether the reward goes to an organisation they reported for, and what
     * recognition they accept.
     *
     * @param account where to pay (a bank account, a wallet): for a credential or a proxy
     * @param proxy who collects it for the reporter
     * @param name the reporter's name, when the programme must know who it pays
     * @param contact how the programme reaches them
     * @param organization the organisation the report was made for, which the reward goes to
     * @param certificate whether they want a certificate of recognition
     * @param displayName the name the certificate shows (a pseudonym when empty)
     * @param ceremony whether they accept a ceremony (their consent to it must hold)
     * @param language the language of their certificate
     */
    public record Claim(
            @Nullable String account,
            @Nullable String proxy,
            @Nullable String name,
            @Nullable String contact,
            @Nullable String organization,
            boolean certificate,
            @Nullable String displayName,
            boolean ceremony,
            Locale language) {

        @Override
        public String toString() {
            return "Claim[redacted]";
        }
    }

    /** What a reporter sees of a reward in their mailbox, in plain terms. */
    public record ReporterReward(
            UUID id,
            Reward.State state,
            @Nullable Money amount,
            RewardPolicy.PayoutIdentity payoutIdentity,
            @Nullable Instant claimBy,
            boolean certificate,
            boolean ceremony,
            Certificates.@Nullable Verification issued) {}

    /** What the claim page shows once a claim code is typed. */
    public record Offer(
            @Nullable Money amount,
            RewardPolicy.PayoutIdentity payoutIdentity,
            @Nullable Instant claimBy,
            boolean certificate,
            boolean ceremony,
            String organizationId) {}

    /** Returns the rewards of the reporter who opened {@code access}, once they were told of them. */
    @Transactional(readOnly = true)
    public List<ReporterReward> forReporter(MailboxAccess access) {
        var organization = mailbox.organization(access);
        return store.ofReport(mailbox.report(access)).stream()
                .filter(view -> view.notifiedAt() != null)
                .map(view -> {
                    var rules = policies.version(
                            organization, view.reward().policy(), view.reward().policyVersion());
                    return new ReporterReward(
                            view.reward().id(),
                            view.reward().state(),
                            view.reward().amount(),
                            rules.payoutIdentity(),
                            moves.claimBy(view),
                            rules.certificate(),
                            rules.ceremony(),
                            certificates.ofReward(view.reward().id()).orElse(null));
                })
                .toList();
    }

    /**
     * Gives the reporter who opened {@code access} a new claim code for a notified reward, shown
     * to them once; an earlier code stops working. Only the tag is kept.
     *
     * @throws NoSuchElementException if the reward is not theirs or not notified
     */
    @Transactional
    public ClaimCode issueCode(MailboxAccess access, UUID id) {
        var organization = mailbox.organization(access);
        var view = store.find(organization, id)
                .filter(found -> found.report().equals(mailbox.report(access)))
                .filter(found -> found.reward().state() == Reward.State.NOTIFIED)
                .orElseThrow(() -> new NoSuchElementException("No such reward"));
        var code = ClaimCode.generate();
        store.claimTag(view.reward().id(), secrets.lookup(CLAIM_TAG, code.bytes()));
        audit.record(organization, Actor.REPORTER, new RewardsAudit.CodeIssued(id));
        return code;
    }

    /**
     * Returns what claiming the reward of {@code typed} involves.
     *
     * @throws InvalidInput naming the code: a receipt given for it, malformed, unknown, used or expired
     * @throws TooManyRequests if too many wrong codes arrived recently
     */
    @Transactional(readOnly = true)
    public Offer offer(String typed) {
        var view = claimable(typed);
        var rules = policies.version(
                view.organization(), view.reward().policy(), view.reward().policyVersion());
        return new Offer(
                view.reward().amount(),
                rules.payoutIdentity(),
                moves.claimBy(view),
                rules.certificate(),
                rules.ceremony(),
                view.reward().id().toString());
    }

    /**
     * Claims the reward of {@code typed} with what the policy asks for: the code is spent, the claim
     * window met, the payout details sealed to the organisation's payout officers. The code's tag
     * stays, so that typing it again says it was used.
     *
     * @throws InvalidInput naming the code or a field: a receipt given for the code, malformed,
     *     unknown, used or expired; a detail missing or too long
     * @throws Consents.Missing if a ceremony is accepted without the reporter's consent to one
     * @throws TooManyRequests if too many wrong codes arrived recently
     */
    @Transactional
    public RewardView claim(String typed, Claim claim) {
        var view = claimable(typed);
        var organization = view.organization();
        var rules = policies.version(
                organization, view.reward().policy(), view.reward().policyVersion());
        var details = details(rules, claim);
        if (claim.ceremony()) {
            if (!rules.ceremony()) {
                throw new InvalidInput(Map.of("ceremony", "error.reward.no-ceremony"));
            }
            consents.require(organization, view.report(), Consents.Kind.CEREMONY);
        }
        if (claim.certificate() && !rules.certificate()) {
            throw new InvalidInput(Map.of("certificate", "error.reward.no-certificate"));
        }
        var officers = staff.members(organization).stream()
                .filter(member -> member.roles().contains(Role.PAYOUT_OFFICER))
                .map(org.tipline.accounts.StaffMember::id)
                .toList();
        var recipients = staff.recipients(organization, officers);
        if (!details.isEmpty() && recipients.isEmpty()) {
            throw new Reward.Refused("error.reward.no-payout-officer", "Nobody here can receive payout details yet.");
        }
        var now = clock.instant();
        var claimed = view.reward().claim();
        var recipient = claim.organization() == null || claim.organization().isBlank()
                ? RewardView.Recipient.PERSON
                : RewardView.Recipient.ORGANIZATION;
        var saved = save(
                organization,
                Actor.REPORTER,
                view.reward(),
                claimed,
                new RewardStore.Beside(null, null, null, null, recipient, null, null, now, null, null),
                now);
        deadlines.meet(view.reward().id(), Deadline.Kind.REWARD_CLAIM, now);
        var key = ContentKey.generate();
        var context = RewardMoves.payoutContext(view.reward().id());
        var grants = new LinkedHashMap<StaffId, byte[]>();
        recipients.forEach(
                officer -> grants.put(officer.id(), officer.publicKey().grant(key, context)));
        if (!details.isEmpty()) {
            store.payout(view.reward().id(), key.seal(JSON.writeValueAsBytes(details), context), grants, now);
        }
        var displayName = claim.displayName() == null || claim.displayName().isBlank()
                ? null
                : claim.displayName().strip();
        var shown = displayName != null ? displayName : details.get("organization");
        certificates.wish(view.reward().id(), claim.certificate(), shown, claim.language());
        return saved;
    }

    /**
     * The reporter declines the reward of {@code typed}; the code is spent.
     *
     * @throws InvalidInput naming the code, as {@link #claim} does
     */
    @Transactional
    public RewardView decline(String typed) {
        var view = claimable(typed);
        var organization = view.organization();
        var now = clock.instant();
        var saved = save(
                organization, Actor.REPORTER, view.reward(), view.reward().decline(), RewardStore.Beside.NOTHING, now);
        deadlines.meet(view.reward().id(), Deadline.Kind.REWARD_CLAIM, now);
        return saved;
    }

    /** Finds the notified reward a typed code claims, or says clearly why it does not. */
    private RewardView claimable(String typed) {
        var code = ClaimCode.parse(typed);
        if (code.isEmpty()) {
            miss();
            throw new InvalidInput(
                    Map.of("code", Receipt.parse(typed).isPresent() ? "error.claim.receipt" : "error.claim.malformed"));
        }
        var view = store.byClaimTag(secrets.lookup(CLAIM_TAG, code.get().bytes()));
        if (view.isEmpty()) {
            miss();
            throw new InvalidInput(Map.of("code", "error.claim.unknown"));
        }
        var found = view.get();
        var state = found.reward().state();
        if (state == Reward.State.EXPIRED) {
            throw new InvalidInput(Map.of("code", "error.claim.expired"));
        }
        if (state != Reward.State.NOTIFIED) {
            throw new InvalidInput(Map.of("code", "error.claim.used"));
        }
        var window = deadlines.current(found.reward().id(), Deadline.Kind.REWARD_CLAIM);
        if (window.isEmpty() || window.get().status() != Deadline.Status.OPEN) {
            throw new InvalidInput(Map.of("code", "error.claim.expired"));
        }
        return found;
    }

    private void miss() {
        if (!wrongCodes.tryAcquire("claim")) {
            throw new TooManyRequests();
        }
    }

    /** Checks and keeps the payout details the policy asks for. */
    private static Map<String, String> details(RewardPolicy rules, Claim claim) {
        var errors = new LinkedHashMap<String, String>();
        var details = new LinkedHashMap<String, String>();
        switch (rules.payoutIdentity()) {
            case NONE -> {}
            case CREDENTIAL -> detail("account", claim.account(), true, details, errors);
            case PROXY -> {
                detail("proxy", claim.proxy(), true, details, errors);
                detail("account", claim.account(), false, details, errors);
            }
            case PROGRAMME -> {
                detail("name", claim.name(), true, details, errors);
                detail("contact", claim.contact(), true, details, errors);
                detail("account", claim.account(), false, details, errors);
            }
        }
        detail("organization", claim.organization(), false, details, errors);
        detail("displayName", claim.displayName(), false, new LinkedHashMap<>(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return details;
    }

    private static void detail(
            String field,
            @Nullable String value,
            boolean required,
            Map<String, String> details,
            Map<String, String> errors) {
        var text = value == null ? "" : value.strip();
        if (text.isEmpty()) {
            if (required) {
                errors.put(field, "error.required");
            }
        } else if (text.length() > DETAIL_LIMIT || text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
            errors.put(field, "error.too-long");
        } else {
            details.put(field, text);
        }
    }

    private RewardView save(
            org.tipline.shared.OrganizationId organization,
            Actor actor,
            Reward read,
            Reward changed,
            RewardStore.Beside beside,
            Instant at) {
        return moves.save(organization, actor, read, changed, beside, at);
    }
}
