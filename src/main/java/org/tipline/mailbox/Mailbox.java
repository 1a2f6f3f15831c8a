package org.tipline.mailbox;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tipline.accounts.StaffDirectory;
import org.tipline.audit.Actor;
import org.tipline.audit.AuditLog;
import org.tipline.channels.Channels;
import org.tipline.crypto.Receipt;
import org.tipline.mailbox.internal.ReceiptThrottle;
import org.tipline.reports.Report;
import org.tipline.reports.ReportId;
import org.tipline.reports.ReportKey;
import org.tipline.reports.Reports;
import org.tipline.reports.Upload;
import org.tipline.shared.InvalidInput;
import org.tipline.shared.OrganizationId;
import org.tipline.shared.StaffId;
import org.tipline.shared.TooManyRequests;

/**
 * The reporter's mailbox: the thread between reporter and staff, the plain-language status, and
 * the reporter's way in with the receipt (typed once per browser visit, or sent with every API
 * call). Staff reach a thread through case handling, with a key from their grant.
 */
@Service
public class Mailbox {

    /** The cookie that carries a reporter's follow-up visit (path {@code /followup}). */
    public static final String VISIT_COOKIE = "tipline_followup";

    /**
     * Returns the visit cookie's value in {@code request}, if it sent one; for pages under {@code
     * /followup} that other modules serve.
     */
    public static @Nullable String visitCookie(jakarta.servlet.http.HttpServletRequest request) {
        var cookies = request.getCookies();
        if (cookies != null) {
            for (var cookie : cookies) {
                if (VISIT_COOKIE.equals(cookie.getName())) {
                    return cookie.getValue();
                }
            }
        }
        return null;
    }

    /** The longest message a reporter or handler may write. */
    public static final int MESSAGE_LIMIT = 100_000;

    private final Threads threads;
    private final Reports reports;
    private final Channels channels;
    private final StaffDirectory staff;
    private final FollowupVisits visits;
    private final ReceiptThrottle throttle;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;

    Mailbox(
            Threads threads,
            Reports reports,
            Channels channels,
            StaffDirectory staff,
            FollowupVisits visits,
            ReceiptThrottle throttle,
            AuditLog audit,
            ApplicationEventPublisher events) {
        this.threads = threads;
        this.reports = reports;
        this.channels = channels;
        this.staff = staff;
        this.visits = visits;
        this.throttle = throttle;
        this.audit = audit;
        this.events = events;
    }

    /** Opens the mailbox of a new report, in the submission's transaction. */
    @Transactional
    public void create(ReportId report, OrganizationId organization) {
        threads.create(report, organization);
    }

    /**
     * Sets what the reporter is told about their report's progress.
     *
     * @throws NoSuchElementException if the report has no mailbox
     */
    @Transactional
    public void setStatus(ReportId report, ReporterStatus status) {
        if (!threads.setStatus(report, status)) {
            throw new NoSuchElementException("No such mailbox");
        }
    }

    /**
     * Says by when the reporter may expect an acknowledgement and feedback; null for what is no longer expected.
     *
     * @throws NoSuchElementException if the report has no mailbox
     */
    @Transactional
    public void expect(ReportId report, @Nullable Instant acknowledgementBy, @Nullable Instant feedbackBy) {
        if (!threads.expect(report, acknowledgementBy, feedbackBy)) {
            throw new NoSuchElementException("No such mailbox");
        }
    }

    /** By when a reporter may expect an acknowledgement and feedback; null for what is no longer expected. */
    public record Expected(
            @Nullable Instant acknowledgementBy, @Nullable Instant feedbackBy) {}

    /** Returns what the holder of {@code receipt} may expect, for the receipt page; empty if it opens nothing. */
    @Transactional(readOnly = true)
    public Optional<Expected> expected(Receipt receipt) {
        return reports.unlock(receipt)
                .flatMap(key -> threads.state(key.report()))
                .map(state -> new Expected(state.acknowledgementBy(), state.feedbackBy()));
    }

