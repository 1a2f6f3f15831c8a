package org.tipline.identity.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.tipline.accounts.StaffDirectory;
import org.tipline.identity.Vaults;
import org.tipline.shared.InvalidInput;
import org.tipline.shared.Role;
import org.tipline.shared.StaffId;
import org.tipline.shared.StaffPrincipal;

/**
 * The identity vault's page: who holds its shares and how many open it, for admins and custodians;
 * for an admin of an organisation without one, the form that creates it. Works without script.
 */
@Controller
class VaultController {

    private final Vaults vaults;
    private final StaffDirectory staff;
    private final org.tipline.identity.VaultChanges changes;

    VaultController(Vaults vaults, StaffDirectory staff, org.tipline.identity.VaultChanges changes) {
        this.vaults = vaults;
        this.staff = staff;
        this.changes = changes;
    }

    @PostMapping("/vault/changes")
    String propose(
            @AuthenticationPrincipal StaffPrincipal admin,
            @RequestParam(required = false) @Nullable String k,
            @RequestParam(name = "custodians", required = false) @Nullable List<String> custodians,
            @RequestParam(required = false) @Nullable String acceptSingleCustodian,
            Model model,
            HttpServletResponse response) {
        var chosen = custodians == null ? List.<String>of() : custodians;
        var threshold = threshold(k);
        try {
            changes.propose(admin, threshold, ids(chosen), acceptSingleCustodian != null);
            return "redirect:/vault?proposed";
        } catch (IllegalArgumentException | InvalidInput e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            var errors = e instanceof InvalidInput invalid
                    ? invalid.fieldErrors()
                    : Map.of("custodians", "error.vault.custodians");
            return render(admin, model, errors, threshold, chosen, acceptSingleCustodian != null);
        } catch (org.tipline.identity.VaultRefused e) {
            response.setStatus(e.status().value());
            model.addAttribute("refused", e.messageKey());
            return render(admin, model, Map.of(), threshold, chosen, acceptSingleCustodian != null);
        }
    }

    @PostMapping("/vault/changes/{id}/{step}")
    String step(
            org.tipline.crypto.Keyring keyring,
            @org.springframework.web.bind.annotation.PathVariable UUID id,
            @org.springframework.web.bind.annotation.PathVariable String step,
            Model model,
            HttpServletResponse response) {
        var viewer = keyring.owner();
        try {
            switch (step) {
                case "release" -> changes.release(keyring, id);
                case "complete" -> changes.complete(keyring, id);
                case "cancel" -> changes.cancel(viewer, id);
                default -> throw new java.util.NoSuchElementException("No such step");
            }
            return "redirect:/vault?" + step;
        } catch (org.tipline.identity.VaultRefused e) {
            response.setStatus(e.status().value());
            model.addAttribute("refused", e.messageKey());
            return render(viewer, model, Map.of(), 2, List.of(), false);
        }
    }

    @GetMapping("/vault")
    String page(@AuthenticationPrincipal StaffPrincipal viewer, Model model) {
        return render(viewer, model, Map.of(), 2, List.of(), false);
    }

    @PostMapping("/vault")
    String create(
            @AuthenticationPrincipal StaffPrincipal admin,
            @RequestParam(required = false) @Nullable String k,
            @RequestParam(name = "custodians", required = false) @Nullable List<String> custodians,
            @RequestParam(required = false) @Nullable String acceptSingleCustodian,
            @RequestParam(required = false) @Nullable String legalRoute,
            Model model,
            HttpServletResponse response) {
        var chosen = custodians == null ? List.<String>of() : custodians;
        var threshold = threshold(k);
        try {
            vaults.create(admin, threshold, ids(chosen), acceptSingleCustodian != null, legalRoute != null);
            return "redirect:/vault?created";
        } catch (IllegalArgumentException | InvalidInput e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            var errors = e instanceof InvalidInput invalid
                    ? invalid.fieldErrors()
                    : Map.of("custodians", "error.vault.custodians");
            model.addAttribute("legal", legalRoute != null);
            return render(admin, model, errors, threshold, chosen, acceptSingleCustodian != null);
        }
    }

    private String render(
            StaffPrincipal viewer,
            Model model,
            Map<String, String> errors,
            int k,
            List<String> chosen,
            boolean single) {
        var vault = vaults.get(viewer);
        model.addAttribute("vault", vault.orElse(null));
        var change = changes.open(viewer).orElse(null);
        model.addAttribute("change", change);
        model.addAttribute("viewer", viewer.id());
        model.addAttribute(
                "holdsShare",
                vault.isPresent() && vault.get().custodians().stream().anyMatch(c -> c.id().equals(viewer.id())));
        if (!model.containsAttribute("refused")) {
            model.addAttribute("refused", null);
        }
        model.addAttribute("admin", viewer.has(Role.ADMIN));
        model.addAttribute("errors", errors);
        model.addAttribute("k", k);
        model.addAttribute("chosen", chosen);
        model.addAttribute("single", single);
        if (!model.containsAttribute("legal")) {
            model.addAttribute("legal", false);
        }
        model.addAttribute(
                "candidates",
                !viewer.has(Role.ADMIN) || change != null
                        ? List.of()
                        : staff.members(viewer.organization()).stream()
                                .filter(member -> member.roles().contains(Role.CUSTODIAN))
                                .toList());
        return "identity/vault";
    }

    /** Returns k as typed; 0 (refused as "not between 1 and n") when it is not a number. */
    private static int threshold(@Nullable String k) {
        try {
            return Integer.parseInt(k == null ? "" : k.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Returns the chosen custodians' ids.
     *
     * @throws IllegalArgumentException if one is not an id (a hand-made form)
     */
    private static List<StaffId> ids(List<String> chosen) {
        return chosen.stream().map(id -> new StaffId(UUID.fromString(id))).toList();
    }
}
