package org.tipline.cases.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.tipline.cases.CaseId;
import org.tipline.cases.CaseManagement;
import org.tipline.cases.Outcome;
import org.tipline.cases.RetaliationRisk;
import org.tipline.crypto.Keyring;
import org.tipline.shared.Downloads;
import org.tipline.shared.InvalidInput;
import org.tipline.shared.RequestRefused;
import org.tipline.shared.Role;
import org.tipline.shared.StaffId;
import org.tipline.shared.StaffPrincipal;

/** The handler's inbox and case pages. */
@Controller
class CasesController {

    private final CaseManagement cases;

    CasesController(CaseManagement cases) {
        this.cases = cases;
    }

    @GetMapping("/cases")
    String inbox(
            @AuthenticationPrincipal StaffPrincipal staff, @RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("page", cases.inbox(staff, page));
        return "cases/inbox";
    }

    @GetMapping("/cases/{id}")
    String show(Keyring keyring, @PathVariable UUID id, Model model) {
        return render(keyring, new CaseId(id), model, Map.of(), "");
    }

    @PostMapping("/cases/{id}/messages")
    String reply(
            Keyring keyring,
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String message,
            Model model,
            HttpServletResponse response) {
        try {
            cases.reply(keyring, new CaseId(id), message == null ? "" : message);
            return "redirect:/cases/" + id + "?sent";
        } catch (InvalidInput e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return render(keyring, new CaseId(id), model, e.fieldErrors(), message == null ? "" : message);
        }
    }

    @PostMapping("/cases/{id}/actions/{action}")
    String act(
            Keyring keyring,
            @PathVariable UUID id,
            @PathVariable String action,
            @RequestParam(required = false) @Nullable Long version,
            @RequestParam(required = false) @Nullable String message,
            @RequestParam(required = false) @Nullable String reason,
            @RequestParam(required = false) @Nullable String justification,
            @RequestParam(required = false) @Nullable String level,
            @RequestParam(required = false) @Nullable String outcome,
            @RequestParam(required = false) @Nullable String to,
            Model model,
            HttpServletResponse response) {
        var caseId = new CaseId(id);
        try {
            var command = CaseActions.command(
                    action, new CaseActions.Fields(version, message, reason, justification, level, outcome, to));
            cases.act(keyring, caseId, version, command);
            return "redirect:/cases/" + id + "?done=" + action;
        } catch (InvalidInput e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("failedAction", action);
            model.addAttribute("actionDraft", message == null ? "" : message);
            return render(keyring, caseId, model, e.fieldErrors(), "");
        } catch (RequestRefused e) {
            response.setStatus(e.status().value());
            model.addAttribute("refused", e.messageKey());
            return render(keyring, caseId, model, Map.of(), "");
        }
    }

    @PostMapping("/cases/{id}/assignment")
    String assign(
            Keyring keyring,
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable Long version,
            @RequestParam(required = false) @Nullable UUID assignee,
            @RequestParam(defaultValue = "false") boolean releasePrevious,
            Model model,
            HttpServletResponse response) {
        var caseId = new CaseId(id);
        try {
            if (assignee == null) {
                throw new InvalidInput(Map.of("assignee", "error.required"));
            }
            cases.assign(keyring, caseId, version, new StaffId(assignee), releasePrevious);
            return "redirect:/cases/" + id + "?done=assign";
        } catch (InvalidInput e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("failedAction", "assign");
            return render(keyring, caseId, model, e.fieldErrors(), "");
        } catch (RequestRefused e) {
            response.setStatus(e.status().value());
            model.addAttribute("refused", e.messageKey());
            return render(keyring, caseId, model, Map.of(), "");
        }
    }

    @PostMapping("/cases/{id}/members/{member}/removal")
    String removeAccess(
            Keyring keyring,
            @PathVariable UUID id,
            @PathVariable UUID member,
            Model model,
            HttpServletResponse response) {
        try {
            cases.removeAccess(keyring.owner(), new CaseId(id), new StaffId(member));
            return "redirect:/cases/" + id + "?done=remove-access";
        } catch (RequestRefused e) {
            response.setStatus(e.status().value());
            model.addAttribute("refused", e.messageKey());
            return render(keyring, new CaseId(id), model, Map.of(), "");
        }
    }

    @GetMapping("/cases/{id}/attachments/{attachment}")
    ResponseEntity<InputStreamResource> attachment(
            Keyring keyring, @PathVariable UUID id, @PathVariable UUID attachment) {
        var opened = cases.attachment(keyring, new CaseId(id), attachment);
        return Downloads.attachment(
                opened.attachment().name(), opened.attachment().size(), opened.content());
    }

    private String render(Keyring keyring, CaseId id, Model model, Map<String, String> errors, String draft) {
        var view = cases.view(keyring, id);
        model.addAttribute("view", view);
        model.addAttribute(
                "actions", CaseActions.available(view.details(), view.policy().rules(), view.deadlines()));
        model.addAttribute("outcomes", Outcome.values());
        var supervisor = keyring.owner().has(Role.SUPERVISOR);
        model.addAttribute("supervisor", supervisor);
        model.addAttribute("handlers", supervisor ? cases.handlers(keyring.owner()) : java.util.List.of());
        model.addAttribute("risks", RetaliationRisk.values());
        model.addAttribute("errors", errors);
        model.addAttribute("draft", draft);
        return "cases/case";
    }
}
