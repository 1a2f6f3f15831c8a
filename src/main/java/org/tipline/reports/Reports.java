package org.tipline.reports;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tipline.accounts.Recipient;
import org.tipline.accounts.StaffDeactivated;
import org.tipline.audit.Actor;
import org.tipline.audit.AuditLog;
import org.tipline.channels.ChannelId;
import org.tipline.crypto.ContentKey;
import org.tipline.crypto.CryptoException;
import org.tipline.crypto.Keyring;
import org.tipline.crypto.Randomness;
import org.tipline.crypto.Receipt;
import org.tipline.crypto.ServerSecrets;
import org.tipline.shared.OrganizationId;
import org.tipline.shared.StaffId;
import org.tipline.shared.StaffPrincipal;

/**
 * The sealed report store, and the only place that unwraps a report key: for a staff keyring that
 * holds a grant, for a receipt, or for a reporter's visit. Everything it hands out is a
 * {@link ReportKey} for one request; every read of content by staff is audited here.
 *
 * <p>Implementation notes (CRYPTO.md, keys 3–6): a fresh report key seals the answers (padded to
 * 1 KiB steps) and each attachment's own streaming key and metadata. It is wrapped with HPKE to
 * every recipient, and under HKDF(receipt, per-report salt). Only HMAC(pepper, receipt) is stored,
 * for lookup; the receipt is returned once and kept nowhere. Who may work a case is exactly who
 * holds a grant: an inbox may keep a copy of who holds what, fed by {@link ReportHoldersChanged},
 * to list cases quickly, but opening a report always asks for the grant itself.
 */
@Service
public class Reports {

    private final SealedReports rows;
    private final ServerSecrets secrets;
    private final AuditLog audit;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    Reports(SealedReports rows, ServerSecrets secrets, AuditLog audit, Clock clock, ApplicationEventPublisher events) {
        this.rows = rows;
        this.secrets = secrets;
        this.audit = audit;
        this.clock = clock;
        this.events = events;
    }

    /**
     * What a new report holds: where it came from, its checked answers, who receives it, and its
     * files, already sealed into the blob store.
     */
    public record Filing(
            OrganizationId organization,
            ChannelId channel,
            int questionnaireVersion,
            @Nullable String category,
            Map<String, List<String>> answers,
            Receipt.Format receiptFormat,
            List<Recipient> recipients,
            Upload upload) {
        @Override
        public String toString() {
            return "Reports.Filing[channel=" + channel + "]";
        }
    }

    /** A stored report and its receipt, to be shown once. */
    public record Filed(ReportId report, Receipt receipt, Instant receivedAt) {
        @Override
        public String toString() {
            return "Reports.Filed[report=" + report + "]";
        }
    }

    /**
     * Seals and stores a new report: its row, its grants to the recipients, its receipt wrap and its
     * attachments, in the caller's transaction, which also decides whether the files are kept.
     *
     * @throws IllegalArgumentException if there is no recipient
     */
    @Transactional
    public Filed file(Filing filing) {
        if (filing.recipients().isEmpty()) {
            throw new IllegalArgumentException("A report needs a recipient");
        }
        filing.upload().keepOnlyIfCommitted();
        var id = ReportId.random();
        var key = ContentKey.generate();
        var receipt = Receipt.generate(filing.receiptFormat());
        var salt = Randomness.bytes(16);
        var receivedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        rows.insert(
                new SealedReports.Row(
                        id,
                        filing.organization(),
                        filing.channel(),
                        filing.questionnaireVersion(),
                        filing.category(),
                        rows.sealAnswers(key, id, filing.answers()),
                        receivedAt),
                secrets.receiptLookup(receipt),
                salt,
                receipt.deriveKey(salt).wrap(key, SealedReports.receiptContext(id)));
        rows.grant(id, filing.organization(), key, filing.recipients());
        rows.insertAttachments(
                new ReportKey(id, filing.organization(), null, key),
                null,
                filing.upload().files());
        return new Filed(id, receipt, receivedAt);
    }

