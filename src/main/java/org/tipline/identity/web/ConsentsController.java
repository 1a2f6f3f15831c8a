package org.tipline.identity.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.tipline.identity.Consents;
import org.tipline.mailbox.Mailbox;
import org.tipline.mailbox.ReporterPages;
import org.tipline.shared.InvalidInput;

/**
 * A reporter's consents on their follow-up visit ({@code /followup/consents}, no script, the visit's
 * cookie and form token): where each stands, yes or no, and taking a yes back.
 */
@Controller
class ConsentsController {

    private final Mailbox mailbox;
    private final Consents consents;
    private final ReporterPages pages;

    ConsentsController(Mailbox mailbox, Consents consents, ReporterPages pages) {
        this.mailbox = mailbox;
        this.consents = consents;
        this.pages = pages;
    }

    @GetMapping("/followup/consents")
    String page(HttpServletRequest request, Model model) {
        var cookie = Mailbox.visitCookie(request);
        var access = mailbox.visit(cookie);
        if (access.isEmpty()) {
            return "redirect:/followup";
        }
        model.addAttribute("consents", consents.of(access.get()));
        model.addAttribute("token", mailbox.visitFormToken(cookie));
        model.addAttribute("refused", null);
        pages.safety(model);
        return "identity/consents";
    }

    @PostMapping("/followup/consents/{kind}")
    String answer(
            HttpServletRequest request,
            @PathVariable String kind,
            @RequestParam(name = "_token", required = false) @Nullable String token,
            @RequestParam(required = false) @Nullable String answer,
            HttpServletResponse response,
            Model model) {
        var cookie = Mailbox.visitCookie(request);
        var access = mailbox.visitPosting(cookie, token).orElse(null);
        if (access == null) {
            return "redirect:/followup";
        }
        try {
            var which = Consents.kind(kind);
            switch (answer == null ? "" : answer) {
                case "yes" -> consents.answer(access, which, true);
                case "no" -> consents.answer(access, which, false);
                case "withdraw" -> consents.withdraw(access, which);
                default -> throw new InvalidInput(Map.of("answer", "error.required"));
            }
            return "redirect:/followup/consents?saved";
        } catch (InvalidInput | Consents.Missing e) {
            response.setStatus(
                    e instanceof Consents.Missing missing
                            ? missing.status().value()
                            : HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("consents", consents.of(access));
            model.addAttribute("token", mailbox.visitFormToken(cookie));
            model.addAttribute(
                    "refused", e instanceof Consents.Missing ? "error.consent.missing" : "error.consent.kind");
            pages.safety(model);
            return "identity/consents";
        }
    }
}
