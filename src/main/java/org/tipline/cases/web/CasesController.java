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
import org.tipline.accounts.CurrentStaff;
import org.tipline.cases.CaseId;
import org.tipline.cases.CaseManagement;
import org.tipline.channels.ChannelId;
import org.tipline.channels.Channels;
import org.tipline.intake.ReportAccess;
import org.tipline.shared.Downloads;
import org.tipline.shared.InvalidInput;

/** The handler's inbox and case pages. */
@Controller
class CasesController {

    private final CaseManagement cases;
    private final ReportAccess reports;
    private final Channels channels;

    CasesController(CaseManagement cases, ReportAccess reports, Channels channels) {
        this.cases = cases;
        this.reports = reports;
        this.channels = channels;
    }

    @GetMapping("/cases")
    String inbox(@AuthenticationPrincipal CurrentStaff staff, @RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("page", cases.inbox(staff, page));
        return "cases/inbox";
    }

    @GetMapping("/cases/{id}")
    String show(@AuthenticationPrincipal CurrentStaff staff, @PathVariable UUID id, Model model) {
        return render(staff, new CaseId(id), model, Map.of(), "");
    }

    @PostMapping("/cases/{id}/messages")
    String reply(
            @AuthenticationPrincipal CurrentStaff staff,
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String message,
            Model model,
            HttpServletResponse response) {
        var summary = cases.open(staff, new CaseId(id));
        try {
            reports.reply(staff, summary.report(), message == null ? "" : message);
            return "redirect:/cases/" + id + "?sent";
        } catch (InvalidInput e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return render(staff, new CaseId(id), model, e.fieldErrors(), message == null ? "" : message);
        }
    }

    @GetMapping("/cases/{id}/attachments/{attachment}")
    ResponseEntity<InputStreamResource> attachment(
            @AuthenticationPrincipal CurrentStaff staff, @PathVariable UUID id, @PathVariable UUID attachment) {
        var summary = cases.open(staff, new CaseId(id));
        var opened = reports.attachment(staff, summary.report(), attachment);
        return Downloads.attachment(
                opened.attachment().name(), opened.attachment().size(), opened.content());
    }

    private String render(CurrentStaff staff, CaseId id, Model model, Map<String, String> errors, String draft) {
        var summary = cases.open(staff, id);
        var content = reports.open(staff, summary.report());
        model.addAttribute("summary", summary);
        model.addAttribute("content", content);
        model.addAttribute(
                "questionnaire",
                channels.questionnaire(new ChannelId(content.channelId()), content.questionnaireVersion()));
        model.addAttribute("errors", errors);
        model.addAttribute("draft", draft);
        return "cases/case";
    }
}
