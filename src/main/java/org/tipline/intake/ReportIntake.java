package org.tipline.intake;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tipline.accounts.Recipient;
import org.tipline.accounts.StaffDirectory;
import org.tipline.audit.Actor;
import org.tipline.audit.AuditLog;
import org.tipline.channels.Channel;
import org.tipline.channels.QuestionType;
import org.tipline.crypto.Receipt;
import org.tipline.identity.Identities;
import org.tipline.mailbox.Mailbox;
import org.tipline.reports.ReportId;
import org.tipline.reports.Reports;
import org.tipline.reports.Upload;
import org.tipline.shared.InvalidInput;

/**
 * Receives reports: checks them against the channel's questionnaire, has reports seal and store
 * them for the channel's recipients, opens the reporter's mailbox, all in one transaction, and
 * returns the receipt to be shown once.
 */
@Service
public class ReportIntake {

    private final StaffDirectory staff;
    private final Reports reports;
    private final Mailbox mailbox;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final SubmitOnce once;
    private final Identities identities;

    ReportIntake(
            StaffDirectory staff,
            Reports reports,
            Mailbox mailbox,
            AuditLog audit,
            ApplicationEventPublisher events,
            SubmitOnce once,
            Identities identities) {
        this.identities = identities;
        this.once = once;
        this.staff = staff;
        this.reports = reports;
        this.mailbox = mailbox;
        this.audit = audit;
        this.events = events;
    }

    /**
     * A stored report and its receipt, to be shown once; for a form, also the address of the page
     * that shows it (after the redirect).
     */
    public record Submitted(
            ReportId report, Receipt receipt, @Nullable String pickup) {
        @Override
        public String toString() {
            return "ReportIntake.Submitted[report=" + report + "]";
        }
    }

    /**
     * Stores a report on {@code channel} with {@code answers} and the files of {@code upload}; the
     * files are kept only if it commits.
     *
     * @param campaign the campaign whose link led here, if any; counted, never tied to the reporter
     * @param guard the form token or idempotency key that makes this the only submission of its kind
     * @throws AlreadySubmitted if {@code guard} was spent; nothing is stored
     * @throws InvalidInput if the answers do not satisfy the questionnaire
     * @throws ChannelUnavailable if no recipient could read the report
     * @throws org.tipline.shared.TamperingDetected if a recipient's key or the channel's recipient set
     *     does not carry the tag Tipline wrote; nothing is stored
     * @see ReportSubmitted
     */
    @Transactional
    public Submitted submit(
            Channel channel,
            Map<String, List<String>> answers,
            @Nullable String category,
            @Nullable CampaignCode campaign,
            Upload upload,
            SubmitOnce.@Nullable Guard guard) {
        return submit(channel, answers, category, campaign, upload, guard, false);
    }

    /**
     * Stores a report as {@link #submit(Channel, Map, String, CampaignCode, Upload,
     * SubmitOnce.Guard)} does; with {@code openIdentity} the reporter reports openly: their answers
     * to identity questions stay with the report, for the people who handle it, instead of going to
     * the vault.
     */
    @Transactional
    public Submitted submit(
            Channel channel,
            Map<String, List<String>> answers,
            @Nullable String category,
            @Nullable CampaignCode campaign,
            Upload upload,
            SubmitOnce.@Nullable Guard guard,
            boolean openIdentity) {
        upload.keepOnlyIfCommitted();
        if (guard != null) {
            once.claim(guard);
        }
        var clean = channel.questionnaire().check(answers, category, filesPerQuestion(channel, upload));
        var recipients = staff.recipients(
                channel.organizationId(),
                channel.recipientsFor(category == null || category.isBlank() ? null : category, clean));
        if (recipients.isEmpty()) {
            throw new ChannelUnavailable();
        }
        // answers to identity questions go to the vault, never with the report, unless the
        // reporter reports openly
        var identity = openIdentity
                ? Map.<String, List<String>>of()
                : channel.questionnaire().identityAnswers(clean);
        var sealedWithReport = new java.util.LinkedHashMap<>(clean);
        identity.keySet().forEach(sealedWithReport::remove);
        var filed = reports.file(new Reports.Filing(
                channel.organizationId(),
                channel.id(),
                channel.questionnaireVersion(),
                category == null || category.isBlank() ? null : category,
                sealedWithReport,
                channel.receiptFormat(),
                recipients,
                upload));
        if (!identity.isEmpty()) {
            identities.keep(channel.organizationId(), filed.report(), identity);
        }
        mailbox.create(filed.report(), channel.organizationId());
        audit.record(channel.organizationId(), Actor.REPORTER, new IntakeAudit.Submitted(filed.report()));
        events.publishEvent(new ReportSubmitted(
                filed.report(),
                channel.organizationId(),
                channel.id(),
                filed.receivedAt(),
                recipients.stream().map(Recipient::id).toList(),
                channel.policyProfile(),
                category == null || category.isBlank() ? null : category,
                campaign));
        String pickup = null;
        if (guard instanceof SubmitOnce.FormToken) {
            pickup = once.openPickup(filed.receipt());
            once.complete(guard, pickup);
        } else if (guard != null) {
            once.complete(guard, filed.receipt().display());
        }
        return new Submitted(filed.report(), filed.receipt(), pickup);
    }

    /** Counts the files per file question; a file under any other name is refused. */
    private static Map<String, Integer> filesPerQuestion(Channel channel, Upload upload) {
        var counts = new HashMap<String, Integer>();
        for (var file : upload.files()) {
            var key = file.field().startsWith("files.") ? file.field().substring(6) : "";
            var question = channel.questionnaire().question(key);
            if (question.isEmpty() || question.get().type() != QuestionType.FILES) {
                throw new InvalidInput(Map.of("files", "error.files.unexpected"));
            }
            counts.merge(key, 1, Integer::sum);
        }
        return counts;
    }
}