    /**
     * Sends the reporter a notice from the staff member who opened {@code key}: an acknowledgement
     * (whose text may be empty), feedback or a request for information (which need one).
     *
     * @throws InvalidInput if a text it needs is empty, or the text is too long
     * @throws IllegalArgumentException if the key was not opened by staff
     * @see MessagePosted
     */
    @Transactional
    public void notify(ReportKey key, Notice notice, String body) {
        var author = key.openedBy().orElseThrow(() -> new IllegalArgumentException("Staff write with their grant"));
        if (body.isBlank() && notice != Notice.ACKNOWLEDGEMENT) {
            throw new InvalidInput(Map.of("message", "error.required"));
        }
        if (body.length() > MESSAGE_LIMIT) {
            throw new InvalidInput(Map.of("message", "error.too-long"));
        }
        var message = threads.add(key, author.id(), body.strip(), notice);
        audit.record(key.organization(), Actor.staff(author.id()), new MailboxAudit.MessageToReporter(key.report()));
        events.publishEvent(new MessagePosted(key.report(), key.organization(), false, message.at()));
    }

    /** Returns the thread of the report {@code key} opens, for staff: their names, the reporter's messages, files. */
    @Transactional(readOnly = true)
    public List<Message> thread(ReportKey key) {
        return messages(key, true);
    }

    /**
     * Sends a message from the staff member who opened {@code key} to the reporter.
     *
     * @throws InvalidInput if it is empty or too long
     * @throws IllegalArgumentException if the key was not opened by staff
     * @see MessagePosted
     */
    @Transactional
    public void post(ReportKey key, String body) {
        var author = key.openedBy().orElseThrow(() -> new IllegalArgumentException("Staff write with their grant"));
        if (body.isBlank()) {
            throw new InvalidInput(Map.of("message", "error.required"));
        }
        if (body.length() > MESSAGE_LIMIT) {
            throw new InvalidInput(Map.of("message", "error.too-long"));
        }
        var message = threads.add(key, author.id(), body.strip());
        audit.record(key.organization(), Actor.staff(author.id()), new MailboxAudit.MessageToReporter(key.report()));
        events.publishEvent(new MessagePosted(key.report(), key.organization(), false, message.at()));
    }

    /**
     * Opens the mailbox that {@code typed} is the receipt of. A valid receipt always opens, however
     * many wrong ones others sent; wrong ones beyond the rate of all of them together are answered
     * with "too many", without anything about their sender being recorded.
     *
     * @throws ReceiptRejected if it is malformed or opens nothing
     * @throws TooManyRequests if it opens nothing and too many wrong receipts arrived recently
     */
    @Transactional
    public MailboxAccess open(String typed) {
        var key = Receipt.parse(typed).flatMap(reports::unlock);
        if (key.isPresent()) {
            threads.opened(key.get().report());
            return new MailboxAccess(key.get());
        }
        if (!throttle.miss()) {
            throw new TooManyRequests();
        }
        throw new ReceiptRejected();
    }

    /** Starts a browser visit of an opened mailbox and returns the value of its cookie. */
    @Transactional
    public String startVisit(MailboxAccess access) {
        return visits.start(access);
    }

    /** Returns the mailbox of a live visit, if {@code cookie} is one. */
    @Transactional
    public Optional<MailboxAccess> visit(@Nullable String cookie) {
        return visits.resolve(cookie);
    }

    /** Ends a visit. */
    @Transactional
    public void endVisit(@Nullable String cookie) {
        visits.end(cookie);
    }

    /** Returns the anti-forgery token of a visit's forms. */
    public String visitFormToken(@Nullable String cookie) {
        return visits.formToken(cookie);
    }

