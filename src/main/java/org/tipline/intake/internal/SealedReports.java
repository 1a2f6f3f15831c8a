package org.tipline.intake.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.tipline.accounts.OrganizationId;
import org.tipline.accounts.StaffId;
import org.tipline.blobs.BlobStore;
import org.tipline.crypto.ContentKey;
import org.tipline.crypto.FileKey;
import org.tipline.intake.ReportId;
import org.tipline.intake.ReportThread;
import org.tipline.intake.Upload;
import org.tipline.intake.Uploads;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes the sealed parts of a report with its key in hand: answers, messages,
 * attachments. Each ciphertext is bound to its row by its context (CRYPTO.md).
 */
@Component
public class SealedReports {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final BlobStore blobs;
    private final Clock clock;

    SealedReports(JdbcClient jdbc, BlobStore blobs, Clock clock) {
        this.jdbc = jdbc;
        this.blobs = blobs;
        this.clock = clock;
    }

    /** The answers as sealed: plain JSON inside, padded to 1 KiB steps. */
    public record Answers(Map<String, List<String>> values) {}

    public static String answersContext(ReportId report) {
        return "report:" + report + ":answers";
    }

    public static String grantContext(ReportId report, StaffId staff) {
        return "report:" + report + ":grant:" + staff;
    }

    public static String receiptContext(ReportId report) {
        return "report:" + report + ":receipt";
    }

    static String messageContext(ReportId report, UUID message) {
        return "report:" + report + ":message:" + message;
    }

    static String attachmentKeyContext(ReportId report, UUID attachment) {
        return "report:" + report + ":attachment:" + attachment + ":key";
    }

    static String attachmentMetaContext(ReportId report, UUID attachment) {
        return "report:" + report + ":attachment:" + attachment + ":meta";
    }

    /** Seals answers for storage. */
    public byte[] sealAnswers(ContentKey key, ReportId report, Map<String, List<String>> answers) {
        return key.sealPadded(JSON.writeValueAsBytes(new Answers(answers)), answersContext(report));
    }

    /** Stores a message and its attachments; returns the message id. */
    public UUID addMessage(
            ContentKey key,
            ReportId report,
            OrganizationId organization,
            boolean fromReporter,
            @Nullable StaffId staff,
            String body,
            List<Upload.StoredFile> files) {
        var id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO message (id, report_id, organization_id, author, staff_id, sealed_body, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        id,
                        report.value(),
                        organization.value(),
                        fromReporter ? "REPORTER" : "STAFF",
                        staff == null ? null : staff.value(),
                        key.sealPadded(
                                body.getBytes(java.nio.charset.StandardCharsets.UTF_8), messageContext(report, id)),
                        Timestamp.from(clock.instant()))
                .update();
        addAttachments(key, report, organization, id, files);
        return id;
    }

