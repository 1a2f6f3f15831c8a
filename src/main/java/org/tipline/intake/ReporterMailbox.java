package org.tipline.intake;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tipline.accounts.OrganizationId;
import org.tipline.audit.AuditLog;
import org.tipline.crypto.CryptoException;
import org.tipline.crypto.Receipt;
import org.tipline.crypto.ServerSecrets;
import org.tipline.intake.internal.ReceiptThrottle;
import org.tipline.intake.internal.SealedReports;
import org.tipline.shared.InvalidInput;
import org.tipline.shared.TooManyRequests;

/**
 * The reporter's side of a report, reached with the receipt alone: its status, the conversation,
 * replies and more files.
 */
@Service
public class ReporterMailbox {

    /** The longest message a reporter or handler may write. */
    public static final int MESSAGE_LIMIT = 100_000;

    private final JdbcClient jdbc;
    private final ServerSecrets secrets;
    private final SealedReports sealed;
    private final ReceiptThrottle throttle;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ReporterMailbox(
            JdbcClient jdbc,
            ServerSecrets secrets,
            SealedReports sealed,
            ReceiptThrottle throttle,
            AuditLog audit,
            ApplicationEventPublisher events,
            Clock clock) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.sealed = sealed;
        this.throttle = throttle;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Opens the mailbox that {@code typed} is the receipt of.
     *
     * @throws ReceiptRejected if it is malformed or opens nothing
     * @throws TooManyRequests if too many wrong receipts arrived recently
     */
    @Transactional(readOnly = true)
    public MailboxAccess open(String typed) {
        if (!throttle.open()) {
            throw new TooManyRequests();
        }
        var receipt = Receipt.parse(typed).orElseThrow(ReceiptRejected::new);
        var row = jdbc.sql("SELECT id, organization_id, receipt_salt, receipt_key FROM report WHERE receipt_lookup = ?")
                .param(secrets.receiptLookup(receipt))
                .query((rs, i) -> new Object[] {
                    rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getBytes(3), rs.getBytes(4)
                })
                .optional();
        if (row.isEmpty()) {
            throttle.failed();
            throw new ReceiptRejected();
        }
        var report = new ReportId((UUID) row.get()[0]);
        try {
            var key = receipt.deriveKey((byte[]) row.get()[2])
                    .unwrap((byte[]) row.get()[3], SealedReports.receiptContext(report));
            return new MailboxAccess(report, new OrganizationId((UUID) row.get()[1]), key);
        } catch (CryptoException e) {
            throttle.failed();
            throw new ReceiptRejected();
        }
    }

    /**
     * Opens the mailbox of {@code typed} and returns what the reporter may see, in one transaction.
     *
     * @throws ReceiptRejected if the receipt opens nothing
     * @throws TooManyRequests if too many wrong receipts arrived recently
     */
    @Transactional(readOnly = true)
    public ReportThread.Content read(String typed) {
        return view(open(typed));
    }

    /** Returns what the reporter may see: status, their answers, the conversation. */
    @Transactional(readOnly = true)
    public ReportThread.Content view(MailboxAccess access) {
        return sealed.open(access.key(), access.report());
    }

    /** Opens one attachment of the reporter's report. */
    @Transactional(readOnly = true)
    public ReportThread.OpenedAttachment attachment(MailboxAccess access, UUID attachment) {
        return sealed.openAttachment(access.key(), access.report(), attachment);
    }

    /**
     * Adds the reporter's message, with the files of {@code upload}, to the conversation. The
     * caller discards the upload if this throws.
     *
     * @throws InvalidInput if the message is empty or too long, or files came under another name
     * @see MessageAdded
     */
    @Transactional
    public void reply(MailboxAccess access, String body, Upload upload) {
        check(body, upload);
        var files = upload.files();
        sealed.addMessage(access.key(), access.report(), access.organization(), true, null, body.strip(), files);
        var now = clock.instant();
        jdbc.sql("UPDATE report SET updated_at = ? WHERE id = ?")
                .params(Timestamp.from(now), access.report().value())
                .update();
        audit.record(
                access.organization().value(),
                "reporter",
                "message.from-reporter",
                access.report().subject());
        events.publishEvent(new MessageAdded(access.report(), access.organization(), true, now));
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
}
