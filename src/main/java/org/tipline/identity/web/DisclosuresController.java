package org.tipline.identity.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
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
import org.tipline.channels.Channels;
import org.tipline.channels.Questionnaire;
import org.tipline.crypto.Keyring;
import org.tipline.identity.Disclosure;
import org.tipline.identity.DisclosureRefused;
import org.tipline.identity.Disclosures;
import org.tipline.identity.Vaults;
import org.tipline.reports.ReportId;
import org.tipline.reports.Reports;
import org.tipline.shared.InvalidInput;
import org.tipline.shared.Role;
import org.tipline.shared.StaffPrincipal;

/**
 * Disclosure requests for staff, without script: the requests that wait on or concern the viewer
 * (their own, those a custodian may release, those an admin reviews) with the actions open to
 * them; the form that drafts one for a report the viewer works; and the requester's reading of
 * what was disclosed, audited on every view and never cached.
 */
@Controller
class DisclosuresController {

    /** An identity field that can be asked for: its key and the question's label. */
    record Field(String key, String label) {}

    private final Disclosures disclosures;
    private final Vaults vaults;
    private final Reports reports;
    private final Channels channels;
    private final java.time.Clock clock;

    DisclosuresController(
            Disclosures disclosures, Vaults vaults, Reports reports, Channels channels, java.time.Clock clock) {
        this.clock = clock;
        this.disclosures = disclosures;
        this.vaults = vaults;
        this.reports = reports;
        this.channels = channels;
    }

    @GetMapping("/disclosures")
    String list(@AuthenticationPrincipal StaffPrincipal viewer, Model model) {
        return render(viewer, model, null);
    }

    @GetMapping("/disclosures/new")
    String form(@AuthenticationPrincipal StaffPrincipal viewer, @RequestParam UUID report, Model model) {
        return renderForm(viewer, new ReportId(report), model, Map.of(), "", List.of(), 30, "CONSENT");
    }

    @PostMapping("/disclosures")
    String draft(
            @AuthenticationPrincipal StaffPrincipal requester,
            @RequestParam UUID report,
            @RequestParam(required = false) @Nullable String purpose,
            @RequestParam(name = "fields", required = false) @Nullable List<String> fields,
            @RequestParam(required = false) @Nullable String days,
            @RequestParam(required = false) @Nullable String route,
            Model model,
            HttpServletResponse response) {
        var chosen = fields == null ? List.<String>of() : fields;
        var text = purpose == null ? "" : purpose;
        var way = "LEGAL".equals(route) ? Disclosure.Route.LEGAL : Disclosure.Route.CONSENT;
        int lasting;
        try {
            lasting = Integer.parseInt(days == null ? "" : days.strip());
        } catch (NumberFormatException e) {
            lasting = 0;
        }
        try {
            var expiresAt = lasting < 1 || lasting > 365
                    ? Instant.EPOCH
                    : clock.instant().plus(Duration.ofDays(lasting));
            var drafted = disclosures.draft(requester, new ReportId(report), way, text, chosen, expiresAt);
            return "redirect:/disclosures?drafted#disclosure-" + drafted.id();
        } catch (InvalidInput e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return renderForm(
                    requester, new ReportId(report), model, e.fieldErrors(), text, chosen, lasting, way.name());
        } catch (DisclosureRefused e) {
            response.setStatus(e.status().value());
            model.addAttribute("refused", e.messageKey());
            return renderForm(requester, new ReportId(report), model, Map.of(), text, chosen, lasting, way.name());
        }
    }

    @PostMapping("/disclosures/{id}/submit")
    String submit(
            @AuthenticationPrincipal StaffPrincipal requester,
            @PathVariable UUID id,
            Model model,
            HttpServletResponse response) {
        return act(requester, id, model, response, () -> disclosures.submit(requester, id));
    }

    @PostMapping("/disclosures/{id}/review")
    String review(
            @AuthenticationPrincipal StaffPrincipal admin,
            @PathVariable UUID id,
            @RequestParam boolean approve,
            @RequestParam(required = false) @Nullable String waiverReason,
            Model model,
            HttpServletResponse response) {
        return act(admin, id, model, response, () -> disclosures.review(admin, id, approve, waiverReason));
    }

    @PostMapping("/disclosures/{id}/release")
    String release(Keyring custodian, @PathVariable UUID id, Model model, HttpServletResponse response) {
        return act(custodian.owner(), id, model, response, () -> disclosures.release(custodian, id));
    }

    @PostMapping("/disclosures/{id}/open")
    String open(Keyring requester, @PathVariable UUID id, Model model, HttpServletResponse response) {
        var result = act(requester.owner(), id, model, response, () -> disclosures.open(requester, id));
        return result.startsWith("redirect:") ? "redirect:/disclosures/" + id : result;
    }

    @PostMapping("/disclosures/{id}/close")
    String close(
            @AuthenticationPrincipal StaffPrincipal by,
            @PathVariable UUID id,
            Model model,
            HttpServletResponse response) {
        return act(by, id, model, response, () -> disclosures.close(by, id));
    }

    @GetMapping("/disclosures/{id}")
    String read(Keyring requester, @PathVariable UUID id, Model model, HttpServletResponse response) {
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        var viewer = requester.owner();
        try {
            var fields = disclosures.read(requester, id);
            model.addAttribute("request", disclosures.get(viewer, id));
            model.addAttribute("fields", fields);
            return "identity/disclosed";
        } catch (DisclosureRefused e) {
            response.setStatus(e.status().value());
            return render(viewer, model, e.messageKey());
        }
    }

    private String act(StaffPrincipal viewer, UUID id, Model model, HttpServletResponse response, Runnable action) {
        try {
            action.run();
            return "redirect:/disclosures?done#disclosure-" + id;
        } catch (DisclosureRefused e) {
            response.setStatus(e.status().value());
            return render(viewer, model, e.messageKey());
        } catch (InvalidInput e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return render(viewer, model, "form.has-errors");
        }
    }

    private String render(StaffPrincipal viewer, Model model, @Nullable String refused) {
        model.addAttribute("requests", disclosures.concerning(viewer));
        model.addAttribute("viewer", viewer.id());
        model.addAttribute("admin", viewer.has(Role.ADMIN));
        model.addAttribute("custodian", vaults.holdsShare(viewer));
        model.addAttribute("refused", refused);
        return "identity/disclosures";
    }

    private String renderForm(
            StaffPrincipal viewer,
            ReportId report,
            Model model,
            Map<String, String> errors,
            String purpose,
            List<String> chosen,
            int days,
            String route) {
        var origin = reports.origin(viewer, report).orElseThrow(() -> new NoSuchElementException("No such report"));
        var lang =
                org.springframework.context.i18n.LocaleContextHolder.getLocale().toLanguageTag();
        var questionnaire = channels.questionnaire(origin.channel(), origin.questionnaireVersion());
        var fields = questionnaire.questions().stream()
                .filter(Questionnaire.Question::identity)
                .map(q -> new Field(q.key(), q.label(lang)))
                .toList();
        if (fields.isEmpty()) {
            // given later from the follow-up page: a name and a contact
            fields = List.of(new Field("name", ""), new Field("contact", ""));
        }
        model.addAttribute("report", report.value());
        model.addAttribute("fields", fields);
        model.addAttribute("errors", errors);
        model.addAttribute("purpose", purpose);
        model.addAttribute("chosen", chosen);
        model.addAttribute("days", days);
        model.addAttribute("route", route);
        model.addAttribute("legalRoute", vaults.allowsLegalRoute(viewer.organization()));
        return "identity/disclosure-form";
    }
}