    /**
     * Returns the mailbox of a live visit whose form sent {@code token}, its own anti-forgery token;
     * empty when the visit is over or the token is not the visit's (compared in constant time).
     */
    @Transactional
    public Optional<MailboxAccess> visitPosting(@Nullable String cookie, @Nullable String token) {
        var access = visit(cookie);
        if (access.isEmpty()
                || token == null
                || !java.security.MessageDigest.isEqual(
                        visitFormToken(cookie).getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                        token.getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        return access;
    }

    /**
     * Opens the mailbox whose receipt an API client sends as {@code Authorization: Receipt <receipt>}.
     *
     * @throws ReceiptRejected if the header is missing, not of that scheme, or the receipt opens nothing
     */
    @Transactional
    public MailboxAccess openAuthorization(@Nullable String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Receipt ", 0, 8)) {
            throw new ReceiptRejected();
        }
        return open(authorization.substring(8).strip());
    }

    /**
     * Returns whether the reporter of {@code report} opened their mailbox with the receipt on or
     * after the day of {@code since} (in UTC): whether they can be reached there.
     */
    @Transactional(readOnly = true)
    public boolean openedSince(ReportId report, Instant since) {
        return threads.openedSince(report, since);
    }

    /**
     * Purges the thread of {@code report}: every message (their files go with the report's), the
     * mailbox's status and any open visit. Part of the caller's transaction, after the report's
     * files were purged.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public void purge(ReportId report) {
        threads.purge(report);
        visits.endAll(report);
    }

    /** Returns the report whose reporter opened {@code access}. */
    public ReportId report(MailboxAccess access) {
        return access.key().report();
    }

    /** Returns the organisation that received the report whose reporter opened {@code access}. */
    public OrganizationId organization(MailboxAccess access) {
        return access.key().organization();
    }

    /** Returns what the reporter may see: status, what they sent, the thread. */
    @Transactional
    public ReporterView view(MailboxAccess access) {
        var key = access.key();
        var report = reports.read(key);
        var state = threads.state(key.report()).orElse(new Threads.State(ReporterStatus.RECEIVED, null, null));
        return new ReporterView(
                state.status(),
                state.acknowledgementBy(),
                state.feedbackBy(),
                report,
                channels.questionnaire(report.channel(), report.questionnaireVersion()),
                messages(key, false));
    }

    /** Opens one attachment of the reporter's report or thread. */
    @Transactional
    public Report.OpenedAttachment attachment(MailboxAccess access, UUID attachment) {
        return reports.attachment(access.key(), attachment);
    }

    /**
     * Adds the reporter's message, with the files of {@code upload}, to the thread; the files are
     * kept only if it commits.
     *
     * @throws InvalidInput if the message is empty or too long, or files came under another name
     * @see MessagePosted
     */
    @Transactional
    public void reply(MailboxAccess access, String body, Upload upload) {
        upload.keepOnlyIfCommitted();
        check(body, upload);
        var key = access.key();
        var message = threads.add(key, null, body.strip());
        reports.attach(key, message.id(), upload);
        audit.record(key.organization(), Actor.REPORTER, new MailboxAudit.MessageFromReporter(key.report()));
        events.publishEvent(new MessagePosted(key.report(), key.organization(), true, message.at()));
    }

    static void check(String body, Upload upload) {
        if (body.isBlank() && upload.files().isEmpty()) {
            throw new InvalidInput(Map.of("message", "error.required"));
        }
        if (body.length() > MESSAGE_LIMIT) {
            throw new InvalidInput(Map.of("message", "error.too-long"));
        }
        if (upload.files().stream().anyMatch(file -> !file.field().equals("files"))) {
            throw new InvalidInput(Map.of("files", "error.files.unexpected"));
        }
    }

    private List<Message> messages(ReportKey key, boolean withStaffNames) {
        var rows = threads.messages(key.report());
        var files = reports.messageAttachments(key);
        var names = withStaffNames
                ? staff.names(
                        key.organization(),
                        rows.stream()
                                .map(Threads.Row::staff)
                                .filter(Objects::nonNull)
                                .toList())
                : Map.<StaffId, String>of();
        return rows.stream()
                .map(row -> new Message(
                        row.id(),
                        row.fromReporter(),
                        row.staff() == null ? null : names.get(row.staff()),
                        threads.body(key, row),
                        row.at(),
                        files.getOrDefault(row.id(), List.of()),
                        row.notice()))
                .toList();
    }
}