    /**
     * Opens a report with the grant made to the keyring's owner.
     *
     * @throws NoSuchElementException if there is no such report in their organisation, or no grant to them
     */
    @Transactional(readOnly = true)
    public ReportKey unlock(Keyring keyring, ReportId report) {
        var staff = keyring.owner();
        var grant = rows.grantOf(report, staff.id(), staff.organization())
                .orElseThrow(() -> new NoSuchElementException("No such report"));
        try {
            return new ReportKey(
                    report,
                    staff.organization(),
                    staff,
                    keyring.unwrap(grant, SealedReports.grantContext(report, staff.id())));
        } catch (CryptoException e) {
            throw new NoSuchElementException("No such report");
        }
    }

    /** Opens the report that {@code receipt} belongs to; empty when it belongs to none. */
    @Transactional(readOnly = true)
    public Optional<ReportKey> unlock(Receipt receipt) {
        return rows.byReceipt(secrets.receiptLookup(receipt)).flatMap(row -> {
            try {
                var key =
                        receipt.deriveKey(row.salt()).unwrap(row.wrappedKey(), SealedReports.receiptContext(row.id()));
                return Optional.of(new ReportKey(row.id(), row.organization(), null, key));
            } catch (CryptoException e) {
                return Optional.empty();
            }
        });
    }

    /**
     * Reopens a report key that a reporter's visit wrapped with {@link ReportKey#wrapUnder}.
     *
     * @throws CryptoException if it was not wrapped under that key and context
     */
    public ReportKey reopen(
            ReportId report, OrganizationId organization, ContentKey wrappingKey, byte[] wrapped, String context) {
        return new ReportKey(report, organization, null, wrappingKey.unwrap(wrapped, context));
    }

    /**
     * Opens the report's answers and the files that came with it; audited when staff read it.
     *
     * @throws NoSuchElementException if the report is gone
     */
    @Transactional
    public Report read(ReportKey key) {
        var row = rows.find(key.report()).orElseThrow(() -> new NoSuchElementException("No such report"));
        var attachments = new ArrayList<Report.Attachment>();
        for (var attachment : rows.attachments(key.report())) {
            if (attachment.message() == null) {
                attachments.add(rows.describe(key, attachment));
            }
        }
        key.openedBy()
                .ifPresent(staff -> audit.record(
                        key.organization(), Actor.staff(staff.id()), new ReportsAudit.Opened(key.report())));
        return new Report(
                row.id(),
                row.channel(),
                row.questionnaireVersion(),
                row.category(),
                rows.openAnswers(key, row.sealedAnswers()),
                attachments,
                row.receivedAt());
    }

    /** Describes the files that came with later messages of the report's thread, by message. */
    @Transactional(readOnly = true)
    public Map<UUID, List<Report.Attachment>> messageAttachments(ReportKey key) {
        var byMessage = new HashMap<UUID, List<Report.Attachment>>();
        for (var attachment : rows.attachments(key.report())) {
            if (attachment.message() != null) {
                byMessage
                        .computeIfAbsent(attachment.message(), k -> new ArrayList<>())
                        .add(rows.describe(key, attachment));
            }
        }
        return byMessage;
    }

    /**
     * Opens one attachment of the report as a stream; audited when staff read it.
     *
     * @throws NoSuchElementException if the report has no such attachment
     */
    @Transactional
    public Report.OpenedAttachment attachment(ReportKey key, UUID attachment) {
        var row = rows.attachment(key.report(), attachment)
                .orElseThrow(() -> new NoSuchElementException("No such attachment"));
        var opened = rows.open(key, row);
        key.openedBy()
                .ifPresent(staff -> audit.record(
                        key.organization(), Actor.staff(staff.id()), new ReportsAudit.AttachmentOpened(attachment)));
        return opened;
    }

    /**
     * Stores the files of {@code upload} as attachments of a message of the report's thread, in the
     * caller's transaction, which also decides whether the files are kept.
     */
    @Transactional
    public void attach(ReportKey key, UUID message, Upload upload) {
        upload.keepOnlyIfCommitted();
        rows.insertAttachments(key, message, upload.files());
    }

