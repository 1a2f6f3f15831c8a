package org.tipline.cases.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.tipline.accounts.CurrentStaff;
import org.tipline.cases.CaseId;
import org.tipline.cases.CaseManagement;
import org.tipline.cases.CaseSummary;
import org.tipline.intake.ReportAccess;
import org.tipline.intake.ReportThread;
import org.tipline.shared.Downloads;

/** The handler's inbox and cases for API clients. */
@RestController
class CasesApiController {

    record CaseListItem(
            UUID id,
            String reference,
            String channel,
            String status,
            Instant receivedAt,
            Instant lastActivity,
            boolean unread) {
        static CaseListItem of(CaseSummary summary) {
            return new CaseListItem(
                    summary.id().value(),
                    summary.reference(),
                    summary.channelName(),
                    summary.status(),
                    summary.receivedAt(),
                    summary.lastActivity(),
                    summary.unread());
        }
    }

    record InboxResponse(List<CaseListItem> cases, int page, boolean hasNext) {}

    record CaseResponse(
            UUID id,
            String reference,
            String channel,
            String status,
            Instant receivedAt,
            @Nullable String category,
            Map<String, List<String>> answers,
            List<ReportThread.Attachment> attachments,
            List<MessageResponse> messages) {}

    record MessageResponse(
            UUID id,
            String from,
            @Nullable String staffName,
            String body,
            Instant at,
            List<ReportThread.Attachment> attachments) {}

    record MessageRequest(@Nullable String message) {}

    private final CaseManagement cases;
    private final ReportAccess reports;

    CasesApiController(CaseManagement cases, ReportAccess reports) {
        this.cases = cases;
        this.reports = reports;
    }

    @GetMapping("/api/v1/cases")
    InboxResponse inbox(@AuthenticationPrincipal CurrentStaff staff, @RequestParam(defaultValue = "0") int page) {
        var result = cases.inbox(staff, page);
        return new InboxResponse(
                result.cases().stream().map(CaseListItem::of).toList(), result.number(), result.hasNext());
    }

    @GetMapping("/api/v1/cases/{id}")
    CaseResponse show(@AuthenticationPrincipal CurrentStaff staff, @PathVariable UUID id) {
        var summary = cases.open(staff, new CaseId(id));
        var content = reports.open(staff, summary.report());
        return new CaseResponse(
                summary.id().value(),
                summary.reference(),
                summary.channelName(),
                summary.status(),
                summary.receivedAt(),
                content.category(),
                content.answers(),
                content.reportAttachments(),
                content.messages().stream()
                        .map(m -> new MessageResponse(
                                m.id(),
                                m.fromReporter() ? "reporter" : "staff",
                                m.staffName(),
                                m.body(),
                                m.at(),
                                m.attachments()))
                        .toList());
    }

    @PostMapping("/api/v1/cases/{id}/messages")
    @ResponseStatus(HttpStatus.CREATED)
    void reply(
            @AuthenticationPrincipal CurrentStaff staff, @PathVariable UUID id, @RequestBody MessageRequest request) {
        var summary = cases.open(staff, new CaseId(id));
        reports.reply(staff, summary.report(), request.message() == null ? "" : request.message());
    }

    @GetMapping("/api/v1/cases/{id}/attachments/{attachment}")
    ResponseEntity<InputStreamResource> attachment(
            @AuthenticationPrincipal CurrentStaff staff, @PathVariable UUID id, @PathVariable UUID attachment) {
        var summary = cases.open(staff, new CaseId(id));
        var opened = reports.attachment(staff, summary.report(), attachment);
        return Downloads.attachment(
                opened.attachment().name(), opened.attachment().size(), opened.content());
    }
}
