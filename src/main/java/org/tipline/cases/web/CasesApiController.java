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
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.tipline.cases.CaseCommand;
import org.tipline.cases.CaseId;
import org.tipline.cases.CaseManagement;
import org.tipline.cases.CaseSummary;
import org.tipline.cases.Deadline;
import org.tipline.cases.InboxQuery;
import org.tipline.crypto.Keyring;
import org.tipline.reports.Report;
import org.tipline.shared.Downloads;
import org.tipline.shared.InvalidInput;
import org.tipline.shared.StaffId;
import org.tipline.shared.StaffPrincipal;

/** The handler's inbox and cases for API clients. */
@RestController
class CasesApiController {

    record CaseListItem(
            UUID id,
            String reference,
            String channel,
            String state,
            Instant receivedAt,
            Instant lastActivity,
            boolean unread,
            @Nullable String category,
            String priority,
            @Nullable Instant nextDueAt,
            boolean overdue,
            @Nullable UUID assignee,
            List<String> labels) {
        static CaseListItem of(CaseSummary summary) {
            return new CaseListItem(
                    summary.id().value(),
                    summary.reference(),
                    summary.channelName(),
                    summary.state().name(),
                    summary.receivedAt(),
                    summary.lastActivity(),
                    summary.unread(),
                    summary.category(),
                    summary.priority().name(),
                    summary.nextDueAt(),
                    summary.overdue(),
                    summary.assignee() == null ? null : summary.assignee().value(),
                    summary.labels());
        }
    }

    /** A page of an inbox; {@code next} is the cursor to send as {@code after} for the next page. */
    record InboxResponse(List<CaseListItem> cases, @Nullable String next, boolean hasNext) {}

    record CaseResponse(
            UUID id,
            String reference,
            String channel,
            String state,
            Instant receivedAt,
            @Nullable String category,
            Map<String, List<String>> answers,
            List<Report.Attachment> attachments,
            List<MessageResponse> messages,
            long version,
            String policy,
            int policyVersion,
            @Nullable String risk,
            @Nullable String outcome,
            @Nullable String closingReason,
            @Nullable String referredTo,
            List<DeadlineResponse> deadlines,
            List<String> actions,
            @Nullable UUID assignee,
            List<MemberResponse> members,
            List<NoteResponse> notes,
            List<LinkResponse> links,
            boolean identityInVault) {}

    record NoteResponse(UUID id, UUID author, String authorName, Instant writtenAt, String body) {}

    record LinkResponse(UUID id, String reference, String state, String kind, boolean mergedInto) {}

    record NoteRequest(@Nullable String body) {}

    record LinkRequest(@Nullable String other) {}

    record MergeRequest(
            @Nullable String other,
            @Nullable String message,
            @Nullable Long version) {}

    record MergeResponse(UUID continuesAs) {}

    record MemberResponse(UUID id, String name, boolean assignee) {}

    record AssignmentRequest(
            @Nullable UUID assignee,
            @Nullable Boolean releasePrevious,
            @Nullable Long version) {}

    record DeadlineResponse(
            UUID id,
            String kind,
            Instant dueAt,
            String counted,
            String status,
            @Nullable Instant metAt,
            @Nullable String reason) {
        static DeadlineResponse of(Deadline deadline) {
            return new DeadlineResponse(
                    deadline.id(),
                    deadline.kind().name(),
                    deadline.dueAt(),
                    deadline.counted(),
                    deadline.status().name(),
                    deadline.metAt(),
                    deadline.reason());
        }
    }

    record ActionRequest(
            @Nullable Long version,
            @Nullable String message,
            @Nullable String reason,
            @Nullable String justification,
            @Nullable String level,
            @Nullable String outcome,
            @Nullable String to) {}

    record MessageResponse(
            UUID id,
            String from,
            @Nullable String staffName,
            String body,
            Instant at,
            List<Report.Attachment> attachments,
            @Nullable String notice) {}

    record MessageRequest(@Nullable String message) {}

    record StateResponse(String state, long version) {}

