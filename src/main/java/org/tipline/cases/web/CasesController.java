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
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.tipline.cases.CaseId;
import org.tipline.cases.CaseManagement;
import org.tipline.cases.InboxQuery;
import org.tipline.cases.InvalidFilter;
import org.tipline.cases.Outcome;
import org.tipline.cases.OverviewSection;
import org.tipline.cases.RetaliationRisk;
import org.tipline.channels.Channels;
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
    private final org.tipline.cases.CaseWork work;
    private final org.tipline.cases.CaseExport export;
    private final Channels channels;
    private final org.springframework.context.MessageSource messages;
    private final org.springframework.beans.factory.ObjectProvider<OverviewSection> sections;

    private final org.tipline.cases.Retention retention;
    private final org.tipline.cases.Persons persons;

    CasesController(
            CaseManagement cases,
            org.tipline.cases.CaseWork work,
            org.tipline.cases.CaseExport export,
            Channels channels,
            org.springframework.context.MessageSource messages,
            org.springframework.beans.factory.ObjectProvider<OverviewSection> sections,
            org.tipline.cases.Retention retention,
            org.tipline.cases.Persons persons) {
        this.persons = persons;
        this.retention = retention;
        this.sections = sections;
        this.cases = cases;
        this.work = work;
        this.export = export;
        this.channels = channels;
        this.messages = messages;
    }

    @GetMapping("/cases")
    String inbox(
            @AuthenticationPrincipal StaffPrincipal staff,
            @RequestParam MultiValueMap<String, String> filters,
            Model model,
            HttpServletResponse response) {
        InboxQuery query;
        try {
            query = InboxQuery.read(filters);
        } catch (InvalidFilter e) {
            response.setStatus(e.status().value());
            model.addAttribute("refused", e.messageKey());
            model.addAttribute("refusedFilter", e.parameter());
            query = InboxQuery.mine();
            filters = new org.springframework.util.LinkedMultiValueMap<>();
        }
        var page = cases.inbox(staff, query);
        model.addAttribute("page", page);
        model.addAttribute("query", query);
        model.addAttribute("filters", filters);
        model.addAttribute("states", org.tipline.cases.CaseState.values());
        model.addAttribute("sorts", InboxQuery.Sort.values());
        model.addAttribute("supervisor", staff.has(Role.SUPERVISOR));
        model.addAttribute("channelChoices", channels.published(staff.organization()));
        model.addAttribute("handlers", staff.has(Role.SUPERVISOR) ? cases.handlers(staff) : java.util.List.of());
        var csv = org.springframework.web.util.UriComponentsBuilder.fromPath("/cases/export.csv");
        filters.forEach((name, values) -> {
            if (!name.equals("after")) {
                values.forEach(value -> csv.queryParam(name, value));
            }
        });
        model.addAttribute("csvLink", csv.encode().toUriString());
        if (page.next() != null) {
            var next = org.springframework.web.util.UriComponentsBuilder.fromPath("/cases");
            filters.forEach((name, values) -> {
                if (!name.equals("after")) {
                    values.forEach(value -> next.queryParam(name, value));
                }
            });
            model.addAttribute(
                    "nextPage",
                    next.queryParam("after", page.next().token()).encode().toUriString());
        }
        return "cases/inbox";
    }

    @GetMapping("/cases/overview")
    String overview(@AuthenticationPrincipal StaffPrincipal staff, Model model, java.util.Locale locale) {
        var overview = cases.overview(staff);
        var states = java.util.Arrays.stream(org.tipline.cases.CaseState.values())
                .filter(CasesController::isOpen)
                .toList();
        model.addAttribute("overview", overview);
        model.addAttribute(
                "byState",
                Bars.of(
                        states.stream()
                                .map(state -> messages.getMessage("case.state." + state, null, locale))
                                .toList(),
                        states.stream()
                                .map(state -> overview.openByState().getOrDefault(state, 0L))
                                .toList()));
        model.addAttribute(
                "byChannel",
                Bars.of(
                        overview.openByChannel().stream()
                                .map(org.tipline.cases.Overview.ChannelCount::channel)
                                .toList(),
                        overview.openByChannel().stream()
                                .map(org.tipline.cases.Overview.ChannelCount::open)
                                .toList()));
        var tables = sections.orderedStream()
                .map(section -> section.table(staff))
                .flatMap(java.util.Optional::stream)
                .toList();
        model.addAttribute("sections", tables);
        model.addAttribute(
                "sectionCharts",
                tables.stream()
                        .filter(table -> table.chart() != null)
                        .map(table -> new SectionChart(
                                table.id() + "-chart",
                                table.chart().caption(),
                                Bars.of(table.chart().labels(), table.chart().values())))
                        .toList());
        return "cases/overview";
    }

    /** A section's chart as the overview draws it. */
    record SectionChart(String id, String caption, Bars bars) {}

    private static boolean isOpen(org.tipline.cases.CaseState state) {
        return switch (state) {
            case RECEIVED, ACKNOWLEDGED, ACK_WAIVED, TRIAGE, INVESTIGATING, AWAITING_REPORTER, ADDRESSING -> true;
            default -> false;
        };
    }

    @GetMapping("/cases/{id}")
    String show(Keyring keyring, @PathVariable UUID id, Model model) {
        try {
            return render(keyring, new CaseId(id), model, Map.of(), "");
        } catch (java.util.NoSuchElementException e) {
            // a purged case has no grant left: supervisors and admins see that it was purged
            var purged = retention.purged(keyring.owner(), new CaseId(id)).orElseThrow(() -> e);
            model.addAttribute("purged", purged);
            return "cases/purged";
        }
    }

    @PostMapping("/cases/{id}/spam")
    String spam(
            @org.springframework.security.core.annotation.AuthenticationPrincipal
                    org.tipline.shared.StaffPrincipal supervisor,
            @PathVariable UUID id) {
        retention.purgeAsSpam(supervisor, new CaseId(id));
        return "redirect:/cases/" + id;
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
        model.addAttribute("actionDraft", message == null ? "" : message);
        return attempt(keyring, id, action, model, response, () -> {
            var command = CaseActions.command(
                    action, new CaseActions.Fields(version, message, reason, justification, level, outcome, to));
            cases.act(keyring, new CaseId(id), version, command);
        });
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
        return attempt(keyring, id, "assign", model, response, () -> {
            if (assignee == null) {
                throw new InvalidInput(Map.of("assignee", "error.required"));
            }
            cases.assign(keyring, new CaseId(id), version, new StaffId(assignee), releasePrevious);
        });
    }

    @PostMapping("/cases/{id}/priority")
    String priority(
            Keyring keyring,
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable Long version,
            @RequestParam(required = false) @Nullable String priority,
            Model model,
            HttpServletResponse response) {
        return attempt(
                keyring,
                id,
                "priority",
                model,
                response,
                () -> cases.setPriority(keyring.owner(), new CaseId(id), version, priority(priority)));
    }

    @PostMapping("/cases/{id}/labels")
    String label(
            Keyring keyring,
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String label,
            @RequestParam(defaultValue = "add") String change,
            Model model,
            HttpServletResponse response) {
        return attempt(
                keyring,
                id,
                "label",
                model,
                response,
                () -> cases.label(
                        keyring.owner(), new CaseId(id), label == null ? "" : label, !"remove".equals(change)));
    }

    @PostMapping("/cases/{id}/members/{member}/removal")
    String removeAccess(
            Keyring keyring,
            @PathVariable UUID id,
            @PathVariable UUID member,
            Model model,
            HttpServletResponse response) {
        return attempt(
                keyring,
                id,
                "remove-access",
                model,
                response,
                () -> cases.removeAccess(keyring.owner(), new CaseId(id), new StaffId(member)));
    }

    @PostMapping("/cases/{id}/notes")
    String note(
            Keyring keyring,
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String note,
            Model model,
            HttpServletResponse response) {
        model.addAttribute("noteDraft", note == null ? "" : note);
        return attempt(
                keyring,
                id,
                "note",
                model,
                response,
                () -> work.note(keyring, new CaseId(id), note == null ? "" : note));
    }

    @PostMapping("/cases/{id}/links")
    String link(
            Keyring keyring,
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String other,
            @RequestParam(defaultValue = "add") String change,
            Model model,
            HttpServletResponse response) {
        return attempt(
                keyring,
                id,
                "link",
                model,
                response,
                () -> cases.link(
                        keyring.owner(), new CaseId(id), other == null ? "" : other, !"remove".equals(change)));
    }

    @PostMapping("/cases/{id}/merge")
    String merge(
            Keyring keyring,
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable Long version,
            @RequestParam(required = false) @Nullable String other,
            @RequestParam(required = false) @Nullable String message,
            Model model,
            HttpServletResponse response) {
        model.addAttribute("mergeDraft", message == null ? "" : message);
        return attempt(
                keyring,
                id,
                "merge",
                model,
                response,
                () -> cases.merge(
                        keyring, new CaseId(id), version, other == null ? "" : other, message == null ? "" : message));
    }

    @GetMapping("/cases/{id}/timeline")
    String timeline(Keyring keyring, @PathVariable UUID id, Model model) {
        model.addAttribute("timeline", work.timeline(keyring, new CaseId(id)));
        var view = cases.ref(keyring.owner().organization(), new CaseId(id));
        model.addAttribute(
                "reference", view.map(org.tipline.cases.CaseRef::reference).orElse(""));
        model.addAttribute("caseId", id);
        return "cases/timeline";
    }

    @GetMapping("/cases/{id}/export.pdf")
    ResponseEntity<byte[]> exportPdf(
            Keyring keyring,
            @PathVariable UUID id,
            @RequestParam(defaultValue = "false") boolean identities,
            java.util.Locale locale) {
        return pdf(export, cases, keyring, id, locale, identities);
    }

    @PostMapping("/cases/{id}/persons")
    String recordPerson(
            Keyring keyring,
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String role,
            @RequestParam(required = false) @Nullable String identity,
            Model model,
            HttpServletResponse response) {
        try {
            persons.record(
                    keyring,
                    new CaseId(id),
                    org.tipline.cases.Persons.role(role == null ? "" : role),
                    identity == null ? "" : identity);
            return "redirect:/cases/" + id + "#persons";
        } catch (InvalidInput e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return render(keyring, new CaseId(id), model, e.fieldErrors(), "");
        }
    }

    @GetMapping("/cases/{id}/persons/{person}")
    String person(
            Keyring keyring,
            @PathVariable UUID id,
            @PathVariable UUID person,
            Model model,
            HttpServletResponse response) {
        response.setHeader(org.springframework.http.HttpHeaders.CACHE_CONTROL, "no-store");
        var identity = persons.reveal(keyring, new CaseId(id), person);
        var shown = persons.of(new CaseId(id)).stream()
                .filter(p -> p.id().equals(person))
                .findFirst()
                .orElseThrow();
        model.addAttribute("caseId", id);
        model.addAttribute("person", shown);
        model.addAttribute("identity", identity);
        return "cases/person";
    }

    @GetMapping("/cases/{id}/attachments.zip")
    void exportAttachments(Keyring keyring, @PathVariable UUID id, HttpServletResponse response) {
        zip(export, cases, keyring, id, response);
    }

    @GetMapping("/cases/export.csv")
    ResponseEntity<byte[]> exportCsv(
            @AuthenticationPrincipal StaffPrincipal staff, @RequestParam MultiValueMap<String, String> filters) {
        return csv(export, staff, filters);
    }

    /** Answers a case's PDF, named after its reference. */
    static ResponseEntity<byte[]> pdf(
            org.tipline.cases.CaseExport export,
            CaseManagement cases,
            Keyring keyring,
            UUID id,
            java.util.Locale locale,
            boolean identities) {
        var bytes = export.pdf(keyring, new CaseId(id), locale, identities);
        var reference = cases.ref(keyring.owner().organization(), new CaseId(id))
                .map(org.tipline.cases.CaseRef::reference)
                .orElse("case");
        return Downloads.document(reference + ".pdf", org.springframework.http.MediaType.APPLICATION_PDF, bytes);
    }

    /** Streams a case's attachments as a ZIP named after its reference. */
    static void zip(
            org.tipline.cases.CaseExport export,
            CaseManagement cases,
            Keyring keyring,
            UUID id,
            HttpServletResponse response) {
        export.attachments(keyring, new CaseId(id), () -> {
            var reference = cases.ref(keyring.owner().organization(), new CaseId(id))
                    .map(org.tipline.cases.CaseRef::reference)
                    .orElse("case");
            return Downloads.stream(
                    response,
                    reference + "-attachments.zip",
                    org.springframework.http.MediaType.parseMediaType("application/zip"));
        });
    }

    /** Answers the filtered inbox as CSV. */
    static ResponseEntity<byte[]> csv(
            org.tipline.cases.CaseExport export, StaffPrincipal staff, MultiValueMap<String, String> filters) {
        var query = InboxQuery.read(filters);
        var out = new java.io.StringWriter();
        export.csv(staff, query, out);
        return Downloads.document(
                "cases.csv",
                org.springframework.http.MediaType.parseMediaType("text/csv;charset=UTF-8"),
                out.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Reads a priority, refusing anything but its names. */
    static org.tipline.cases.Priority priority(@Nullable String value) {
        try {
            return org.tipline.cases.Priority.valueOf(
                    String.valueOf(value).strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(Map.of("priority", "error.case.choice"));
        }
    }

    /**
     * Makes a change to a case and goes back to it saying what was done; a change refused for its
     * input (422) or for the case's state or rules (409) shows the case again with the reason.
     */
    private String attempt(
            Keyring keyring, UUID id, String action, Model model, HttpServletResponse response, Runnable change) {
        try {
            change.run();
            return "redirect:/cases/" + id + "?done=" + action;
        } catch (InvalidInput e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("failedAction", action);
            return render(keyring, new CaseId(id), model, e.fieldErrors(), "");
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
        model.addAttribute("persons", persons.of(id));
        model.addAttribute("personRoles", org.tipline.cases.Persons.Role.values());
        model.addAttribute(
                "actions", CaseActions.available(view.details(), view.policy().rules(), view.deadlines()));
        model.addAttribute("outcomes", Outcome.values());
        model.addAttribute("priorities", org.tipline.cases.Priority.values());
        var supervisor = keyring.owner().has(Role.SUPERVISOR);
        model.addAttribute("supervisor", supervisor);
        model.addAttribute("handlers", supervisor ? cases.handlers(keyring.owner()) : java.util.List.of());
        model.addAttribute("risks", RetaliationRisk.values());
        model.addAttribute("errors", errors);
        model.addAttribute("draft", draft);
        return "cases/case";
    }
}