    /**
     * Wraps the report key to {@code member}: someone who holds it hands the report on. Audited.
     *
     * @throws IllegalArgumentException if the key was not opened by staff, or the member is of another organisation
     */
    @Transactional
    public void grant(ReportKey key, Recipient member) {
        var by = key.openedBy().orElseThrow(() -> new IllegalArgumentException("Only staff hand a report on"));
        if (!member.organization().equals(key.organization())) {
            throw new IllegalArgumentException("A report stays in its organisation");
        }
        rows.grant(key.report(), key.organization(), key.contentKey(), List.of(member));
        audit.record(key.organization(), Actor.staff(by.id()), new ReportsAudit.KeyGranted(key.report(), member.id()));
        events.publishEvent(new ReportHoldersChanged(key.organization(), key.report(), member.id(), true));
    }

    /**
     * Deletes {@code member}'s grant of a report that {@code by} also holds; audited.
     *
     * @return whether there was a grant to delete
     * @throws NoSuchElementException if {@code by} holds no grant of the report
     */
    @Transactional
    public boolean revoke(StaffPrincipal by, ReportId report, StaffId member) {
        if (!holds(by, report)) {
            throw new NoSuchElementException("No such report");
        }
        var deleted = rows.deleteGrant(report, member, by.organization());
        if (deleted) {
            audit.record(by.organization(), Actor.staff(by.id()), new ReportsAudit.KeyRevoked(report, member));
            events.publishEvent(new ReportHoldersChanged(by.organization(), report, member, false));
        }
        return deleted;
    }

    /** Removes every grant of a deactivated member, in the deactivation's transaction. */
    @EventListener
    void on(StaffDeactivated deactivated) {
        rows.deleteGrantsOf(deactivated.member(), deactivated.organization());
    }

    /** Returns which of {@code among} are granted to {@code staff}: the cases of those they may work. */
    @Transactional(readOnly = true)
    public Set<ReportId> heldBy(StaffPrincipal staff, Collection<ReportId> among) {
        return among.isEmpty() ? Set.of() : rows.heldAmong(staff.id(), staff.organization(), among);
    }

    /** Returns who holds a grant of {@code report} in {@code organization}: who may work its case. Metadata only. */
    @Transactional(readOnly = true)
    public List<StaffId> holders(OrganizationId organization, ReportId report) {
        return rows.holders(report, organization);
    }

    /** Returns whether the member {@code member} of {@code organization} holds a grant of {@code report}. */
    @Transactional(readOnly = true)
    public boolean holds(StaffId member, OrganizationId organization, ReportId report) {
        return rows.grantOf(report, member, organization).isPresent();
    }

    /**
     * Purges the content of {@code report}: its answers, files (their blobs once the transaction
     * commits), grants and receipt; the row stays with its metadata (channel, category, dates).
     * Part of the caller's transaction; returns how many files went.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public int purge(OrganizationId organization, ReportId report) {
        var row = rows.find(report)
                .filter(found -> found.organization().equals(organization))
                .orElseThrow(() -> new java.util.NoSuchElementException("No such report"));
        return rows.purge(row.id());
    }

    /** Where a report came in: its channel and the questionnaire version it answered. Metadata only. */
    public record Origin(ChannelId channel, int questionnaireVersion) {}

    /** Returns where {@code report} came in, if {@code staff} holds a grant of it. */
    @Transactional(readOnly = true)
    public Optional<Origin> origin(StaffPrincipal staff, ReportId report) {
        if (!holds(staff, report)) {
            return Optional.empty();
        }
        return rows.find(report)
                .filter(row -> row.organization().equals(staff.organization()))
                .map(row -> new Origin(row.channel(), row.questionnaireVersion()));
    }

    /** Returns whether {@code staff} holds a grant of {@code report}. */
    @Transactional(readOnly = true)
    public boolean holds(StaffPrincipal staff, ReportId report) {
        return rows.grantOf(report, staff.id(), staff.organization()).isPresent();
    }
}
