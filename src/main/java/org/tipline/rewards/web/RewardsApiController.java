package org.tipline.rewards.web;

import java.time.Instant;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.tipline.channels.ChannelId;
import org.tipline.crypto.Keyring;
import org.tipline.mailbox.Mailbox;
import org.tipline.rewards.Money;
import org.tipline.rewards.Reward;
import org.tipline.rewards.RewardClaims;
import org.tipline.rewards.RewardPolicies;
import org.tipline.rewards.RewardView;
import org.tipline.rewards.Rewards;
import org.tipline.shared.InvalidInput;
import org.tipline.shared.StaffId;
import org.tipline.shared.StaffPrincipal;

/**
 * Rewards through the API: supervisors nominate and assess, approvers approve, payout officers
 * prepare and release payouts; the reporter sees their rewards and gets a claim code with their
 * receipt ({@code Authorization: Receipt <receipt>}); anyone holding a claim code claims or declines
 * with it alone.
 */
@RestController
class RewardsApiController {

    /** An amount as the API writes it: major units as a string, and the currency. */
    record Amount(String value, String currency) {
        static @Nullable Amount of(@Nullable Money money) {
            return money == null
                    ? null
                    : new Amount(money.major(), money.currency().getCurrencyCode());
        }
    }

    /** A reward as staff read it. */
    record RewardResponse(
            UUID id,
            UUID caseId,
            String reference,
            UUID report,
            UUID policy,
            int policyVersion,
            String policyName,
            Reward.State state,
            boolean discretionary,
            @Nullable UUID nominator,
            @Nullable UUID assessor,
            Map<String, Boolean> criteria,
            @Nullable Amount amount,
            @Nullable String band,
            @Nullable Amount recovered,
            List<UUID> approvers,
            int approvalsNeeded,
            @Nullable UUID preparer,
            @Nullable UUID releaser,
            @Nullable String payoutMethod,
            @Nullable String payoutReference,
            RewardView.@Nullable Recipient recipient,
            @Nullable String reason,
            @Nullable Instant notifiedAt,
            @Nullable Instant claimedAt,
            @Nullable Instant paidAt,
            @Nullable Instant claimBy,
            long version) {}

    record Nomination(@Nullable String reference, @Nullable UUID policy) {}

    record Seen(@Nullable Long version) {}

    record Answer(@Nullable Boolean met, @Nullable String evidence) {}

    record ProposalBody(
            @Nullable Long version,
            @Nullable Map<String, Answer> answers,
            @Nullable String amount,
            @Nullable String currency,
            @Nullable String band,
            @Nullable String recovered) {}

    record Note(@Nullable Long version, @Nullable String text) {}

    record Extension(
            @Nullable Long version,
            @Nullable String period,
            @Nullable String reason) {}

    record Recovery(
            @Nullable Long version,
            @Nullable String amount,
            @Nullable String currency) {}

    record ChannelPolicy(@Nullable UUID policy) {}

    record CodeResponse(String code) {
        @Override
        public String toString() {
            return "CodeResponse[redacted]";
        }
    }

    record ClaimBody(
            @Nullable String code,
            @Nullable String account,
            @Nullable String proxy,
            @Nullable String name,
            @Nullable String contact,
            @Nullable String organization,
            @Nullable Boolean certificate,
            @Nullable String displayName,
            @Nullable Boolean ceremony,
            @Nullable String language) {
        @Override
        public String toString() {
            return "ClaimBody[redacted]";
        }
    }

    record CodeBody(@Nullable String code) {
        @Override
        public String toString() {
            return "CodeBody[redacted]";
        }
    }

    record OfferResponse(
            @Nullable Amount amount,
            String payoutIdentity,
            @Nullable Instant claimBy,
            boolean certificate,
            boolean ceremony) {}

    record ClaimResponse(Reward.State state) {}

    record LedgerEntry(
            long seq, String kind, Amount amount, @Nullable UUID by, Instant at) {}

    record Total(UUID policy, String policyName, int year, String currency, String kind, String amount, long entries) {}

    private final Rewards rewards;
    private final RewardClaims claims;
    private final RewardPolicies policies;
    private final org.tipline.rewards.Certificates certificates;
    private final Mailbox mailbox;
    private final org.tipline.shared.PublicLinks links;

