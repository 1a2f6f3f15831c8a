package org.tipline.rewards.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.tipline.crypto.Keyring;
import org.tipline.rewards.Money;
import org.tipline.rewards.Reward;
import org.tipline.rewards.RewardPolicies;
import org.tipline.rewards.RewardPolicy;
import org.tipline.rewards.Rewards;
import org.tipline.shared.InvalidInput;
import org.tipline.shared.RequestRefused;
import org.tipline.shared.Role;
import org.tipline.shared.StaffPrincipal;

/**
 * Rewards for staff, without script: the organisation's rewards, and one reward's page with the
 * actions the viewer's roles and its state allow — nominate, assess, propose (the policy's
 * questions with evidence, the amount), approve or reject, notify the reporter, extend the claim
 * window, prepare and release the payout, revoke, record a recovery — and, for payout officers, the
 * claimant's payout details on a page of their own, never cached.
 */
@Controller
class RewardsController {

    private final Rewards rewards;
    private final RewardPolicies policies;

    RewardsController(Rewards rewards, RewardPolicies policies) {
        this.rewards = rewards;
        this.policies = policies;
    }

    @GetMapping("/rewards")
    String list(@AuthenticationPrincipal StaffPrincipal viewer, Model model) {
        return renderList(viewer, model, Map.of(), null);
    }

    @PostMapping("/rewards")
    String nominateCase(
            @AuthenticationPrincipal StaffPrincipal supervisor,
            @RequestParam(required = false) @Nullable String reference,
            @RequestParam(required = false) @Nullable UUID policy,
            Model model,
            HttpServletResponse response) {
        try {
            var nominated = rewards.nominate(supervisor, reference == null ? "" : reference, policy);
            return "redirect:/rewards/" + nominated.getFirst().reward().id() + "?done";
        } catch (InvalidInput e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return renderList(supervisor, model, e.fieldErrors(), reference);
        } catch (java.util.NoSuchElementException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return renderList(supervisor, model, Map.of("reference", "error.reward.no-case"), reference);
        }
    }

    @GetMapping("/rewards/{id}")
    String page(Keyring keyring, @PathVariable UUID id, Model model) {
        return render(keyring, id, model, Map.of(), null);
    }

    @PostMapping("/rewards/{id}/{action}")
    String act(
            Keyring keyring,
            @PathVariable UUID id,
            @PathVariable String action,
            @RequestParam(required = false) @Nullable Long version,
            @RequestParam Map<String, String> form,
            Model model,
            HttpServletResponse response) {
        var viewer = keyring.owner();
        var seen = version == null ? -1 : version;
        try {
            switch (action) {
                case "nominate" -> rewards.nominate(viewer, id, seen);
                case "assess" -> rewards.assess(viewer, id, seen);
                case "proposal" -> rewards.propose(keyring, id, seen, proposal(viewer, id, form));
                case "approve" -> rewards.approve(viewer, id, seen);
                case "reject" -> rewards.reject(viewer, id, seen, text(form, "text"));
                case "notice" -> rewards.notifyReporter(keyring, id, seen, text(form, "text"));
                case "claim-window" ->
                    rewards.extendClaim(viewer, id, seen, text(form, "period"), text(form, "reason"));
                case "payout" -> rewards.preparePayout(viewer, id, seen, text(form, "text"));
                case "release" -> rewards.releasePayout(viewer, id, seen, text(form, "text"));
                case "revoke" -> rewards.revoke(viewer, id, seen, text(form, "text"));
                case "recovery" -> {
                    var view = rewards.get(viewer, id);
                    var currency = rewards.policyOf(viewer, view).currency();
                    var amount = Money.parse(text(form, "amount"), currency)
                            .orElseThrow(() -> new InvalidInput(Map.of("amount", "error.reward.amount")));
                    rewards.recover(viewer, id, seen, amount);
                }
                default -> throw new java.util.NoSuchElementException("No such action");
            }
            return "redirect:/rewards/" + id + "?done";
        } catch (InvalidInput e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return render(keyring, id, model, e.fieldErrors(), "form.has-errors");
        } catch (RequestRefused e) {
            response.setStatus(e.status().value());
            return render(keyring, id, model, Map.of(), e.messageKey());
        }
    }

    @GetMapping("/rewards/{id}/payout")
    String payout(Keyring keyring, @PathVariable UUID id, Model model, HttpServletResponse response) {
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        model.addAttribute("view", rewards.get(keyring.owner(), id));
        model.addAttribute("details", rewards.payoutDetails(keyring, id));
        return "rewards/payout";
    }

    private Rewards.Proposal proposal(StaffPrincipal viewer, UUID id, Map<String, String> form) {
        var view = rewards.get(viewer, id);
        var rules = rewards.policyOf(viewer, view);
        var answers = new LinkedHashMap<String, Reward.Answer>();
        for (var criterion : rules.eligibility()) {
            answers.put(
                    criterion.code(),
                    new Reward.Answer(
                            "yes".equals(form.get("met." + criterion.code())),
                            text(form, "evidence." + criterion.code())));
        }
        var amount = text(form, "amount").isBlank()
                ? null
                : Money.parse(text(form, "amount"), rules.currency())
                        .orElseThrow(() -> new InvalidInput(Map.of("amount", "error.reward.amount")));
        var recovered = text(form, "recovered").isBlank()
                ? null
                : Money.parse(text(form, "recovered"), rules.currency())
                        .orElseThrow(() -> new InvalidInput(Map.of("recovered", "error.reward.amount")));
        var band = text(form, "band");
        return new Rewards.Proposal(answers, amount, band.isBlank() ? null : band, recovered);
    }

    private String renderList(
            StaffPrincipal viewer, Model model, Map<String, String> errors, @Nullable String reference) {
        model.addAttribute("rewards", rewards.list(viewer));
        model.addAttribute("supervisor", viewer.has(Role.SUPERVISOR));
        model.addAttribute("policies", viewer.has(Role.SUPERVISOR) ? policies.list(viewer) : List.of());
        model.addAttribute("errors", errors);
        model.addAttribute("reference", reference == null ? "" : reference);
        return "rewards/rewards";
    }

    private String render(Keyring keyring, UUID id, Model model, Map<String, String> errors, @Nullable String refused) {
        var viewer = keyring.owner();
        var view = rewards.get(viewer, id);
        RewardPolicy rules = rewards.policyOf(viewer, view);
        var holder = rewards.holdsReport(viewer, view);
        model.addAttribute("view", view);
        model.addAttribute("r", view.reward());
        model.addAttribute("rules", rules);
        model.addAttribute("holder", holder);
        model.addAttribute("evidence", holder ? rewards.evidence(keyring, id) : Map.of());
        model.addAttribute("ledger", rewards.ledger(viewer, id));
        model.addAttribute("claimWindow", rewards.claimWindow(id).orElse(null));
        model.addAttribute("viewer", viewer.id());
        model.addAttribute("supervisor", viewer.has(Role.SUPERVISOR));
        model.addAttribute("approver", viewer.has(Role.APPROVER));
        model.addAttribute("officer", viewer.has(Role.PAYOUT_OFFICER));
        model.addAttribute("errors", errors);
        model.addAttribute("refused", refused);
        return "rewards/reward";
    }

    private static String text(Map<String, String> form, String field) {
        var value = form.get(field);
        return value == null ? "" : value;
    }
}
