package org.tipline.cases;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tipline.audit.Actor;
import org.tipline.audit.AuditLog;
import org.tipline.channels.Channels;
import org.tipline.crypto.Keyring;
import org.tipline.intake.ReportSubmitted;
import org.tipline.mailbox.Mailbox;
import org.tipline.mailbox.MessagePosted;
import org.tipline.reports.Report;
import org.tipline.reports.ReportKey;
import org.tipline.reports.Reports;
import org.tipline.shared.Role;
import org.tipline.shared.StaffPrincipal;

/**
 * Case handling: opens a case for every report, keeps the handlers' inboxes, opens a case with the
 * handler's own grant, and moves cases through their workflow, telling the reporter through the
 * mailbox. Who may work a case is who holds a grant of its report, as {@link Reports} says.
 */
@Service
public class CaseManagement {

    /** Cases per inbox page. */
    public static final int PAGE_SIZE = 25;

    private final Cases cases;
    private final Reports reports;
    private final Mailbox mailbox;
    private final Channels channels;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;

    CaseManagement(
            Cases cases,
            Reports reports,
            Mailbox mailbox,
            Channels channels,
            AuditLog audit,
            ApplicationEventPublisher events) {
        this.cases = cases;
        this.reports = reports;
        this.mailbox = mailbox;
        this.channels = channels;
        this.audit = audit;
        this.events = events;
    }

    /** One page of an inbox, and whether more follow. */
    public record Page(List<CaseSummary> cases, int number, boolean hasNext) {}

    /**
     * Opens the case of a new report inside the submission's transaction: a report never exists
     * without its case, and the hot path needs no second transaction or event-registry writes. The
     * report's own audit entry covers it. Idempotent.
     */
    @EventListener
    void on(ReportSubmitted submitted) {
        cases.insert(
                Case.opened(submitted.organization(), submitted.report(), submitted.channel(), submitted.receivedAt()));
    }

    /** Keeps the inbox's activity current, in the message's transaction; a reporter's message is unread. */
    @EventListener
    void on(MessagePosted posted) {
        cases.touch(posted.report(), posted.at(), posted.fromReporter());
    }

    /** Returns page {@code number} (from 0) of the cases granted to {@code staff}, newest first. */
    @Transactional(readOnly = true)
    public Page inbox(StaffPrincipal staff, int number) {
        staff.require(Role.HANDLER);
        var page = Math.max(0, Math.min(number, 100_000));
        var rows = cases.page(staff.organization(), reports.grantedTo(staff), PAGE_SIZE + 1, page * PAGE_SIZE);
        var hasNext = rows.size() > PAGE_SIZE;
        return new Page(summaries(staff, hasNext ? rows.subList(0, PAGE_SIZE) : rows), page, hasNext);
    }

    /**
     * Opens a case granted to the keyring's owner, with its report and thread, and marks it read.
     *
     * @throws NoSuchElementException if there is none in their organisation, or it is not granted to them
     */
    @Transactional
    public CaseView view(Keyring keyring, CaseId id) {
        var staff = keyring.owner();
        var listed = granted(staff, id);
        var key = reports.unlock(keyring, listed.aggregate().report());
        cases.markRead(id);
        audit.record(staff.organization(), Actor.staff(staff.id()), new CaseAudit.Opened(id));
        var report = reports.read(key);
        return new CaseView(
                summary(staff, listed),
                report,
                channels.questionnaire(report.channel(), report.questionnaireVersion()),
                mailbox.thread(key));
    }

    /**
     * Sends the keyring's owner's message to the reporter of a case granted to them.
     *
     * @throws NoSuchElementException if the case is not theirs
     * @throws org.tipline.shared.InvalidInput if the message is empty or too long
     */
    @Transactional
    public void reply(Keyring keyring, CaseId id, String body) {
        mailbox.post(unlock(keyring, id), body);
    }

    /**
     * Opens one attachment of a case granted to the keyring's owner; audited by reports.
     *
     * @throws NoSuchElementException if the case or attachment is not theirs
     */
    @Transactional
    public Report.OpenedAttachment attachment(Keyring keyring, CaseId id, UUID attachment) {
        return reports.attachment(unlock(keyring, id), attachment);
    }

    /**
     * Confirms to the reporter that their report was received; the reporter's status says so.
     *
     * @throws NoSuchElementException if the case is not granted to {@code staff}
     * @throws IllegalTransition if the case is past being received
     * @throws CaseChangedMeanwhile if someone else changed it at the same time
     * @see CaseStateChanged
     */
    @Transactional
    public CaseState acknowledge(StaffPrincipal staff, CaseId id) {
        var current = granted(staff, id).aggregate();
        var changed = current.acknowledge();
        save(staff, current, changed);
        return changed.state();
    }

    private void save(StaffPrincipal staff, Case current, Case changed) {
        if (!cases.save(changed)) {
            throw new CaseChangedMeanwhile();
        }
        mailbox.setStatus(changed.report(), changed.state().reporterStatus());
        audit.record(staff.organization(), Actor.staff(staff.id()), new CaseAudit.Moved(changed.id(), changed.state()));
        events.publishEvent(
                new CaseStateChanged(changed.id(), changed.organization(), current.state(), changed.state()));
    }

    private ReportKey unlock(Keyring keyring, CaseId id) {
        return reports.unlock(keyring, granted(keyring.owner(), id).aggregate().report());
    }

    private Cases.Listed granted(StaffPrincipal staff, CaseId id) {
        staff.require(Role.HANDLER);
        return cases.find(staff.organization(), id)
                .filter(listed -> reports.holds(staff, listed.aggregate().report()))
                .orElseThrow(() -> new NoSuchElementException("No such case"));
    }

    private CaseSummary summary(StaffPrincipal staff, Cases.Listed listed) {
        return summaries(staff, List.of(listed)).getFirst();
    }

    private List<CaseSummary> summaries(StaffPrincipal staff, List<Cases.Listed> rows) {
        var names = channels.names(
                staff.organization(),
                rows.stream().map(row -> row.aggregate().channel()).distinct().toList());
        return rows.stream()
                .map(row -> {
                    var aggregate = row.aggregate();
                    return new CaseSummary(
                            aggregate.id(),
                            aggregate.report(),
                            aggregate.reference(),
                            names.getOrDefault(aggregate.channel(), ""),
                            aggregate.state(),
                            aggregate.receivedAt(),
                            row.lastActivity(),
                            row.unread(),
                            aggregate.version());
                })
                .toList();
    }
}