    RewardsApiController(
            Rewards rewards,
            RewardClaims claims,
            RewardPolicies policies,
            org.tipline.rewards.Certificates certificates,
            Mailbox mailbox,
            org.tipline.shared.PublicLinks links) {
        this.rewards = rewards;
        this.claims = claims;
        this.policies = policies;
        this.certificates = certificates;
        this.mailbox = mailbox;
        this.links = links;
    }

    @PutMapping("/api/v1/admin/channels/{channel}/reward-policy")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void applyPolicy(
            @AuthenticationPrincipal StaffPrincipal admin,
            @PathVariable UUID channel,
            @RequestBody ChannelPolicy body) {
        policies.applyTo(admin, new ChannelId(channel), body.policy());
    }

    @GetMapping("/api/v1/rewards")
    List<RewardResponse> list(@AuthenticationPrincipal StaffPrincipal viewer) {
        return rewards.list(viewer).stream().map(this::response).toList();
    }

    @PostMapping("/api/v1/rewards")
    @ResponseStatus(HttpStatus.CREATED)
    List<RewardResponse> nominate(@AuthenticationPrincipal StaffPrincipal supervisor, @RequestBody Nomination body) {
        if (body.reference() == null || body.reference().isBlank()) {
            throw new InvalidInput(Map.of("reference", "error.required"));
        }
        return rewards.nominate(supervisor, body.reference(), body.policy()).stream()
                .map(this::response)
                .toList();
    }

    @GetMapping("/api/v1/rewards/totals")
    List<Total> totals(@AuthenticationPrincipal StaffPrincipal viewer) {
        return rewards.totals(viewer).stream()
                .map(total -> new Total(
                        total.policy(),
                        total.policyName(),
                        total.year(),
                        total.currency(),
                        total.kind(),
                        new Money(total.minor(), Currency.getInstance(total.currency())).major(),
                        total.entries()))
                .toList();
    }

    @GetMapping("/api/v1/rewards/{id}")
    RewardResponse get(@AuthenticationPrincipal StaffPrincipal viewer, @PathVariable UUID id) {
        return response(rewards.get(viewer, id));
    }

    @GetMapping("/api/v1/rewards/{id}/ledger")
    List<LedgerEntry> ledger(@AuthenticationPrincipal StaffPrincipal viewer, @PathVariable UUID id) {
        return rewards.ledger(viewer, id).stream()
                .map(entry -> new LedgerEntry(
                        entry.seq(),
                        entry.kind(),
                        java.util.Objects.requireNonNull(Amount.of(entry.amount())),
                        entry.by() == null ? null : entry.by().value(),
                        entry.at()))
                .toList();
    }

