package org.tipline.intake;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tipline.accounts.StaffDirectory;
import org.tipline.audit.AuditLog;
import org.tipline.channels.Channel;
import org.tipline.channels.QuestionType;
import org.tipline.crypto.ContentKey;
import org.tipline.crypto.Randomness;
import org.tipline.crypto.Receipt;
import org.tipline.crypto.ServerSecrets;
import org.tipline.intake.internal.SealedReports;
import org.tipline.shared.InvalidInput;

/**
 * Receives reports: checks them against the channel's questionnaire, seals them with a fresh
 * report key, grants that key to the channel's recipients and to the receipt, and stores report,
 * grants and attachments in one transaction.
 *
 * <p>Implementation notes (CRYPTO.md, keys 3–6): the report key seals the answers (padded to
 * 1 KiB steps) and each attachment's own streaming key and metadata. It is wrapped with HPKE to
 * every active recipient, and under HKDF(receipt, per-report salt). Only HMAC(pepper, receipt) is
 * stored, for lookup. The receipt is returned once and kept nowhere.
 */
@Service
public class ReportIntake {

    private final JdbcClient jdbc;
    private final org.springframework.jdbc.core.JdbcTemplate jdbcTemplate;
    private final StaffDirectory staff;
    private final ServerSecrets secrets;
    private final SealedReports sealed;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ReportIntake(
            JdbcClient jdbc,
            org.springframework.jdbc.core.JdbcTemplate jdbcTemplate,
            StaffDirectory staff,
            ServerSecrets secrets,
            SealedReports sealed,
            AuditLog audit,
            ApplicationEventPublisher events,
            Clock clock) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.staff = staff;
        this.secrets = secrets;
        this.sealed = sealed;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** A stored report and its receipt, to be shown once. */
    public record Submitted(ReportId report, Receipt receipt) {
        @Override
        public String toString() {
            return "ReportIntake.Submitted[report=" + report + "]";
        }
    }

    /** Thrown when a channel has no active recipient, so that a report could not be read by anyone. */
    public static final class ChannelUnavailable extends RuntimeException {
        ChannelUnavailable() {
            super("The channel has no active recipient");
        }
    }

    /**
     * Stores a report on {@code channel} with {@code answers} and the files of {@code upload}.
     * The caller discards the upload if this throws.
     *
     * @throws InvalidInput if the answers do not satisfy the questionnaire
     * @throws ChannelUnavailable if no recipient could read the report
     * @see ReportSubmitted
     */
    @Transactional
    public Submitted submit(
            Channel channel, Map<String, List<String>> answers, @Nullable String category, Upload upload) {
        var questionnaire = channel.questionnaire();
        var filesPerQuestion = new HashMap<String, Integer>();
        for (var file : upload.files()) {
            var key = file.field().startsWith("files.") ? file.field().substring(6) : "";
            var question = questionnaire.question(key);
            if (question.isEmpty() || question.get().type() != QuestionType.FILES) {
                throw new InvalidInput(Map.of("files", "error.files.unexpected"));
            }
            filesPerQuestion.merge(key, 1, Integer::sum);
        }
        var clean = questionnaire.check(answers, category, filesPerQuestion);
        var recipients = staff.members(channel.organizationId(), channel.recipients());
        if (recipients.isEmpty()) {
            throw new ChannelUnavailable();
        }

        var report = ReportId.random();
        var reportKey = ContentKey.generate();
        var receipt = Receipt.generate(channel.receiptFormat());
        var salt = Randomness.bytes(16);
        var now = Timestamp.from(clock.instant());
        jdbc.sql("""
                INSERT INTO report (id, organization_id, channel_id, questionnaire_version, category, receipt_lookup,
                                    receipt_salt, receipt_key, sealed_answers, status, received_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'RECEIVED', ?, ?)""")
                .params(
                        report.value(),
                        channel.organizationId().value(),
                        channel.id().value(),
                        channel.questionnaireVersion(),
                        category == null || category.isBlank() ? null : category,
                        secrets.receiptLookup(receipt),
                        salt,
                        receipt.deriveKey(salt).wrap(reportKey, SealedReports.receiptContext(report)),
                        sealed.sealAnswers(reportKey, report, clean),
                        now,
                        now)
                .update();
        var grants = new java.util.ArrayList<Object[]>(recipients.size());
        for (var recipient : recipients) {
            grants.add(new Object[] {
                report.value(),
                recipient.id().value(),
                channel.organizationId().value(),
                recipient.publicKey().grant(reportKey, SealedReports.grantContext(report, recipient.id())),
                now
            });
        }
        jdbcTemplate.batchUpdate("""
                INSERT INTO key_grant (report_id, staff_id, organization_id, wrapped_key, granted_at)
                VALUES (?, ?, ?, ?, ?)""", grants);
        sealed.addAttachments(reportKey, report, channel.organizationId(), null, upload.files());
        audit.record(channel.organizationId().value(), "reporter", "report.submitted", report.subject());
        events.publishEvent(new ReportSubmitted(
                report,
                channel.organizationId(),
                channel.id(),
                now.toInstant(),
                recipients.stream().map(r -> r.id()).toList()));
        return new Submitted(report, receipt);
    }
}