    private final CaseManagement cases;
    private final org.tipline.cases.CaseWork work;
    private final org.tipline.cases.CaseExport export;

    private final org.tipline.cases.Retention retention;
    private final org.tipline.cases.LegalHolds holds;
    private final org.tipline.cases.Persons persons;

    CasesApiController(
            CaseManagement cases,
            org.tipline.cases.CaseWork work,
            org.tipline.cases.CaseExport export,
            org.tipline.cases.Retention retention,
            org.tipline.cases.LegalHolds holds,
            org.tipline.cases.Persons persons) {
        this.persons = persons;
        this.holds = holds;
        this.retention = retention;
        this.cases = cases;
        this.work = work;
        this.export = export;
    }

    @GetMapping("/api/v1/cases/{id}/export.pdf")
    ResponseEntity<byte[]> exportPdf(
            Keyring keyring,
            @PathVariable UUID id,
            @org.springframework.web.bind.annotation.RequestParam(defaultValue = "false") boolean identities,
            java.util.Locale locale) {
        return CasesController.pdf(export, cases, keyring, id, locale, identities);
    }

    record PersonRequest(
            @org.jspecify.annotations.Nullable String role,
            @org.jspecify.annotations.Nullable String identity) {}

    /** A holder records a person named in the case; they get a pseudonym. */
    @PostMapping("/api/v1/cases/{id}/persons")
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CREATED)
    org.tipline.cases.Persons.Person recordPerson(
            Keyring keyring, @PathVariable UUID id, @RequestBody PersonRequest request) {
        return persons.record(
                keyring,
                new CaseId(id),
                org.tipline.cases.Persons.role(request.role() == null ? "" : request.role()),
                request.identity() == null ? "" : request.identity());
    }

    /** The persons concerned of a case granted to the caller, by pseudonym. */
    @GetMapping("/api/v1/cases/{id}/persons")
    List<org.tipline.cases.Persons.Person> persons(
            @AuthenticationPrincipal StaffPrincipal staff, @PathVariable UUID id) {
        return persons.list(staff, new CaseId(id));
    }

    /** Who a person concerned is, for a holder of the case; audited. */
    @GetMapping("/api/v1/cases/{id}/persons/{person}/identity")
    ResponseEntity<Map<String, String>> personIdentity(
            Keyring keyring, @PathVariable UUID id, @PathVariable UUID person) {
        return ResponseEntity.ok()
                .header(org.springframework.http.HttpHeaders.CACHE_CONTROL, "no-store")
                .body(Map.of("identity", persons.reveal(keyring, new CaseId(id), person)));
    }

    @GetMapping("/api/v1/cases/{id}/attachments.zip")
    void exportAttachments(Keyring keyring, @PathVariable UUID id, jakarta.servlet.http.HttpServletResponse response) {
        CasesController.zip(export, cases, keyring, id, response);
    }

    @GetMapping("/api/v1/cases/export.csv")
    ResponseEntity<byte[]> exportCsv(
            @AuthenticationPrincipal StaffPrincipal staff, @RequestParam MultiValueMap<String, String> filters) {
        return CasesController.csv(export, staff, filters);
    }

    @GetMapping("/api/v1/cases")
    InboxResponse inbox(
            @AuthenticationPrincipal StaffPrincipal staff, @RequestParam MultiValueMap<String, String> filters) {
        var result = cases.inbox(staff, InboxQuery.read(filters));
        return new InboxResponse(
                result.cases().stream().map(CaseListItem::of).toList(),
                result.next() == null ? null : result.next().token(),
                result.hasNext());
    }

    @GetMapping("/api/v1/cases/overview")
    org.tipline.cases.Overview overview(@AuthenticationPrincipal StaffPrincipal staff) {
        return cases.overview(staff);
    }

    /** A supervisor purges a case not yet investigated as spam: its content goes for good. */
    @PostMapping("/api/v1/cases/{id}/spam")
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.NO_CONTENT)
    void spam(@AuthenticationPrincipal StaffPrincipal supervisor, @PathVariable UUID id) {
        retention.purgeAsSpam(supervisor, new CaseId(id));
    }

    record HoldRequest(@org.jspecify.annotations.Nullable String reason) {}

    /** A supervisor puts a case on legal hold (kept past its retention period) or, with no reason, releases it. */
    @org.springframework.web.bind.annotation.PutMapping("/api/v1/cases/{id}/hold")
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.NO_CONTENT)
    void hold(
            @AuthenticationPrincipal StaffPrincipal supervisor,
            @PathVariable UUID id,
            @RequestBody HoldRequest request) {
        holds.set(supervisor, new CaseId(id), request.reason());
    }

    /** What a purged case still shows to supervisors and admins: metadata only. */
    @GetMapping("/api/v1/cases/{id}/purged")
    org.tipline.cases.Retention.PurgedCase purged(
            @AuthenticationPrincipal StaffPrincipal viewer, @PathVariable UUID id) {
        return retention
                .purged(viewer, new CaseId(id))
                .orElseThrow(() -> new java.util.NoSuchElementException("No such case"));
    }

    @GetMapping("/api/v1/cases/{id}")
    CaseResponse show(Keyring keyring, @PathVariable UUID id) {
        var view = cases.view(keyring, new CaseId(id));
        var summary = view.summary();
        var details = view.details();
        return new CaseResponse(
                summary.id().value(),
                summary.reference(),
                summary.channelName(),
                summary.state().name(),
                summary.receivedAt(),
                view.report().category(),
                view.report().answers(),
                view.report().attachments(),
                view.thread().stream()
                        .map(m -> new MessageResponse(
                                m.id(),
                                m.fromReporter() ? "reporter" : "staff",
                                m.staffName(),
                                m.body(),
                                m.at(),
                                m.attachments(),
                                m.notice() == null ? null : m.notice().name()))
                        .toList(),
                details.version(),
                view.policy().name(),
                view.policy().version(),
                details.risk() == null ? null : details.risk().name(),
                details.outcome() == null ? null : details.outcome().name(),
                details.closingReason(),
                details.referredTo(),
                view.deadlines().stream().map(DeadlineResponse::of).toList(),
                CaseActions.available(details, view.policy().rules(), view.deadlines()),
                details.assignee() == null ? null : details.assignee().value(),
                view.members().stream()
                        .map(member -> new MemberResponse(member.id().value(), member.name(), member.assignee()))
                        .toList(),
                view.notes().stream()
                        .map(note -> new NoteResponse(
                                note.id(), note.author().value(), note.authorName(), note.writtenAt(), note.body()))
                        .toList(),
                view.links().stream()
                        .map(link -> new LinkResponse(
                                link.other().value(),
                                link.reference(),
                                link.state().name(),
                                link.kind().name(),
                                link.mergedInto()))
                        .toList(),
                view.identityInVault());
    }

    @PostMapping("/api/v1/cases/{id}/notes")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, UUID> note(Keyring keyring, @PathVariable UUID id, @RequestBody NoteRequest request) {
        return Map.of("id", work.note(keyring, new CaseId(id), request.body() == null ? "" : request.body()));
    }

    @GetMapping("/api/v1/cases/{id}/timeline")
    List<org.tipline.cases.TimelineEntry> timeline(Keyring keyring, @PathVariable UUID id) {
        return work.timeline(keyring, new CaseId(id));
    }

    @PostMapping("/api/v1/cases/{id}/links")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void link(@AuthenticationPrincipal StaffPrincipal staff, @PathVariable UUID id, @RequestBody LinkRequest request) {
        cases.link(staff, new CaseId(id), request.other() == null ? "" : request.other(), true);
    }

    @DeleteMapping("/api/v1/cases/{id}/links/{other}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unlink(@AuthenticationPrincipal StaffPrincipal staff, @PathVariable UUID id, @PathVariable String other) {
        cases.link(staff, new CaseId(id), other, false);
    }

    @PostMapping("/api/v1/cases/{id}/merge")
    MergeResponse merge(Keyring keyring, @PathVariable UUID id, @RequestBody MergeRequest request) {
        var survivor = cases.merge(
                keyring,
                new CaseId(id),
                request.version(),
                request.other() == null ? "" : request.other(),
                request.message() == null ? "" : request.message());
        return new MergeResponse(survivor.value());
    }

    @PostMapping("/api/v1/cases/{id}/messages")
    @ResponseStatus(HttpStatus.CREATED)
    void reply(Keyring keyring, @PathVariable UUID id, @RequestBody MessageRequest request) {
        cases.reply(keyring, new CaseId(id), request.message() == null ? "" : request.message());
    }

    @PostMapping("/api/v1/cases/{id}/acknowledgement")
    StateResponse acknowledge(Keyring keyring, @PathVariable UUID id) {
        var changed = cases.act(keyring, new CaseId(id), null, new CaseCommand.Acknowledge(""));
        return new StateResponse(changed.state().name(), changed.version() + 1);
    }

    @PostMapping("/api/v1/cases/{id}/actions/{action}")
    StateResponse act(
            Keyring keyring,
            @PathVariable UUID id,
            @PathVariable String action,
            @RequestBody(required = false) @Nullable ActionRequest request) {
        var body = request == null ? new ActionRequest(null, null, null, null, null, null, null) : request;
        var command = CaseActions.command(
                action,
                new CaseActions.Fields(
                        body.version(),
                        body.message(),
                        body.reason(),
                        body.justification(),
                        body.level(),
                        body.outcome(),
                        body.to()));
        var changed = cases.act(keyring, new CaseId(id), body.version(), command);
        return new StateResponse(changed.state().name(), changed.version() + 1);
    }

    @PostMapping("/api/v1/cases/{id}/assignment")
    StateResponse assign(Keyring keyring, @PathVariable UUID id, @RequestBody AssignmentRequest request) {
        if (request.assignee() == null) {
            throw new InvalidInput(Map.of("assignee", "error.required"));
        }
        var changed = cases.assign(
                keyring,
                new CaseId(id),
                request.version(),
                new StaffId(request.assignee()),
                Boolean.TRUE.equals(request.releasePrevious()));
        return new StateResponse(changed.state().name(), changed.version() + 1);
    }

    record PriorityRequest(
            @Nullable String priority, @Nullable Long version) {}

    record LabelRequest(@Nullable String name) {}

    @PutMapping("/api/v1/cases/{id}/priority")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void priority(
            @AuthenticationPrincipal StaffPrincipal staff,
            @PathVariable UUID id,
            @RequestBody PriorityRequest request) {
        cases.setPriority(staff, new CaseId(id), request.version(), CasesController.priority(request.priority()));
    }

    @PostMapping("/api/v1/cases/{id}/labels")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void label(
            @AuthenticationPrincipal StaffPrincipal staff, @PathVariable UUID id, @RequestBody LabelRequest request) {
        cases.label(staff, new CaseId(id), request.name() == null ? "" : request.name(), true);
    }

    @DeleteMapping("/api/v1/cases/{id}/labels/{name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unlabel(@AuthenticationPrincipal StaffPrincipal staff, @PathVariable UUID id, @PathVariable String name) {
        cases.label(staff, new CaseId(id), name, false);
    }

    @DeleteMapping("/api/v1/cases/{id}/members/{member}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void removeAccess(@AuthenticationPrincipal StaffPrincipal staff, @PathVariable UUID id, @PathVariable UUID member) {
        cases.removeAccess(staff, new CaseId(id), new StaffId(member));
    }

    @GetMapping("/api/v1/cases/{id}/attachments/{attachment}")
    ResponseEntity<InputStreamResource> attachment(
            Keyring keyring, @PathVariable UUID id, @PathVariable UUID attachment) {
        var opened = cases.attachment(keyring, new CaseId(id), attachment);
        return Downloads.attachment(
                opened.attachment().name(), opened.attachment().size(), opened.content());
    }
}
