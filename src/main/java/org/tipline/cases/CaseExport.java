package org.tipline.cases;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tipline.audit.Actor;
import org.tipline.audit.AuditLog;
import org.tipline.crypto.Keyring;
import org.tipline.reports.Report;
import org.tipline.reports.Reports;
import org.tipline.shared.StaffPrincipal;
import org.tipline.shared.TextPdf;
import org.tipline.shared.Times;

/**
 * Exports for those who can open a case: one case as a PDF (answers, thread, notes, deadlines and
 * timeline; fonts embedded so Chinese renders), its attachments as a ZIP, and the filtered inbox as
 * CSV (metadata only, never content). Every export is audited; what a handler cannot open, they
 * cannot export.
 */
@Service
public class CaseExport {

    /** The most cases one CSV export lists. */
    public static final int CSV_LIMIT = 50_000;

    private final CaseManagement cases;
    private final CaseWork work;
    private final Reports reports;
    private final AuditLog audit;
    private final MessageSource messages;
    private final Times times;

    private final Persons persons;

    CaseExport(
            CaseManagement cases,
            CaseWork work,
            Reports reports,
            AuditLog audit,
            MessageSource messages,
            Times times,
            Persons persons) {
        this.persons = persons;
        this.cases = cases;
        this.work = work;
        this.reports = reports;
        this.audit = audit;
        this.messages = messages;
        this.times = times;
    }

    /**
     * Returns a case granted to the keyring's owner as a PDF, labelled in {@code locale}; audited.
     *
     * @throws java.util.NoSuchElementException if the case is not granted to them
     */
    @Transactional
    public byte[] pdf(Keyring keyring, CaseId id, Locale locale) {
        return pdf(keyring, id, locale, false);
    }

    /**
     * Returns a case granted to the keyring's owner as a PDF, labelled in {@code locale}; persons
     * concerned appear by pseudonym, and with who they are only when {@code identities} is asked
     * for (audited as such).
     *
     * @throws java.util.NoSuchElementException if the case is not granted to them
     */
    @Transactional
    public byte[] pdf(Keyring keyring, CaseId id, Locale locale, boolean identities) {
        var owner = keyring.owner();
        var listed = cases.granted(owner, id);
        var key = reports.unlock(keyring, listed.aggregate().report());
        var view = cases.view(owner, listed, key);
        var timeline = work.timeline(key, id);
        audit.record(
                owner.organization(),
                Actor.staff(owner.id()),
                new CaseAudit.Exported(id, identities ? "pdf-with-identities" : "pdf"));

        var summary = view.summary();
        var details = view.details();
        var pdf = new TextPdf(summary.reference());
        pdf.heading(text("case.title", locale, summary.reference()), 1);
        pdf.field(text("case.export.channel", locale), summary.channelName());
        pdf.field(text("case.export.state", locale), text("case.state." + summary.state(), locale));
        pdf.field(text("case.export.received", locale), times.at(summary.receivedAt()));
        if (summary.category() != null) {
            pdf.field(text("case.export.category", locale), summary.category());
        }
        pdf.field(text("case.priority", locale), text("case.priority." + summary.priority(), locale));
        if (!summary.labels().isEmpty()) {
            pdf.field(text("case.labels", locale), String.join(", ", summary.labels()));
        }
        pdf.field(
                text("case.policy", locale),
                text(
                        "case.policy.version",
                        locale,
                        view.policy().name(),
                        view.policy().version()));
        pdf.field(
                text("case.risk", locale),
                details.risk() == null ? text("case.risk.none", locale) : text("case.risk." + details.risk(), locale));
        if (details.outcome() != null) {
            pdf.field(text("case.outcome", locale), text("case.outcome." + details.outcome(), locale));
        }
        if (details.referredTo() != null) {
            pdf.field(text("case.referred-to", locale), details.referredTo());
        }
        if (details.closingReason() != null) {
            pdf.field(text("case.closing-reason", locale), details.closingReason());
        }
        if (!view.members().isEmpty()) {
            pdf.field(
                    text("case.members", locale),
                    String.join(
                            ", ",
                            view.members().stream().map(CaseView.Member::name).toList()));
        }
        for (var link : view.links()) {
            pdf.field(
                    text("case.links", locale),
                    link.reference() + " ("
                            + text(
                                    "case.link."
                                            + (link.mergedInto()
                                                    ? "merged-into"
                                                    : link.mergedHere() ? "merged-here" : "related"),
                                    locale)
                            + ")");
        }

        pdf.heading(text("case.deadlines", locale), 2);
        for (var deadline : view.deadlines()) {
            pdf.field(
                    text("case.deadline." + deadline.kind(), locale),
                    times.at(deadline.dueAt()) + " · " + deadline.counted() + " · "
                            + text("case.deadline.status." + deadline.status(), locale)
                            + (deadline.reason() == null ? "" : " · " + deadline.reason()));
        }

        pdf.heading(text("case.report", locale), 2);
        for (var question : view.questionnaire().questions()) {
            var answer = view.report().answers().get(question.key());
            if (answer != null) {
                pdf.caption(question.label());
                pdf.paragraph(String.join(", ", answer), 8);
            }
        }
        for (var file : view.report().attachments()) {
            pdf.field(text("case.attachments", locale), file.name() + " (" + file.size() + " B)");
        }

        var concerned = persons.of(id);
        if (!concerned.isEmpty()) {
            pdf.heading(text("case.persons", locale), 2);
            for (var person : concerned) {
                pdf.field(
                        person.pseudonym(),
                        text("case.person.role." + person.role(), locale)
                                + (identities ? " · " + persons.reveal(key, id, person.id()) : ""));
            }
        }

        pdf.heading(text("case.conversation", locale), 2);
        if (view.thread().isEmpty()) {
            pdf.paragraph(text("followup.no-messages", locale));
        }
        for (var message : view.thread()) {
            var from =
                    message.fromReporter() ? text("case.from-reporter", locale) : String.valueOf(message.staffName());
            var notice = message.notice() == null ? "" : " · " + text("notice." + message.notice(), locale);
            pdf.caption(from + " · " + times.at(message.at()) + notice);
            if (!message.body().isEmpty()) {
                pdf.paragraph(message.body(), 8);
            }
            for (var file : message.attachments()) {
                pdf.paragraph("[" + file.name() + "]", 8);
            }
        }

        pdf.heading(text("case.notes", locale), 2);
        if (view.notes().isEmpty()) {
            pdf.paragraph(text("case.notes.none", locale));
        }
        for (var note : view.notes()) {
            pdf.caption(note.authorName() + " · " + times.at(note.writtenAt()));
            pdf.paragraph(note.body(), 8);
        }

        pdf.heading(text("case.timeline.open", locale), 2);
        for (var entry : timeline) {
            var who = messages.getMessage("timeline.who." + entry.who(), null, entry.who(), locale);
            var what = messages.getMessage("timeline." + entry.what(), null, entry.what(), locale);
            pdf.paragraph(times.at(entry.at()) + " · " + who + " · " + what
                    + (entry.detail() == null ? "" : " · " + entry.detail()));
        }
        return pdf.finish();
    }

