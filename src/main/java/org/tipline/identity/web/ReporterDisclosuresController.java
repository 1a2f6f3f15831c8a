package org.tipline.identity.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.tipline.identity.DisclosureRefused;
import org.tipline.identity.Disclosures;
import org.tipline.mailbox.Mailbox;
import org.tipline.mailbox.MailboxAccess;
import org.tipline.mailbox.ReporterPages;
import org.tipline.mailbox.ReporterRequests;

/**
 * The requests to disclose a reporter's identity, on their follow-up visit
 * ({@code /followup/disclosures}): what is asked, by which route, why and until when; they answer
 * yes or no to a request for consent and can take a consent back. Legal requests appear once their
 * notice is sent, never when it was waived. A reporter page: no script, the visit's cookie and
 * form token.
 */
@Controller
class ReporterDisclosuresController implements ReporterRequests {

    private final Mailbox mailbox;
    private final Disclosures disclosures;
    private final ReporterPages pages;

    ReporterDisclosuresController(Mailbox mailbox, Disclosures disclosures, ReporterPages pages) {
        this.mailbox = mailbox;
        this.disclosures = disclosures;
        this.pages = pages;
    }

    @Override
    public Shown shown(MailboxAccess access) {
        return new Shown(disclosures.forReporter(access).size(), "/followup/disclosures", "followup.disclosures");
    }

    @GetMapping("/followup/disclosures")
    String page(HttpServletRequest request, Model model) {
        var cookie = Mailbox.visitCookie(request);
        var access = mailbox.visit(cookie);
        if (access.isEmpty()) {
            return "redirect:/followup";
        }
        return render(access.get(), cookie, model, null);
    }

    @PostMapping("/followup/disclosures/{id}/answer")
    String answer(
            HttpServletRequest request,
            @PathVariable UUID id,
            @RequestParam(name = "_token", required = false) @Nullable String token,
            @RequestParam(required = false) @Nullable String consent,
            HttpServletResponse response,
            Model model) {
        return act(request, token, response, model, access -> disclosures.answer(access, id, "yes".equals(consent)));
    }

    @PostMapping("/followup/disclosures/{id}/withdraw")
    String withdraw(
            HttpServletRequest request,
            @PathVariable UUID id,
            @RequestParam(name = "_token", required = false) @Nullable String token,
            HttpServletResponse response,
            Model model) {
        return act(request, token, response, model, access -> disclosures.withdraw(access, id));
    }

    private String act(
            HttpServletRequest request,
            @Nullable String token,
            HttpServletResponse response,
            Model model,
            java.util.function.Consumer<MailboxAccess> action) {
        var cookie = Mailbox.visitCookie(request);
        var access = mailbox.visitPosting(cookie, token).orElse(null);
        if (access == null) {
            return "redirect:/followup";
        }
        try {
            action.accept(access);
            return "redirect:/followup/disclosures?answered";
        } catch (DisclosureRefused e) {
            response.setStatus(e.status().value());
            return render(access, cookie, model, e.messageKey());
        } catch (NoSuchElementException e) {
            response.setStatus(404);
            return render(access, cookie, model, "error.page.not-found");
        }
    }

    private String render(MailboxAccess access, @Nullable String cookie, Model model, @Nullable String refused) {
        model.addAttribute("requests", disclosures.forReporter(access));
        model.addAttribute("token", mailbox.visitFormToken(cookie));
        model.addAttribute("refused", refused);
        pages.safety(model);
        return "identity/reporter-disclosures";
    }
}
