package org.tipline.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.tipline.accounts.Recipient;
import org.tipline.blobs.BlobStore;
import org.tipline.channels.ChannelId;
import org.tipline.crypto.ContentKey;
import org.tipline.crypto.FileKey;
import org.tipline.shared.OrganizationId;
import org.tipline.shared.StaffId;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rows of the report store, read and written with the report key in hand: reports, grants and
 * attachments. Each ciphertext is bound to its row by its context (CRYPTO.md).
 */
@Component
class SealedReports {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final BlobStore blobs;
    private final PendingBlobs pending;
    private final Clock clock;

    SealedReports(JdbcClient jdbc, JdbcTemplate batch, BlobStore blobs, PendingBlobs pending, Clock clock) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.blobs = blobs;
        this.pending = pending;
        this.clock = clock;
    }

    /** The plain columns of a report and its sealed answers. */
    record Row(
            ReportId id,
            OrganizationId organization,
            ChannelId channel,
            int questionnaireVersion,
            @Nullable String category,
            byte[] sealedAnswers,
            Instant receivedAt) {}

    /** What the receipt of a report finds: the report and its key wrapped under the receipt. */
    record ReceiptRow(ReportId id, OrganizationId organization, byte[] salt, byte[] wrappedKey) {}

    /** An attachment row and where it belongs: the report itself, or a message of its thread. */
    record AttachmentRow(
            UUID id,
            @Nullable UUID message,
            String blobKey,
            byte[] sealedFileKey,
            byte[] sealedMeta,
            @Nullable String questionKey) {}

    /** The answers as sealed: plain JSON inside, padded to 1 KiB steps. */
    record Answers(Map<String, List<String>> values) {}

    /** An attachment's name, type and size, sealed with the report key. */
    record Meta(
            String name,
            String contentType,
            long size,
            @Nullable List<String> removed,
            @Nullable String note) {}

    static final String ANSWERS = "answers";

    static String grantContext(ReportId report, StaffId staff) {
        return "report:" + report + ":grant:" + staff;
    }

    static String receiptContext(ReportId report) {
        return "report:" + report + ":receipt";
    }

    static String attachmentKeyContext(ReportId report, UUID attachment) {
        return "report:" + report + ":attachment:" + attachment + ":key";
    }

    static String attachmentMetaContext(ReportId report, UUID attachment) {
        return "report:" + report + ":attachment:" + attachment + ":meta";
    }

    /** Returns the context a file's stream is sealed under. */
    static String fileContext(UUID attachment) {
        return "attachment:" + attachment;
    }

    void insert(Row row, byte[] receiptLookup, byte[] receiptSalt, byte[] wrappedUnderReceipt) {
        jdbc.sql("""
                INSERT INTO report (id, organization_id, channel_id, questionnaire_version, category, receipt_lookup,
                                    receipt_salt, receipt_key, sealed_answers, received_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        row.id().value(),
                        row.organization().value(),
                        row.channel().value(),
                        row.questionnaireVersion(),
                        row.category(),
                        receiptLookup,
                        receiptSalt,
                        wrappedUnderReceipt,
                        row.sealedAnswers(),
                        Timestamp.from(row.receivedAt()))
                .update();
    }

    /**
     * Deletes what a report holds: its files (rows now, blobs once the transaction commits), its
     * grants, its sealed answers and its receipt's wrapped key, so nothing of it opens again; the
     * row stays with its metadata. Returns how many files went.
     */
    int purge(ReportId report) {
        var keys = jdbc.sql("SELECT blob_key FROM attachment WHERE report_id = ?")
                .param(report.value())
                .query(String.class)
                .list();
        jdbc.sql("DELETE FROM attachment WHERE report_id = ?")
                .param(report.value())
                .update();
        jdbc.sql("DELETE FROM key_grant WHERE report_id = ?")
                .param(report.value())
                .update();
        // the receipt's lookup is replaced by a value no HMAC produces, so the receipt finds nothing
        jdbc.sql("""
                        UPDATE report SET sealed_answers = ''::bytea, receipt_key = ''::bytea, receipt_salt = ''::bytea,
                                          receipt_lookup = decode(md5('purged:' || id::text), 'hex')
                        WHERE id = ?""").param(report.value()).update();
        if (!keys.isEmpty()) {
            org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                    new org.springframework.transaction.support.TransactionSynchronization() {
                        @Override
                        public void afterCommit() {
                            keys.forEach(blobs::delete);
                        }
                    });
        }
        return keys.size();
    }

    Optional<Row> find(ReportId report) {
        return jdbc.sql("""
                SELECT id, organization_id, channel_id, questionnaire_version, category, sealed_answers, received_at
                FROM report WHERE id = ?""")
                .param(report.value())
                .query((rs, i) -> new Row(
                        new ReportId(rs.getObject(1, UUID.class)),
                        new OrganizationId(rs.getObject(2, UUID.class)),
                        new ChannelId(rs.getObject(3, UUID.class)),
                        rs.getInt(4),
                        rs.getString(5),
                        rs.getBytes(6),
                        rs.getTimestamp(7).toInstant()))
                .optional();
    }

    Optional<ReceiptRow> byReceipt(byte[] receiptLookup) {
        return jdbc.sql("SELECT id, organization_id, receipt_salt, receipt_key FROM report WHERE receipt_lookup = ?")
                .param(receiptLookup)
                .query((rs, i) -> new ReceiptRow(
                        new ReportId(rs.getObject(1, UUID.class)),
                        new OrganizationId(rs.getObject(2, UUID.class)),
                        rs.getBytes(3),
                        rs.getBytes(4)))
                .optional();
    }

    /** Wraps {@code key} to each recipient and stores the grants in one batch. */
    void grant(ReportId report, OrganizationId organization, ContentKey key, List<Recipient> recipients) {
        var now = Timestamp.from(clock.instant());
        var rows = new ArrayList<Object[]>(recipients.size());
        for (var recipient : recipients) {
            rows.add(new Object[] {
                report.value(),
                recipient.id().value(),
                organization.value(),
                recipient.publicKey().grant(key, grantContext(report, recipient.id())),
                now
            });
        }
        batch.batchUpdate("""
                INSERT INTO key_grant (report_id, staff_id, organization_id, wrapped_key, granted_at)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT (report_id, staff_id) DO NOTHING""", rows);
    }

    Optional<byte[]> grantOf(ReportId report, StaffId staff, OrganizationId organization) {
        return jdbc.sql(
                        "SELECT wrapped_key FROM key_grant WHERE report_id = ? AND staff_id = ? AND organization_id = ?")
                .params(report.value(), staff.value(), organization.value())
                .query(byte[].class)
                .optional();
    }

    boolean deleteGrant(ReportId report, StaffId staff, OrganizationId organization) {
        return jdbc.sql("DELETE FROM key_grant WHERE report_id = ? AND staff_id = ? AND organization_id = ?")
                        .params(report.value(), staff.value(), organization.value())
                        .update()
                > 0;
    }

    int deleteGrantsOf(StaffId staff, OrganizationId organization) {
        return jdbc.sql("DELETE FROM key_grant WHERE staff_id = ? AND organization_id = ?")
                .params(staff.value(), organization.value())
                .update();
    }

    List<StaffId> holders(ReportId report, OrganizationId organization) {
        return jdbc.sql(
                        "SELECT staff_id FROM key_grant WHERE report_id = ? AND organization_id = ? ORDER BY granted_at, staff_id")
                .params(report.value(), organization.value())
                .query((rs, i) -> new StaffId(rs.getObject(1, UUID.class)))
                .list();
    }

    Set<ReportId> heldAmong(StaffId staff, OrganizationId organization, Collection<ReportId> among) {
        return Set.copyOf(jdbc.sql(
                        "SELECT report_id FROM key_grant WHERE staff_id = ? AND organization_id = ? AND report_id = ANY(?)")
                .params(
                        staff.value(),
                        organization.value(),
                        among.stream().map(ReportId::value).toArray(UUID[]::new))
                .query((rs, i) -> new ReportId(rs.getObject(1, UUID.class)))
                .list());
    }

    /** Stores attachment rows for files already sealed into the blob store; they are no longer pending. */
    void insertAttachments(ReportKey key, @Nullable UUID message, List<Upload.StoredFile> files) {
        pending.forget(files.stream().map(Upload.StoredFile::blobKey).toList());
        var report = key.report();
        for (var file : files) {
            var meta = new Meta(file.name(), file.contentType(), file.size(), file.removed(), file.note());
            jdbc.sql("""
                    INSERT INTO attachment (id, report_id, organization_id, message_id, question_key, blob_key,
                                            sealed_file_key, sealed_meta, size_bytes, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(
                            file.id(),
                            report.value(),
                            key.organization().value(),
                            message,
                            message == null ? questionKey(file.field()) : null,
                            file.blobKey(),
                            file.key().sealUnder(key.contentKey(), attachmentKeyContext(report, file.id())),
                            key.contentKey()
                                    .seal(JSON.writeValueAsBytes(meta), attachmentMetaContext(report, file.id())),
                            file.size(),
                            Timestamp.from(clock.instant()))
                    .update();
        }
    }

    List<AttachmentRow> attachments(ReportId report) {
        return jdbc.sql("""
                SELECT id, message_id, blob_key, sealed_file_key, sealed_meta, question_key FROM attachment
                WHERE report_id = ? ORDER BY seq""")
                .param(report.value())
                .query(SealedReports::attachment)
                .list();
    }

    Optional<AttachmentRow> attachment(ReportId report, UUID attachment) {
        return jdbc.sql("""
                SELECT id, message_id, blob_key, sealed_file_key, sealed_meta, question_key FROM attachment
                WHERE report_id = ? AND id = ?""")
                .params(report.value(), attachment)
                .query(SealedReports::attachment)
                .optional();
    }

    byte[] sealAnswers(ContentKey key, ReportId report, Map<String, List<String>> answers) {
        return key.sealPadded(JSON.writeValueAsBytes(new Answers(answers)), answersContext(report));
    }

    Map<String, List<String>> openAnswers(ReportKey key, byte[] sealed) {
        return JSON.readValue(key.open(ANSWERS, sealed), Answers.class).values();
    }

    Report.Attachment describe(ReportKey key, AttachmentRow row) {
        var meta = JSON.readValue(
                key.contentKey().open(row.sealedMeta(), attachmentMetaContext(key.report(), row.id())), Meta.class);
        return new Report.Attachment(
                row.id(),
                meta.name(),
                meta.contentType(),
                meta.size(),
                row.questionKey(),
                meta.removed() == null ? List.of() : meta.removed(),
                meta.note());
    }

    Report.OpenedAttachment open(ReportKey key, AttachmentRow row) {
        var described = describe(key, row);
        var fileKey = FileKey.open(row.sealedFileKey(), key.contentKey(), attachmentKeyContext(key.report(), row.id()));
        try {
            return new Report.OpenedAttachment(
                    described, fileKey.decrypting(blobs.read(row.blobKey()), fileContext(row.id())));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read an attachment", e);
        }
    }

    private static String answersContext(ReportId report) {
        return "report:" + report + ":" + ANSWERS;
    }

    private static AttachmentRow attachment(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new AttachmentRow(
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                rs.getString(3),
                rs.getBytes(4),
                rs.getBytes(5),
                rs.getString(6));
    }

    private static @Nullable String questionKey(String field) {
        return field.startsWith("files.") ? field.substring(6) : null;
    }
}