    /**
     * Writes the attachments of a case granted to the keyring's owner (the report's and the
     * thread's) as a ZIP to the stream {@code opening} gives once access was checked, each opening audited by reports and the export by cases.
     * Names are the reporters', made safe: no directories, no control characters, numbered so that
     * none repeats.
     *
     * @throws java.util.NoSuchElementException if the case is not granted to them
     */
    @Transactional
    public void attachments(Keyring keyring, CaseId id, java.util.function.Supplier<OutputStream> opening) {
        var key = cases.unlock(keyring, id);
        var owner = keyring.owner();
        var files = new ArrayList<Report.Attachment>(reports.read(key).attachments());
        reports.messageAttachments(key).values().forEach(files::addAll);
        audit.record(owner.organization(), Actor.staff(owner.id()), new CaseAudit.Exported(id, "zip"));
        var used = new HashSet<String>();
        // finished, not closed: closing would complete the response before this transaction (and
        // its audit entry) commits
        try {
            var zip = new ZipOutputStream(opening.get(), java.nio.charset.StandardCharsets.UTF_8);
            var number = 0;
            for (var file : files) {
                number++;
                var opened = reports.attachment(key, file.id());
                zip.putNextEntry(new ZipEntry(entryName(number, file.name(), used)));
                try (var content = opened.content()) {
                    content.transferTo(zip);
                }
                zip.closeEntry();
            }
            zip.finish();
            zip.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the cases of {@code viewer}'s inbox that match {@code query} as CSV, every page of them
     * up to {@value #CSV_LIMIT}: metadata only (reference, channel, state, dates, category,
     * priority, deadline, assignee, labels), each cell safe from spreadsheet formulas. Audited with
     * the number of rows.
     *
     * @return the number of cases written
     */
    @Transactional(readOnly = true)
    public int csv(StaffPrincipal viewer, InboxQuery query, Writer out) {
        var written = 0;
        var format = CSVFormat.RFC4180
                .builder()
                .setHeader(
                        "reference",
                        "channel",
                        "state",
                        "received_at",
                        "last_activity",
                        "category",
                        "priority",
                        "next_due_at",
                        "overdue",
                        "assignee",
                        "labels")
                .get();
        try (var printer = format.print(out)) {
            var page = cases.inbox(viewer, query);
            while (true) {
                for (var row : page.cases()) {
                    printer.printRecord(
                            safe(row.reference()),
                            safe(row.channelName()),
                            row.state().name(),
                            times.iso(row.receivedAt()),
                            times.iso(row.lastActivity()),
                            safe(row.category()),
                            row.priority().name(),
                            times.iso(row.nextDueAt()),
                            row.overdue(),
                            safe(row.assigneeName()),
                            safe(String.join("; ", row.labels())));
                    written++;
                }
                if (page.next() == null || written >= CSV_LIMIT) {
                    break;
                }
                page = cases.inbox(viewer, query.from(page.next()));
            }
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        audit.recordAlone(
                viewer.organization(), Actor.staff(viewer.id()), new CaseAudit.InboxExported(viewer.id(), written));
        return written;
    }

    /** Keeps a cell from being read as a formula by a spreadsheet (OWASP, CSV injection). */
    static String safe(@Nullable String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        var first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value
                : value;
    }

    /** Returns a ZIP entry name for an attachment: its last path segment, cleaned, numbered. */
    static String entryName(int number, String name, Set<String> used) {
        var base = name.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        var clean = new StringBuilder();
        base.codePoints()
                .filter(cp -> !Character.isISOControl(cp) && Character.getType(cp) != Character.FORMAT)
                .filter(cp -> ":*?\"<>|".indexOf(cp) < 0)
                .limit(120)
                .forEach(clean::appendCodePoint);
        var safe = clean.toString().strip().replaceAll("^\\.+", "");
        if (safe.isEmpty()) {
            safe = "attachment";
        }
        var entry = String.format(Locale.ROOT, "%02d-%s", number, safe);
        while (!used.add(entry)) {
            entry = String.format(Locale.ROOT, "%02d-%s", number, UUID.randomUUID() + "-" + safe);
        }
        return entry;
    }

    private String text(String code, Locale locale, Object... args) {
        return messages.getMessage(code, args, code, locale);
    }
}