    @GetMapping("/api/v1/rewards/{id}/evidence")
    ResponseEntity<Map<String, String>> evidence(Keyring keyring, @PathVariable UUID id) {
        return ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, "no-store").body(rewards.evidence(keyring, id));
    }

    @PostMapping("/api/v1/rewards/{id}/nominate")
    RewardResponse nominateOne(
            @AuthenticationPrincipal StaffPrincipal supervisor, @PathVariable UUID id, @RequestBody Seen body) {
        return response(rewards.nominate(supervisor, id, seen(body.version())));
    }

    @PostMapping("/api/v1/rewards/{id}/assess")
    RewardResponse assess(
            @AuthenticationPrincipal StaffPrincipal supervisor, @PathVariable UUID id, @RequestBody Seen body) {
        return response(rewards.assess(supervisor, id, seen(body.version())));
    }

    @PostMapping("/api/v1/rewards/{id}/proposal")
    RewardResponse propose(Keyring keyring, @PathVariable UUID id, @RequestBody ProposalBody body) {
        var answers = new LinkedHashMap<String, Reward.Answer>();
        if (body.answers() != null) {
            body.answers().forEach((code, answer) -> {
                if (answer != null) {
                    answers.put(
                            code,
                            new Reward.Answer(
                                    Boolean.TRUE.equals(answer.met()),
                                    answer.evidence() == null ? "" : answer.evidence()));
                }
            });
        }
        var currency = currency(body.currency());
        return response(rewards.propose(
                keyring,
                id,
                seen(body.version()),
                new Rewards.Proposal(
                        answers,
                        money("amount", body.amount(), currency),
                        body.band(),
                        money("recovered", body.recovered(), currency))));
    }

    @PostMapping("/api/v1/rewards/{id}/approve")
    RewardResponse approve(
            @AuthenticationPrincipal StaffPrincipal approver, @PathVariable UUID id, @RequestBody Seen body) {
        return response(rewards.approve(approver, id, seen(body.version())));
    }

    @PostMapping("/api/v1/rewards/{id}/reject")
    RewardResponse reject(
            @AuthenticationPrincipal StaffPrincipal approver, @PathVariable UUID id, @RequestBody Note body) {
        return response(rewards.reject(approver, id, seen(body.version()), text(body.text())));
    }

    @PostMapping("/api/v1/rewards/{id}/notice")
    RewardResponse notifyReporter(Keyring keyring, @PathVariable UUID id, @RequestBody Note body) {
        return response(rewards.notifyReporter(keyring, id, seen(body.version()), text(body.text())));
    }

    @PostMapping("/api/v1/rewards/{id}/claim-window")
    RewardResponse extend(
            @AuthenticationPrincipal StaffPrincipal by, @PathVariable UUID id, @RequestBody Extension body) {
        return response(rewards.extendClaim(by, id, seen(body.version()), text(body.period()), text(body.reason())));
    }

    @PostMapping("/api/v1/rewards/{id}/payout")
    RewardResponse prepare(
            @AuthenticationPrincipal StaffPrincipal officer, @PathVariable UUID id, @RequestBody Note body) {
        return response(rewards.preparePayout(officer, id, seen(body.version()), text(body.text())));
    }

    @GetMapping("/api/v1/rewards/{id}/payout")
    ResponseEntity<Map<String, String>> payoutDetails(Keyring keyring, @PathVariable UUID id) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(rewards.payoutDetails(keyring, id));
    }

    @PostMapping("/api/v1/rewards/{id}/release")
    RewardResponse release(
            @AuthenticationPrincipal StaffPrincipal officer, @PathVariable UUID id, @RequestBody Note body) {
        return response(rewards.releasePayout(officer, id, seen(body.version()), text(body.text())));
    }

    @PostMapping("/api/v1/rewards/{id}/revoke")
    RewardResponse revoke(@AuthenticationPrincipal StaffPrincipal by, @PathVariable UUID id, @RequestBody Note body) {
        return response(rewards.revoke(by, id, seen(body.version()), text(body.text())));
    }

    @PostMapping("/api/v1/rewards/{id}/recovery")
    RewardResponse recover(
            @AuthenticationPrincipal StaffPrincipal by, @PathVariable UUID id, @RequestBody Recovery body) {
        var amount = money("amount", body.amount(), currency(body.currency()));
        if (amount == null) {
            throw new InvalidInput(Map.of("amount", "error.required"));
        }
        return response(rewards.recover(by, id, seen(body.version()), amount));
    }

    // ---- the reporter, with the receipt; anyone, with a claim code ------------------------------

    @GetMapping("/api/v1/followup/rewards")
    ResponseEntity<List<RewardClaims.ReporterReward>> forReporter(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(claims.forReporter(mailbox.openAuthorization(authorization)));
    }

    @PostMapping("/api/v1/followup/rewards/{id}/claim-code")
    ResponseEntity<CodeResponse> code(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
            @PathVariable UUID id) {
        var code = claims.issueCode(mailbox.openAuthorization(authorization), id);
        return ResponseEntity.status(HttpStatus.CREATED)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(new CodeResponse(code.display()));
    }

    @PostMapping("/api/v1/claims/offer")
    ResponseEntity<OfferResponse> offer(@RequestBody CodeBody body) {
        var offer = claims.offer(body.code() == null ? "" : body.code());
        return ResponseEntity.ok()
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(new OfferResponse(
                        Amount.of(offer.amount()),
                        offer.payoutIdentity().name(),
                        offer.claimBy(),
                        offer.certificate(),
                        offer.ceremony()));
    }

    @PostMapping("/api/v1/claims")
    ResponseEntity<ClaimResponse> claim(@RequestBody ClaimBody body, java.util.Locale locale) {
        var claimed = claims.claim(
                body.code() == null ? "" : body.code(),
                new RewardClaims.Claim(
                        body.account(),
                        body.proxy(),
                        body.name(),
                        body.contact(),
                        body.organization(),
                        Boolean.TRUE.equals(body.certificate()),
                        body.displayName(),
                        Boolean.TRUE.equals(body.ceremony()),
                        body.language() != null && org.tipline.shared.Languages.isSupported(body.language())
                                ? java.util.Locale.forLanguageTag(body.language())
                                : locale));
        return ResponseEntity.ok()
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(new ClaimResponse(claimed.reward().state()));
    }

    @PostMapping("/api/v1/claims/decline")
    ResponseEntity<ClaimResponse> decline(@RequestBody CodeBody body) {
        var declined = claims.decline(body.code() == null ? "" : body.code());
        return ResponseEntity.ok()
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(new ClaimResponse(declined.reward().state()));
    }

    @GetMapping("/api/v1/followup/rewards/{id}/certificate")
    ResponseEntity<byte[]> certificate(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
            @PathVariable UUID id,
            jakarta.servlet.http.HttpServletRequest request) {
        var pdf = certificates.pdf(mailbox.openAuthorization(authorization), id, path -> links.link(request, path));
        return org.tipline.shared.Downloads.document(
                "certificate.pdf", org.springframework.http.MediaType.APPLICATION_PDF, pdf);
    }

    /** What anyone may learn of a certificate from its serial number. */
    record VerificationResponse(
            String serial,
            String organization,
            Instant issuedAt,
            boolean valid,
            @Nullable Instant revokedAt) {}

    @GetMapping("/api/v1/verify/{serial}")
    VerificationResponse verify(@PathVariable String serial) {
        var found = certificates
                .verify(serial)
                .orElseThrow(() -> new java.util.NoSuchElementException("No such certificate"));
        return new VerificationResponse(
                found.serial(), found.organization(), found.issuedAt(), found.valid(), found.revokedAt());
    }

    // ---- helpers ----------------------------------------------------------------------------

    private RewardResponse response(RewardView view) {
        var reward = view.reward();
        var criteria = new LinkedHashMap<String, Boolean>();
        reward.answers().forEach((code, answer) -> criteria.put(code, answer.met()));
        return new RewardResponse(
                reward.id(),
                view.caseId().value(),
                view.reference(),
                view.report().value(),
                reward.policy(),
                reward.policyVersion(),
                view.policyName(),
                reward.state(),
                view.discretionary(),
                id(reward.nominator()),
                id(reward.assessor()),
                criteria,
                Amount.of(reward.amount()),
                reward.band(),
                Amount.of(view.recovered()),
                reward.approvers().stream().map(StaffId::value).toList(),
                reward.approvalsNeeded(),
                id(reward.preparer()),
                id(view.releaser()),
                view.payoutMethod(),
                view.payoutReference(),
                view.recipient(),
                view.reason(),
                view.notifiedAt(),
                view.claimedAt(),
                view.paidAt(),
                rewards.claimWindow(reward.id())
                        .filter(due -> due.status() == org.tipline.cases.Deadline.Status.OPEN)
                        .map(org.tipline.cases.CaseDeadlines.Due::dueAt)
                        .orElse(null),
                reward.version());
    }

    private static @Nullable UUID id(@Nullable StaffId staff) {
        return staff == null ? null : staff.value();
    }

    private static long seen(@Nullable Long version) {
        if (version == null) {
            throw new InvalidInput(Map.of("version", "error.required"));
        }
        return version;
    }

    private static String text(@Nullable String text) {
        return text == null ? "" : text;
    }

    private static @Nullable Currency currency(@Nullable String code) {
        if (code == null) {
            return null;
        }
        try {
            return code.matches("[A-Z]{3}") ? Currency.getInstance(code) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static @Nullable Money money(String field, @Nullable String text, @Nullable Currency currency) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (currency == null) {
            throw new InvalidInput(Map.of("currency", "error.reward.currency-mismatch"));
        }
        return Money.parse(text, currency).orElseThrow(() -> new InvalidInput(Map.of(field, "error.reward.amount")));
    }
}
