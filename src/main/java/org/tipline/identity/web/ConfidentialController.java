package org.tipline.identity.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.tipline.channels.Channels;
import org.tipline.channels.QuestionType;
import org.tipline.channels.Questionnaire;
import org.tipline.identity.Identities;
import org.tipline.identity.IdentityAlreadyGiven;
import org.tipline.mailbox.Mailbox;
import org.tipline.mailbox.MailboxAccess;
import org.tipline.mailbox.ReporterPages;
import org.tipline.shared.InvalidInput;

/**
 * A reporter who sent an anonymous report gives their name and how to reach them later, from the
 * follow-up visit ({@code /followup/identity}): the channel's identity questions, or a name and a
 * contact where it has none. What they give is sealed to the vault; it is never shown back, nor
 * replaced. A reporter page: no script, the visit's cookie and form token.
 */
@Controller
class ConfidentialController {

    private static final String NAME = "name";
    private static final String CONTACT = "contact";

    private final Mailbox mailbox;
    private final Channels channels;
    private final Identities identities;
    private final ReporterPages pages;

    ConfidentialController(Mailbox mailbox, Channels channels, Identities identities, ReporterPages pages) {
        this.mailbox = mailbox;
        this.channels = channels;
        this.identities = identities;
        this.pages = pages;
    }

    /** A question of the page: its key, its label in the reader's language, and whether it is long. */
    record Asked(String key, String label, boolean longText) {}

    @GetMapping("/followup/identity")
    String page(HttpServletRequest request, Model model) {
        var cookie = Mailbox.visitCookie(request);
        var access = mailbox.visit(cookie);
        if (access.isEmpty()) {
            return "redirect:/followup";
        }
        return render(access.get(), cookie, model, Map.of(), Map.of());
    }

    @PostMapping("/followup/identity")
    String give(
            HttpServletRequest request,
            @RequestParam(name = "_token", required = false) @Nullable String token,
            @RequestParam MultiValueMap<String, String> fields,
            HttpServletResponse response,
            Model model) {
        var cookie = Mailbox.visitCookie(request);
        var access = mailbox.visitPosting(cookie, token).orElse(null);
        if (access == null) {
            return "redirect:/followup";
        }
        var view = mailbox.view(access);
        var organization = channels.find(view.report().channel()).orElseThrow().organizationId();
        var answers = new LinkedHashMap<String, String>();
        for (var asked : asked(view.questionnaire(), "en")) {
            var value = fields.getFirst("answers." + asked.key());
            answers.put(asked.key(), value == null ? "" : value);
        }
        try {
            identities.giveLater(organization, view.report().id(), answers);
            return "redirect:/followup/identity?given";
        } catch (InvalidInput e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return render(access, cookie, model, e.fieldErrors(), answers);
        } catch (IdentityAlreadyGiven e) {
            response.setStatus(HttpStatus.CONFLICT.value());
            return render(access, cookie, model, Map.of(), Map.of());
        }
    }

    private String render(
            MailboxAccess access,
            @Nullable String cookie,
            Model model,
            Map<String, String> errors,
            Map<String, String> values) {
        var view = mailbox.view(access);
        var organization = channels.find(view.report().channel()).orElseThrow().organizationId();
        var lang =
                org.springframework.context.i18n.LocaleContextHolder.getLocale().toLanguageTag();
        model.addAttribute("given", identities.given(organization, view.report().id()));
        model.addAttribute("vault", identities.canKeep(organization));
        model.addAttribute("asked", asked(view.questionnaire(), lang));
        model.addAttribute("errors", errors);
        model.addAttribute("values", values);
        model.addAttribute("token", mailbox.visitFormToken(cookie));
        pages.safety(model);
        return "identity/confidential";
    }

    /** The channel's identity questions (not files, not choices), or a name and a contact. */
    static List<Asked> asked(Questionnaire questionnaire, String lang) {
        var asked = questionnaire.questions().stream()
                .filter(Questionnaire.Question::identity)
                .filter(q -> q.type() == QuestionType.SHORT_TEXT || q.type() == QuestionType.LONG_TEXT)
                .map(q -> new Asked(q.key(), q.label(lang), q.type() == QuestionType.LONG_TEXT))
                .toList();
        return asked.isEmpty() ? List.of(new Asked(NAME, "", false), new Asked(CONTACT, "", true)) : asked;
    }
}