    /** Stores attachment rows for files already sealed into the blob store. */
    public void addAttachments(
            ContentKey key,
            ReportId report,
            OrganizationId organization,
            @Nullable UUID message,
            List<Upload.StoredFile> files) {
        for (var file : files) {
            var meta = new Meta(file.name(), file.contentType(), file.size());
            jdbc.sql("""
                    INSERT INTO attachment (id, report_id, organization_id, message_id, question_key, blob_key,
                                            sealed_file_key, sealed_meta, size_bytes, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(
                            file.id(),
                            report.value(),
                            organization.value(),
                            message,
                            message == null ? questionKey(file.field()) : null,
                            file.blobKey(),
                            file.key().sealUnder(key, attachmentKeyContext(report, file.id())),
                            key.seal(JSON.writeValueAsBytes(meta), attachmentMetaContext(report, file.id())),
                            file.size(),
                            Timestamp.from(clock.instant()))
                    .update();
        }
    }

    /** Opens everything of a report with its key. */
    public ReportThread.Content open(ContentKey key, ReportId report) {
        var row = jdbc.sql("""
                SELECT channel_id, questionnaire_version, category, sealed_answers, status, received_at
                FROM report WHERE id = ?""")
                .param(report.value())
                .query((rs, i) -> new Object[] {
                    rs.getObject(1, UUID.class),
                    rs.getInt(2),
                    rs.getString(3),
                    rs.getBytes(4),
                    rs.getString(5),
                    rs.getTimestamp(6).toInstant()
                })
                .optional()
                .orElseThrow(() -> new NoSuchElementException("No such report"));
        var answers = JSON.readValue(key.openPadded((byte[]) row[3], answersContext(report)), Answers.class);
        var attachments = attachments(key, report);
        var byMessage = new HashMap<UUID, List<ReportThread.Attachment>>();
        var onReport = new ArrayList<ReportThread.Attachment>();
        for (var entry : attachments) {
            if (entry.message() == null) {
                onReport.add(entry.attachment());
            } else {
                byMessage
                        .computeIfAbsent(entry.message(), k -> new ArrayList<>())
                        .add(entry.attachment());
            }
        }
        var messages = jdbc.sql("""
                SELECT m.id, m.author, s.display_name, m.sealed_body, m.created_at FROM message m
                LEFT JOIN staff s ON s.id = m.staff_id
                WHERE m.report_id = ? ORDER BY m.seq""")
                .param(report.value())
                .query((rs, i) -> {
                    var id = rs.getObject(1, UUID.class);
                    var body = new String(
                            key.openPadded(rs.getBytes(4), messageContext(report, id)),
                            java.nio.charset.StandardCharsets.UTF_8);
                    var fromReporter = "REPORTER".equals(rs.getString(2));
                    return new ReportThread.Message(
                            id,
                            fromReporter,
                            fromReporter ? null : rs.getString(3),
                            body,
                            rs.getTimestamp(5).toInstant(),
                            byMessage.getOrDefault(id, List.of()));
                })
                .list();
        return new ReportThread.Content(
                report,
                (UUID) row[0],
                (Integer) row[1],
                (String) row[2],
                answers.values(),
                onReport,
                messages,
                (String) row[4],
                (java.time.Instant) row[5]);
    }

    /** Opens one attachment of a report as a stream of plaintext. */
    public ReportThread.OpenedAttachment openAttachment(ContentKey key, ReportId report, UUID attachment) {
        var row = jdbc.sql("""
                SELECT blob_key, sealed_file_key, sealed_meta, question_key FROM attachment WHERE id = ? AND report_id = ?""")
                .params(attachment, report.value())
                .query((rs, i) -> new Object[] {rs.getString(1), rs.getBytes(2), rs.getBytes(3), rs.getString(4)})
                .optional()
                .orElseThrow(() -> new NoSuchElementException("No such attachment"));
        var meta = JSON.readValue(key.open((byte[]) row[2], attachmentMetaContext(report, attachment)), Meta.class);
        var fileKey = FileKey.open((byte[]) row[1], key, attachmentKeyContext(report, attachment));
        try {
            var stream = fileKey.decrypting(blobs.read((String) row[0]), Uploads.fileContext(attachment));
            return new ReportThread.OpenedAttachment(
                    new ReportThread.Attachment(
                            attachment, meta.name(), meta.contentType(), meta.size(), (String) row[3]),
                    stream);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read an attachment", e);
        }
    }

    private List<Located> attachments(ContentKey key, ReportId report) {
        return jdbc.sql("""
                SELECT id, message_id, sealed_meta, question_key FROM attachment WHERE report_id = ? ORDER BY seq""")
                .param(report.value())
                .query((rs, i) -> {
                    var id = rs.getObject(1, UUID.class);
                    var meta = JSON.readValue(key.open(rs.getBytes(3), attachmentMetaContext(report, id)), Meta.class);
                    return new Located(
                            rs.getObject(2, UUID.class),
                            new ReportThread.Attachment(
                                    id, meta.name(), meta.contentType(), meta.size(), rs.getString(4)));
                })
                .list();
    }

    private static @Nullable String questionKey(String field) {
        return field.startsWith("files.") ? field.substring(6) : null;
    }

    record Meta(String name, String contentType, long size) {}

    private record Located(@Nullable UUID message, ReportThread.Attachment attachment) {}
}
